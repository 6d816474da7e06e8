"""The demo's minutes: one approved set, shared with the invitees, for the latest held numbered sitting with
opinions (so the minutes page, the download and the member's page have something to show)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select

from consult.committee import get_committee
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.queries import meeting_for_detail
from consult.minutes import services
from consult.minutes.gathering import default_edits, local_start
from consult.opinions.models import Opinion

SUMMARY = ("与会人员认为，近年来我区在该领域做了大量工作，取得了明显成效，同时也存在一些短板和不足，"
           "需要进一步加大工作力度。")
DECISIONS = ("会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。\n"
             "请各专门委员会跟踪了解意见建议的办理落实情况。")


def load_minutes(now: datetime, admin_id: int | None) -> int:
    """Write, approve and share the minutes of the latest held numbered sitting that has opinions; return how many
    sets of minutes were made (0 or 1). Flushes, never commits."""
    with_opinions = select(Opinion.meeting_id)
    meeting_id = db.session.scalar(
        select(Meeting.id).where(Meeting.status == "held", Meeting.number.is_not(None), Meeting.id.in_(with_opinions))
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(1)
    )
    if meeting_id is None:
        return 0
    meeting = meeting_for_detail(meeting_id)
    committee = get_committee()
    issued = local_start(meeting, committee).date() + timedelta(days=3)
    edits = default_edits(meeting, committee, issued, 1)
    edits = replace(edits, summaries={t.id: SUMMARY for t in meeting.topics}, decisions=DECISIONS)
    approved_at = min(now, meeting.ends_at + timedelta(days=3))
    minutes = services.save_draft(meeting, committee, edits, user_id=admin_id, now=approved_at)
    services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=admin_id, now=approved_at)
    services.share(minutes, shared=True, now=approved_at)
    return 1
