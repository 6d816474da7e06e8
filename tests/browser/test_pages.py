"""What a person sees in headless Chromium: planning a sitting, a refused form, phone-sized pages,
the language switch and a feed's subscribe page. The interface is Chinese unless the person switches."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from consult.meetings.models import Meeting
from consult.meetings.services import default_invitees
from consult.members.models import Member, Organ


def _expect():
    from playwright.sync_api import expect

    return expect


def _next_year() -> int:
    return datetime.now(ZoneInfo("Asia/Shanghai")).year + 1


def _organ(session, slug: str) -> Organ:
    return session.scalars(select(Organ).where(Organ.slug == slug)).one()


def _ticked(page) -> set[int]:
    return {
        int(v)
        for v in page.locator("#invitees input[name=invitee_ids]:checked").evaluate_all(
            "inputs => inputs.map(i => i.value)"
        )
    }


def _fill_sitting(page, *, title: str, day: str, start: str, end: str, location: str) -> None:
    page.get_by_label("标题", exact=True).fill(title)
    page.get_by_label("日期", exact=True).fill(day)
    page.get_by_label("开始时间", exact=True).fill(start)
    page.get_by_label("结束时间", exact=True).fill(end)
    page.get_by_label("地点", exact=True).fill(location)


def test_staff_plan_a_sitting_through_the_form(staff_page, db_session):
    expect = _expect()
    page = staff_page
    standing, chair = _organ(db_session, "standing-committee"), _organ(db_session, "chair-meeting")
    standing_ids = {m.id for m in default_invitees(standing)}
    chair_ids = {m.id for m in default_invitees(chair)}
    assert chair_ids and standing_ids > chair_ids  # the organs invite different people, so re-ticking shows

    page.get_by_role("link", name="会议活动", exact=True).click()
    page.get_by_role("link", name="新建会议活动").click()
    expect(page).to_have_url(re.compile(r"/meetings/new$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("新建会议活动")

    # The form opens on the first organ with its default invitees ticked.
    organ = page.get_by_label("组织机构", exact=True)
    first = db_session.get(Organ, int(organ.input_value()))
    first_ids = {m.id for m in default_invitees(first)}
    assert first_ids != standing_ids
    expect(page.locator("#invitee-count")).to_have_text(str(len(first_ids)))
    assert _ticked(page) == first_ids

    organ.select_option(label=standing.name)
    expect(page.locator("#invitee-count")).to_have_text(str(len(standing_ids)))
    assert _ticked(page) == standing_ids
    organ.select_option(label=chair.name)
    expect(page.locator("#invitee-count")).to_have_text(str(len(chair_ids)))
    assert _ticked(page) == chair_ids
    organ.select_option(label=standing.name)
    expect(page.locator("#invitee-count")).to_have_text(str(len(standing_ids)))
    assert _ticked(page) == standing_ids

    # Unticking one person by hand updates the count; that person is not invited.
    dropped = page.locator("#invitees input[name=invitee_ids]:checked").first
    dropped_id = int(dropped.get_attribute("value"))
    dropped.uncheck()
    expect(page.locator("#invitee-count")).to_have_text(str(len(standing_ids) - 1))

    title = "浏览器测试：关于老旧小区改造的专题协商"
    _fill_sitting(
        page, title=title, day=f"{_next_year()}-11-17", start="14:30", end="17:00", location="区行政中心三楼会议室"
    )
    page.get_by_label("会议议程（每行一项，按先后顺序）").fill("听取区住建局情况通报\n委员协商发言")
    page.get_by_role("button", name="保存", exact=True).click()

    expect(page).to_have_url(re.compile(r"/meetings/\d+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    expect(page.locator("h1 .badge")).to_have_text("草稿")
    invited = page.locator("dl.facts dt", has_text="应到人数").locator("xpath=following-sibling::dd[1]")
    # 应到 is the standing committee's composition: unticking one member does not lower it.
    expect(invited).to_have_text(str(len(standing_ids)))
    expect(page.get_by_text("区行政中心三楼会议室")).to_be_visible()
    expect(page.get_by_text("委员协商发言", exact=True)).to_be_visible()  # the agenda (the upload form names it too)

    meeting = db_session.scalars(select(Meeting).where(Meeting.title == title)).one()
    assert meeting.status == "draft" and meeting.organ_id == standing.id
    assert {i.member_id for i in meeting.invitations} == standing_ids - {dropped_id}
    assert [t.title for t in sorted(meeting.topics, key=lambda t: t.position)] == [
        "听取区住建局情况通报",
        "委员协商发言",
    ]


def test_end_before_start_is_refused_next_to_the_field_and_keeps_what_was_typed(staff_page, db_session):
    expect = _expect()
    page = staff_page
    before = db_session.scalar(select(func.count()).select_from(Meeting))
    page.goto("/meetings/new")
    title, location = "浏览器测试：时间填反的会议", "区政协二楼会议室"
    _fill_sitting(page, title=title, day=f"{_next_year()}-11-18", start="15:00", end="09:00", location=location)
    page.get_by_role("button", name="保存", exact=True).click()

    end_field = page.locator(".field", has=page.locator("#end_time"))
    expect(end_field.locator(".error")).to_have_text("结束时间须晚于开始时间。")
    expect(end_field.locator(".error")).to_be_visible()
    expect(end_field).to_have_class(re.compile(r"\bhas-error\b"))
    expect(page.get_by_role("alert").first).to_be_visible()
    expect(page.get_by_label("标题", exact=True)).to_have_value(title)
    expect(page.get_by_label("地点", exact=True)).to_have_value(location)
    expect(page.get_by_label("开始时间", exact=True)).to_have_value("15:00")
    expect(page.get_by_label("结束时间", exact=True)).to_have_value("09:00")
    db_session.expire_all()
    assert db_session.scalar(select(func.count()).select_from(Meeting)) == before
    assert db_session.scalar(select(Meeting.id).where(Meeting.title == title)) is None


@pytest.fixture
def phone_page(context):
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    return page


def _phone_paths(session) -> list[str]:
    meeting = session.scalars(
        select(Meeting).where(Meeting.status.in_(("published", "held")), Meeting.visibility == "public")
        .order_by(Meeting.starts_at)
    ).first()
    year = datetime.now(ZoneInfo("Asia/Shanghai")).year
    member = session.scalars(select(Member).where(Member.role == "vice_chair").order_by(Member.id)).first()
    return [
        "/", f"/meetings/{meeting.id}", "/meetings/calendar", "/meetings", f"/plans/{year}",
        f"/my/{member.access_token}", "/feeds", "/feeds/all", "/members", "/organs",
    ]


def _assert_fits_a_phone(page, path: str) -> None:
    expect = _expect()
    response = page.goto(path)
    assert response is not None and response.ok, path
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.locator("nav.site-nav")).to_be_visible()
    expect(page.locator("nav.site-nav").get_by_role("link", name="日历", exact=True)).to_be_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] > widths[1]:
        culprits = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > limit)
                .slice(0, 5).map(el => el.tagName + '.' + el.className + ': ' + (el.textContent || '').slice(0, 40))""",
            widths[1],
        )
        raise AssertionError(f"{path} scrolls sideways on a phone: {widths[0]}px wide in {widths[1]}px; {culprits}")


def test_public_pages_fit_a_phone(phone_page, db_session):
    for path in _phone_paths(db_session):
        _assert_fits_a_phone(phone_page, path)


def test_staff_pages_fit_a_phone(staff_page, db_session):
    staff_page.set_viewport_size({"width": 390, "height": 844})
    for path in [*_phone_paths(db_session), "/meetings/new", "/members/import", "/plans/series/new", "/members/1"]:
        _assert_fits_a_phone(staff_page, path)


def test_language_switch(page):
    expect = _expect()
    page.goto("/meetings/calendar")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    nav = page.locator("nav.site-nav")
    expect(nav.get_by_role("link", name="日历", exact=True)).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/meetings/calendar$"))
    expect(nav.get_by_role("link", name="Calendar", exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Annual plan")).to_be_visible()
    expect(page.get_by_role("link", name="Staff login")).to_be_visible()

    page.get_by_role("link", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page).to_have_url(re.compile(r"/meetings/calendar$"))
    expect(nav.get_by_role("link", name="日历", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="工作人员登录")).to_be_visible()


def test_subscribe_page_of_every_sitting(page, live_server):
    expect = _expect()
    page.goto("/feeds")
    page.locator("a[href='/feeds/all']").first.click()
    expect(page).to_have_url(re.compile(r"/feeds/all$"))

    qr = page.locator(".subscribe-qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 100 and box["height"] >= 100  # big enough to scan
    feed = f"{live_server}/feeds/all.ics"
    webcal = "webcal://" + feed.split("://", 1)[1]
    expect(page.locator(f"a[href='{webcal}']").first).to_be_visible()
    expect(page.locator("#feed-url")).to_have_value(feed)

    response = page.request.get(page.locator("#feed-url").input_value())
    assert response.ok
    assert response.headers["content-type"].startswith("text/calendar")
    body = response.text()
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body
