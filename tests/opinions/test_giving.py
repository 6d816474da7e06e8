"""Members and guests give, edit and withdraw opinions; nothing sent is lost or stored twice."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consult.committee import get_committee
from consult.extensions import db
from consult.opinions import services
from consult.opinions.models import Opinion

KEY = "k" * 24


def _count() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Opinion.id)))


def _send(client, sitting, text="建议加快老旧小区加装电梯。", key=KEY, topic=None, **fields):
    data = {"text": text, "named": "1", "submission_key": key, **fields}
    return client.post(sitting.url(topic), data=data)


def test_a_member_gives_an_opinion_and_sees_the_confirmation(recognised, sitting):
    response = _send(recognised, sitting)
    assert response.status_code == 303
    page = recognised.get(response.headers["Location"])
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "建议加快老旧小区加装电梯。" in html
    assert f'data-opinion-saved="{sitting.meeting.id}:{sitting.topic.id}:{KEY}"' in html
    assert "/edit" in html and f'action="{sitting.url()}"' in html  # edit, and write another
    opinion = db.session.scalars(select(Opinion)).one()
    assert opinion.member_id == sitting.member.id and opinion.named and opinion.guest_name == ""


def test_a_form_sent_twice_is_stored_once_with_the_same_answer(recognised, sitting):
    first = _send(recognised, sitting)
    second = _send(recognised, sitting)
    assert first.headers["Location"] == second.headers["Location"]
    assert _count() == 1
    # even when the resent text differs (the phone resent an edited copy), the first answer stands
    assert _send(recognised, sitting, text="另一段").headers["Location"] == first.headers["Location"]
    assert _count() == 1


def test_a_form_resent_after_the_collection_closed_answers_with_what_was_stored(recognised, sitting, clock):
    first = _send(recognised, sitting)
    clock.now = sitting.meeting.ends_at + timedelta(days=3, minutes=1)  # the collection has closed
    again = _send(recognised, sitting)
    assert again.status_code == 303 and again.headers["Location"] == first.headers["Location"]
    refused = _send(recognised, sitting, key="n" * 24)  # a new opinion is refused, its text kept
    assert refused.status_code == 409 and "建议加快老旧小区加装电梯。" in refused.get_data(as_text=True)
    assert _count() == 1


def test_a_send_with_a_taken_key_meets_the_unique_key_and_answers_with_the_first(app, sitting, count_statements):
    # No look comes before the insert: a resend and the loser of two racing sends are the same case.
    meeting_id, topic_id, now = sitting.meeting.id, sitting.topic.id, sitting.meeting.starts_at
    with count_statements() as statements:
        winner, created = services.give_opinion(
            meeting_id=meeting_id, topic_id=topic_id, submission_key=KEY, text="先到", named=True, now=now)
    assert created and statements() == 1
    db.session.commit()
    with count_statements() as statements:
        loser, created = services.give_opinion(
            meeting_id=meeting_id, topic_id=topic_id, submission_key=KEY, text="后到", named=True, now=now)
    assert statements() == 2  # the insert that stored nothing, then the opinion stored with the key
    db.session.commit()
    assert not created and loser.id == winner.id and loser.text == "先到"
    assert _count() == 1


def test_bad_text_comes_back_in_the_form_and_nothing_is_stored(recognised, sitting):
    response = _send(recognised, sitting, text=" \u3000\n\t ")
    assert response.status_code == 400 and "只有空格不算意见" in response.get_data(as_text=True)
    long_text = "议" * 5001
    response = _send(recognised, sitting, text=long_text)
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and long_text in html and "5001" in html
    assert f'name="submission_key" value="{KEY}"' in html  # the same key: a later send is still once only
    assert _count() == 0
    assert _send(recognised, sitting, text="议" * 5000).status_code == 303
    assert _count() == 1


def test_html_is_kept_as_typed_and_shown_escaped_control_characters_removed(recognised, sitting):
    text = "<script>alert('x')</script>\x07建议\x1b增加👍\n第二行"
    location = _send(recognised, sitting, text=text).headers["Location"]
    html = recognised.get(location).get_data(as_text=True)
    assert "<script>alert(" not in html and "&lt;script&gt;alert(" in html
    stored = db.session.scalars(select(Opinion)).one()
    assert stored.text == "<script>alert('x')</script>建议增加👍\n第二行"


def test_no_opinions_before_check_in_opens_nor_on_drafts_or_cancelled(recognised, sitting, clock):
    clock.now = sitting.meeting.starts_at - timedelta(minutes=61)
    response = _send(recognised, sitting)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "建议加快老旧小区加装电梯。" in html
    clock.now = sitting.meeting.starts_at
    for status in ("draft", "cancelled"):
        sitting.meeting.status = status
        db.session.commit()
        assert _send(recognised, sitting).status_code == 409
    assert _count() == 0


def test_edit_and_withdraw_while_open_then_refused_after_closing(recognised, sitting, clock):
    location = _send(recognised, sitting).headers["Location"]
    opinion = db.session.scalars(select(Opinion)).one()
    edit_url = f"/m/{sitting.code}/opinions/{opinion.id}/edit"
    assert recognised.get(edit_url).status_code == 200
    assert recognised.post(edit_url, data={"text": "  ", "named": "1"}).status_code == 400
    assert recognised.post(edit_url, data={"text": "改过的意见"}).status_code == 303
    db.session.expire_all()
    assert opinion.text == "改过的意见" and not opinion.named
    clock.now = sitting.meeting.ends_at + timedelta(days=3, minutes=1)
    response = recognised.post(edit_url, data={"text": "关闭后再改", "named": "1"})
    assert response.status_code == 409 and "关闭后再改" in response.get_data(as_text=True)
    response = recognised.post(f"/m/{sitting.code}/opinions/{opinion.id}/withdraw", follow_redirects=True)
    assert "意见征集已结束" in response.get_data(as_text=True)
    db.session.expire_all()
    assert opinion.text == "改过的意见" and opinion.active
    clock.now = sitting.meeting.ends_at
    recognised.post(f"/m/{sitting.code}/opinions/{opinion.id}/withdraw")
    db.session.expire_all()
    assert opinion.status == "withdrawn" and _count() == 1
    assert "已撤回" in recognised.get(location).get_data(as_text=True)


def test_someone_else_cannot_see_or_change_an_opinion(recognised, sitting, app):
    _send(recognised, sitting)
    opinion = db.session.scalars(select(Opinion)).one()
    stranger = app.test_client()
    assert stranger.get(f"/m/{sitting.code}/opinions/{opinion.id}").status_code == 404
    assert stranger.post(f"/m/{sitting.code}/opinions/{opinion.id}/withdraw").status_code == 404
    assert stranger.get(f"/m/{sitting.code}/opinions/{opinion.id}?k=wrongwrongwrongwrong").status_code == 404
    assert stranger.post("/m/zzzzzzzz/topics/1/opinions", data={"text": "x"}).status_code == 404


def test_a_guest_gives_with_name_and_organisation(client, sitting):
    response = _send(client, sitting, guest_name="", guest_organisation="")
    assert response.status_code == 400 and _count() == 0
    response = _send(client, sitting, guest_name="张明", guest_organisation="区教育局")
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "张明" in html and "委员" in html and "建议加快老旧小区加装电梯。" in html
    response = _send(client, sitting, guest_name="王 芳", guest_organisation="区住建局 副局长")
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "王 芳" in page and "区住建局 副局长" in page
    assert 'name="guest_name" maxlength="50" autocomplete="name" value="王 芳"' in page  # write another
    opinion = db.session.scalars(select(Opinion)).one()
    assert opinion.is_guest and opinion.member_id is None and opinion.guest_organisation == "区住建局 副局长"


def test_the_member_page_lists_their_opinions_with_edit(recognised, sitting):
    _send(recognised, sitting, text="我的第一条意见")
    html = recognised.get(f"/my/{sitting.member.access_token}").get_data(as_text=True)
    assert "我的第一条意见" in html and "/edit" in html and sitting.topic.title in html


def test_opinions_do_not_move_the_data_version(recognised, sitting):
    before = get_committee().data_version
    _send(recognised, sitting)
    opinion = db.session.scalars(select(Opinion)).one()
    recognised.post(f"/m/{sitting.code}/opinions/{opinion.id}/withdraw")
    db.session.expire_all()
    assert get_committee().data_version == before


def test_the_partial_renders_in_the_sitting_page_context(app, sitting):
    from flask import render_template_string

    with app.test_request_context(f"/m/{sitting.code}"):
        html = render_template_string(
            '{% for topic in topics %}{% include "opinions/_topic_opinions.html" %}{% endfor %}',
            meeting=sitting.meeting, member=None, code=sitting.code, topics=sitting.meeting.topics,
            guest_allowed=True,
        )
    assert html.count('name="submission_key"') == 2 and 'name="guest_name"' in html
    keys = [part.split('"')[0] for part in html.split('name="submission_key" value="')[1:]]
    assert len(set(keys)) == 2  # one key per rendered form


def test_the_member_page_costs_the_same_for_one_or_many_sittings(recognised, sitting, count_statements):
    from consult.onsite.services import onsite_for
    from tests import factories

    counts = []
    for extra in (0, 4):
        for number in range(extra):
            meeting = factories.meeting(title=f"协商会议{number}", invitees=[sitting.member], topics=["议题"],
                                        starts_at=sitting.meeting.starts_at + timedelta(days=number + 1))
            onsite_for(meeting.id)
            services.give_opinion(meeting_id=meeting.id, topic_id=meeting.topics[0].id,
                                  submission_key=f"many-sittings-{number:08d}", text="意见", named=True,
                                  now=meeting.starts_at, member_id=sitting.member.id)
        if not extra:
            _send(recognised, sitting)
        db.session.commit()
        with count_statements() as n:
            html = recognised.get(f"/my/{sitting.member.access_token}").get_data(as_text=True)
        counts.append(n())
    assert html.count('class="card my-opinions"') == 5
    assert counts[0] == counts[1]


def test_an_internal_sitting_hears_its_invitees_only(client, recognised, sitting):
    sitting.meeting.visibility = "internal"
    db.session.commit()
    stranger = client.application.test_client()
    page = stranger.get(f"/m/{sitting.code}").get_data(as_text=True)
    assert 'name="guest_name"' not in page  # no guest form on the page
    response = _send(stranger, sitting, guest_name="王芳", guest_organisation="区住建局")
    assert response.status_code == 400 and "请先说明您是谁" in response.get_data(as_text=True) and _count() == 0
    assert _send(recognised, sitting).status_code == 303 and _count() == 1  # the invitee still may
