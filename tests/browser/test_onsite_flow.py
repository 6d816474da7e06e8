"""At the sitting, on a phone 390×844 in Chromium: a member opens their personal link, scans the table's code
(/m/<code>), checks in, gives an opinion, the phone sends it twice, the member edits it, and staff see it once on
the opinion desk; a member without the link says who they are by name and phone digits; a guest gives an opinion
with name and organisation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.members.models import Member, Organ
from consult.onsite.models import AttendanceRecord
from consult.opinions.models import Opinion
from tests.browser.conftest import STAFF_PASSWORD, STAFF_USERNAME, TIMEOUT_MS

PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sitting(live_app):
    """A published sitting starting in half an hour (check-in open) with two topics and two invited members who
    have phone numbers; return its id, its code and the two members' (id, name, access token, phone)."""
    from consult.committee import clock
    from consult.meetings.services import create_meeting, publish_meeting
    from consult.onsite.services import onsite_for

    with live_app.app_context():
        people = db.session.scalars(
            select(Member).where(Member.role.is_(None), Member.active.is_(True), Member.phone != "").order_by(Member.id)
        ).all()[-2:]
        organ = db.session.scalars(select(Organ).where(Organ.kind == "special_committee").order_by(Organ.id)).first()
        starts = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=30)
        meeting = create_meeting(
            organ, "关于背街小巷环境整治的专题协商", starts, starts + timedelta(hours=2), consultation_form="thematic",
            location="区政协二楼会议室", invitees=people, topics=["背街小巷环境整治情况通报", "委员协商发言"],
        )
        publish_meeting(meeting, now=clock.now(), confirm_late_notice=True)
        code = onsite_for(meeting.id).code
        db.session.commit()
        values = {
            "id": meeting.id, "code": code,
            "members": [(m.id, m.name, m.access_token, m.phone) for m in people],
        }
        db.session.remove()
    return values


@pytest.fixture
def phone(browser, live_server):
    """Return a function that opens a new phone-sized browser (its own cookies) and returns its page."""
    contexts = []

    def new_phone():
        context = browser.new_context(base_url=live_server, viewport=PHONE, is_mobile=True, has_touch=True)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_phone
    for context in contexts:
        context.close()


def _expect():
    from playwright.sync_api import expect

    return expect


def _read(live_app, query):
    with live_app.app_context():
        rows = db.session.execute(query).all()
        db.session.remove()
    return rows


def _opinions(live_app, meeting_id: int):
    return _read(live_app, select(Opinion.member_id, Opinion.guest_name, Opinion.text, Opinion.status)
                 .where(Opinion.meeting_id == meeting_id).order_by(Opinion.id))


def _attendance(live_app, meeting_id: int, member_id: int):
    rows = _read(live_app, select(AttendanceRecord.status).where(
        AttendanceRecord.meeting_id == meeting_id, AttendanceRecord.member_id == member_id))
    return rows[0][0] if rows else None


def test_a_member_checks_in_gives_an_opinion_sent_twice_edits_it_and_staff_see_it_once(
    phone, browser, live_server, live_app, sitting
):
    expect = _expect()
    member_id, name, token, _phone = sitting["members"][0]
    page = phone()
    page.goto(f"/my/{token}")  # the personal link: from now on this phone knows the member
    page.goto(f"/m/{sitting['code']}")
    expect(page.locator(".onsite-who")).to_contain_text(name)
    page.get_by_role("button", name="签到", exact=True).click()
    expect(page.locator(".onsite-done")).to_be_visible()
    assert _attendance(live_app, sitting["id"], member_id) == "present"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    form = page.locator("form.opinion-form").first
    text = "建议对背街小巷实行“一巷一策”，由街道牵头、居民参与，整治后建立长效保洁机制。"
    form.locator("textarea[name=text]").fill(text)
    fields = {name: form.locator(f"input[name={name}]").input_value() for name in ("csrf_token", "submission_key")}
    action = form.get_attribute("action")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/m/\w+/opinions/\d+"))
    expect(page.locator("main")).to_contain_text(text)
    confirmation = page.url

    # The phone sends the same form again (a dropped connection, a double tap): the same opinion answers.
    again = page.request.post(action, form={**fields, "text": text, "named": "1"})
    assert again.ok and text in again.text()
    assert [row.text for row in _opinions(live_app, sitting["id"])] == [text]

    page.goto(confirmation)
    page.get_by_role("link", name="编辑", exact=True).first.click()
    edited = text + "建议把整治情况纳入街道年度考核。"
    page.locator("textarea[name=text]").fill(edited)
    page.locator("form.opinion-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("建议把整治情况纳入街道年度考核。")
    assert [row.text for row in _opinions(live_app, sitting["id"])] == [edited]

    staff = browser.new_context(base_url=live_server, viewport=PHONE)
    desk = staff.new_page()
    desk.goto("/login")
    desk.locator("#username").fill(STAFF_USERNAME)
    desk.locator("#password").fill(STAFF_PASSWORD)
    desk.locator("form.form button[type=submit], form.form input[type=submit]").first.click()
    desk.wait_for_url(re.compile(r"^(?!.*/login)"))
    desk.goto(f"/meetings/{sitting['id']}/opinions")
    expect(desk.get_by_text("建议把整治情况纳入街道年度考核。")).to_have_count(1)
    staff.close()


def test_a_member_without_the_link_says_who_they_are_and_a_guest_gives_an_opinion(phone, live_app, sitting):
    expect = _expect()
    member_id, name, _token, number = sitting["members"][1]
    page = phone()
    page.goto(f"/m/{sitting['code']}")
    page.locator(f"a[href$='/m/{sitting['code']}/identify']").first.click()
    page.locator("#member_id").select_option(value=str(member_id))
    wrong = "0000" if not number.endswith("0000") else "1111"
    page.locator("#phone_digits").fill(wrong)
    page.locator("form.onsite-identify button[type=submit]").click()
    expect(page.locator(".error").first).to_be_visible()  # wrong digits: said, and nobody is recognised
    page.locator("#member_id").select_option(value=str(member_id))
    page.locator("#phone_digits").fill(re.sub(r"\D", "", number)[-4:])
    page.locator("form.onsite-identify button[type=submit]").click()
    expect(page.locator(".onsite-who")).to_contain_text(name)
    page.get_by_role("button", name="签到", exact=True).click()
    expect(page.locator(".onsite-done")).to_be_visible()
    assert _attendance(live_app, sitting["id"], member_id) == "present"

    guest = phone()
    guest.goto(f"/m/{sitting['code']}")
    form = guest.locator("form.opinion-form").nth(1)
    form.locator("input[name=guest_name]").fill("陈立新")
    form.locator("input[name=guest_organisation]").fill("区城管局副局长")
    form.locator("textarea[name=text]").fill("城管部门将配合街道建立背街小巷巡查台账，欢迎委员监督。")
    form.locator("button[type=submit]").click()
    guest.wait_for_load_state()
    errors = guest.locator(".error").all_inner_texts()
    assert not errors, errors
    guest.wait_for_url(re.compile(r"/m/\w+/opinions/\d+"))
    rows = [row for row in _opinions(live_app, sitting["id"]) if row.guest_name]
    assert [(row.member_id, row.guest_name) for row in rows] == [(None, "陈立新")]
