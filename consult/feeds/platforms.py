"""Which phone and browser a subscribe page is read on, from the User-Agent: pure functions.

The page's main action depends on it: iPhones subscribe with a webcal link, Android calendars take the
https address (most ignore webcal), and inside WeChat's browser nothing works until the page is opened in
the phone's own browser. A guess only: every variant still shows all the instructions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Brands by the words their browsers put in the User-Agent (Huawei and Honor phones also say HarmonyOS).
_BRANDS = (
    ("huawei", re.compile(r"huawei|honor|harmonyos|openharmony", re.IGNORECASE)),
    ("xiaomi", re.compile(r"xiaomi|redmi|miui|\bmi \d|poco", re.IGNORECASE)),
    ("oppo_vivo", re.compile(r"\boppo|oneplus|realme|\bvivo\b|iqoo", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class Platform:
    """What a page needs to know about the reader's device: its system, brand and in-app browser."""

    system: str  # "ios", "android" or "other" (computers and anything unknown)
    brand: str = ""  # "huawei", "xiaomi", "oppo_vivo" or "" (unknown, or an iPhone)
    wechat: bool = False  # WeChat's (or WeCom's) built-in browser
    wecom: bool = False  # WeCom (企业微信), a kind of WeChat browser

    @property
    def phone(self) -> bool:
        """True on an iPhone or an Android (or HarmonyOS) phone."""
        return self.system in ("ios", "android")


def platform_of(user_agent: str | None) -> Platform:
    """Return the Platform of a User-Agent header; an empty or unknown one is a computer ("other")."""
    agent = user_agent or ""
    wechat = "MicroMessenger" in agent
    wecom = wechat and "wxwork" in agent
    if re.search(r"iPhone|iPad|iPod", agent):
        return Platform("ios", "", wechat, wecom)
    brand = next((name for name, pattern in _BRANDS if pattern.search(agent)), "")
    if "Android" in agent or "HarmonyOS" in agent or "OpenHarmony" in agent:
        return Platform("android", brand, wechat, wecom)
    return Platform("other", "", wechat, wecom)
