"""The feed list, the subscribe pages, a member's own page and the staff panel."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import render_template_string

from consult.extensions import db
from tests import factories


def test_index_lists_the_feeds(client, world, auth):
    page = client.get("/feeds").get_data(as_text=True)
    assert "/feeds/all" in page
    assert "/feeds/organ/standing" in page and "常务委员会" in page
    assert "/feeds/organ/chair" in page
    assert "member’s page" not in page and "Staff:" not in page
    client.get("/lang/en")
    auth.login()
    assert "Staff:" in client.get("/feeds").get_data(as_text=True)


def test_inactive_organs_are_not_offered(client, world):
    world.chair.active = False
    db.session.commit()
    assert "/feeds/organ/chair" not in client.get("/feeds").get_data(as_text=True)


def test_subscribe_page_has_both_links_a_qr_code_and_instructions(client, world):
    client.get("/lang/en")
    page = client.get("/feeds/organ/standing").get_data(as_text=True)
    assert 'value="http://consult.test/feeds/organ/standing.ics"' in page
    assert 'href="webcal://consult.test/feeds/organ/standing.ics"' in page  # a computer: webcal first
    assert 'href="/feeds/download/organ/standing.ics"' in page
    assert "<svg" in page  # a computer: the QR code carries the page to a phone
    for client_name in ("iPhone", "Huawei", "Xiaomi", "OPPO and vivo", "Outlook", "Thunderbird", "Other phones"):
        assert client_name in page
    assert page.count("<details") == 7
    assert "Google" not in page  # not reachable in mainland China
    assert 'src="/static/js/copy-link.js"' in page and "onfocus" not in page and "<script>" not in page
    assert client.get("/feeds/organ/nobody").status_code == 404
    everything = client.get("/feeds/all").get_data(as_text=True)
    assert "webcal://consult.test/feeds/all.ics" in everything


def test_subscribe_page_in_chinese_by_default(client, world):
    response = client.get("/feeds/all")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "webcal://consult.test/feeds/all.ics" in page
    for word in ("华为", "小米", "OPPO", "URL导入", "日历订阅地址", "下载日历文件"):
        assert word in page, word
    for jargon in (">webcal", ".ics<", "https地址", "（.ics）"):
        assert jargon not in page, jargon


IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1"
XIAOMI = ("Mozilla/5.0 (Linux; U; Android 13; zh-cn; M2012K11AC Build/TKQ1.220829.002) AppleWebKit/537.36 "
          "Chrome/100.0 Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.5")
WECHAT_ANDROID = ("Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A; wv) AppleWebKit/537.36 Chrome/111.0 "
                  "Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230504 MicroMessenger/8.0.37.2380(0x2800255B) "
                  "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64")
WECOM_IPHONE = IPHONE + " MicroMessenger/8.0.40 wxwork/4.1.20"


def main_action(page: str) -> str | None:
    marker = 'class="button primary subscribe-main" href="'
    if marker not in page:
        return None
    return page.split(marker, 1)[1].split('"', 1)[0]


def test_the_main_action_follows_the_phone(client, world):
    iphone = client.get("/feeds/all", headers={"User-Agent": IPHONE})
    assert main_action(iphone.get_data(as_text=True)) == "webcal://consult.test/feeds/all.ics"
    assert "订阅到iPhone日历" in iphone.get_data(as_text=True)
    xiaomi = client.get("/feeds/all", headers={"User-Agent": XIAOMI}).get_data(as_text=True)
    assert main_action(xiaomi) == "http://consult.test/feeds/all.ics"
    assert "<svg" not in xiaomi  # no QR code to scan on the phone itself
    assert "<details open>\n    <summary>小米" in xiaomi
    for response in (iphone, client.get("/feeds/organ/standing")):
        assert "User-Agent" in response.headers["Vary"]


def test_inside_wechat_the_page_says_how_to_open_it_in_the_browser(client, world):
    plain = client.get("/feeds/all").get_data(as_text=True)
    assert "wechat-notice" not in plain
    android = client.get("/feeds/all", headers={"User-Agent": WECHAT_ANDROID}).get_data(as_text=True)
    assert "wechat-notice" in android
    assert android.index("wechat-notice") < android.index("<h1>")  # at the top
    assert "在浏览器打开" in android and "···" in android
    assert main_action(android) is None  # nothing inside WeChat subscribes
    assert 'class="button copy-link"' in android
    wecom = client.get(f"/my/{world.alice.access_token}", headers={"User-Agent": WECOM_IPHONE}).get_data(as_text=True)
    assert "wechat-notice" in wecom and "在Safari中打开" in wecom


def test_my_page_shows_coming_sittings_and_the_private_feed(client, world, clock):
    response = client.get(f"/my/{world.alice.access_token}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    page = response.get_data(as_text=True)
    assert "八届十二次常委会议：加强我区科技企业创新能力建设" in page
    assert "我区经济运行和财政收支情况" not in page  # Bob's sitting
    assert "草稿会议" not in page
    assert f"webcal://consult.test/feeds/member/{world.alice.feed_token}.ics" in page
    assert f"/feeds/download/member/{world.alice.feed_token}.ics" in page
    assert "<svg" in page  # on a computer: scan to open the page on the phone
    on_phone = client.get(f"/my/{world.alice.access_token}", headers={"User-Agent": IPHONE}).get_data(as_text=True)
    assert "<svg" not in on_phone  # never "scan your own screen"
    clock.now = datetime(2031, 1, 1, tzinfo=UTC)
    assert "八届十二次常委会议" not in client.get(f"/my/{world.alice.access_token}").get_data(as_text=True)
    assert client.get("/my/not-a-token").status_code == 404


def test_member_rotates_their_own_token_after_confirming(client, world):
    old = world.alice.feed_token
    unconfirmed = client.post(f"/my/{world.alice.access_token}/feed-token")
    assert unconfirmed.status_code == 400
    assert "请勾选确认" in unconfirmed.get_data(as_text=True)
    db.session.refresh(world.alice)
    assert world.alice.feed_token == old
    response = client.post(f"/my/{world.alice.access_token}/feed-token", data={"confirm": "y"})
    assert response.status_code == 302
    db.session.refresh(world.alice)
    assert world.alice.feed_token != old
    assert world.alice.feed_token_rotated_at == datetime(2030, 3, 1, 2, 0, tzinfo=UTC)
    assert client.get(f"/feeds/member/{old}.ics").status_code == 404
    page = client.get(f"/my/{world.alice.access_token}").get_data(as_text=True)
    assert world.alice.feed_token in page and old not in page
    assert client.post("/my/not-a-token/feed-token", data={"confirm": "y"}).status_code == 404


def test_reminder_choice_changes_only_that_members_feed(client, world):
    alice_url, bob_url = (f"/feeds/member/{m.feed_token}.ics" for m in (world.alice, world.bob))
    before = {url: client.get(url).headers["ETag"] for url in (alice_url, bob_url, "/feeds/all.ics")}
    assert b"BEGIN:VALARM" not in client.get(alice_url).data
    response = client.post(f"/my/{world.alice.access_token}/reminder", data={"reminder": "1d"})
    assert response.status_code == 302
    db.session.refresh(world.alice)
    assert world.alice.feed_reminder == "1d"
    assert "提前1天" in client.get(response.headers["Location"]).get_data(as_text=True)
    body = client.get(alice_url).data
    assert b"BEGIN:VALARM\r\nACTION:DISPLAY\r\n" in body and b"TRIGGER:-P1D\r\n" in body
    assert client.get(alice_url).headers["ETag"] != before[alice_url]
    for url in (bob_url, "/feeds/all.ics"):
        assert client.get(url).headers["ETag"] == before[url], url
        assert b"VALARM" not in client.get(url).data
    client.post(f"/my/{world.alice.access_token}/reminder", data={"reminder": "2h"})
    assert b"TRIGGER:-PT2H\r\n" in client.get(alice_url).data
    client.post(f"/my/{world.alice.access_token}/reminder", data={"reminder": ""})
    assert b"VALARM" not in client.get(alice_url).data


def test_reminder_form_refuses_bad_values_and_changes_nothing(client, world):
    client.post(f"/my/{world.alice.access_token}/reminder", data={"reminder": "2h"})
    for data in ({"reminder": "3w"}, {"reminder": "1d\x01"}, {}, {"reminder": "x" * 500}):
        response = client.post(f"/my/{world.alice.access_token}/reminder", data=data)
        assert response.status_code == 400, data
        assert "请从所列选项中选择" in response.get_data(as_text=True), data
        db.session.refresh(world.alice)
        assert world.alice.feed_reminder == "2h", data
    assert client.post("/my/not-a-token/reminder", data={"reminder": "1d"}).status_code == 404


def test_reminder_form_needs_a_csrf_token_when_csrf_is_on(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    response = client.post(f"/my/{world.alice.access_token}/reminder", data={"reminder": "1d"})
    assert response.status_code == 400
    db.session.refresh(world.alice)
    assert world.alice.feed_reminder == ""


def test_rotation_needs_a_csrf_token_when_csrf_is_on(app, client, world):
    app.config["WTF_CSRF_ENABLED"] = True
    old = world.alice.feed_token
    assert client.post(f"/my/{world.alice.access_token}/feed-token", data={"confirm": "y"}).status_code == 400
    db.session.refresh(world.alice)
    assert world.alice.feed_token == old


def test_staff_panel_shows_links_and_the_rotate_button(app, world):
    member = factories.member("赵六")
    with app.test_request_context("/members/1"):
        html = render_template_string('{% include "feeds/_member_feed_panel.html" %}', member=member)
    assert f"http://consult.test/my/{member.access_token}" in html
    assert f"http://consult.test/feeds/member/{member.feed_token}.ics" in html
    assert f'href="/members/{member.id}/feed-token/confirm"' in html  # the button leads to a confirmation
    assert "<svg" in html
