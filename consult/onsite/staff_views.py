"""Staff on site: the live attendance panel, corrections, closing attendance, leave decisions and leave taken
by phone, table cards with the QR code, and a member's new personal link."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import require_meeting, require_organs_of
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.feeds.blueprint import external_url, qr_svg
from consult.form_helpers import ActionForm, ConfirmForm, options
from consult.meetings import queries as meeting_queries
from consult.meetings.models import Meeting
from consult.meetings.statuses import DRAFT
from consult.members import queries as member_queries
from consult.members.models import Member
from consult.onsite import queries, services
from consult.onsite.attendance import tally
from consult.onsite.blueprint import ATTENDANCE_LABELS, LEAVE_LABELS, bp
from consult.onsite.forms import AttendanceForm, DecideLeaveForm, PhoneLeaveForm, TableCardsForm
from consult.onsite.member_views import checkin_state, private
from consult.onsite.models import APPROVED

CLEAR = "clear"


def _meeting(meeting_id: int) -> Meeting:
    """Return the sitting for its staff pages, or answer 404 (also to staff limited to other organs)."""
    return require_meeting(meeting_queries.meeting_for_detail(meeting_id))


def _status_choices():
    return options([*ATTENDANCE_LABELS.items(), (CLEAR, _("Not recorded"))])


def panel_context(meeting: Meeting) -> dict:
    """Return what the attendance panel shows: the tally, the organ's members and the 列席委员 with their
    records, the leave requests."""
    onsite = services.onsite_for(meeting.id)
    invitees = meeting_queries.invitees_for_page(meeting.id)
    names = {person.id: person for person in invitees}
    day = clock.local(meeting.starts_at).date()
    composition = member_queries.composition(meeting.organ_id, day)
    records = queries.records_of(meeting.id)
    counted = tally(composition, names, {m: r.status for m, r in records.items()}, meeting.organ.effective_quorum_rule)
    missing = [m for m in composition if m not in names]
    members = {m.id: m for m in member_queries.active_members_in_order(missing)} if missing else {}
    rows = [(names.get(m) or members.get(m), records.get(m)) for m in composition]
    observers = [(names[m], records.get(m)) for m in counted.observer_ids]
    return {
        "meeting": meeting,
        "onsite": onsite,
        "tally": counted,
        "rows": [(person, record) for person, record in rows if person is not None],
        "observers": observers,
        "state": checkin_state(meeting, onsite),
        "labels": ATTENDANCE_LABELS,
        "now": clock.now(),
    }


@bp.route("/meetings/<int:meeting_id>/attendance")
@staff_required
def attendance_panel(meeting_id: int):
    """The live panel: 应到 / 实到 / 请假 / not yet arrived and the quorum, each member's record with buttons to
    correct it, leave requests. ?fragment=1 gives only the live part (static/js/attendance-panel.js)."""
    meeting = _meeting(meeting_id)
    if services.ensure_code(meeting.id):
        db.session.commit()  # the code made on first use, before the reads
    context = panel_context(meeting)
    if request.args.get("fragment") == "1":
        return private(_fragment(context))
    invitees = meeting_queries.invitees_for_page(meeting.id)
    phone_form = PhoneLeaveForm(formdata=None)
    phone_form.member_id.choices = options((p.id, p.name) for p in invitees)
    return private(_page(context, phone_form=phone_form))


def _fragment(context):
    from flask import Response

    return Response(render_template("onsite/_panel_live.html", action_form=ActionForm(), **context))


def _page(context, *, phone_form, status: int = 200):
    from flask import Response

    meeting = context["meeting"]
    requests = queries.leave_requests_of(meeting.id)
    return Response(render_template(
        "onsite/attendance_panel.html",
        requests=requests,
        names={m.id: m.name for m in member_queries.active_members_in_order(r.member_id for r in requests)},
        leave_labels=LEAVE_LABELS,
        phone_form=phone_form,
        decide_form=DecideLeaveForm(formdata=None),
        action_form=ActionForm(),
        status_choices=_status_choices(),
        sitting_url=external_url("onsite.sitting_page", code=context["onsite"].code),
        **context,
    ), status=status)


@bp.route("/meetings/<int:meeting_id>/attendance/<int:member_id>", methods=["POST"])
@staff_required
def set_attendance(meeting_id: int, member_id: int):
    """Staff check a member in by hand or correct their record (present, on leave, absent, not recorded)."""
    meeting = _meeting(meeting_id)
    panel = url_for("onsite.attendance_panel", meeting_id=meeting.id)
    form = AttendanceForm()
    form.status.choices = _status_choices()
    if not form.validate_on_submit():
        flash(_("Nothing was changed: %(problem)s", problem=_first_error(form)), "error")
        return redirect(panel, 303)
    member = member_queries.member_by_id(member_id) or abort(404)
    if not meeting_queries.is_invited(meeting.id, member.id) and member.id not in member_queries.composition_ids(
            meeting.organ_id, clock.local(meeting.starts_at).date()):
        flash(_("%(name)s is not invited to this sitting; nothing was changed.", name=member.name), "error")
        return redirect(panel, 303)
    status = None if form.status.data == CLEAR else form.status.data
    services.set_attendance(meeting.id, member.id, status, now=clock.now(), by=current_user.username,
                            note=form.note.data or "")
    db.session.commit()
    flash(_("%(name)s: %(status)s.", name=member.name,
            status=ATTENDANCE_LABELS[status] if status else _("Not recorded")), "success")
    return redirect(panel + f"#member-{member.id}", 303)


def _first_error(form) -> str:
    for errors in form.errors.values():
        if errors:
            return str(errors[0]) if not isinstance(errors[0], dict) else ""
    return ""


@bp.route("/meetings/<int:meeting_id>/attendance/close", methods=["GET", "POST"])
@staff_required
def close_attendance(meeting_id: int):
    """After a confirmation page: invitees neither present nor on approved leave become absent (缺席) and
    check-in closes."""
    meeting = _meeting(meeting_id)
    panel = url_for("onsite.attendance_panel", meeting_id=meeting.id)
    form = ConfirmForm()
    onsite = services.onsite_for(meeting.id)
    if onsite.attendance_closed_at is not None:
        flash(_("Attendance of this sitting is already closed."), "info")
        return redirect(panel, 303)
    if meeting.status == DRAFT or meeting.status == "cancelled":
        flash(_("A sitting that is a draft or cancelled has no attendance to close."), "error")
        return redirect(panel, 303)
    if clock.now() < meeting.starts_at:
        flash(_("The sitting has not begun yet: attendance is closed after it."), "error")
        return redirect(panel, 303)
    if not form.confirmed_on_submit():
        db.session.commit()
        return render_template(
            "_confirm.html",
            heading=_("Close attendance of %(name)s?", name=meeting.display_name),
            warnings=[_("Invitees who have neither checked in nor been given leave will be recorded as absent."),
                      _("Check-in on the phones closes. You can still correct any record afterwards.")],
            action=url_for("onsite.close_attendance", meeting_id=meeting.id),
            button=_("Yes, close attendance"), back=panel, form=form,
        )
    invitee_ids = [p.id for p in meeting_queries.invitees_for_page(meeting.id)]
    approved = [r.member_id for r in queries.leave_requests_of(meeting.id) if r.status == APPROVED]
    absent = services.close_attendance(meeting.id, invitee_ids, approved, now=clock.now(),
                                       by_user_id=current_user.id, by=current_user.username)
    db.session.commit()
    flash(_("Attendance closed: %(count)d recorded as absent.", count=absent), "success")
    return redirect(panel, 303)


@bp.route("/meetings/<int:meeting_id>/attendance/reopen", methods=["POST"])
@staff_required
def reopen_attendance(meeting_id: int):
    """Open check-in again (attendance was closed by mistake); the records stay."""
    meeting = _meeting(meeting_id)
    if ActionForm().validate_on_submit():
        services.reopen_attendance(meeting.id)
        db.session.commit()
        flash(_("Check-in is open again."), "success")
    return redirect(url_for("onsite.attendance_panel", meeting_id=meeting.id), 303)


@bp.route("/meetings/<int:meeting_id>/leave", methods=["POST"])
@staff_required
def record_phone_leave(meeting_id: int):
    """Staff record leave a member asked for by phone: approved at once."""
    meeting = _meeting(meeting_id)
    invitees = meeting_queries.invitees_for_page(meeting.id)
    form = PhoneLeaveForm()
    form.member_id.choices = options((p.id, p.name) for p in invitees)
    if not form.validate_on_submit():
        context = panel_context(meeting)
        db.session.commit()
        return private(_page(context, phone_form=form, status=400))
    now = clock.now()
    from consult.meetings.scheduling import leave_request_late

    late = leave_request_late(now, meeting.starts_at, clock.zone(), get_committee().leave_deadline_days)
    request_ = services.ask_leave(meeting.id, form.member_id.data, form.reason.data, now=now, late=late,
                                  taken_by=current_user.username)
    services.decide_leave(request_, True, "", now=now, by=current_user.username)
    db.session.commit()
    flash(_("Leave recorded and approved."), "success")
    return redirect(url_for("onsite.attendance_panel", meeting_id=meeting.id) + "#leave", 303)


@bp.route("/meetings/<int:meeting_id>/leave/<int:member_id>/decide", methods=["POST"])
@staff_required
def decide_leave(meeting_id: int, member_id: int):
    """Staff approve or refuse a leave request with a word; the member sees it on their page."""
    meeting = _meeting(meeting_id)
    leave = queries.leave_request_of(meeting.id, member_id) or abort(404)
    form = DecideLeaveForm()
    if not form.validate_on_submit():  # the panel again, saying why (a note too long): nothing was changed
        flash(_("Nothing was changed: %(problem)s", problem=_first_error(form)), "error")
        context = panel_context(meeting)
        db.session.commit()
        phone_form = PhoneLeaveForm(formdata=None)
        phone_form.member_id.choices = options((p.id, p.name) for p in meeting_queries.invitees_for_page(meeting.id))
        return private(_page(context, phone_form=phone_form, status=400))
    services.decide_leave(leave, form.decision.data == "approve", form.note.data or "", now=clock.now(),
                          by=current_user.username)
    db.session.commit()
    flash(_("Decision saved: %(decision)s.", decision=LEAVE_LABELS[leave.status]), "success")
    return redirect(url_for("onsite.attendance_panel", meeting_id=meeting.id) + "#leave", 303)


# --- table cards ----------------------------------------------------------------------------------


def _card(meeting: Meeting) -> dict:
    onsite = services.onsite_for(meeting.id)
    url = external_url("onsite.sitting_page", code=onsite.code)
    return {"url": url, "qr_svg": qr_svg(url),
            "name": meeting.full_display_number(get_committee().short_name) or meeting.display_name}


@bp.route("/meetings/<int:meeting_id>/table-card")
@staff_required
def table_card(meeting_id: int):
    """An A5 table card: the sitting's numbered name, place, date and the QR code of /m/<code>."""
    meeting = _meeting(meeting_id)
    card = _card(meeting)
    db.session.commit()
    return render_template("onsite/table_card.html", meeting=meeting, card=card, tables=[None])


@bp.route("/meetings/<int:meeting_id>/table-cards")
@staff_required
def table_cards(meeting_id: int):
    """An A4 sheet of cards, one per table (?tables=, default 10), each with its table number."""
    meeting = _meeting(meeting_id)
    form = TableCardsForm(request.args)
    count = 10
    status = 200
    if request.args.get("tables"):
        if form.validate() and form.tables.data:
            count = form.tables.data
        else:
            status = 400
    card = _card(meeting)
    db.session.commit()
    return render_template("onsite/table_card.html", meeting=meeting, card=card, form=form,
                           tables=list(range(1, count + 1)), sheet=True), status


# --- the personal link ----------------------------------------------------------------------------


@bp.route("/members/<int:member_id>/access-token", methods=["GET", "POST"])
@staff_required
def rotate_access_token(member_id: int):
    """After a confirmation page, give a member a new personal link: the old link and the phone that
    remembered it stop working."""
    member = db.session.get(Member, member_id) or abort(404)
    require_organs_of(lambda: member_queries.organ_ids_of_member(member.id))
    back = url_for("members.detail", member_id=member.id)
    form = ConfirmForm()
    if not form.confirmed_on_submit():
        return render_template(
            "_confirm.html",
            heading=_("Give %(name)s a new personal link?", name=member.name),
            warnings=[_("The old personal link stops working at once, and phones that remembered %(name)s forget "
                        "them.", name=member.name),
                      _("Send the new link to the member. Do this only when the old one was shared or lost.")],
            action=url_for("onsite.rotate_access_token", member_id=member.id),
            button=_("Yes, make a new link"), back=back, form=form,
        )
    services.rotate_access_token(member, by=current_user.username)
    db.session.commit()
    flash(_("%(name)s has a new personal link; the old one no longer works.", name=member.name), "success")
    return redirect(back, 303)


@bp.app_template_global()
def member_onsite_history(member: Member) -> dict:
    """Return, for the member's page, their leave requests and attendance records with their sittings."""
    leave = queries.leave_requests_of_member(member.id)
    records = queries.records_of_member(member.id)
    sittings = meeting_queries.sittings_by_ids({r.meeting_id for r in leave} | {r.meeting_id for r in records})
    return {
        "leave": {r.meeting_id: r for r in leave},
        "leave_list": [(r, sittings.get(r.meeting_id)) for r in leave],
        "records": [(r, sittings.get(r.meeting_id)) for r in records],
        "attendance_labels": ATTENDANCE_LABELS,
        "leave_labels": LEAVE_LABELS,
    }


@bp.route("/meetings/<int:meeting_id>/onsite")
@staff_required
def open_sitting_page(meeting_id: int):
    """Staff: open the sitting's page for phones (/m/<code>), making its code the first time."""
    meeting = _meeting(meeting_id)
    code = services.onsite_for(meeting.id).code
    db.session.commit()
    return redirect(url_for("onsite.sitting_page", code=code))
