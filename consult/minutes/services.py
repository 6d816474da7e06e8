"""Writes of the minutes domain: save the draft, approve it as a version with its exact bytes, share it with the
invitees. Services flush and log; the view (or the command) commits once."""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from consult import audit
from consult.extensions import db
from consult.followup import services as followup_services
from consult.meetings.models import Meeting
from consult.minutes import queries
from consult.minutes.document import build_minutes
from consult.minutes.gathering import Edits, default_edits, gather, stored_edits
from consult.minutes.models import APPROVED, DRAFT, Minutes, MinutesVersion, PrintedOpinion, TopicSummary

log = logging.getLogger(__name__)

# What the audit log keeps of a draft's save: the fields that changed.
AUDIT_FIELDS = {
    "title": lambda m: m.title, "office": lambda m: m.office, "opening": lambda m: m.opening,
    "issue_number": lambda m: m.issue_number, "issued_on": lambda m: m.issued_on, "decisions": lambda m: m.decisions,
    "status": lambda m: m.status,
    "summaries": lambda m: {str(s.topic_id): s.text for s in m.summaries},
}


class MinutesConflict(Exception):
    """Why a write was refused: `reason` is one of the constants below."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


ISSUE_TAKEN = "issue_taken"  # another set of minutes has this 第N期 in the year
ALREADY_APPROVED = "already_approved"  # someone approved this draft first (or at the same moment)
STALE = "stale"  # the draft changed after the page was opened
NOTHING_APPROVED = "nothing_approved"  # sharing needs an approved version


def edits_for(meeting: Meeting, committee, minutes: Minutes | None, today) -> Edits:
    """Return what the minutes say now: the stored draft, or the defaults for a sitting without minutes."""
    if minutes is not None:
        return stored_edits(minutes)
    return default_edits(meeting, committee, today, queries.next_issue_number(committee.id, today.year))


def save_draft(meeting: Meeting, committee, edits: Edits, *, user_id: int | None, now: datetime) -> Minutes:
    """Return the sitting's minutes with `edits` saved as the draft, flushed. Saving approved minutes starts a new
    draft, which becomes the next version when approved. Raises MinutesConflict(ISSUE_TAKEN) when another set of
    minutes of the committee has the issue number in that year."""
    minutes = queries.minutes_of(meeting.id)
    except_id = minutes.id if minutes is not None else None
    year = edits.issued_on.year
    if queries.issue_number_taken(committee.id, year, edits.issue_number, except_minutes_id=except_id):
        raise MinutesConflict(ISSUE_TAKEN)
    taken = audit.snapshot(minutes, AUDIT_FIELDS) if minutes is not None else None
    if minutes is None:
        minutes = Minutes(meeting_id=meeting.id, committee_id=committee.id, revision=0, created_at=now)
        db.session.add(minutes)
    minutes.title, minutes.office, minutes.opening = edits.title, edits.office, edits.opening
    minutes.year, minutes.issue_number, minutes.issued_on = year, edits.issue_number, edits.issued_on
    minutes.decisions = edits.decisions
    minutes.status = DRAFT
    minutes.revision = (minutes.revision or 0) + 1
    minutes.updated_at, minutes.updated_by_id = now, user_id
    wanted = {topic_id: text for topic_id, text in edits.summaries.items() if text}
    for summary in list(minutes.summaries):
        if summary.topic_id not in wanted:
            minutes.summaries.remove(summary)
        else:
            summary.text = wanted.pop(summary.topic_id)
    for topic_id, text in wanted.items():
        minutes.summaries.append(TopicSummary(topic_id=topic_id, text=text))
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:
        raise MinutesConflict(ISSUE_TAKEN) from None  # taken by another request since the check
    if taken is None:
        audit.record("minutes.save", minutes, at=now, after={
            name: value for name, value in audit.snapshot(minutes, AUDIT_FIELDS).values.items() if value})
    else:
        audit.record_changes("minutes.save", minutes, taken, at=now)
    log.info("minutes of meeting %s saved as draft revision %s", meeting.id, minutes.revision)
    return minutes


def draft_bytes(meeting: Meeting, committee, minutes: Minutes | None, today) -> bytes:
    """Return the draft's .docx (marked 草稿): the same bytes for the same draft (dated by its last save, or the
    sitting's end for a sitting without minutes)."""
    created = minutes.updated_at if minutes is not None else meeting.ends_at
    content = gather(meeting, committee, edits_for(meeting, committee, minutes, today))
    return build_minutes(content, draft=True, created=created)


def approve(meeting: Meeting, committee, minutes: Minutes, *, revision: int, user_id: int | None,
            now: datetime) -> MinutesVersion:
    """Return the new version made by approving the draft `revision`: the file's exact bytes and SHA-256 stored
    under the next version number, flushed. Raises MinutesConflict(STALE) when the draft changed since,
    MinutesConflict(ALREADY_APPROVED) when it was approved already, also by a request at the same moment (the
    unique version number refuses the second)."""
    if minutes.revision != revision:
        raise MinutesConflict(STALE)
    if minutes.status == APPROVED:
        raise MinutesConflict(ALREADY_APPROVED)
    number = queries.latest_version_number(minutes.id) + 1
    content = gather(meeting, committee, stored_edits(minutes))
    data = build_minutes(content, draft=False, created=now)
    version = MinutesVersion(
        minutes_id=minutes.id, number=number, revision=revision, content=data,
        sha256=hashlib.sha256(data).hexdigest(), size=len(data), approved_at=now, approved_by_id=user_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(version)
            db.session.flush()
    except IntegrityError:
        log.info("minutes of meeting %s: version %s was approved by another request first", meeting.id, number)
        raise MinutesConflict(ALREADY_APPROVED) from None
    minutes.status = APPROVED
    record_printed_opinions(version, content.printed_opinion_ids)
    db.session.flush()
    audit.record("minutes.approve", minutes, at=now, before={"status": DRAFT},
                 after={"status": APPROVED, "version": number, "sha256": version.sha256, "size": len(data)})
    # 成果跟踪: the version's decisions become rows to follow up, and what it says is kept for the compilation.
    followup_services.record_approval(meeting_id=meeting.id, minutes_id=minutes.id, version_id=version.id,
                                      version=number, content=content, actor=followup_services.actor(user_id), now=now)
    log.info("minutes of meeting %s approved as version %s (%s bytes, sha256 %s)", meeting.id, number, len(data),
             version.sha256)
    return version


def record_printed_opinions(version: MinutesVersion, opinion_ids) -> None:
    """Record which opinions the approved `version` prints (one statement; none for no opinions), flushed: the duty
    records count them as taken into the minutes."""
    rows = [{"version_id": version.id, "opinion_id": opinion_id} for opinion_id in dict.fromkeys(opinion_ids)]
    if rows:
        db.session.execute(insert(PrintedOpinion), rows)


def share(minutes: Minutes, *, shared: bool, now: datetime) -> None:
    """Offer the approved minutes to the sitting's invitees on their own page (or stop offering them), flushed.
    Raises MinutesConflict(NOTHING_APPROVED) when no version was approved."""
    if shared and queries.latest_version_number(minutes.id) == 0:
        raise MinutesConflict(NOTHING_APPROVED)
    if (minutes.shared_at is not None) != shared:
        audit.record("minutes.share", minutes, before={"shared": not shared}, after={"shared": shared}, at=now)
    minutes.shared_at = now if shared else None
    db.session.flush()
    log.info("minutes %s %s", minutes.id, "shared with the invitees" if shared else "no longer shared")


def file_bytes(meeting: Meeting, committee, today) -> tuple[bytes, str]:
    """Return the bytes the download and the command give for a sitting, and which they are: the latest approved
    version ("v3"), else the draft ("draft")."""
    minutes = queries.minutes_of(meeting.id)
    if minutes is not None:
        version = queries.version(minutes.id)
        if version is not None:
            return version.content, f"v{version.number}"
    return draft_bytes(meeting, committee, minutes, today), "draft"
