"""Writes of the duty records: the committee's absence rules. Services flush and log; the view commits once."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from consult.extensions import db
from consult.records.models import AbsenceRuleSet, StoredAbsenceRule
from consult.records.rules import AbsenceRule

log = logging.getLogger(__name__)


def save_rules(committee_id: int, rules: Sequence[AbsenceRule], *, user_id: int | None, now: datetime) -> int:
    """Replace the committee's absence rules with `rules` (already checked with rules.rule_problem; none is allowed:
    the committee then flags nobody), flushed. Return how many rules it now keeps."""
    rule_set = _rule_set(committee_id)
    if rule_set is None:
        try:
            with db.session.begin_nested():  # two admins saving at once: one set, the later rules win
                rule_set = AbsenceRuleSet(committee_id=committee_id)
                db.session.add(rule_set)
        except IntegrityError:
            rule_set = _rule_set(committee_id)
    rule_set.updated_at, rule_set.updated_by_id = now, user_id
    rule_set.rules = [
        StoredAbsenceRule(count=rule.count, period=rule.period, organ_kind=rule.organ_kind, organ_id=rule.organ_id)
        for rule in rules
    ]
    db.session.flush()
    log.info("absence rules of committee %s set by user %s: %s", committee_id, user_id,
             "; ".join(f"{r.count} {r.period} {r.organ_kind or r.organ_id}" for r in rules) or "none")
    return len(rules)


def restore_default_rules(committee_id: int) -> None:
    """Forget the committee's own absence rules: the defaults (rules.DEFAULT_RULES) apply again. Flushed."""
    rule_set = _rule_set(committee_id)
    if rule_set is not None:
        db.session.delete(rule_set)
        db.session.flush()
    log.info("absence rules of committee %s back to the defaults", committee_id)


def _rule_set(committee_id: int) -> AbsenceRuleSet | None:
    return db.session.scalars(select(AbsenceRuleSet).where(AbsenceRuleSet.committee_id == committee_id)).first()
