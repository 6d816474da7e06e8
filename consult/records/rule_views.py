"""The committee's absence rules, on the settings side: admins edit them (count, organ, per year or per term)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.permissions import admin_required
from consult.committee import clock, get_committee
from consult.extensions import db
from consult.form_helpers import ActionForm
from consult.meetings import queries as meeting_queries
from consult.records import services
from consult.records.blueprint import bp
from consult.records.forms import ROWS_MAX, RulesForm, organ_value
from consult.records.queries import rules_in_force
from consult.records.report_views import rule_text


def _page(form: RulesForm, organs, rules, own: bool, status: int = 200):
    names = {organ.id: organ.name for organ in organs}
    return render_template(
        "records/rules.html", form=form, own=own, rules=[rule_text(rule, names) for rule in rules],
        defaults_form=ActionForm(), rows_max=ROWS_MAX,
    ), status


@bp.route("/settings/absence-rules", methods=["GET", "POST"])
@admin_required
def rules():
    """Admins set the absence rules the duty report flags: how many absences without leave, from the sittings of
    which organ (every organ of a kind, or one), within a year or a term. A count of 0 or less is refused with a
    message and nothing is changed; the form keeps what was typed."""
    committee = get_committee()
    organs = meeting_queries.all_organs()
    in_force, own = rules_in_force(committee.id)
    form = RulesForm()
    if form.is_submitted():
        form.set_choices(organs)
        checked = form.checked_rules(organ.id for organ in organs) if form.validate() else None
        if checked is None:
            return _page(form, organs, in_force, own, 400)
        count = services.save_rules(committee.id, checked, user_id=current_user.id, now=clock.now())
        db.session.commit()
        flash(_("The absence rules were saved: %(count)d in force.", count=count) if count
              else _("The absence rules were saved: none is in force, so the duty report flags nobody."), "success")
        return redirect(url_for("records.rules"))
    rows = [{"count": str(rule.count), "organ": organ_value(rule), "period": rule.period} for rule in in_force]
    form = RulesForm(formdata=None, data={"rules": [*rows, {"period": "year", "organ": "kind:standing_committee"}]})
    form.set_choices(organs)
    return _page(form, organs, in_force, own)


@bp.route("/settings/absence-rules/defaults", methods=["POST"])
@admin_required
def restore_default_rules():
    """Admins go back to the default rules (standing members: 3 standing-committee absences in a year; anyone: 3
    plenary absences in a term)."""
    if ActionForm().validate_on_submit():
        services.restore_default_rules(get_committee().id)
        db.session.commit()
        flash(_("The default absence rules apply again."), "success")
    else:
        flash(_("The page had expired; please try again."), "error")
    return redirect(url_for("records.rules"))
