"""Reads of the minutes domain: a sitting's minutes, their versions, the next free issue number, what a member's
own page offers."""

from __future__ import annotations

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import selectinload, undefer

from consult.extensions import built_once, db
from consult.minutes.models import APPROVED, Minutes, MinutesVersion, PrintedOpinion


def minutes_of(meeting_id: int) -> Minutes | None:
    """Return the minutes of a sitting with their topic summaries, or None when staff have not started them."""
    return db.session.scalars(
        select(Minutes).where(Minutes.meeting_id == meeting_id).options(selectinload(Minutes.summaries))
    ).first()


def versions_of(minutes_id: int) -> list[MinutesVersion]:
    """Return the approved versions of the minutes, newest first, without their bytes (one statement)."""
    return list(db.session.scalars(
        select(MinutesVersion).where(MinutesVersion.minutes_id == minutes_id).order_by(MinutesVersion.number.desc())
    ))


def version(minutes_id: int, number: int | None = None) -> MinutesVersion | None:
    """Return version `number` of the minutes with its bytes, or the latest when `number` is None; None when there
    is no such version."""
    query = select(MinutesVersion).where(MinutesVersion.minutes_id == minutes_id).options(
        undefer(MinutesVersion.content))
    if number is not None:
        query = query.where(MinutesVersion.number == number)
    return db.session.scalars(query.order_by(MinutesVersion.number.desc()).limit(1)).first()


def latest_version_number(minutes_id: int) -> int:
    """Return the number of the latest approved version of the minutes, 0 when none was approved."""
    return db.session.scalar(
        select(func.coalesce(func.max(MinutesVersion.number), 0)).where(MinutesVersion.minutes_id == minutes_id)
    ) or 0


def next_issue_number(committee_id: int, year: int, *, except_minutes_id: int | None = None) -> int:
    """Return the next free issue number (第N期) of the committee's minutes in `year`: one more than the highest."""
    query = select(func.max(Minutes.issue_number)).where(Minutes.committee_id == committee_id, Minutes.year == year)
    if except_minutes_id is not None:
        query = query.where(Minutes.id != except_minutes_id)
    return (db.session.scalar(query) or 0) + 1


def issue_number_taken(committee_id: int, year: int, number: int, *, except_minutes_id: int | None = None) -> bool:
    """Return True when another set of minutes of the committee has issue `number` in `year`."""
    query = select(Minutes.id).where(
        Minutes.committee_id == committee_id, Minutes.year == year, Minutes.issue_number == number)
    if except_minutes_id is not None:
        query = query.where(Minutes.id != except_minutes_id)
    return db.session.scalar(query.limit(1)) is not None


def shared_minutes(meeting_ids: list[int] | None = None) -> list[tuple[Minutes, int]]:
    """Return (minutes, latest version number) of the minutes shared with invitees that have an approved version,
    for the sittings `meeting_ids` (None: every sitting), in one statement."""
    if meeting_ids is not None and not meeting_ids:
        return []
    values = {"ids": list(meeting_ids)} if meeting_ids is not None else {}
    rows = db.session.execute(_shared_minutes(meeting_ids is not None), values)
    return [(minutes, number) for minutes, number in rows]


@built_once
def _shared_minutes(of_sittings: bool):
    latest = (
        select(MinutesVersion.minutes_id, func.max(MinutesVersion.number).label("number"))
        .group_by(MinutesVersion.minutes_id).subquery()
    )
    query = select(Minutes, latest.c.number).join(latest, latest.c.minutes_id == Minutes.id).where(
        Minutes.shared_at.is_not(None))
    if of_sittings:
        query = query.where(Minutes.meeting_id.in_(bindparam("ids", expanding=True)))
    return query


def printed_opinion_ids(meeting_ids) -> set[int]:
    """Return the ids of the opinions printed in the latest approved version of the minutes of each of the sittings
    `meeting_ids` (one statement; none for no sittings): what the duty records count as taken into the minutes."""
    ids = list(meeting_ids)
    if not ids:
        return set()
    latest = (
        select(MinutesVersion.minutes_id, func.max(MinutesVersion.number).label("number"))
        .group_by(MinutesVersion.minutes_id).subquery()
    )
    return set(db.session.scalars(
        select(PrintedOpinion.opinion_id)
        .join(MinutesVersion, MinutesVersion.id == PrintedOpinion.version_id)
        .join(latest, (latest.c.minutes_id == MinutesVersion.minutes_id) & (latest.c.number == MinutesVersion.number))
        .join(Minutes, Minutes.id == MinutesVersion.minutes_id)
        .where(Minutes.meeting_id.in_(ids))
    ))


def latest_versions(meeting_ids) -> dict[int, int]:
    """Return, by sitting id, the number of the latest approved version of its minutes, for the sittings
    `meeting_ids` that have one (one statement; none for no sittings)."""
    ids = list(set(meeting_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(Minutes.meeting_id, func.max(MinutesVersion.number))
        .join(MinutesVersion, MinutesVersion.minutes_id == Minutes.id)
        .where(Minutes.meeting_id.in_(ids)).group_by(Minutes.meeting_id)
    )
    return {meeting_id: number for meeting_id, number in rows}


__all__ = ["APPROVED", "minutes_of", "versions_of", "version", "latest_version_number", "next_issue_number",
           "issue_number_taken", "shared_minutes", "printed_opinion_ids", "latest_versions"]
