"""Pages that show sittings: coming sittings, list, month calendar, meeting page."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _

from consult.auth.models import User
from consult.auth.permissions import is_staff
from consult.auth.scope import limit_organs, organ_scope, staff_for
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.form_helpers import ActionForm, db_int
from consult.meetings import queries, services
from consult.meetings.blueprint import LABELS, bp
from consult.meetings.forms import MeetingFilterForm
from consult.meetings.links import UrlPattern
from consult.meetings.models import Meeting
from consult.meetings.scheduling import attendance, year_in_range
from consult.meetings.statuses import MEETING_STATUSES, shown_statuses
from consult.members import queries as member_queries
from consult.members.models import LEADERSHIP_ROLES


def _plain_labels() -> dict[str, dict[str, str]]:
    """Return LABELS translated once for this request: long pages would translate each label per row."""
    return {name: {key: str(label) for key, label in values.items()} for name, values in LABELS.items()}


def _row_urls() -> dict[str, UrlPattern]:
    """Return the address patterns of the sitting rows (one url_for call instead of one per row)."""
    return {"meeting": UrlPattern("meetings.detail", "meeting_id")}


def _load_visible(meeting_id: int) -> Meeting:
    """Return the sitting for its page, or answer 404: drafts and internal or members-only sittings are
    for staff of its organ (members read those they are invited to on their personal page)."""
    meeting = queries.meeting_for_detail(meeting_id)
    if meeting is None or (
        not staff_for(meeting.organ_id) and (meeting.status == "draft" or meeting.visibility != "public")
    ):
        abort(404)
    return meeting


def _reader() -> tuple[bool, frozenset[int] | None]:
    """Return whether the lists are read as staff, and the organs they are limited to (None: every organ)."""
    staff = is_staff()
    return staff, organ_scope() if staff else None


def _filters():
    form = MeetingFilterForm(request.args, organs=limit_organs(queries.active_organs()))
    return form, form.criteria()


# --- reading --------------------------------------------------------------------------------------


@bp.route("/")
def home():
    """The coming sittings."""
    staff, organ_ids = _reader()
    meetings = queries.coming_meetings(staff=staff, now=clock.now(), organ_ids=organ_ids)
    return render_template("meetings/home.html", meetings=meetings, labels=_plain_labels(), urls=_row_urls())


@bp.route("/meetings")
def meeting_list():
    """Upcoming and past sittings, 50 a page: filterable by organ, kind and consultation form, searchable
    by words (title, topics, location, numbered name), by status (drafts for staff) and by year."""
    form, criteria = _filters()
    staff, organ_ids = _reader()
    tab = "past" if request.args.get("tab") == "past" else "upcoming"
    page = max(request.args.get("page", 1, type=db_int) or 1, 1)
    status = request.args.get("status", "")
    statuses = {key: MEETING_STATUSES[key] for key in shown_statuses(staff)}
    year = request.args.get("year", type=db_int)
    search = queries.ListSearch(
        text=request.args.get("q", "")[:100],
        status=status if status in statuses else None,
        year=year if year is not None and year_in_range(year) else None,
        time_zone=clock.zone_name(),
    )
    meetings, total = queries.list_meetings(
        staff=staff, criteria=criteria, now=clock.now(), past=tab == "past", page=page, search=search,
        organ_ids=organ_ids,
    )
    pages = max((total + 49) // 50, 1)
    kept = ("organ", "kind", "form", "tab", "q", "status", "year")
    return render_template(
        "meetings/list.html",
        meetings=meetings,
        total=total,
        page=page,
        pages=pages,
        tab=tab,
        filter_form=form,
        filter_args={k: v for k, v in request.args.items() if k in kept and v},
        search=search,
        statuses=statuses,
        years=queries.past_years(staff=staff, now=clock.now(), time_zone=clock.zone_name(), organ_ids=organ_ids)
        if tab == "past" else [],
        labels=_plain_labels(),
        urls=_row_urls(),
    )


@bp.route("/meetings/calendar")
def month():
    """The month calendar, Monday first, with previous and next month and the list's filters."""
    form, criteria = _filters()
    zone = clock.zone_name()
    today = clock.now().astimezone(ZoneInfo(zone)).date()
    year = request.args.get("year", today.year, type=db_int)
    month_number = request.args.get("month", today.month, type=db_int)
    if not (1 <= month_number <= 12 and year_in_range(year)):
        flash(_("There is no such month; here is the current one."), "warning")
        year, month_number = today.year, today.month
    staff, organ_ids = _reader()
    weeks = queries.month_grid(
        year=year, month=month_number, time_zone=zone, staff=staff, criteria=criteria, organ_ids=organ_ids)
    previous = (year - 1, 12) if month_number == 1 else (year, month_number - 1)
    following = (year + 1, 1) if month_number == 12 else (year, month_number + 1)
    filter_args = {k: v for k, v in request.args.items() if k in ("organ", "kind", "form") and v}
    return render_template(
        "meetings/month.html",
        weeks=weeks,
        first_day=date(year, month_number, 1),
        year=year,
        month_number=month_number,
        previous=previous,
        following=following,
        today=today,
        filter_form=form,
        filter_args=filter_args,
        labels=_plain_labels(),
        urls=_row_urls(),
    )


@bp.route("/meetings/<int:meeting_id>")
def detail(meeting_id: int):
    """The meeting page: numbered and formal name, period, place, topics, observers, invitees by sector,
    列席委员, 应到 (the organ's composition that day) and the quorum counted on it."""
    meeting = _load_visible(meeting_id)
    invitees = queries.invitees_for_page(meeting.id)
    rule = meeting.organ.effective_quorum_rule
    # 应到 is the organ's composition on the sitting's day; invitees outside it are 列席委员.
    composition = member_queries.composition_ids(meeting.organ_id, clock.local(meeting.starts_at).date())
    counted = attendance(composition, (person.id for person in invitees), rule)
    observer_ids = set(counted.observer_ids)
    by_sector: dict = {}
    observing: list = []
    for person in invitees:
        if person.id in observer_ids:
            observing.append(person)
        else:
            by_sector.setdefault(person.sector_name, []).append(person)
    uninvited = counted.expected - (len(invitees) - len(observing))
    staff = staff_for(meeting.organ_id)  # another organ's sitting opens as a visitor sees it
    # Who confirmed a late notice is a staff username: staff only.
    late_by = None
    if staff and meeting.late_notice_confirmed_by_id:
        late_by = db.session.get(User, meeting.late_notice_confirmed_by_id)
    return render_template(
        "meetings/detail.html",
        meeting=meeting,
        full_number=meeting.full_display_number(get_committee().short_name),
        formal_name=meeting.formal_name(get_committee()),
        renumber_needed=staff and bool(services.date_order_breaks(meeting)),
        staff=staff,
        invited=counted.expected,
        quorum=counted.quorum,
        quorum_rule=rule,
        by_sector=by_sector,
        invited_members=len(invitees) - len(observing),
        observing_members=observing,
        uninvited=uninvited,
        late_by=late_by,
        changes=queries.changes_of(meeting.id),
        ics_url=url_for("feeds.meeting_ics", meeting_id=meeting.id),
        roles=LEADERSHIP_ROLES,
        action_form=ActionForm(),
        labels=LABELS,
        now=clock.now(),
    )
