"""The demo's follow-up of results (成果跟踪): the decisions (议定事项) its approved minutes hold, written from the
plan item each sitting carried out (its 对口部门, 参加部门 and 报送对象, today's department names), and what became
of them by `today`: the older ones answered and closed (mostly adopted, some partly, one not), the recent ones in
progress (some with an interim answer), one overdue, and the last one of the latest minutes not yet assigned.
Deterministic for a given `today`; everything goes through the follow-up services, so the history is what staff
would have made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from consult.followup import services
from consult.followup.queries import decisions_of_sitting
from consult.followup.states import ADOPTED, NOT_ADOPTED, PARTLY_ADOPTED
from consult.plans.prefill import split_departments

GOVERNMENT_OFFICE = "区政府办公室"
# The outcomes of the decisions answered, in turn: most are adopted, as in a real year.
OUTCOME_CYCLE = (ADOPTED, ADOPTED, PARTLY_ADOPTED, ADOPTED, NOT_ADOPTED, ADOPTED, PARTLY_ADOPTED)
ANSWERS = {
    ADOPTED: "{department}已书面答复：对委员提出的意见建议高度重视，已纳入本年度重点工作，制定了具体实施方案，"
             "明确责任科室和完成时限，相关措施正在落实，并将适时向区政协通报进展。",
    PARTLY_ADOPTED: "{department}已书面答复：意见建议中关于完善工作机制、加强部门协同的部分已采纳并落实；"
                    "涉及新增资金投入的部分，受当年财力所限，拟在下一年度预算中统筹考虑。",
    NOT_ADOPTED: "{department}已书面答复：经研究，该项建议涉及上级审批权限，目前暂不具备实施条件，"
                 "已向提出建议的委员当面说明情况，并将继续向上级主管部门反映。",
}
REPORTED = ("协商意见已整理成文报送，区政府主要领导作出批示，要求有关部门认真研究吸纳，"
            "将落实情况纳入年度督查事项。")
INTERIM = "{department}阶段性答复：已召开专题会议研究，正在会同有关部门制定落实方案，预计按期办结。"


@dataclass(frozen=True)
class PlannedDecision:
    """A decision the demo's minutes hold, the department it goes to, how many days it is given and, when it is
    answered, its outcome ("" for the next of OUTCOME_CYCLE)."""

    text: str
    department: str
    days: int
    outcome: str = ""
    answer: str = ""  # the answer when answered ("": the one of its outcome)


def planned_decisions(item) -> list[PlannedDecision]:
    """Return the decisions of the minutes of a sitting that carried out plan `item` (a PlanItem): the opinions
    reported to whom the plan says, studied by the counterpart department with the others, and a measure asked of
    the first other department."""
    counterpart = split_departments(item.counterpart_department)
    others = [name for name in split_departments(item.participating_departments) if name not in counterpart]
    lead = counterpart[0] if counterpart else GOVERNMENT_OFFICE
    report_to = item.report_to or "区委、区政府"
    if item.consultation_form == "appraisal":
        decisions = [
            PlannedDecision(f"会议通过对{lead}的评议意见，由办公室书面反馈{lead}。", GOVERNMENT_OFFICE, 30, ADOPTED),
            PlannedDecision(f"请{lead}针对评议中指出的问题制定整改方案，两个月内报送整改落实情况。", lead, 60),
        ]
    else:
        together = f"，会同{'、'.join(others[:3])}" if others else ""
        decisions = [
            PlannedDecision(f"会议原则同意本次协商形成的意见建议，由办公室整理后报送{report_to}。",
                            GOVERNMENT_OFFICE, 30, ADOPTED, REPORTED),
            PlannedDecision(f"建议{lead}牵头{together}，认真研究吸纳委员提出的意见建议，三个月内书面反馈办理情况。",
                            lead, 90),
        ]
    if others:
        decisions.append(PlannedDecision(f"请{others[0]}结合职能，就委员关注的突出问题提出具体落实措施。",
                                         others[0], 60))
    return decisions


def load_followup(sittings: list[tuple], today: date, zone: ZoneInfo, actor: services.Actor) -> int:
    """Follow up the decisions of the demo's approved minutes as the office would have by `today`. `sittings` holds
    (meeting, approved at, planned decisions) in date order. Return how many decisions were followed. Flushes."""
    now = datetime.combine(today, time(8, 0), tzinfo=zone).astimezone(UTC)
    followed = []  # (meeting, sitting day, approved day, decision, planned)
    for meeting, approved_at, planned in sittings:
        day = meeting.starts_at.astimezone(zone).date()
        rows = [d for d in decisions_of_sitting(meeting.id) if d.in_minutes]
        followed += [(meeting, day, approved_at.astimezone(zone).date(), row, plan)
                     for row, plan in zip(rows, planned, strict=False)]
    if not followed:
        return 0
    due = {row.id: day + timedelta(days=plan.days) for _, day, _, row, plan in followed}
    past = [row.id for _, _, _, row, _ in followed if due[row.id] < today]
    if past:
        overdue = max(past, key=lambda decision_id: (due[decision_id], decision_id))
    else:  # early in the year nothing is due yet: one department was given a short date and missed it
        overdue = next((row.id for _, day, _, row, _ in followed if day < today), None)
        if overdue is not None:
            sitting_day = next(day for _, day, _, row, _ in followed if row.id == overdue)
            due[overdue] = max(sitting_day, today - timedelta(days=3))
    unassigned = followed[-1][3].id if len(followed) > 2 else None

    def at(day: date) -> datetime:
        return min(now, datetime.combine(day, time(9, 30), tzinfo=zone).astimezone(UTC))

    answered = 0
    for number, (_meeting, day, approved, row, plan) in enumerate(followed):
        if row.id == unassigned:
            continue
        assigned = min(approved + timedelta(days=2), today)
        services.assign(row, department=plan.department, due_on=due[row.id], sitting_day=day, today=today,
                        actor=actor, now=at(assigned), note="以交办单形式送达。")
        if row.id == overdue:
            continue
        if due[row.id] < today:
            outcome = plan.outcome
            if not outcome:
                outcome = OUTCOME_CYCLE[answered % len(OUTCOME_CYCLE)]
                answered += 1
            answer_day = max(assigned, due[row.id] - timedelta(days=5 + number % 7))
            services.record_answer(row, answer=plan.answer or ANSWERS[outcome].format(department=plan.department),
                                   answered_on=answer_day, outcome=outcome, sitting_day=day, today=today,
                                   actor=actor, now=at(answer_day))
        elif number % 3 == 0 and (today - assigned).days >= 7:
            answer_day = today - timedelta(days=2)
            services.record_answer(row, answer=INTERIM.format(department=plan.department), answered_on=answer_day,
                                   outcome="", sitting_day=day, today=today, actor=actor, now=at(answer_day))
    return len(followed)
