"""Staff forms of the meetings domain: create, edit, reschedule, publish, cancel, mark held."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.auth.permissions import staff_required
from consult.auth.scope import limit_organs, require_meeting
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.form_helpers import ActionForm, db_int
from consult.meetings import queries, services
from consult.meetings.blueprint import LABELS, bp
from consult.meetings.changes import change_context, refused_change, warn_day_off
from consult.meetings.forms import (
    CancelForm,
    MeetingForm,
    PostponeForm,
    PublishForm,
    RescheduleForm,
    refusal_message,
)
from consult.meetings.kinds import ACTIVITY_KINDS, CONSULTATION_FORMS, SITTING_KINDS
from consult.meetings.models import Meeting
from consult.meetings.scheduling import PeriodError, invited_by_default, notice_shortfall
from consult.meetings.services import TITLE_MAX, TOPIC_MAX, LateNoticeError, MeetingError
from consult.meetings.statuses import CANCELLABLE, MEETING_STATUSES, POSTPONABLE, RESCHEDULABLE
from consult.members import queries as member_queries
from consult.members.models import Member, organ_member
from consult.members.queries import standing_member_ids
from consult.notices import views as notices


def _load_for_staff(meeting_id: int) -> Meeting:
    """Return the sitting, or answer 404 (also to staff limited to other organs)."""
    return require_meeting(db.session.get(Meeting, meeting_id))


def _default_ids_by_organ(organs, members) -> dict[int, list[int]]:
    """Return, per organ, the ids of the members its sittings invite by default (as default_invitees)."""
    own: dict[int, set[int]] = {}
    for organ_id, member_id in db.session.execute(select(organ_member.c.organ_id, organ_member.c.member_id)):
        own.setdefault(organ_id, set()).add(member_id)
    standing = standing_member_ids(clock.today())  # one statement, not one per member
    return {
        organ.id: [
            m.id for m in members
            if invited_by_default(organ.kind, m.role, m.id in standing, m.id in own.get(organ.id, ()))
        ]
        for organ in organs
    }


def _render_form(form: MeetingForm, members, organs, *, meeting=None, conflicts=(), status=200):
    form.presiding_member_id.label.text = form.leader_label  # 主持 for a meeting, 带队 for an activity
    organ_id = form.organ_id.data if form.organ_id.data in {o.id for o in organs} else None
    form.offer_presiding(member_queries.presiding_candidates(organ_id) if organ_id else [], members)
    sectors: dict = {}
    for member in members:
        sectors.setdefault(member.sector.name, []).append(member)
    return (
        render_template(
            "meetings/form.html",
            form=form,
            meeting=meeting,
            sectors=sectors,
            defaults=_default_ids_by_organ(organs, members),
            chosen=set(form.invitee_ids.data or ()),
            conflicts=conflicts,
            names={m.id: m.name for m in members},
            labels=LABELS,
            **(change_context(meeting, form) if meeting is not None else {}),
        ),
        status,
    )


def _prefill(form: MeetingForm) -> None:
    """Fill a new form from query values: organ, kind, form, title, topic (repeated), observers and
    plan_item (the plans domain's "schedule this item" sends them). Unknown choices are left for the
    form's own validation to name; values are cut to what the fields hold.
    """
    args = request.args
    if args.get("organ", type=db_int):
        form.organ_id.data = args.get("organ", type=db_int)
    if args.get("kind") in SITTING_KINDS:
        form.sitting_kind.data = args["kind"]
    if args.get("form") in CONSULTATION_FORMS:
        form.consultation_form.data = args["form"]
    form.title.data = (args.get("title") or "")[:TITLE_MAX]
    form.topics.data = "\n".join(t[:TOPIC_MAX] for t in args.getlist("topic") if t.strip())
    form.observers.data = args.get("observers") or ""
    if args.get("plan_item", type=db_int):
        form.plan_item_id.data = str(args.get("plan_item", type=db_int))


def _sitting_values(form: MeetingForm) -> dict:
    """Return what the meeting form says about a sitting besides its organ, title and period."""
    presiding_id = form.presiding_member_id.data
    return {
        "sitting_kind": form.sitting_kind.data,
        "consultation_form": form.consultation_form.data,
        "location": form.location.data or "",
        "topics": form.topic_list(),
        "observers": form.observers.data or "",
        "guests": form.guests.data or "",
        "assembly_at": form.assembly_at(),
        "assembly_place": (form.assembly_place.data or "") if form.sitting_kind.data in ACTIVITY_KINDS else "",
        "presiding_member": db.session.get(Member, presiding_id) if presiding_id else None,
        "invitees": form.invitee_ids.data or [],
        "notes": form.notes.data or "",
        "contact_name": form.contact_name.data or "",
        "contact_phone": form.contact_phone.data or "",
        **({"visibility": form.visibility.data} if form.visibility.data else {}),
    }


def _conflicts(form, invitee_ids, exclude_id=None):
    return services.conflicts_for(form.starts_at, form.ends_at, form.location.data or "", invitee_ids, exclude_id)


@bp.route("/meetings/new", methods=["GET", "POST"])
@staff_required
def new():
    """Create a draft sitting; conflicts are shown and need a confirmation."""
    organs, members = limit_organs(queries.active_organs()), queries.members_for_form()
    form = MeetingForm(organs=organs, members=members, time_zone=clock.zone_name())
    organ_by_id = {o.id: o for o in organs}
    if request.method == "GET":
        _prefill(form)
        if form.organ_id.data not in organ_by_id and organs:
            form.organ_id.data = organs[0].id
        if form.organ_id.data in organ_by_id:
            form.invitee_ids.data = [m.id for m in services.default_invitees(organ_by_id[form.organ_id.data])]
        return _render_form(form, members, organs)
    if request.form.get("reset_invitees"):
        form.validate()  # fills the typed values; errors are not shown for a reset
        for f in form:
            f.errors = []
        form.form_errors = []
        if form.organ_id.data in organ_by_id:
            form.invitee_ids.data = [m.id for m in services.default_invitees(organ_by_id[form.organ_id.data])]
        return _render_form(form, members, organs)
    if not form.validate_on_submit():
        return _render_form(form, members, organs, status=422)
    conflicts = _conflicts(form, form.invitee_ids.data)
    if conflicts and not form.confirm_conflicts.data:
        return _render_form(form, members, organs, conflicts=conflicts, status=409)
    plan_item_id = int(form.plan_item_id.data) if (form.plan_item_id.data or "").isdigit() else None
    try:
        meeting = services.create_meeting(
            organ_by_id[form.organ_id.data],
            form.title.data,
            form.starts_at,
            form.ends_at,
            **_sitting_values(form),
            plan_item_id=plan_item_id,
            created_by=current_user,
        )
    except (MeetingError, PeriodError) as error:
        db.session.rollback()
        form.title.errors = [*form.title.errors, refusal_message(error)]
        return _render_form(form, members, organs, status=422)
    db.session.commit()
    flash(_("The draft was saved. Publish it when it is ready."), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


def _local_parts(moment: datetime, zone: str):
    local = moment.astimezone(ZoneInfo(zone))
    return local.date(), local.time().replace(second=0, microsecond=0)


def _fill_period(form, meeting: Meeting, zone: str) -> None:
    form.date.data, form.start_time.data = _local_parts(meeting.starts_at, zone)
    end_day, form.end_time.data = _local_parts(meeting.ends_at, zone)
    form.end_date.data = end_day if end_day != form.date.data else None
    form.location.data = meeting.location
    if getattr(form, "assembly_time", None) is not None and meeting.assembly_at is not None:
        assembly_day, form.assembly_time.data = _local_parts(meeting.assembly_at, zone)
        form.assembly_date.data = assembly_day if assembly_day != form.date.data else None


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(meeting_id: int):
    """Edit a sitting that is not cancelled; calendar-visible changes raise its revision."""
    meeting = require_meeting(queries.meeting_for_page(meeting_id))
    if meeting.status == "cancelled":
        flash(_("A cancelled sitting cannot be edited."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    organs, members = limit_organs(queries.active_organs()), queries.members_for_form()
    if meeting.organ not in organs:
        organs.append(meeting.organ)
    zone = clock.zone_name()
    form = MeetingForm(organs=organs, members=members, time_zone=zone, obj=meeting if request.method == "GET" else None)
    organ_by_id = {o.id: o for o in organs}
    if request.method == "GET":
        _fill_period(form, meeting, zone)
        form.topics.data = "\n".join(t.title for t in meeting.topics)
        form.invitee_ids.data = [i.member_id for i in meeting.invitations]
        form.plan_item_id.data = str(meeting.plan_item_id or "")
        return _render_form(form, members, organs, meeting=meeting)
    if request.form.get("reset_invitees"):
        form.validate()
        for f in form:
            f.errors = []
        if form.organ_id.data in organ_by_id:
            form.invitee_ids.data = [m.id for m in services.default_invitees(organ_by_id[form.organ_id.data])]
        return _render_form(form, members, organs, meeting=meeting)
    if notices.revising():  # back from the notices' preview: the form again, as typed
        form.validate()
        return _render_form(form, members, organs, meeting=meeting)
    if not form.validate_on_submit():
        return _render_form(form, members, organs, meeting=meeting, status=422)
    if meeting.number is not None and form.organ_id.data != meeting.organ_id:
        form.organ_id.errors = [_("A numbered sitting stays with its organ.")]
        return _render_form(form, members, organs, meeting=meeting, status=422)
    if meeting.number is not None and form.sitting_kind.data != meeting.sitting_kind:
        form.sitting_kind.errors = [_("A numbered meeting stays a meeting.")]
        return _render_form(form, members, organs, meeting=meeting, status=422)
    conflicts = _conflicts(form, form.invitee_ids.data, meeting.id) if meeting.status != "held" else []
    if conflicts and not form.confirm_conflicts.data:
        return _render_form(form, members, organs, meeting=meeting, conflicts=conflicts, status=409)
    old_place = (meeting.starts_at, meeting.ends_at, meeting.location or "")
    late = False
    moved = services.moves(meeting, form.starts_at, form.ends_at, form.location.data or "")
    if moved:
        try:
            late = services.check_move(
                meeting, form.starts_at, form.location.data or "", reason=form.change_reason.data or "",
                now=clock.now(), confirm_late_notice=bool(form.confirm_late_notice.data),
            )
        except MeetingError as error:
            return _render_form(form, members, organs, meeting=meeting, status=refused_change(form, error))
    try:
        services.update_meeting(
            meeting,
            organ=organ_by_id[form.organ_id.data],
            title=form.title.data,
            starts_at=form.starts_at,
            ends_at=form.ends_at,
            **_sitting_values(form),
        )
        services.record_change(
            meeting, old_place, kind="edited", reason=form.change_reason.data or "", by=current_user,
            now=clock.now(), late_notice_confirmed=late,
        )
    except (MeetingError, PeriodError) as error:
        db.session.rollback()
        flash(refusal_message(error), "error")
        return redirect(url_for("meetings.edit", meeting_id=meeting_id))
    # Invitees are told of a new time or place of an announced sitting, as after 改期 (other edits: no notice).
    announced_move = moved and meeting.status in services.ANNOUNCED
    if announced_move and (preview := notices.after_change(meeting, "rescheduled")) is not None:
        return preview
    db.session.commit()
    flash(_("The sitting was saved."), "success")
    if old_place[:2] != (meeting.starts_at, meeting.ends_at):
        warn_day_off(form.date.data)
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


@bp.route("/meetings/<int:meeting_id>/reschedule", methods=["GET", "POST"])
@staff_required
def reschedule(meeting_id: int):
    """Move a draft, published or postponed sitting to another time or place (改期); conflicts need a
    confirmation; a published or postponed sitting needs a reason and follows the notice rule."""
    meeting = _load_for_staff(meeting_id)
    if meeting.status not in RESCHEDULABLE:
        flash(_("Only a draft, published or postponed sitting can be rescheduled."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    zone = clock.zone_name()
    form = RescheduleForm(time_zone=zone)
    conflicts = []
    status = 200
    if request.method == "GET":
        _fill_period(form, meeting, zone)
    elif notices.revising():
        pass  # back from the notices' preview: the form again, as typed
    elif form.validate_on_submit():
        invitee_ids = [i.member_id for i in meeting.invitations]
        conflicts = _conflicts(form, invitee_ids, meeting.id)
        if not conflicts or form.confirm_conflicts.data:
            try:
                services.reschedule_meeting(
                    meeting, form.starts_at, form.ends_at, form.location.data or "",
                    reason=form.change_reason.data or "", by=current_user, now=clock.now(),
                    confirm_late_notice=bool(form.confirm_late_notice.data),
                )
            except MeetingError as error:
                db.session.rollback()
                status = refused_change(form, error)
            else:
                breaks = services.date_order_breaks(meeting)
                if (preview := notices.after_change(meeting, "rescheduled")) is not None:
                    return preview
                db.session.commit()
                flash(_("The sitting was rescheduled."), "success")
                warn_day_off(form.date.data)
                _warn_date_order(breaks)
                return redirect(url_for("meetings.detail", meeting_id=meeting.id))
        else:
            status = 409
    else:
        status = 422
    names = {i.member_id: i.member.name for i in meeting.invitations} if conflicts else {}
    return (
        render_template(
            "meetings/reschedule.html", form=form, meeting=meeting, conflicts=conflicts, names=names,
            **change_context(meeting, form),
        ),
        status,
    )


@bp.route("/meetings/<int:meeting_id>/publish", methods=["GET", "POST"])
@staff_required
def publish(meeting_id: int):
    """Publish a draft (numbering a meeting); late notice is shown and needs a confirmation."""
    meeting = _load_for_staff(meeting_id)
    form = PublishForm()
    if meeting.status != "draft":
        flash(_("Only a draft can be published; this sitting is already %(status)s.",
                status=MEETING_STATUSES[meeting.status]), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    late = None
    if request.method == "POST" and not notices.revising() and form.validate_on_submit():
        try:
            services.publish_meeting(
                meeting, now=clock.now(), by=current_user, confirm_late_notice=bool(form.confirm_late_notice.data)
            )
        except LateNoticeError as error:
            late = error
            form.confirm_late_notice.errors = [_("Tick this box to publish with less notice than the rules require.")]
            flash(_("Nothing was published: the sitting starts sooner than its notice period. Tick the "
                    "confirmation box to publish it anyway."), "error")
        except IntegrityError:
            db.session.rollback()
            flash(_("Another sitting took this number at the same moment. Please publish again."), "error")
            return redirect(url_for("meetings.detail", meeting_id=meeting_id))
        else:
            breaks = services.date_order_breaks(meeting)
            if (preview := notices.after_change(meeting, "published")) is not None:
                return preview
            db.session.commit()
            _warn_date_order(breaks)
            if meeting.number:
                flash(_("Published as %(name)s.", name=meeting.full_display_number(get_committee().short_name)),
                      "success")
            else:
                flash(_("Published. Sittings of this kind get no number."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    notice_days = services.organ_notice_days(meeting.organ)
    return (
        render_template(
            "meetings/publish.html",
            meeting=meeting,
            form=form,
            notice_days=notice_days,
            late=late is not None or notice_shortfall(meeting.starts_at, clock.now(), notice_days),
            labels=LABELS,
        ),
        409 if late else 200,
    )


@bp.route("/meetings/<int:meeting_id>/cancel", methods=["GET", "POST"])
@staff_required
def cancel(meeting_id: int):
    """Cancel a draft or published sitting with a reason that everyone sees."""
    meeting = _load_for_staff(meeting_id)
    if meeting.status not in CANCELLABLE:
        flash(_("Only a draft, published or postponed sitting can be cancelled."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    form = CancelForm()
    later = services.later_numbered(meeting)
    if not notices.revising() and form.validate_on_submit():
        number = meeting.number
        services.cancel_meeting(meeting, form.reason.data, now=clock.now())
        if (preview := notices.after_change(meeting, "cancelled")) is not None:
            return preview
        db.session.commit()
        flash(_("The sitting was cancelled."), "success")
        if number is not None and meeting.number is None:
            flash(_("Its number was given back: the next sitting of this organ takes it."), "info")
        elif meeting.number is not None:
            flash(_("Later sittings of this organ are already numbered, so this one keeps its number. "
                    "Renumber them in date order from the sitting's page if the office counts without gaps."),
                  "warning")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return (
        render_template("meetings/cancel.html", form=form, meeting=meeting, later_numbers=later),
        422 if form.errors else 200,
    )


@bp.route("/meetings/<int:meeting_id>/postpone", methods=["GET", "POST"])
@staff_required
def postpone(meeting_id: int):
    """Postpone a published sitting (延期，时间另定): it keeps its number until it is rescheduled."""
    meeting = _load_for_staff(meeting_id)
    if meeting.status not in POSTPONABLE:
        flash(_("Only a published sitting can be postponed."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    form = PostponeForm()
    if not notices.revising() and form.validate_on_submit():
        services.postpone_meeting(meeting, form.reason.data, now=clock.now())
        if (preview := notices.after_change(meeting, "postponed")) is not None:
            return preview
        db.session.commit()
        flash(_("The sitting is postponed. Reschedule it once the new date is known."), "success")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    return render_template("meetings/postpone.html", form=form, meeting=meeting), 422 if form.errors else 200


@bp.route("/meetings/<int:meeting_id>/renumber", methods=["POST"])
@staff_required
def renumber(meeting_id: int):
    """Number the sittings of this sitting's organ and term again in date order, without gaps."""
    meeting = _load_for_staff(meeting_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    if meeting.term is None:
        flash(_("This sitting has no number; there is nothing to renumber."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    try:
        changes = services.renumber_sittings(meeting.organ, meeting.term)
    except IntegrityError:
        db.session.rollback()
        flash(_("Another sitting took this number at the same moment. Please publish again."), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting_id))
    db.session.commit()
    if changes:
        flash(ngettext("%(num)d sitting was renumbered.", "%(num)d sittings were renumbered.", len(changes)),
              "success")
    else:
        flash(_("The numbers already follow the dates."), "info")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))


def _warn_date_order(breaks: list[int]) -> None:
    """Flash a warning when a sitting's number no longer follows the dates of its organ's sittings."""
    if breaks:
        flash(_("Its number is out of date order with sittings numbered %(numbers)s. "
                "Renumber them in date order from the sitting's page.",
                numbers="、".join(str(n) for n in breaks)), "warning")


@bp.route("/meetings/<int:meeting_id>/held", methods=["POST"])
@staff_required
def mark_held(meeting_id: int):
    """Record that a published sitting took place (once it has started)."""
    meeting = _load_for_staff(meeting_id)
    form = ActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.mark_held(meeting, now=clock.now())
    except MeetingError as error:
        flash(refusal_message(error), "error")
        return redirect(url_for("meetings.detail", meeting_id=meeting.id))
    db.session.commit()
    flash(_("The sitting is marked held."), "success")
    return redirect(url_for("meetings.detail", meeting_id=meeting.id))
