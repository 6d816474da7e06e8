"""Reads of opinions: a member's own, a sitting's for the desk, filtered and searched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select

from consult.extensions import built_once, db
from consult.opinions.models import ACTIVE, DistinctPair, Opinion


def opinion_in_sitting(meeting_id: int, opinion_id: int) -> Opinion | None:
    """Return the opinion `opinion_id` when it belongs to the sitting, else None."""
    opinion = db.session.get(Opinion, opinion_id)
    return opinion if opinion is not None and opinion.meeting_id == meeting_id else None


def own_opinions(meeting_id: int, member_id: int) -> list[Opinion]:
    """Return the member's active opinions on the sitting, oldest first, in one statement."""
    return list(db.session.scalars(_own_opinions(), {"meeting_id": meeting_id, "member_id": member_id}))


@built_once
def _own_opinions():
    return (select(Opinion).where(Opinion.meeting_id == bindparam("meeting_id"),
                                  Opinion.member_id == bindparam("member_id"), Opinion.status == ACTIVE)
            .order_by(Opinion.created_at, Opinion.id))


def opinions_of_member(member_id: int) -> list[Opinion]:
    """Return every opinion of the member (withdrawn ones too), by sitting then oldest first."""
    return list(db.session.scalars(_opinions_of_member(), {"member_id": member_id}))


@built_once
def _opinions_of_member():
    return (select(Opinion).where(Opinion.member_id == bindparam("member_id"))
            .order_by(Opinion.meeting_id, Opinion.created_at, Opinion.id))


def opinions_of_sitting(meeting_id: int) -> list[Opinion]:
    """Return every opinion of the sitting (withdrawn too), oldest first, in one statement."""
    return list(db.session.scalars(
        select(Opinion).where(Opinion.meeting_id == meeting_id).order_by(Opinion.created_at, Opinion.id)
    ))


def opinions_page(meeting_id: int, *, topic_id: int | None, withdrawn: bool, offset: int, limit: int
                  ) -> tuple[list[Opinion], int]:
    """Return `limit` opinions of the sitting from `offset`, oldest first, on one topic or all, withdrawn ones
    only when asked, and how many match in all (two statements: the JSON API's pages)."""
    query = select(Opinion).where(Opinion.meeting_id == meeting_id)
    if topic_id is not None:
        query = query.where(Opinion.topic_id == topic_id)
    if not withdrawn:
        query = query.where(Opinion.status == ACTIVE)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(Opinion.created_at, Opinion.id).limit(limit).offset(offset))
    return list(rows), total


def distinct_pairs(meeting_id: int) -> set[tuple[int, int]]:
    """Return the pairs (smaller id, larger id) of the sitting's opinions found not to be duplicates."""
    rows = db.session.execute(
        select(DistinctPair.first_id, DistinctPair.second_id)
        .join(Opinion, Opinion.id == DistinctPair.first_id)
        .where(Opinion.meeting_id == meeting_id)
    )
    return {(first_id, second_id) for first_id, second_id in rows}


GUESTS = "guests"


@dataclass(frozen=True)
class DeskFilter:
    """What the desk shows: one topic, one sector, one member or GUESTS, a text to find; empty means all."""

    topic_id: int | None = None
    sector_id: int | None = None
    who: str = ""  # "", GUESTS or a member id
    text: str = ""
    withdrawn: bool = False


def filtered(opinions: Iterable[Opinion], members: dict, criteria: DeskFilter) -> list[Opinion]:
    """Return the opinions matching `criteria`; `members` maps member ids to members with their sectors.
    The text is found in the opinion, its original, the guest's name and organisation, case-insensitively."""
    needle = "".join(criteria.text.split()).casefold()
    found = []
    for opinion in opinions:
        if not criteria.withdrawn and opinion.status != ACTIVE:
            continue
        if criteria.topic_id and opinion.topic_id != criteria.topic_id:
            continue
        member = members.get(opinion.member_id)
        if criteria.sector_id and (member is None or member.sector_id != criteria.sector_id):
            continue
        if criteria.who == GUESTS and opinion.member_id is not None:
            continue
        if criteria.who.isdigit() and opinion.member_id != int(criteria.who):
            continue
        if needle:
            haystack = " ".join((opinion.text, opinion.original_text or "", opinion.guest_name,
                                 opinion.guest_organisation, member.name if member else ""))
            if needle not in "".join(haystack.split()).casefold():
                continue
        found.append(opinion)
    return found


def member_opinions_of_sittings(meeting_ids, member_id: int | None = None) -> list[tuple[int, int, int]]:
    """Return (opinion id, sitting id, member id) of the active opinions members gave at the sittings `meeting_ids`
    (guests' and withdrawn ones left out), only the member's when `member_id` is given (one statement; none for no
    sittings): what the duty records count as opinions given."""
    ids = list(meeting_ids)
    if not ids:
        return []
    query = select(Opinion.id, Opinion.meeting_id, Opinion.member_id).where(
        Opinion.meeting_id.in_(ids), Opinion.member_id.is_not(None), Opinion.status == ACTIVE)
    if member_id is not None:
        query = query.where(Opinion.member_id == member_id)
    return [(opinion_id, meeting_id, author)
            for opinion_id, meeting_id, author in db.session.connection().execute(query).all()]
