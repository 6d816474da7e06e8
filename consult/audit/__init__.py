"""The audit log (审计日志): who changed what, when, and the fields before and after, written in the transaction of
the change and never edited by the app.

Services record their changes here:

    from consult import audit

    taken = audit.snapshot(meeting, ("title", "location"))
    ...change the meeting...
    audit.record_changes("meeting.update", meeting, taken)          # only the fields that differ
    audit.record("meeting.publish", meeting, after={"number": 12})   # or say it directly

The actor is the request's staff account unless a service names another (audit.member(person) for a member on
their phone, audit.system("flask consult …") through audit.acting_as for a command). See README, "The audit log".
"""

from consult.audit.actors import Actor, acting_as, current_actor, member, system, user
from consult.audit.changes import diff
from consult.audit.services import Subject, record, record_changes, record_many, snapshot, subject_of

__all__ = [
    "Actor", "Subject", "acting_as", "current_actor", "diff", "member", "record", "record_changes", "record_many",
    "snapshot", "subject_of", "system", "user",
]
