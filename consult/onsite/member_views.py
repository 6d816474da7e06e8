"""The member's side on site: the sitting's page /m/<code> (the QR target), check-in, "who are you" with the
last phone digits, "not me", and leave requests from /m/<code> and from the personal page."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_time
from flask_babel import gettext as _

from consult.auth.redirects import safe_next
from consult.committee import clock, get_committee
from consult.extensions import db, locks_at_first_write
from consult.feeds.queries import member_by_access_token
from consult.form_helpers import ActionForm, options
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.meetings.scheduling import leave_request_late
from consult.meetings.statuses import CANCELLED, DRAFT, HELD, POSTPONED, PUBLISHED
from consult.members.models import Member
from consult.onsite import queries, rules, services
from consult.onsite.attendance import PRESENT, TRIES_PER_ADDRESS, TRIES_PER_MEMBER, locked_until, phone_digits_match
from consult.onsite.blueprint import ATTENDANCE_LABELS, LEAVE_LABELS, bp
from consult.onsite.forms import IdentifyForm, LeaveForm
from consult.onsite.identity import forget, recognised_member, remember
from consult.onsite.models import APPROVED, OnsiteSitting
from consult.pg_connections import reads_without_transaction
from consult.responses import private


def _sitting(code: str) -> tuple[Meeting, OnsiteSitting]:
    """Return the sitting of `code` and its on-site row, or answer 404."""
    return services.sitting_by_code(code) or abort(404)


def checkin_state(meeting: Meeting, onsite: OnsiteSitting) -> str:
    """Return the check-in state of the sitting now (rules.NOT_YET, OPEN or CLOSED); a sitting that is not
    published or held is CLOSED."""
    if meeting.status not in (PUBLISHED, HELD):
        return rules.CLOSED
    return rules.checkin_state(clock.now(), meeting.starts_at, meeting.ends_at, onsite.attendance_closed_at is not None)


def leave_problem(meeting: Meeting, member: Member, standing: queries.Standing | None = None) -> str | None:
    """Return why the member cannot ask for leave from the sitting now, or None when they can. `standing`, when
    the caller has read it (queries.standing_of), spares reading it again."""
    if meeting.status == CANCELLED:
        return _("This sitting has been cancelled: no leave is needed.")
    if meeting.status not in (PUBLISHED, POSTPONED):
        return _("Leave can be asked for only before a published sitting.")
    if standing is None:
        standing = queries.standing_of(meeting.id, member.id)
    if not standing.invited:
        return _("You are not invited to this sitting, so no leave is needed.")
    if clock.now() >= meeting.starts_at:
        return _("The sitting has begun: leave can no longer be asked for here. Please call the office.")
    if standing.record is not None and standing.record.status == PRESENT:
        return _("You have checked in at this sitting.")
    if standing.leave is not None and standing.leave.status == APPROVED:
        return _("Your leave from this sitting has been approved already.")
    return None


@bp.route("/m/<code>")
@reads_without_transaction
def sitting_page(code: str):
    """The sitting's page on a phone: agenda, check-in within the window, leave, and "not me"."""
    meeting, onsite = _sitting(code)
    member = recognised_member()
    standing = queries.standing_of(meeting.id, member.id) if member is not None else None
    invited = standing is not None and standing.invited
    record = standing.record if invited else None
    leave = standing.leave if invited else None
    response = Response(render_template(
        "onsite/sitting_page.html",
        meeting=meeting if meeting.status != DRAFT else None,
        draft=meeting.status == DRAFT,
        code=code.lower(),
        member=member,
        invited=invited,
        record=record,
        leave=leave,
        leave_open=invited and leave_problem(meeting, member, standing) is None,
        topics=list(meeting.topics) if meeting.status != DRAFT else [],
        state=checkin_state(meeting, onsite),
        window=rules.checkin_window(meeting.starts_at, meeting.ends_at),
        guest_allowed=rules.guests_welcome(meeting.status, meeting.visibility),
        form=ActionForm(),
        attendance_labels=ATTENDANCE_LABELS,
        leave_labels=LEAVE_LABELS,
        committee=get_committee(),
    ))
    return private(response)


@bp.route("/m/<code>/checkin", methods=["POST"])
@locks_at_first_write
def checkin(code: str):
    """Check the recognised invitee in; every refusal says why and changes nothing."""
    meeting, onsite = _sitting(code)
    page = url_for("onsite.sitting_page", code=code.lower())
    if not ActionForm().validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return private(redirect(page, 303))
    member = recognised_member()
    if member is None:
        flash(_("Tell us who you are first: choose your name and type the last 4 digits of your phone."), "info")
        return private(redirect(url_for("onsite.identify", code=code.lower(), next=page), 303))
    standing = queries.standing_of(meeting.id, member.id)
    problem = _checkin_problem(meeting, onsite, member, standing)
    if problem:
        flash(problem, "error")
        return private(redirect(page, 303))
    record, new = services.check_in(meeting.id, member.id, now=clock.now(), by="member", record=standing.record)
    when, name = format_time(record.checked_in_at, "HH:mm"), member.name  # read before the commit expires them
    db.session.commit()
    if new:
        flash(_("Checked in at %(time)s. Welcome, %(name)s.", time=when, name=name), "success")
    else:
        flash(_("You already checked in at %(time)s; nothing has changed.", time=when), "info")
    return private(redirect(page, 303))


def _checkin_problem(meeting: Meeting, onsite: OnsiteSitting, member: Member, standing: queries.Standing) -> str | None:
    """Return why the member cannot check in now (`standing`: theirs at the sitting, queries.standing_of), or
    None."""
    if meeting.status == DRAFT:
        return _("This sitting is not published yet: there is no check-in.")
    if meeting.status == CANCELLED:
        return _("This sitting has been cancelled: there is no check-in.")
    if meeting.status == POSTPONED:
        return _("This sitting has been postponed: there is no check-in until its new date is set.")
    if not standing.invited:
        return _("%(name)s is not on the list of invitees of this sitting. Please ask the staff at the desk.",
                 name=member.name)
    if standing.record is not None and standing.record.status == PRESENT:
        return None  # answered "already checked in" by the caller
    state = checkin_state(meeting, onsite)
    if state == rules.NOT_YET:
        opens = rules.checkin_window(meeting.starts_at, meeting.ends_at)[0]
        return _("Check-in opens at %(time)s, an hour before the start.", time=format_time(opens, "HH:mm"))
    if state == rules.CLOSED:
        return _("Check-in for this sitting is closed. Please ask the staff at the desk.")
    return None


def _address() -> str:
    return request.remote_addr or "unknown"


@bp.route("/m/<code>/identify", methods=["GET", "POST"])
@reads_without_transaction
def identify(code: str):
    """"Who are you": the name among the invitees and the last 4 phone digits, with tries limited per member and
    per address (kept in the database, so several app servers count together)."""
    meeting, _onsite = _sitting(code)
    if meeting.status == DRAFT:
        abort(404)
    form = IdentifyForm()
    invitees = meeting_queries.invitees_for_page(meeting.id)
    form.member_id.choices = options((person.id, f"{person.name}（{person.sector_name}）") for person in invitees)
    target = safe_next(form.next.data or request.args.get("next") or url_for("onsite.sitting_page", code=code.lower()))
    form.next.data = target
    status, locked = 200, None
    now = clock.now()
    if request.method == "POST":
        locked = locked_until(queries.recent_failures(f"address:{_address()}", now), now, TRIES_PER_ADDRESS)
        if locked is None and form.validate_on_submit():
            member_key = f"member:{form.member_id.data}"
            locked = locked_until(queries.recent_failures(member_key, now), now, TRIES_PER_MEMBER)
            if locked is None:
                member = _active_member(form.member_id.data)
                if member is not None and phone_digits_match(member.phone, form.phone_digits.data):
                    flash(_("Welcome, %(name)s. This phone will remember you.", name=member.name), "success")
                    return private(remember(redirect(target, 303), member))
                services.record_identify_failure([member_key, f"address:{_address()}"], now=now)
                db.session.commit()
                form.phone_digits.errors = [*form.phone_digits.errors, _(
                    "These digits do not match the phone number the office has for this name. Check them, or ask "
                    "the staff at the desk.")]
        if form.errors.get("csrf_token"):
            form.phone_digits.errors = [*form.phone_digits.errors, _("The page had expired; please try again.")]
        status = 429 if locked else 400
    return private(Response(render_template(
        "onsite/identify.html", meeting=meeting, form=form, code=code.lower(), locked=locked,
        tries=TRIES_PER_MEMBER,
    ), status=status))


def _active_member(member_id: int | None) -> Member | None:
    """Return the active member with this id, or None."""
    from consult.members.queries import member_by_id

    member = member_by_id(member_id) if member_id is not None else None
    return member if member is not None and member.active else None


@bp.route("/m/<code>/not-me", methods=["POST"])
def not_me(code: str):
    """Forget who this phone belongs to (a shared phone, a wrong name) and ask again."""
    _sitting(code)
    ActionForm().validate_on_submit()  # forgetting a cookie harms no one: done even on an expired page
    flash(_("This phone no longer remembers you."), "info")
    return private(forget(redirect(url_for("onsite.identify", code=code.lower()), 303)))


# --- leave ---------------------------------------------------------------------------------------


def _leave(meeting: Meeting, member: Member, back: str, action: str):
    """Show and take the leave form of `member` for `meeting`; `back` is the page to return to."""
    standing = queries.standing_of(meeting.id, member.id)
    problem = leave_problem(meeting, member, standing)
    existing = standing.leave
    form = LeaveForm()
    status = 200
    if request.method == "POST":
        if problem:
            flash(problem, "error")
            return private(redirect(back, 303))
        if form.validate_on_submit():
            now = clock.now()
            committee = get_committee()
            late = leave_request_late(now, meeting.starts_at, clock.zone(), committee.leave_deadline_days)
            services.ask_leave(meeting.id, member.id, form.reason.data, now=now, late=late)
            db.session.commit()
            flash(_("Your request for leave has been sent to the office. You will see the decision here."), "success")
            if late:
                flash(_("It was sent after the deadline, so it is marked late; the office will still consider it."),
                      "warning")
            return private(redirect(back, 303))
        if form.errors.get("csrf_token"):
            form.reason.errors = [*form.reason.errors, _("The page had expired; please try again.")]
        status = 400
    elif existing is not None and not form.reason.data:
        form.reason.data = existing.reason
    return private(Response(render_template(
        "onsite/leave.html", meeting=meeting, member=member, form=form, problem=problem, existing=existing,
        back=back, action=action, leave_labels=LEAVE_LABELS,
    ), status=status))


@bp.route("/m/<code>/leave", methods=["GET", "POST"])
def leave(code: str):
    """Ask for leave from the sitting's page (the recognised member)."""
    meeting, _onsite = _sitting(code)
    member = recognised_member()
    page = url_for("onsite.sitting_page", code=code.lower())
    if member is None:
        return private(redirect(url_for("onsite.identify", code=code.lower(), next=request.path), 303))
    return _leave(meeting, member, page, url_for("onsite.leave", code=code.lower()))


@bp.route("/my/<access_token>/leave/<int:meeting_id>", methods=["GET", "POST"])
def my_leave(access_token: str, meeting_id: int):
    """Ask for leave from the member's own page."""
    member = member_by_access_token(access_token) or abort(404)
    meeting = meeting_queries.meeting_for_detail(meeting_id)
    if meeting is None or meeting.status == DRAFT or not meeting_queries.is_invited(meeting.id, member.id):
        abort(404)
    page = url_for("feeds.my_page", access_token=access_token)
    return _leave(meeting, member, page, url_for("onsite.my_leave", access_token=access_token, meeting_id=meeting.id))
