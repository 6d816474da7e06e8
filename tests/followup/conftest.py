"""The held 八届十二次常委会议 of the minutes' tests (tests/minutes/conftest.py), and approving its minutes with
given decisions (议定事项)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from consult.committee import clock, get_committee
from consult.extensions import db
from consult.followup import queries
from consult.meetings.queries import meeting_for_detail
from consult.minutes import queries as minutes_queries
from consult.minutes import services as minutes_services
from consult.minutes.gathering import default_edits, stored_edits
from tests.minutes.conftest import Sitting, sitting  # noqa: F401 - the fixture, shared

DECISIONS = ("会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。\n"
             "请区科技局牵头研究设立科技创新专项资金。\n"
             "请区财政局会同区科技局完善科技金融服务。")


def approve_minutes(meeting_id: int, decisions: str, *, user_id: int | None = None, **edits):
    """Save the minutes of the sitting with `decisions` (one a line) and approve them as the next version,
    committed; return the sitting's decisions as rows (queries.decisions_of_sitting)."""
    meeting = meeting_for_detail(meeting_id)
    committee = get_committee()
    minutes = minutes_queries.minutes_of(meeting.id)
    base = stored_edits(minutes) if minutes is not None else default_edits(
        meeting, committee, clock.today(), minutes_queries.next_issue_number(committee.id, clock.today().year))
    base = replace(base, decisions=decisions, **edits)
    minutes = minutes_services.save_draft(meeting, committee, base, user_id=user_id, now=clock.now())
    minutes_services.approve(meeting, committee, minutes, revision=minutes.revision, user_id=user_id,
                             now=clock.now())
    db.session.commit()
    return queries.decisions_of_sitting(meeting.id)


@pytest.fixture
def approved(sitting) -> Sitting:  # noqa: F811 - the fixture above
    """The sitting with approved minutes holding three decisions."""
    approve_minutes(sitting.meeting.id, DECISIONS)
    return sitting
