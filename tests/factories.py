"""Small factories for tests: each adds a row with sensible defaults, flushes and returns it."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from consult.committee import get_committee
from consult.extensions import db
from consult.meetings.models import Invitation, Meeting, Topic
from consult.members.models import Member, Organ, Sector

_seq = itertools.count(1)


def committee(term: int = 8, short_name: str = "区政协", time_zone: str = "Asia/Shanghai"):
    """Return the committee, set to the given term and zone."""
    c = get_committee()
    c.term, c.short_name, c.time_zone = term, short_name, time_zone
    db.session.flush()
    return c


def sector(name: str | None = None) -> Sector:
    s = Sector(name=name or f"界别{next(_seq)}", position=0)
    db.session.add(s)
    db.session.flush()
    return s


def member(name: str | None = None, sector_: Sector | None = None, is_standing: bool = False, **fields) -> Member:
    """A member; `is_standing` puts them in the standing committee (made when there is none): 常委 is that seat."""
    n = next(_seq)
    standing = None
    if is_standing:
        from sqlalchemy import select

        standing = db.session.scalars(select(Organ).where(Organ.kind == "standing_committee")).first()
        standing = standing or organ("standing_committee", f"常务委员会{n}")
    m = Member(name=name or f"委员{n}", sector=sector_ or sector(), **fields)
    if standing is not None:
        m.organs.append(standing)
    db.session.add(m)
    db.session.flush()
    return m


def organ(kind: str = "standing_committee", name: str | None = None, members=(), **fields) -> Organ:
    n = next(_seq)
    o = Organ(kind=kind, name=name or f"机构{n}", slug=fields.pop("slug", f"organ-{n}"), **fields)
    o.members.extend(members)
    db.session.add(o)
    db.session.flush()
    return o


def meeting(
    organ_: Organ | None = None,
    title: str = "专题协商会议",
    starts_at: datetime | None = None,
    hours: float = 2,
    status: str = "published",
    invitees=(),
    topics=(),
    **fields,
) -> Meeting:
    start = starts_at or datetime(2030, 3, 4, 6, 30, tzinfo=UTC)
    m = Meeting(
        organ=organ_ or organ(),
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=hours),
        status=status,
        **fields,
    )
    for position, topic_title in enumerate(topics):
        m.topics.append(Topic(position=position, title=topic_title))
    for person in invitees:
        m.invitations.append(Invitation(member=person))
    db.session.add(m)
    db.session.flush()
    return m


def approved_decisions(meeting_: Meeting, decisions=(), version: int = 1):
    """Give the sitting approved minutes (a version of a few stand-in bytes, what it says kept) holding
    `decisions`: (text, department, due date, outcome) tuples, or plain texts; return the Decision rows.

    Much faster than generating the Word file, for tests that need many sittings with decisions."""
    from datetime import date

    from consult.followup.models import ApprovedText, Decision
    from consult.minutes.models import Minutes, MinutesVersion

    n = next(_seq)
    minutes = Minutes(meeting_id=meeting_.id, committee_id=get_committee().id, status="approved", revision=1,
                      title=f"纪要{n}", year=2030, issue_number=n, office="办公室", issued_on=date(2030, 1, 1),
                      opening="会议召开。", decisions="")
    db.session.add(minutes)
    db.session.flush()
    stored = MinutesVersion(minutes_id=minutes.id, number=version, revision=1, content=b"docx", sha256="0" * 64,
                            size=4)
    db.session.add(stored)
    db.session.flush()
    rows = [(d, "", None, "") if isinstance(d, str) else d for d in decisions]
    db.session.add(ApprovedText(minutes_version_id=stored.id, minutes_id=minutes.id, meeting_id=meeting_.id,
                                version=version, title=minutes.title, opening="会议召开。", topics=[],
                                decisions=[r[0] for r in rows]))
    made = [Decision(meeting_id=meeting_.id, minutes_id=minutes.id, position=p, text=text, first_version=version,
                     last_version=version, in_minutes=True, department=department, due_on=due_on, outcome=outcome,
                     answer="已答复。" if outcome else "", answered_on=due_on if outcome else None, revision=1)
            for p, (text, department, due_on, outcome) in enumerate(rows, start=1)]
    db.session.add_all(made)
    db.session.flush()
    return made
