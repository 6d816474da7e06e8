"""Subscribing on a phone, in a real browser: the main action fits the phone (webcal on an iPhone, the https
address on Android), the copy button copies the address, and WeChat's browser is told to open the page in the
phone's own browser. Each phone is a browser context with that phone's User-Agent at 390 px."""

from __future__ import annotations

import pytest

from tests.browser.conftest import TIMEOUT_MS

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Mobile/15E148 Safari/604.1")
HUAWEI = ("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 "
          "(KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36")
WECHAT_ANDROID = ("Mozilla/5.0 (Linux; Android 13; 2211133C Build/TKQ1.220905.001; wv) AppleWebKit/537.36 "
                  "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160117 "
                  "MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/4G")


@pytest.fixture
def phone(browser, live_server):
    """Return a function that opens a page of the live server in a 390 px context with a phone's User-Agent."""
    contexts = []

    def open_as(user_agent: str, path: str):
        context = browser.new_context(
            base_url=live_server, viewport={"width": 390, "height": 844}, user_agent=user_agent,
            is_mobile=True, has_touch=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _expect():
    from playwright.sync_api import expect

    return expect


def test_an_iphone_subscribes_with_the_calendar_link(phone):
    page = phone(IPHONE, "/feeds/all")
    main = page.locator("a.subscribe-main")
    _expect()(main).to_have_text("订阅到iPhone日历")
    assert main.get_attribute("href").startswith("webcal://")
    assert page.locator("details[open] summary").first.inner_text().startswith("iPhone")
    assert page.locator(".wechat-notice").count() == 0


def test_an_android_phone_gets_the_https_address_and_its_brand_steps_open(phone):
    page = phone(HUAWEI, "/feeds/all")
    main = page.locator("a.subscribe-main")
    assert main.get_attribute("href").startswith("http://")  # the https address in production; no webcal
    assert "华为" in page.locator("details[open] summary").first.inner_text()
    assert "webcal" not in page.locator("main").inner_text()


def test_the_copy_button_copies_the_address(phone):
    page = phone(HUAWEI, "/feeds/all")
    address = page.locator("#feed-url").input_value()
    button = page.get_by_role("button", name="复制地址")
    _expect()(button).to_be_visible()  # shown only when the script runs
    assert button.bounding_box()["height"] >= 44
    button.click()
    _expect()(page.locator(".copy-status")).to_have_text("已复制")
    assert page.evaluate("navigator.clipboard.readText()") == address


def test_wechat_says_how_to_open_the_page_in_the_browser_and_still_offers_the_copy(phone):
    page = phone(WECHAT_ANDROID, "/feeds/all")
    notice = page.locator(".wechat-notice")
    _expect()(notice).to_be_visible()
    assert "在浏览器打开" in notice.inner_text()
    assert page.locator("a.subscribe-main").count() == 0  # nothing that WeChat would swallow
    _expect()(page.get_by_role("button", name="复制地址")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
