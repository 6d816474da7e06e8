"""Gather the year's consultation results (年度协商成果汇编) from the domains into a CompilationContent: the
sittings held (meetings.queries), what their approved minutes say (kept at approval, never the draft), their
decisions and answers (followup.queries), and the plan's tallies (plans.queries.load_year); then the pure builder
(consult.followup.compilation) makes the document.

A fixed number of statements whatever the number of sittings and decisions.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from zoneinfo import ZoneInfo

from consult.followup import queries, states
from consult.followup.compilation import (
    APPROVED,
    APPROVED_WITHOUT_TEXT,
    NO_MINUTES,
    CompilationContent,
    CountLine,
    DecisionEntry,
    SittingEntry,
    compilation_docx,
)
from consult.meetings import queries as meeting_queries
from consult.meetings.kinds import FORM_FUNCTIONS, FORM_NAMES_ZH, FUNCTION_NAMES_ZH, FUNCTIONS
from consult.minutes import queries as minutes_queries
from consult.plans import queries as plan_queries
from consult.plans.annual import HeldCount, annual_counts, report_sentence
from consult.plans.figures import year_figures
from consult.plans.state import HELD, OVERDUE, SCHEDULED

NO_FORM = "未列协商形式的会议和活动"


def gather_compilation(year: int, *, committee, today: date, now: datetime, time_zone: str,
                       organ_ids=None) -> CompilationContent:
    """Return the content of the compilation of `year` for the sittings of `organ_ids` (None: every organ), with
    the follow-up as it stands on `today`. Raises nothing (a year without sittings gives an empty list)."""
    start, end = plan_queries.year_bounds(year, time_zone)
    held = meeting_queries.held_sittings(start, end, organ_ids)
    ids = [sitting.id for sitting in held]
    meetings = {m.id: m for m in meeting_queries.meetings_with_topics(ids)}
    texts = queries.approved_texts(ids)
    versions = minutes_queries.latest_versions(ids)
    decisions = queries.decisions_of_sittings(ids)
    page = plan_queries.load_year(year, today=today, time_zone=time_zone)
    organs = {organ.id: organ for organ in page.organs}

    entries = []
    for sitting in held:
        meeting = meetings.get(sitting.id)
        if meeting is not None:
            entries.append(_entry(meeting, committee, texts.get(meeting.id), versions.get(meeting.id, 0),
                                  decisions.get(meeting.id, []), today, time_zone))
    figures = year_figures(held, time_zone)
    counts = annual_counts(HeldCount(organs[s.organ_id].kind, s.sitting_kind, 1) for s in held if s.organ_id in organs)
    summary = page.summary
    return CompilationContent(
        committee=committee.name, year=year, office=committee.effective_minutes_office, as_of=today, created=now,
        report_sentence=report_sentence(counts) if held else "",
        organs=tuple(CountLine(organ.name, (figures.by_organ[organ.id].meetings, figures.by_organ[organ.id].activities))
                     for organ in page.organs if organ.id in figures.by_organ),
        forms=_form_lines(held),
        plan=tuple(CountLine(FUNCTION_NAMES_ZH[function], (tally.planned, tally.carried_out, tally.states[SCHEDULED],
                                                           tally.states[OVERDUE]))
                   for function in FUNCTIONS if (tally := summary.by_function.get(function)) is not None),
        plan_items=summary.total, plan_carried_out=summary.states[HELD], sittings=tuple(entries),
    )


def compilation_bytes(year: int, *, committee, today: date, now: datetime, time_zone: str, organ_ids=None) -> bytes:
    """Return the .docx bytes of the compilation of `year` (gather_compilation, then the builder)."""
    return compilation_docx(gather_compilation(year, committee=committee, today=today, now=now, time_zone=time_zone,
                                               organ_ids=organ_ids))


def _form_lines(held) -> tuple[CountLine, ...]:
    """Return the sittings held per form of work, in the forms' order, those of no form last."""
    forms = Counter(sitting.consultation_form for sitting in held)
    lines = [CountLine(FORM_NAMES_ZH[form], (forms[form],)) for form in FORM_FUNCTIONS if forms[form]]
    others = sum(n for form, n in forms.items() if form not in FORM_FUNCTIONS)
    if others:
        lines.append(CountLine(NO_FORM, (others,)))
    return tuple(lines)


def _entry(meeting, committee, text, version: int, decisions, today: date, time_zone: str) -> SittingEntry:
    number = meeting.full_display_number(committee.short_name)
    minutes = APPROVED if text is not None else (APPROVED_WITHOUT_TEXT if version else NO_MINUTES)
    return SittingEntry(
        name=number or meeting.title, title=meeting.title if number else "",
        day=meeting.starts_at.astimezone(ZoneInfo(time_zone)).date(), organ=meeting.organ.name,
        form=FORM_NAMES_ZH.get(meeting.consultation_form, ""), topics=tuple(t.title for t in meeting.topics),
        minutes=minutes, version=text.version if text is not None else version,
        opening=text.opening if text is not None else "",
        summaries=tuple((title, summary) for title, summary in (text.topics if text is not None else []) if summary),
        decisions=tuple(DecisionEntry(
            text=d.text, department=d.department, due_on=d.due_on, answer=d.answer, answered_on=d.answered_on,
            outcome=d.outcome,
            state=states.decision_state(department=d.department, due_on=d.due_on, outcome=d.outcome, today=today),
        ) for d in decisions),
    )
