"""Forms of the duty records: the committee's absence rules, edited together as rows (the last row adds one)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, FieldList, Form, FormField, SelectField, StringField, SubmitField

from consult.form_helpers import options
from consult.members.models import ORGAN_KINDS
from consult.records.rules import PERIODS, AbsenceRule, rule_problem

ROWS_MAX = 30  # rules a committee may keep


def organ_value(rule: AbsenceRule) -> str:
    """Return the organ choice of a rule as the form sends it: kind:<kind> or organ:<id>."""
    return f"organ:{rule.organ_id}" if rule.organ_id is not None else f"kind:{rule.organ_kind}"


def organ_choices(organs: Iterable) -> list:
    """Return the organ options: every kind (all organs of that kind), then each organ by name."""
    kinds = [(f"kind:{kind}", _("%(kind)s (every one)", kind=label)) for kind, label in ORGAN_KINDS.items()]
    return options([*kinds, *((f"organ:{organ.id}", organ.name) for organ in organs)])


class RuleRowForm(Form):
    """One rule: how many absences, of which organ's sittings, within a year or a term; or removed."""

    count = StringField(_l("Absences without leave"), filters=[lambda v: v.strip() if isinstance(v, str) else v])
    organ = SelectField(_l("Sittings of"), choices=[], validate_choice=False)
    period = SelectField(_l("Within"), choices=[], validate_choice=False)
    remove = BooleanField(_l("Remove this rule"))


class RulesForm(FlaskForm):
    """The committee's absence rules; a row whose count is left empty adds nothing (the last row is for a new
    rule)."""

    rules = FieldList(FormField(RuleRowForm), min_entries=1, max_entries=ROWS_MAX + 1)
    submit = SubmitField(_l("Save the rules"))

    def set_choices(self, organs: Iterable) -> None:
        """Offer the organ kinds and `organs` and the two periods in every row."""
        organs = list(organs)
        for row in self.rules:
            row.form.organ.choices = organ_choices(organs)
            row.form.period.choices = options(PERIODS.items())

    def checked_rules(self, organ_ids: Iterable[int]) -> list[AbsenceRule] | None:
        """Return the rules the rows hold (removed and empty new rows left out), or None after putting a message on
        each row that is wrong (a count of 0 or less, not a number, an unknown organ or period)."""
        organ_ids = set(organ_ids)
        rules, valid = [], True
        for index, row in enumerate(self.rules):
            values = row.form
            if values.remove.data:
                continue
            text = values.count.data or ""
            if not text and index == len(self.rules) - 1:
                continue  # the row for a new rule, left empty
            kind, organ_id = _organ(values.organ.data or "")
            try:
                count = int(text)
            except ValueError:
                count = None
            if text:
                problem = rule_problem(count, values.period.data or "", kind, organ_id, kinds=ORGAN_KINDS,
                                       organ_ids=organ_ids)
                message = _(problem) if problem is not None else None
            else:
                message = _("Give a count, or tick “Remove this rule”.")
            if message is not None:
                values.count.errors = [*values.count.errors, message]
                valid = False
                continue
            rules.append(AbsenceRule(count, values.period.data, organ_kind=kind, organ_id=organ_id))
        return rules if valid else None


def _organ(value: str) -> tuple[str | None, int | None]:
    prefix, _sep, rest = value.partition(":")
    if prefix == "kind" and rest:
        return rest, None
    if prefix == "organ" and rest.isdigit() and rest.isascii() and len(rest) < 12:
        return None, int(rest)
    return None, None
