"""The admins' token pages on a phone, 360 and 390 px wide (and on a desktop screen), in a real browser: the list
with the form, the form sent with problems, the page that shows a new token once, and the revoke confirmation.
The phone walk (tests/browser/test_phone_layout.py) logs in as staff, who get the 403 page here; this walks
them as an admin, with the walk's own checks (check_phone_page.js). It creates tokens of its own names in the
shared demo (nothing else reads them) and revokes none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser.conftest import TIMEOUT_MS
from tests.browser.test_phone_layout import PHONE_HEIGHT, PHONE_WIDTHS

CHECK_PAGE = (Path(__file__).parent / "check_phone_page.js").read_text(encoding="utf-8")
ADMIN_PASSWORD = "demo-admin-password"  # what conftest.py loads the demo with


def _problems(page, name: str, found: dict) -> None:
    phone = page.viewport_size["width"] < 640
    for problem in page.evaluate(CHECK_PAGE, phone)["problems"]:
        found.setdefault(problem, []).append(name)


@pytest.mark.parametrize("width", [*PHONE_WIDTHS, 1366])
def test_the_token_pages_fit_a_phone(browser, live_server, width):
    phone = width < 640
    context = browser.new_context(base_url=live_server, viewport={"width": width, "height": PHONE_HEIGHT},
                                  device_scale_factor=2, is_mobile=phone, has_touch=phone)
    context.set_default_timeout(TIMEOUT_MS)
    found: dict[str, list[str]] = {}
    try:
        page = context.new_page()
        page.goto("/login")
        page.locator("#username").fill("admin")
        page.locator("#password").fill(ADMIN_PASSWORD)
        page.locator("form.form [type=submit]").first.click()
        page.wait_for_url(re.compile(r"^(?!.*/login)"))

        page.goto("/settings/api-tokens")
        assert page.locator("table.api-tokens tbody tr").count() >= 3  # the demo's tokens
        _problems(page, "the list", found)

        page.locator("form.form [type=submit]").click()  # nothing filled in: the problems shown
        page.wait_for_load_state()
        assert page.locator(".has-error").count() >= 1
        _problems(page, "the form with problems", found)

        page.locator("#name").fill(f"机关大厅意见征集终端（{width}）")
        page.locator("input[name=scopes][value='sittings:read']").check()
        page.locator("input[name=scopes][value='opinions:write']").check()
        page.locator("form.form [type=submit]").click()
        page.wait_for_load_state()
        secret = page.locator("#token-secret").input_value()
        assert secret.startswith("cst_") and len(secret) == 47
        _problems(page, "the new token", found)

        page.goto("/settings/api-tokens")
        page.locator("table.api-tokens a.button.danger").first.click()
        page.wait_for_load_state()
        assert page.locator("input[name=confirmed]").count() == 1
        _problems(page, "the revoke confirmation", found)
    finally:
        context.close()
    assert not found, f"at {width}px: " + "; ".join(f"{problem} — on {', '.join(pages)}"
                                                   for problem, pages in found.items())
