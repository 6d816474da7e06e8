"""Two members of staff publish two drafts of one organ at the same moment: no number is given twice.

On PostgreSQL publish_meeting locks the organ row (SELECT … FOR UPDATE) before it counts, so the second
publication waits for the first; the test shows the wait happens at that lock, not later. On both
databases the unique constraint on (organ, term, number) is the backstop.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.services import publish_meeting
from tests import factories

NOW = datetime(2030, 1, 1, tzinfo=UTC)


def _drafts(count: int) -> list[int]:
    factories.committee(term=8)
    organ = factories.organ(kind="chair_meeting", prior_sittings_in_term=30)
    ids = [
        factories.meeting(organ, title=f"主席{n}", status="draft", starts_at=datetime(2030, 3, n + 1, tzinfo=UTC)).id
        for n in range(count)
    ]
    db.session.commit()
    return ids


def _in_other_session(app, work):
    """Run `work()` in a thread with its own app context and database session; return what it returned or raised."""
    outcome: dict = {}

    def run():
        with app.app_context():
            try:
                outcome["value"] = work()
            except Exception as error:  # noqa: BLE001 - handed back to the test
                db.session.rollback()
                outcome["error"] = error
            finally:
                db.session.remove()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=30)
    return outcome


@pytest.mark.parametrize("app", ["postgresql"], indirect=True)
def test_second_publication_waits_at_the_organ_lock(app):
    first_id, second_id = _drafts(2)
    publish_meeting(db.session.get(Meeting, first_id), now=NOW)  # flushed, not committed: the lock is held

    def publish_second_impatiently():
        db.session.execute(text("SET LOCAL lock_timeout = '300ms'"))
        publish_meeting(db.session.get(Meeting, second_id), now=NOW)
        db.session.commit()

    blocked = _in_other_session(app, publish_second_impatiently)
    assert isinstance(blocked.get("error"), OperationalError)
    assert "FOR UPDATE" in blocked["error"].statement  # it waited at the organ lock, before counting

    db.session.commit()  # the first publication ends and releases the lock

    def publish_second():
        meeting = publish_meeting(db.session.get(Meeting, second_id), now=NOW)
        db.session.commit()
        return meeting.number

    assert _in_other_session(app, publish_second) == {"value": 32}
    assert db.session.get(Meeting, first_id).number == 31


def test_the_unique_constraint_refuses_a_number_given_twice(app):
    first_id, second_id = _drafts(2)
    first = publish_meeting(db.session.get(Meeting, first_id), now=NOW)
    db.session.commit()
    second = db.session.get(Meeting, second_id)
    second.status, second.term, second.number = "published", first.term, first.number
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert db.session.get(Meeting, second_id).status == "draft"
