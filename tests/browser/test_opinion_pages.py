"""The member's opinion pages on a 360 px phone, as the author: the form of "write another", a failed send that
gives the text back, the confirmation and the edit page; with JavaScript the typed text survives a reload
until the server confirms it, and without JavaScript the form still sends."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.members.models import Member, Organ
from consult.opinions.models import Opinion

_CHECK_PAGE = (Path(__file__).parent / "check_phone_page.js").read_text(encoding="utf-8")
KEY = "browser-seed-key-0000001"


@pytest.fixture(scope="module")
def open_sitting(live_app):
    """A sitting starting in half an hour (opinions open with check-in), a member invited, one opinion of theirs;
    return (member's access token, sitting code, opinion id)."""
    from consult.committee import clock
    from consult.meetings.services import create_meeting, publish_meeting
    from consult.onsite.services import onsite_for
    from consult.opinions.services import give_opinion

    with live_app.app_context():
        member = db.session.scalars(select(Member).where(Member.role.is_(None)).order_by(Member.id)).first()
        organ = db.session.scalars(select(Organ).where(Organ.kind == "special_committee").order_by(Organ.id)).first()
        starts = clock.now().replace(second=0, microsecond=0) + timedelta(minutes=30)
        meeting = create_meeting(organ, "关于社区养老服务的对口协商", starts, starts + timedelta(hours=2),
                                 consultation_form="counterpart", location="区政协三楼会议室", invitees=[member],
                                 topics=["推进社区居家养老服务"])
        publish_meeting(meeting, now=clock.now(), confirm_late_notice=True)
        code = onsite_for(meeting.id).code
        opinion, _ = give_opinion(meeting_id=meeting.id, topic_id=meeting.topics[0].id, submission_key=KEY,
                                  text="建议增加社区助餐点。", named=True, now=clock.now(), member_id=member.id)
        db.session.commit()
        values = (member.access_token, code, opinion.id, meeting.id)
        db.session.remove()
    return values


def _problems(page) -> list[str]:
    return page.evaluate(_CHECK_PAGE, True)["problems"]


def _count(live_app, meeting_id: int) -> int:
    with live_app.app_context():
        count = db.session.scalar(select(func.count(Opinion.id)).where(Opinion.meeting_id == meeting_id))
        db.session.remove()
    return count


def test_opinion_pages_fit_a_phone_and_keep_the_text(browser, live_server, live_app, open_sitting):
    token, code, opinion_id, meeting_id = open_sitting
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(f"/my/{token}")
    assert "建议增加社区助餐点。" in page.content()
    confirmation = f"/m/{code}/opinions/{opinion_id}"
    page.goto(confirmation)
    assert _problems(page) == []
    box = page.locator("form.opinion-form textarea[name=text]")
    box.fill("建议为独居老人安装紧急呼叫设备。")
    page.reload()  # the connection dropped, the tab was closed: the text is still on the phone
    assert box.input_value() == "建议为独居老人安装紧急呼叫设备。"
    before = _count(live_app, meeting_id)
    page.locator("form.opinion-form button[type=submit]").click()
    page.wait_for_url(f"**/m/{code}/opinions/**")
    assert "建议为独居老人安装紧急呼叫设备。" in page.content() and _count(live_app, meeting_id) == before + 1
    assert _problems(page) == []
    page.goto(confirmation)
    assert page.locator("form.opinion-form textarea[name=text]").input_value() == ""  # confirmed: cleared
    # a send that fails gives the text back, on a page that fits the phone
    page.locator("form.opinion-form textarea[name=text]").fill("   ")
    page.locator("form.opinion-form button[type=submit]").click()
    page.wait_for_url(f"**/m/{code}/topics/**")
    page.locator("p.error").first.wait_for()
    page.wait_for_load_state("load")
    assert "只有空格不算意见" in page.content()
    assert _problems(page) == []
    page.goto(f"/m/{code}/opinions/{opinion_id}/edit")
    assert _problems(page) == []
    edit_box = page.locator("form.opinion-form textarea[name=text]")
    edit_box.fill("建议增加社区助餐点，并提供送餐上门。")
    page.reload()  # an edit typed and not yet saved is kept too
    assert edit_box.input_value() == "建议增加社区助餐点，并提供送餐上门。"
    page.locator("form.opinion-form button[type=submit]").click()
    page.wait_for_url(f"**/m/{code}/opinions/{opinion_id}?**")
    page.goto(f"/m/{code}/opinions/{opinion_id}/edit")
    assert edit_box.input_value() == "建议增加社区助餐点，并提供送餐上门。"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('consult.opinion-draft:'))") == []
    context.close()


def test_the_form_works_without_javascript(browser, live_server, live_app, open_sitting):
    token, code, opinion_id, meeting_id = open_sitting
    context = browser.new_context(base_url=live_server, viewport={"width": 360, "height": 800},
                                  java_script_enabled=False)
    page = context.new_page()
    page.goto(f"/my/{token}")
    page.goto(f"/m/{code}/opinions/{opinion_id}")
    before = _count(live_app, meeting_id)
    page.locator("form.opinion-form textarea[name=text]").fill("不开脚本也能提交。")
    page.locator("form.opinion-form button[type=submit]").click()
    page.wait_for_url(f"**/m/{code}/opinions/**")
    assert "不开脚本也能提交。" in page.content() and _count(live_app, meeting_id) == before + 1
    context.close()
