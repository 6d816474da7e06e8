"""The reader's device from the User-Agent: a table of real headers."""

from __future__ import annotations

import pytest

from consult.feeds.platforms import Platform, platform_of

CASES = [
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile/15E148 "
     "Safari/604.1", Platform("ios")),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 "
     "MicroMessenger/8.0.40(0x1800282a) NetType/WIFI Language/zh_CN", Platform("ios", wechat=True)),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 "
     "wxwork/4.1.20 MicroMessenger/7.0.1 Language/zh", Platform("ios", wechat=True, wecom=True)),
    ("Mozilla/5.0 (Linux; Android 12; NOH-AN00 Build/HUAWEINOH-AN00; wv) AppleWebKit/537.36 Chrome/99.0 "
     "Mobile Safari/537.36 HuaweiBrowser/14.0", Platform("android", "huawei")),
    ("Mozilla/5.0 (Phone; OpenHarmony 4.1) AppleWebKit/537.36 Chrome/114.0 Safari/537.36 ArkWeb/4.1 "
     "Mobile HuaweiBrowser/5.0", Platform("android", "huawei")),
    ("Mozilla/5.0 (Linux; U; Android 13; zh-cn; 22081212C Build/TKQ1) AppleWebKit/537.36 Chrome/100.0 "
     "Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.5", Platform("android", "xiaomi")),
    ("Mozilla/5.0 (Linux; Android 13; PHB110 Build/TP1A) AppleWebKit/537.36 Chrome/115.0 Mobile Safari/537.36 "
     "HeyTapBrowser/40.8 OPPO", Platform("android", "oppo_vivo")),
    ("Mozilla/5.0 (Linux; Android 13; V2183A; wv) AppleWebKit/537.36 Chrome/111.0 Mobile Safari/537.36 "
     "VivoBrowser/17.1 vivo", Platform("android", "oppo_vivo")),
    ("Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A; wv) AppleWebKit/537.36 Chrome/111.0 Mobile "
     "Safari/537.36 XWEB/5235 MMWEBSDK/20230504 MicroMessenger/8.0.37.2380(0x2800255B) WeChat/arm64 Weixin",
     Platform("android", "", wechat=True)),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36",
     Platform("other")),
    ("Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 Chrome/81.0 Safari/537.36 MicroMessenger/7.0.20 "
     "NetType/WIFI WindowsWechat", Platform("other", wechat=True)),
    ("", Platform("other")),
    (None, Platform("other")),
]


@pytest.mark.parametrize(("agent", "expected"), CASES)
def test_platform_of(agent, expected):
    assert platform_of(agent) == expected
    assert platform_of(agent).phone is (expected.system != "other")
