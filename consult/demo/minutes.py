"""The demo's minutes: approved, shared with the invitees, for each held meeting that carried out a consultation of
the plan (their decisions written from the plan item, see consult.demo.followup) and for the latest held numbered
sitting with opinions; issue numbers in date order. Then the decisions are followed up, so the minutes pages, the
downloads, the member's page, the follow-up pages and the plan year page have something to show."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from consult.committee import get_committee
from consult.demo.followup import load_followup, planned_decisions
from consult.extensions import db
from consult.followup.services import actor
from consult.meetings.kinds import MEETING_KINDS, is_consultation
from consult.meetings.models import Meeting
from consult.meetings.queries import meeting_for_detail
from consult.minutes import services
from consult.minutes.gathering import default_edits, local_start
from consult.opinions.models import Opinion
from consult.plans.models import PlanItem

SUMMARY = ("与会人员认为，近年来我区在该领域做了大量工作，取得了明显成效，同时也存在一些短板和不足，"
           "需要进一步加大工作力度。")
DECISIONS = ("会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。\n"
             "请各专门委员会跟踪了解意见建议的办理落实情况。")


def _sittings_with_minutes() -> list[Meeting]:
    """Return the held sittings the demo writes minutes for, in date order."""
    with_opinions = select(Opinion.meeting_id)
    latest_with_opinions = db.session.scalar(
        select(Meeting.id).where(Meeting.status == "held", Meeting.number.is_not(None), Meeting.id.in_(with_opinions))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(1)
    )
    carried_out = db.session.execute(
        select(Meeting.id, Meeting.consultation_form).join(PlanItem, PlanItem.id == Meeting.plan_item_id)
        .where(Meeting.status == "held", Meeting.sitting_kind.in_(MEETING_KINDS))
    )
    # Consultations, and the appraisal meeting (民主评议): what makes decisions for departments to act on.
    ids = {meeting_id for meeting_id, form in carried_out if is_consultation(form) or form == "appraisal"}
    if latest_with_opinions is not None:
        ids.add(latest_with_opinions)
    meetings = [meeting_for_detail(meeting_id) for meeting_id in ids]
    return sorted(meetings, key=lambda m: (m.starts_at, m.id))


def load_minutes(now: datetime, admin_id: int | None) -> int:
    """Write, approve and share the minutes of the demo's sittings (see the module's docstring), then follow up
    their decisions; return how many sets of minutes were made. Flushes, never commits."""
    committee = get_committee()
    issues: dict[int, int] = {}
    approved = []
    made = 0
    for meeting in _sittings_with_minutes():
        issued = local_start(meeting, committee).date() + timedelta(days=3)
        issues[issued.year] = issues.get(issued.year, 0) + 1
        item = db.session.get(PlanItem, meeting.plan_item_id) if meeting.plan_item_id else None
        planned = planned_decisions(item) if item is not None else []
        decisions = "\n".join(p.text for p in planned) if planned else DECISIONS
        edits = default_edits(meeting, committee, issued, issues[issued.year])
        edits = replace(edits, summaries={t.id: SUMMARY for t in meeting.topics}, decisions=decisions)
        approved_at = min(now, meeting.ends_at + timedelta(days=3))
        minutes = services.save_draft(meeting, committee, edits, user_id=admin_id, now=approved_at)
        services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=admin_id, now=approved_at)
        services.share(minutes, shared=True, now=approved_at)
        made += 1
        if planned:
            approved.append((meeting, approved_at, planned))
    zone = ZoneInfo(committee.time_zone)
    load_followup(approved, now.astimezone(zone).date(), zone, actor(admin_id))
    return made
