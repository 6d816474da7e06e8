"""The committee the permission matrix is walked on: the demo, plus what makes every route answer for real
(minutes, a material, a notice batch and opinions on a sitting of each of two organs), and one account per role.

The organ-limited account is limited to the standing committee; its sittings, members and plan items are the
"in scope" values of the route arguments, the chair meeting's the "out of scope" ones.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from consult.api.models import ApiToken
from consult.auth.services import create_user
from consult.extensions import db

PASSWORD = "matrix-password"
IN_SLUG, OUT_SLUG = "standing-committee", "chair-meeting"


@dataclass
class MatrixWorld:
    """Route argument values: `inside` for every role, `outside` (another organ's) for the limited account."""

    inside: dict = field(default_factory=dict)
    outside: dict = field(default_factory=dict)
    member_token: str = ""
    member_phone: str = ""
    outside_phone: str = ""
    outside_draft_title: str = ""


def _held_with_opinions(organ_id: int):
    from consult.meetings.models import Meeting
    from consult.opinions.models import Opinion

    return db.session.scalars(
        select(Meeting).where(Meeting.organ_id == organ_id, Meeting.status == "held",
                              Meeting.id.in_(select(Opinion.meeting_id).where(Opinion.member_id.is_not(None))))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
    ).first()


def _minutes(meeting, admin_id: int, now) -> None:
    from consult.committee import get_committee
    from consult.meetings.queries import meeting_for_detail
    from consult.minutes import queries as minutes_queries
    from consult.minutes import services
    from consult.minutes.gathering import default_edits, local_start

    if minutes_queries.minutes_of(meeting.id) is not None:
        return
    meeting = meeting_for_detail(meeting.id)
    committee = get_committee()
    issued = local_start(meeting, committee).date() + timedelta(days=3)
    edits = default_edits(meeting, committee, issued, minutes_queries.next_issue_number(committee.id, issued.year))
    edits = replace(edits, decisions="请相关部门研究办理委员意见。\n下次会议听取办理情况汇报。")
    minutes = services.save_draft(meeting, committee, edits, user_id=admin_id, now=now)
    services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=admin_id, now=now)
    services.share(minutes, shared=True, now=now)


def _decision_of(meeting_id: int) -> int:
    from consult.followup.models import Decision

    decision_id = db.session.scalar(select(Decision.id).where(Decision.meeting_id == meeting_id).order_by(Decision.id))
    assert decision_id is not None, f"the approved minutes of sitting {meeting_id} hold no decision"
    return decision_id


def _material(meeting, admin_id: int):
    from consult.demo.materials import simple_pdf
    from consult.materials.services import attach_material

    content = simple_pdf("会议议程", ["1. 听取情况通报", "2. 委员协商发言"])
    return attach_material(meeting_id=meeting.id, topic_id=None, source=io.BytesIO(content), file_name="议程.pdf",
                           title="", visibility="public", max_bytes=len(content), by_user_id=admin_id)


def _batch(meeting, admin_id: int, now, key: str):
    from consult.notices.preparing import prepare
    from consult.notices.services import queue_batch

    with current_app.test_request_context():
        prepared = prepare(meeting, "published", ("sms", "email"))
    return queue_batch(
        meeting_id=meeting.id, event="published", key=key, channels=prepared.channels, created_by_id=admin_id,
        now=now, sender_name=prepared.sender_name, subject=prepared.subject, calendar=prepared.calendar,
        calendar_method=prepared.calendar_method, notices=prepared.notices,
    )


def build_world() -> MatrixWorld:
    """Load the demo and the additions into the app's empty database; return the route argument values."""
    from consult.auth.models import User
    from consult.committee import clock
    from consult.demo import load_demo
    from consult.meetings.models import Invitation, Meeting
    from consult.meetings.services import create_meeting
    from consult.members.models import Member, Organ, Sector, organ_member
    from consult.notices.models import NoticeBatch
    from consult.onsite.services import ask_leave, onsite_for
    from consult.opinions.models import Opinion
    from consult.plans.models import ConsultationPlan, PlanItem

    now = clock.now()
    load_demo(today=clock.today(), admin_password=PASSWORD)
    admin = db.session.scalars(select(User).where(User.username == "admin")).one()
    organs = {o.slug: o for o in db.session.scalars(select(Organ))}
    inside_organ, outside_organ = organs[IN_SLUG], organs[OUT_SLUG]
    create_user("clerk", PASSWORD, role="staff")
    create_user("limited", PASSWORD, role="staff", organ_ids=[inside_organ.id])
    target = create_user("target", PASSWORD, role="staff")
    world = MatrixWorld()
    for values, organ in ((world.inside, inside_organ), (world.outside, outside_organ)):
        meeting = _held_with_opinions(organ.id)
        assert meeting is not None, f"the demo has no held sitting with opinions of {organ.slug}"
        _minutes(meeting, admin.id, now)
        material = _material(meeting, admin.id)
        batch = _batch(meeting, admin.id, now, key=f"matrix-batch-{organ.slug}"[:40])
        opinion = db.session.scalars(select(Opinion).where(Opinion.meeting_id == meeting.id,
                                                           Opinion.member_id.is_not(None)).order_by(Opinion.id)).first()
        item = db.session.scalars(select(PlanItem).where(PlanItem.organ_id == organ.id).order_by(PlanItem.id)).first()
        values.update(meeting_id=meeting.id, material_id=material.id, batch_id=batch.id, opinion_id=opinion.id,
                      slug=organ.slug, code=onsite_for(meeting.id).code, topic_id=meeting.topics[0].id,
                      sitting_id=meeting.id, organ_id=organ.id,  # the JSON API's names
                      decision_id=_decision_of(meeting.id))
        if item is not None:
            values["item_id"] = item.id
        values["_author"] = opinion.member_id
    # Another organ's plan item (neither held nor organised by the standing committee).
    if "item_id" not in world.outside:
        world.outside["item_id"] = db.session.scalar(select(PlanItem.id).where(
            PlanItem.organ_id != inside_organ.id, PlanItem.organising_organ_id != inside_organ.id,
        ).order_by(PlanItem.id))
    # The member: the author of the sitting's opinion, invited to it, sitting in the standing committee.
    author = db.session.get(Member, world.inside.pop("_author"))
    world.outside.pop("_author")
    seats = set(db.session.scalars(select(organ_member.c.organ_id).where(organ_member.c.member_id == author.id)))
    assert inside_organ.id in seats, "the opinion's author does not sit in the standing committee"
    assert db.session.get(Invitation, (world.inside["meeting_id"], author.id)) is not None
    outsider = db.session.scalars(select(Member).where(
        Member.active.is_(True), Member.phone != "",
        ~Member.id.in_(select(organ_member.c.member_id).where(organ_member.c.organ_id == inside_organ.id)),
    ).order_by(Member.id)).first()
    world.inside["member_id"], world.outside["member_id"] = author.id, outsider.id
    # A leave request to decide on (the decision route answers 404 without one).
    ask_leave(world.inside["meeting_id"], author.id, "出差", now=now, late=False)
    ask_leave(world.outside["meeting_id"], outsider.id, "出差", now=now, late=False)
    world.member_token, world.member_phone, world.outside_phone = author.access_token, author.phone, outsider.phone
    # A draft of the other organ, which the limited account must not see anywhere.
    starts = now.replace(microsecond=0) + timedelta(days=30)
    draft = create_meeting(outside_organ, "矩阵测试外机构草稿会议", starts, starts + timedelta(hours=2),
                           visibility="public")
    world.outside_draft_title = draft.title
    shared = {
        "year": max(db.session.scalars(select(ConsultationPlan.year))),
        "sector_id": db.session.scalar(select(Sector.id).order_by(Sector.id)),
        "user_id": target.id,
        "filename": "css/app.css",
        "name": "sittings-by-month",  # a picture of the plan year (plans.year_chart)
        "access_token": author.access_token,
        "token": author.feed_token,
        "token_id": db.session.scalar(select(ApiToken.id).where(ApiToken.revoked_at.is_(None)).order_by(ApiToken.id)),
    }
    world.inside.update(shared)
    world.outside.update(shared)
    assert db.session.scalar(select(NoticeBatch.id).where(NoticeBatch.id == world.outside["batch_id"]))
    assert db.session.get(Meeting, world.outside["meeting_id"]).organ_id == outside_organ.id
    db.session.commit()
    return world
