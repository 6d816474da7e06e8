"""A sitting's follow-up page (/meetings/<id>/results): its decisions with their state, assignment, answer and
history, and the forms that assign, answer and close, or reopen each of them."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.auth.permissions import staff_required
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.followup import queries, services, states
from consult.followup.blueprint import (
    NO_SUCH_DECISION,
    bp,
    current_actor,
    department_suggestions,
    load_meeting,
    plain_labels,
    private,
    sitting_day,
)
from consult.followup.forms import AnswerForm, AssignForm, ReopenForm, prefix_of, revision_of
from consult.i18n import current_locale, format_plain_day

# Why a write was refused, and the field the message goes under.
REFUSALS = {
    services.STALE: ("revision", _l("This decision was changed after you opened the page, perhaps by a colleague. "
                                    "Nothing was saved; read it again below.")),
    services.NO_DEPARTMENT: ("department", _l("Give the department that handles the decision.")),
    services.NOT_ASSIGNED: ("answer", _l("Assign the decision to a department before recording its answer.")),
    services.ALREADY_CLOSED: ("department", _l("This decision is closed. Reopen it before assigning it again.")),
    services.NOT_CLOSED: ("reason", _l("This decision is not closed: there is nothing to reopen.")),
    services.UNKNOWN_OUTCOME: ("outcome", _l("Choose an outcome from the list.")),
    services.NO_ANSWER: ("answer", _l("Write what the department answered.")),
    services.NO_DATE: ("answered_on", _l("Give the date of the answer.")),
    services.BAD_TEXT: ("department", _l("The text holds a character that cannot be stored.")),
    services.TOO_LONG: ("department", _l("A text is too long.")),
    states.DUE_BEFORE_SITTING: ("due_on", _l("The due date cannot lie before the sitting (%(day)s).")),
    states.ANSWER_BEFORE_SITTING: ("answered_on", _l("The answer cannot be dated before the sitting (%(day)s).")),
    states.ANSWER_IN_FUTURE: ("answered_on", _l("The answer cannot be dated after today (%(day)s).")),
}


def _forms_of(decision, bound: dict | None = None) -> dict:
    """Return the three forms of a decision: `bound` (the one just submitted, with what was typed) or filled from
    the decision."""
    bound = bound or {}
    prefix = prefix_of(decision.id)
    return {
        "assign": bound.get("assign") or AssignForm(
            formdata=None, prefix=prefix, revision=decision.revision, department=decision.department,
            due_on=decision.due_on),
        "answer": bound.get("answer") or AnswerForm(
            formdata=None, prefix=prefix, revision=decision.revision, answer=decision.answer,
            answered_on=decision.answered_on or clock.today(), outcome=decision.outcome),
        "reopen": bound.get("reopen") or ReopenForm(formdata=None, prefix=prefix, revision=decision.revision),
    }


def _page(meeting, bound_id: int | None = None, bound: dict | None = None, status: int = 200) -> Response:
    committee = get_committee()
    today = clock.today()
    decisions = queries.decisions_of_sitting(meeting.id)
    approved = queries.approved_texts([meeting.id]).get(meeting.id)
    current = [d for d in decisions if d.in_minutes]
    counts = states.count_decisions(((d.department, d.due_on, d.outcome) for d in current), today)
    rows = [{
        "decision": d,
        "state": states.decision_state(department=d.department, due_on=d.due_on, outcome=d.outcome, today=today),
        "late": states.closed_late(due_on=d.due_on, answered_on=d.answered_on, outcome=d.outcome),
        "days_overdue": states.days_overdue(d.due_on, today),
        "forms": _forms_of(d, bound if d.id == bound_id else None),
        "bound": next(iter(bound), "") if bound and d.id == bound_id else "",
    } for d in decisions]
    return private(Response(render_template(
        "followup/sitting.html", meeting=meeting, rows=rows, approved=approved, counts=counts,
        full_number=meeting.full_display_number(committee.short_name), labels=plain_labels(),
        departments=department_suggestions(), sitting_day=sitting_day(meeting), today=today,
    ), status))


@bp.route("/meetings/<int:meeting_id>/results")
@staff_required
def sitting(meeting_id: int):
    """The sitting's decisions (议定事项) from its approved minutes, each with its state (not yet assigned, in
    progress, overdue, closed), department, due date, answer and history, and the forms to follow them up."""
    return _page(load_meeting(meeting_id))


def _decision(meeting, decision_id: int):
    return queries.decision_of_sitting(meeting.id, decision_id) or abort(404, description=NO_SUCH_DECISION)


def _refused(meeting, decision, which: str, form, error: services.FollowupError) -> Response:
    db.session.rollback()
    field_name, message = REFUSALS[error.code]
    day = clock.today() if error.code == states.ANSWER_IN_FUTURE else sitting_day(meeting)
    text = str(message)
    if "%(day)s" in text:
        text %= {"day": format_plain_day(day, current_locale())}
    field = getattr(form, field_name, None)
    if field_name == "revision" or field is None:
        form.form_errors.append(text)
    else:
        field.errors = [*field.errors, text]
    return _page(meeting, decision.id, {which: form}, 409 if error.code == services.STALE else 422)


def _done(meeting, decision, changed: bool, message: str) -> Response:
    db.session.commit()
    flash(message if changed else _("Nothing changed: this was saved already."), "success" if changed else "info")
    return redirect(url_for("followup.sitting", meeting_id=meeting.id, _anchor=f"decision-{decision.id}"))


@bp.route("/meetings/<int:meeting_id>/results/<int:decision_id>/assign", methods=["POST"])
@staff_required
def assign(meeting_id: int, decision_id: int):
    """Assign (交办) a decision to a department with a due date, or change its assignment."""
    meeting = load_meeting(meeting_id)
    decision = _decision(meeting, decision_id)
    form = AssignForm(prefix=prefix_of(decision.id))
    if not form.validate_on_submit():
        return _page(meeting, decision.id, {"assign": form}, 422)
    try:
        changed = services.assign(
            decision, department=form.department.data, due_on=form.due_on.data, note=form.note.data or "",
            sitting_day=sitting_day(meeting), today=clock.today(), actor=current_actor(), now=clock.now(),
            revision=revision_of(form))
    except services.FollowupError as error:
        return _refused(meeting, decision, "assign", form, error)
    return _done(meeting, decision, changed, _("Assigned to %(department)s.", department=decision.department))


@bp.route("/meetings/<int:meeting_id>/results/<int:decision_id>/answer", methods=["POST"])
@staff_required
def answer(meeting_id: int, decision_id: int):
    """Record the department's answer (办理情况) with its date; with an outcome (采纳, 部分采纳, 未采纳) the
    decision is closed."""
    meeting = load_meeting(meeting_id)
    decision = _decision(meeting, decision_id)
    form = AnswerForm(prefix=prefix_of(decision.id))
    if not form.validate_on_submit():
        return _page(meeting, decision.id, {"answer": form}, 422)
    try:
        changed = services.record_answer(
            decision, answer=form.answer.data, answered_on=form.answered_on.data, outcome=form.outcome.data or "",
            sitting_day=sitting_day(meeting), today=clock.today(), actor=current_actor(), now=clock.now(),
            revision=revision_of(form))
    except services.FollowupError as error:
        return _refused(meeting, decision, "answer", form, error)
    message = (_("Closed as %(outcome)s.", outcome=states.OUTCOMES[decision.outcome]) if decision.outcome
               else _("The answer was recorded; the decision stays open."))
    return _done(meeting, decision, changed, message)


@bp.route("/meetings/<int:meeting_id>/results/<int:decision_id>/reopen", methods=["POST"])
@staff_required
def reopen(meeting_id: int, decision_id: int):
    """Reopen (重新办理) a closed decision: it is open again, its last answer kept."""
    meeting = load_meeting(meeting_id)
    decision = _decision(meeting, decision_id)
    form = ReopenForm(prefix=prefix_of(decision.id))
    if not form.validate_on_submit():
        return _page(meeting, decision.id, {"reopen": form}, 422)
    try:
        changed = services.reopen(decision, reason=form.reason.data or "", actor=current_actor(), now=clock.now(),
                                  revision=revision_of(form))
    except services.FollowupError as error:
        return _refused(meeting, decision, "reopen", form, error)
    return _done(meeting, decision, changed, _("The decision was reopened."))
