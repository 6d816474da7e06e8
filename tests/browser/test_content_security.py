"""The Content-Security-Policy in Chromium: every script of the pages still works under it (the sitting form, the
copy button of the subscribe pages, the member's phone pages with the opinion draft, the staff's live attendance
panel), the browser refuses nothing on them, and the watch used here and in the phone walk does see a refusal.
A chart drawn by consult/charts.py keeps its own styles under the SVG policy."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.members.models import Member, Organ
from consult.security.headers import PAGE_POLICY, SVG_POLICY, add_security_headers
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.csp import CspWatch

PHONE = {"width": 390, "height": 844}


def _expect():
    from playwright.sync_api import expect

    return expect


@pytest.fixture(scope="module")
def sitting(live_app):
    """A published sitting starting in half an hour (check-in open) with one topic and one invited member with a
    phone number; return its id, its code and the member's personal-link token."""
    from consult.committee import clock
    from consult.meetings.services import create_meeting, publish_meeting
    from consult.onsite.services import onsite_for

    with live_app.app_context():
        person = db.session.scalars(
            select(Member).where(Member.role.is_(None), Member.active.is_(True), Member.phone != "").order_by(Member.id)
        ).first()
        organ = db.session.scalars(select(Organ).where(Organ.kind == "special_committee").order_by(Organ.id)).first()
        starts = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=30)
        meeting = create_meeting(
            organ, "关于城市书房建设的专题协商", starts, starts + timedelta(hours=2), consultation_form="thematic",
            location="区政协二楼会议室", invitees=[person], topics=["城市书房建设情况通报"],
        )
        publish_meeting(meeting, now=clock.now(), confirm_late_notice=True)
        values = {"id": meeting.id, "code": onsite_for(meeting.id).code, "token": person.access_token}
        db.session.commit()
        db.session.remove()
    return values


def _assert_strict_page(response) -> None:
    """The page was sent under the strict policy, so that nothing refused means the page needs nothing inline."""
    assert response is not None and response.headers.get("content-security-policy") == PAGE_POLICY


def test_the_watch_sees_inline_script_and_style_refused(page, live_server):
    """The check can fail: a page of this origin with an inline script and a style attribute, sent under the
    page policy, is reported."""
    response = add_security_headers(_html_response(
        "<!doctype html><title>t</title><p style='color: red'>x</p><script>document.title = 'ran'</script>"),
        https=False)
    page.route("**/csp-probe", lambda route: route.fulfill(
        status=200, body=response.get_data(), headers=dict(response.headers)))
    watch = CspWatch.of(page)
    page.goto("/csp-probe")
    refused = watch.take()
    assert page.title() == "t"  # the inline script did not run
    assert any("script-src" in line for line in refused), refused
    assert any("style-src" in line for line in refused), refused
    assert watch.take() == []


def _html_response(body: str):
    from flask import Response

    return Response(body, mimetype="text/html")


def test_the_sitting_form_script_works_under_the_policy(staff_page):
    expect, page = _expect(), staff_page
    watch = CspWatch.of(page)
    _assert_strict_page(page.goto("/meetings/new"))
    kind, assembly = page.locator("#sitting_kind"), page.locator("#assembly")
    leader = page.locator("label[for=presiding_member_id]")
    expect(assembly).to_be_hidden()  # a meeting: hidden by the script
    kind.select_option("inspection")
    expect(assembly).to_be_visible()
    expect(leader).to_have_text("带队")
    kind.select_option("meeting")
    expect(assembly).to_be_hidden()
    expect(leader).to_have_text("主持人")
    # Choosing another organ ticks its default invitees and counts them.
    organ = page.locator("#organ_id")
    counts = set()
    for value in organ.locator("option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")[:4]:
        organ.select_option(value)
        ticked = page.locator("#invitees input[name=invitee_ids]:checked").count()
        expect(page.locator("#invitee-count")).to_have_text(str(ticked))
        counts.add(ticked)
    assert len(counts) > 1, counts  # the organs invite different numbers of people, so the script did re-tick
    assert watch.take() == []


def test_the_subscribe_page_copy_button_works_under_the_policy(browser, live_server):
    expect = _expect()
    context = browser.new_context(base_url=live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    try:
        page = context.new_page()
        watch = CspWatch.of(page)
        _assert_strict_page(page.goto("/feeds/all"))
        button = page.locator("button.copy-link")
        expect(button).to_be_visible()  # hidden in the markup, shown by static/js/copy-link.js
        button.click()
        expect(page.locator(".copy-status")).to_have_text(re.compile(r"已复制|长按"))
        assert page.locator(".subscribe-qr svg").count() == 1  # the inline QR code drew under the policy
        assert watch.take() == []
    finally:
        context.close()


def test_a_members_phone_pages_work_under_the_policy(browser, live_server, sitting):
    """The personal page (copy button, QR code), the sitting's page on the phone, check-in, and an opinion typed
    (kept by static/js/opinion-draft.js) and sent."""
    expect = _expect()
    context = browser.new_context(base_url=live_server, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        watch = CspWatch.of(page)
        _assert_strict_page(page.goto(f"/my/{sitting['token']}"))
        expect(page.locator("button.copy-link").first).to_be_visible()
        _assert_strict_page(page.goto(f"/m/{sitting['code']}"))
        page.get_by_role("button", name="签到", exact=True).click()
        expect(page.locator(".onsite-done")).to_be_visible()
        form = page.locator("form.opinion-form").first
        text = "建议城市书房延长开放时间，并在节假日安排志愿者值守。"
        form.locator("textarea[name=text]").fill(text)
        # The draft script keeps what is typed in the phone's storage until the confirmation comes back.
        assert page.evaluate("() => Object.keys(localStorage).length") > 0
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/m/\w+/opinions/\d+"))
        expect(page.locator("main")).to_contain_text(text)
        assert watch.take() == []
    finally:
        context.close()


def test_the_attendance_panel_refreshes_under_the_policy(staff_page, sitting):
    """The panel's script fetches its live part from this site (connect-src 'self')."""
    page = staff_page
    watch = CspWatch.of(page)
    _assert_strict_page(page.goto(f"/meetings/{sitting['id']}/attendance"))
    live = page.locator("[data-live]").get_attribute("data-live")
    assert live
    with page.expect_response(lambda response: live in response.url, timeout=TIMEOUT_MS) as fetched:
        pass
    assert fetched.value.ok
    assert watch.take() == []


def test_a_chart_keeps_its_own_styles_under_the_svg_policy(page, live_server):
    """A pygal chart served as image/svg+xml with the SVG policy: its inner <style> applies, shown directly and
    through <img> on a page under the page policy."""
    from consult.charts import Series, bar_chart

    chart = bar_chart("出勤情况", ["一月", "二月"], [Series("出席", (3, 5))])
    svg = add_security_headers(_svg_response(chart), https=False)
    assert svg.headers["Content-Security-Policy"] == SVG_POLICY
    page.route("**/chart-probe.svg", lambda route: route.fulfill(
        status=200, body=svg.get_data(), headers=dict(svg.headers)))
    holder = add_security_headers(_html_response(
        "<!doctype html><title>chart</title><img src='/chart-probe.svg' alt='chart'>"), https=False)
    page.route("**/chart-probe", lambda route: route.fulfill(
        status=200, body=holder.get_data(), headers=dict(holder.headers)))
    watch = CspWatch.of(page)
    page.goto("/chart-probe.svg")
    title = page.locator("text.title").first
    assert title.evaluate("node => getComputedStyle(node).fontSize") == "18px"  # from the chart's own <style>
    page.goto("/chart-probe")
    page.wait_for_function("() => document.images[0].complete && document.images[0].naturalWidth > 0")
    assert watch.take() == []


def _svg_response(body: bytes):
    from flask import Response

    return Response(body, mimetype="image/svg+xml")
