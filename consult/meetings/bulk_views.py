"""Publishing drafts together: the drafts of a regular series, or any drafts staff choose."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from consult.auth.permissions import staff_required
from consult.auth.scope import organ_scope
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.meetings import queries, services
from consult.meetings.blueprint import bp
from consult.meetings.forms import PublishDraftsForm, refusal_message
from consult.meetings.services import LateNoticeError, MeetingError


def _chosen_ids() -> set[int]:
    ids = set()
    for value in request.form.getlist("meeting_ids"):
        if value.isdigit() and len(value) <= 12:
            ids.add(int(value))
    return ids


@bp.route("/meetings/publish-drafts", methods=["GET", "POST"])
@staff_required
def publish_drafts():
    """Publish chosen drafts in one go (?series=<id>: all drafts of a regular series, ticked), each through
    the one publication service, numbered in date order; late notice is listed and needs a confirmation."""
    series_id = (request.values.get("series") or "")[:36] or None
    now = clock.now()
    drafts = queries.drafts_to_publish(series_id=series_id, now=now, organ_ids=organ_scope())
    form = PublishDraftsForm()
    chosen = {m.id for m in drafts} if series_id and request.method == "GET" else set()
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        chosen = _chosen_ids() & {m.id for m in drafts}
        selected = [m for m in drafts if m.id in chosen]
        if not selected:
            form.form_errors.append(_("Tick at least one draft to publish."))
            status = 422
        else:
            try:
                published = services.publish_drafts(
                    selected, now=now, by=current_user, confirm_late_notice=bool(form.confirm_late_notice.data)
                )
            except LateNoticeError:
                db.session.rollback()
                form.confirm_late_notice.errors = [_("Tick this box to publish with less notice than the rules "
                                                     "require.")]
                flash(_("Nothing was published: some of the chosen sittings start sooner than their notice "
                        "period. Tick the confirmation box to publish them anyway."), "error")
                status = 409
            except MeetingError as error:
                db.session.rollback()
                form.form_errors.append(refusal_message(error))
                status = 409
            except IntegrityError:
                db.session.rollback()
                flash(_("Another sitting took this number at the same moment. Please publish again."), "error")
                return redirect(request.full_path)
            else:
                breaks = sorted({n for m in published for n in services.date_order_breaks(m)})
                db.session.commit()
                short = get_committee().short_name
                names = "、".join(m.full_display_number(short) or m.title for m in published)
                flash(ngettext("%(num)d sitting was published: %(names)s.",
                               "%(num)d sittings were published: %(names)s.", len(published), names=names),
                      "success")
                if breaks:  # earlier sittings were numbered after later ones already published
                    flash(_("Its number is out of date order with sittings numbered %(numbers)s. "
                            "Renumber them in date order from the sitting's page.",
                            numbers="、".join(map(str, breaks))), "warning")
                return redirect(url_for("meetings.meeting_list"))
    elif request.method == "POST":
        status = 400
    late = {m.id for m in services.late_drafts(drafts, now=now)}
    return (
        render_template(
            "meetings/publish_drafts.html", form=form, drafts=drafts, chosen=chosen, late=late,
            series_id=series_id, notice_days={m.id: services.organ_notice_days(m.organ) for m in drafts},
        ),
        status,
    )
