"""standing_of answers in one statement what is_invited, record_of and leave_request_of answer one by one."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from consult.extensions import db
from consult.meetings.queries import is_invited
from consult.onsite import services
from consult.onsite.queries import leave_request_of, record_of, standing_of
from tests.onsite.conftest import START


def test_standing_is_what_the_three_reads_say_for_every_case(app, site):
    zhang, li, wang = site.members[:3]
    meeting_id = site.meeting.id
    services.check_in(meeting_id, zhang.id, now=START, by="member")
    services.ask_leave(meeting_id, li.id, "出差", now=START - timedelta(days=3), late=False)
    services.ask_leave(meeting_id, zhang.id, "原以为出差", now=START - timedelta(days=4), late=False)
    db.session.commit()
    people = [zhang, li, wang, site.observer, site.stranger]
    for person in people:
        standing = standing_of(meeting_id, person.id)
        assert standing.invited == is_invited(meeting_id, person.id)
        assert standing.record is record_of(meeting_id, person.id)
        assert standing.leave is leave_request_of(meeting_id, person.id)
    assert standing_of(meeting_id, zhang.id).record.status == "present"
    assert standing_of(meeting_id, li.id).leave.reason == "出差" and standing_of(meeting_id, li.id).record is None
    assert standing_of(meeting_id, wang.id)[1:] == (None, None)
    assert not standing_of(meeting_id, site.stranger.id).invited
    assert not standing_of(meeting_id + 999, zhang.id).invited


def test_standing_is_one_statement(app, site):
    meeting_id, member_id = site.meeting.id, site.zhang.id
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        standing_of(meeting_id, member_id)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 1
