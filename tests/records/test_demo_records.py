"""The demo's duty report shows something real: a standing member flagged by the default rule, leave, and an
absence corrected after closing."""

from __future__ import annotations

from datetime import date

from consult.demo import load_demo
from consult.records.queries import load_report


def test_the_demo_flags_a_standing_member_and_shows_leave_and_a_correction(app):
    today = date(2026, 11, 20)
    load_demo(today=today, admin_password="demo-admin-password")
    report = load_report(today.year, today=today)
    flagged = report.flagged
    assert len(flagged) == 1
    row = flagged[0]
    assert row.standing and row.member.name and len(row.crossings) == 1
    crossing = row.crossings[0]
    assert crossing.rule.organ_kind == "standing_committee" and len(crossing.absences) == 3
    assert report.total.on_leave > 10
    # A report of everyone keeps no line; one member's record keeps them all.
    assert not any(line.status != "absent" for r in report.rows for line in r.record.lines)
    assert any(line.corrected and line.status == "present" and line.note
               for r in report.rows for line in load_report(today.year, today=today, member_id=r.member.id).rows[0]
               .record.lines)
    assert report.total.printed >= 1 and report.total.opinions > report.total.printed


def test_the_counts_alone_are_those_of_the_report_without_its_rules(app):
    today = date(2026, 11, 20)
    load_demo(today=today, admin_password="demo-admin-password")
    flagged = load_report(today.year, today=today).flagged[0]
    alone = load_report(today.year, today=today, member_id=flagged.member.id, with_rules=False)
    assert alone.rows[0].record.total == flagged.record.total and not alone.rows[0].crossings and not alone.rules
