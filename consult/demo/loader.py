"""Write the demo committee into the database: people, organs, the year's plan and sittings, the admin.

Flushes, never commits: the `consult demo` command commits once. Sittings go through the meetings
services (create, publish and number, mark held, postpone) so they are exactly what staff would make.
"""

from __future__ import annotations

import logging
import os
import secrets
import uuid
from collections import Counter
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from consult.auth.models import User
from consult.auth.services import create_user
from consult.committee import get_committee
from consult.db_types import utcnow
from consult.demo.api_tokens import load_api_tokens
from consult.demo.attendance import load_attendance
from consult.demo.calendar import february_standing_day
from consult.demo.materials import load_materials
from consult.demo.minutes import load_minutes
from consult.demo.opinions import load_opinions
from consult.demo.organs import build_organs, liaison_organs
from consult.demo.people import SECTORS, build_members
from consult.demo.plan import PLAN_ITEMS, choose_overdue, plan_document_number
from consult.demo.sittings import CHAIR, CONTACTS, FIRST, SECRETARY, SittingSpec, build_sittings
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.meetings.scheduling import notice_days
from consult.meetings.services import create_meeting, mark_held, postpone_meeting, publish_meeting
from consult.members.models import Member, Organ, Sector, organ_member
from consult.plans.models import ConsultationPlan, PlanItem

log = logging.getLogger(__name__)

COMMITTEE_NAME = "政协崇川区委员会"
SHORT_NAME = "区政协"
TERM = 8
TIME_ZONE = "Asia/Shanghai"
ADMIN = "admin"
PASSWORD_VARIABLE = "CONSULT_ADMIN_PASSWORD"
# The organ whose presence says the demo is loaded.
MARKER_SLUG = "standing-committee"

POSTPONE_REASON = "因区委中心工作安排调整，本次活动延期举行，具体时间另行通知。"
# Regular chair meetings further ahead than this stay drafts: the office publishes them two or three weeks before.
DRAFT_HORIZON = timedelta(days=21)


def load_demo(today: date | None = None, admin_password: str | None = None) -> str:
    """Load the demo committee unless it is there already; return a report with counts and how to log in.

    `today` (a date in the committee's zone, default the real one) decides which sittings are held,
    upcoming, draft or postponed and which plan item is overdue. The admin password is `admin_password`,
    else $CONSULT_ADMIN_PASSWORD, else a random one that the report prints; given a password, a second
    run sets it again, otherwise a second run changes nothing. Raises ValueError for a password shorter
    than 10 characters.
    """
    password = admin_password or os.environ.get(PASSWORD_VARIABLE) or None
    source = "argument" if admin_password else ("variable" if password else None)
    if db.session.scalar(select(Organ.id).where(Organ.slug == MARKER_SLUG)) is not None:
        login = _ensure_admin(password, source)
        return "\n".join(["The demo committee is already loaded; nothing was added.", *_counts(), login])
    if _has_other_data():
        login = _ensure_admin(password, source)
        return "\n".join(
            ["This database already holds members, organs or sittings: the demo is only loaded into an "
             "empty database. Nothing was added.", login]
        )

    zone = ZoneInfo(TIME_ZONE)
    if today is None:
        now = utcnow()
        today = now.astimezone(zone).date()
    else:
        now = datetime.combine(today, time(8, 0), tzinfo=zone).astimezone(UTC)
    login = _ensure_admin(password, source)
    admin = db.session.scalar(select(User).where(User.username == ADMIN))

    committee = get_committee()
    committee.name, committee.short_name, committee.term, committee.time_zone = (
        COMMITTEE_NAME, SHORT_NAME, TERM, TIME_ZONE
    )
    members, organs = _load_people()
    overdue_key, items = _load_plan(today, now, organs, members)
    _load_sittings(today, now, zone, organs, members, items, overdue_key, admin)
    load_materials(now, admin.id if admin else None)
    load_attendance(now, zone, admin.id if admin else None)
    load_opinions(admin.id if admin else None)
    load_minutes(now, admin.id if admin else None)
    load_api_tokens(now, admin.id if admin else None)
    log.info("demo committee loaded for %s", today.year)
    return "\n".join(["Demo committee loaded.", *_counts(), login])


def _has_other_data() -> bool:
    for model in (Member, Organ, Meeting, ConsultationPlan):
        if db.session.scalar(select(func.count()).select_from(model)):
            return True
    return False


def _ensure_admin(password: str | None, source: str | None) -> str:
    """Make sure the admin account exists with the wanted password; return the login line."""
    user = db.session.scalar(select(User).where(User.username == ADMIN))
    if user is None:
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        create_user(ADMIN, password, role="admin", display_name="管理员")
        if generated:
            return f"Log in as {ADMIN} with the password {password} (random; set {PASSWORD_VARIABLE} to choose one)."
    elif password is not None and not user.check_password(password):
        from consult.auth.services import set_password

        set_password(user, password, by="the demo loader")
        log.info("password of %s reset from the demo loader", ADMIN)
    elif password is None:
        return (
            f"Log in as {ADMIN} with the password printed when the demo was first loaded. If it is lost, set "
            f"{PASSWORD_VARIABLE} and run `flask --app wsgi consult demo` again, or make another account with "
            f"`flask --app wsgi consult create-user NAME --role admin`."
        )
    where = "the password given" if source == "argument" else f"the password in {PASSWORD_VARIABLE}"
    return f"Log in as {ADMIN} with {where}."


def _load_people() -> tuple[dict[str, Member], dict[str, Organ]]:
    """Add sectors, members and organs; return members by member number and organs by slug."""
    sectors = {name: Sector(name=name, position=position) for position, (name, _) in enumerate(SECTORS)}
    db.session.add_all(sectors.values())
    specs = build_members()
    members: dict[str, Member] = {}
    for spec in specs:
        members[spec.number] = Member(
            name=spec.name, sector=sectors[spec.sector], role=spec.role, protocol_order=spec.protocol_order,
            gender=spec.gender, party=spec.party, member_number=spec.number, affiliation=spec.affiliation,
            phone=spec.phone, email=spec.email, active=True,
            liaison_sectors=[sectors[name] for name in spec.liaison_sectors],
        )
    db.session.add_all(members.values())
    organs: dict[str, Organ] = {}
    organ_specs = build_organs(specs)
    for position, spec in enumerate(organ_specs):
        organ = Organ(
            kind=spec.kind, name=spec.name, slug=spec.slug, number_label=spec.number_label,
            quorum_rule=spec.quorum_rule, prior_sittings_in_term=spec.prior_sittings_in_term, position=position,
            active=True, description=spec.description,
        )
        organ.members.extend(members[number] for number in spec.member_numbers)
        organs[spec.slug] = organ
    db.session.add_all(organs.values())
    for number, slugs in liaison_organs(specs).items():
        members[number].liaison_organs = [organs[slug] for slug in slugs]
    db.session.flush()
    for spec in organ_specs:  # posts (主任, 召集人 …) live on the membership rows
        for number, post in spec.posts:
            db.session.execute(
                update(organ_member)
                .where(organ_member.c.organ_id == organs[spec.slug].id, organ_member.c.member_id == members[number].id)
                .values(post=post)
            )
    return members, organs


def _vice_chairs(members: dict[str, Member]) -> list[Member]:
    return [m for m in members.values() if m.role == "vice_chair"]


def _load_plan(
    today: date, now: datetime, organs: dict[str, Organ], members: dict[str, Member]
) -> tuple[str | None, dict[str, PlanItem]]:
    """Add the year's plan; return the key of the item left overdue (None in January) and the items by key."""
    year = today.year
    overdue_key, overdue_month = choose_overdue(PLAN_ITEMS, today)
    vice_chairs = _vice_chairs(members)
    # Made public the day after the February standing committee adopted it.
    published_at = datetime.combine(february_standing_day(year) + timedelta(days=1), time(10, 0), tzinfo=UTC)
    plan = ConsultationPlan(
        year=year, title=f"政协崇川区委员会{year}年度协商计划",
        is_public=published_at <= now, published_at=published_at if published_at <= now else None,
        notes=f"根据《政协崇川区委员会{year}年工作要点》制定。",
        approved_by="standing_committee", approved_on=february_standing_day(year),
        document_number=plan_document_number(year),
    )
    items: dict[str, PlanItem] = {}
    for position, spec in enumerate(PLAN_ITEMS):
        month = overdue_month if spec.key == overdue_key else spec.planned_month
        items[spec.key] = PlanItem(
            position=position, topic=spec.topic, consultation_form=spec.consultation_form,
            sitting_kind=spec.sitting_kind, organ=organs[spec.organ], organising_organ=organs[spec.organiser_slug],
            planned_month=month, planned_quarter=None if month else spec.planned_quarter,
            planned_half=None if month or spec.planned_quarter else spec.planned_half,
            lead_member=vice_chairs[spec.lead], counterpart_department=spec.counterpart,
            participating_departments=spec.participating, expected_result=spec.expected_result,
            report_to=spec.report_to, notes=spec.notes,
        )
    plan.items.extend(items.values())
    db.session.add(plan)
    db.session.flush()
    return overdue_key, items


def _presiding(spec: SittingSpec, organ: Organ, members: dict[str, Member]) -> Member | None:
    by_role = {m.role: m for m in members.values() if m.role in ("chair", "secretary_general")}
    if spec.presiding == CHAIR:
        return by_role["chair"]
    if spec.presiding == SECRETARY:
        return by_role["secretary_general"]
    if spec.presiding == FIRST:  # the organ's head: 主任 of a committee, 召集人 of a sector group
        head = db.session.scalar(
            select(organ_member.c.member_id)
            .where(organ_member.c.organ_id == organ.id, organ_member.c.post.in_(("director", "convener")))
        )
        return db.session.get(Member, head) if head else min(organ.members, key=lambda m: m.member_number or "")
    return _vice_chairs(members)[int(spec.presiding.removeprefix("vice"))]


def _invitees(spec: SittingSpec, organs: dict[str, Organ], members: dict[str, Member]) -> list[Member] | None:
    if spec.invite == "all":
        return [m for m in members.values() if m.active]
    if spec.invite == "leaders+economy":
        leaders = [m for m in members.values() if m.role]
        return leaders + [m for m in organs["economy"].members if m not in leaders]
    return None


def _load_sittings(
    today: date,
    now: datetime,
    zone: ZoneInfo,
    organs: dict[str, Organ],
    members: dict[str, Member],
    items: dict[str, PlanItem],
    overdue_key: str | None,
    admin: User | None,
) -> None:
    """Add the year's sittings and bring each to its state on `today`.

    Past sittings are held; upcoming ones published, except the regular chair meetings more than two
    weeks ahead (drafts) and one upcoming sitting postponed (延期，时间另定). The overdue item's sittings never
    happened.
    Near the end of the year (late December) next January's sittings are added as the upcoming ones;
    in January no plan item can be overdue yet (see choose_overdue).
    """
    specs = [s for s in build_sittings(today.year) if overdue_key is None or s.plan != overdue_key]
    if sum(s.starts.date() >= today for s in specs) < 2:
        # After the year's last sitting (late December) the office has already called January's
        # chair meeting and plenary: add them, so that something is upcoming (and one is postponed).
        specs += [replace(s, plan=None) for s in build_sittings(today.year + 1) if s.starts.month == 1]
    series_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"consult-demo/chair-meeting/{today.year}"))

    def utc(local: datetime) -> datetime:
        return local.replace(tzinfo=zone).astimezone(UTC)

    upcoming = [s for s in specs if s.starts.date() >= today]
    drafts = {s.key for s in upcoming if s.series and utc(s.starts) - now > DRAFT_HORIZON}
    postponed = _choose_postponed([s for s in upcoming if s.key not in drafts], today)

    for spec in specs:  # in date order, so numbers follow the calendar
        organ = organs[spec.organ]
        starts, ends = utc(spec.starts), utc(spec.ends)
        meeting = create_meeting(
            organ, spec.title, starts, ends,
            sitting_kind=spec.sitting_kind, consultation_form=spec.consultation_form, location=spec.location,
            topics=spec.topics, observers="\n".join(spec.observers), guests="\n".join(spec.guests),
            assembly_at=utc(spec.assembly[0]) if spec.assembly else None,
            assembly_place=spec.assembly[1] if spec.assembly else "",
            presiding_member=_presiding(spec, organ, members), invitees=_invitees(spec, organs, members),
            notes=spec.notes, plan_item_id=items[spec.plan].id if spec.plan else None,
            series_id=series_id if spec.series else None, created_by=admin,
            contact_name=CONTACTS.get(spec.organ, ("", ""))[0], contact_phone=CONTACTS.get(spec.organ, ("", ""))[1],
        )
        if spec.key in drafts:
            continue
        # Published well ahead, as the office does: at least four days more than the notice period needs.
        published = min(now, starts - timedelta(days=notice_days(organ.kind, organ.notice_days) + 4))
        meeting.created_at = min(now, published - timedelta(days=3))
        publish_meeting(meeting, now=published, by=admin)
        if spec.starts.date() < today:
            mark_held(meeting, now=ends + timedelta(minutes=30))
        elif spec.key == postponed:
            postpone_meeting(meeting, POSTPONE_REASON, now=now)


def _choose_postponed(candidates: list[SittingSpec], today: date) -> str | None:
    """Return the key of the one upcoming sitting to postpone: the next street committee activity at least
    three days away, else the next sitting that is not a numbered meeting, else the next one; None if none."""
    later = [s for s in candidates if s.starts.date() >= today + timedelta(days=3)] or candidates
    for wanted in (
        lambda s: s.organ.startswith("street-"),
        lambda s: s.sitting_kind != "meeting",
        lambda s: True,
    ):
        for spec in later:
            if wanted(spec):
                return spec.key
    return None


def _counts() -> list[str]:
    """Return lines with what the database holds: sectors, members, organs, sittings by status, plan items."""
    count = db.session.scalar
    statuses = Counter(dict(db.session.execute(select(Meeting.status, func.count()).group_by(Meeting.status)).all()))
    sittings = sum(statuses.values())
    by_status = ", ".join(f"{statuses[s]} {s}" for s in ("held", "published", "draft", "postponed", "cancelled"))
    plans = db.session.execute(
        select(ConsultationPlan.year, func.count(PlanItem.id))
        .join(PlanItem, PlanItem.plan_id == ConsultationPlan.id, isouter=True)
        .group_by(ConsultationPlan.year)
        .order_by(ConsultationPlan.year)
    ).all()
    plan_text = "; ".join(f"{year}: {n} items" for year, n in plans) or "none"
    committee = get_committee()
    return [
        f"Committee: {committee.name} ({committee.short_name}), term {committee.term}, zone {committee.time_zone}.",
        f"Sectors: {count(select(func.count()).select_from(Sector))}; "
        f"members: {count(select(func.count()).select_from(Member))}; "
        f"organs: {count(select(func.count()).select_from(Organ))}.",
        f"Sittings: {sittings} ({by_status}).",
        f"Consultation plan: {plan_text}.",
    ]
