"""The demo committee: pure builders (people, organs, dates, plan) and the loader on both databases."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from consult.auth.services import authenticate
from consult.committee import get_committee
from consult.demo import load_demo
from consult.demo.calendar import (
    TUE,
    WED,
    february_standing_day,
    is_fixed_holiday,
    is_public_holiday,
    nth_weekday,
    spring_festival,
)
from consult.demo.organs import build_organs
from consult.demo.people import build_members
from consult.demo.plan import PLAN_ITEMS, choose_overdue
from consult.demo.sittings import build_sittings
from consult.extensions import db
from consult.meetings.models import Invitation, Meeting
from consult.members.models import Member, Organ, Sector
from consult.plans.models import ConsultationPlan, PlanItem
from consult.plans.state import HELD, NOT_SCHEDULED, OVERDUE, SCHEDULED, item_state

MID_YEAR = date(2026, 6, 15)
PASSWORD = "demo-admin-password"

# ---------------------------------------------------------------- pure builders


def test_members_are_distinct_and_realistic():
    members = build_members()
    assert 140 <= len(members) <= 160
    for attribute in ("name", "number", "phone", "email"):
        assert len({getattr(m, attribute) for m in members}) == len(members), attribute
    assert all(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", m.name) for m in members)
    assert all(re.fullmatch(r"138-0000-\d{4}", m.phone) for m in members)
    assert all(m.email.endswith("@example.com") and m.affiliation for m in members)
    roles = Counter(m.role for m in members)
    assert (roles["chair"], roles["vice_chair"], roles["secretary_general"]) == (1, 5, 1)
    assert 30 <= sum(m.is_standing and not m.role for m in members) <= 40
    assert len({m.sector for m in members}) >= 15
    assert build_members() == members  # the same people on every machine


def test_organs_have_ascii_slugs_and_members():
    members = build_members()
    organs = {o.slug: o for o in build_organs(members)}
    assert all(slug.isascii() and re.fullmatch(r"[a-z-]+", slug) for slug in organs)
    assert len(organs["plenary"].member_numbers) == len(members)
    assert len(organs["chair-meeting"].member_numbers) == 7
    assert organs["standing-committee"].number_label == "常委会议"
    assert organs["standing-committee"].prior_sittings_in_term == 11
    kinds = Counter(o.kind for o in organs.values())
    assert kinds["special_committee"] == 5 and kinds["street_committee"] >= 3 and kinds["sector_group"] >= 2
    assert all(len(o.member_numbers) >= 7 for o in organs.values())


@pytest.mark.parametrize(
    ("year", "month", "weekday", "n", "after", "expected"),
    [
        (2014, 3, TUE, 1, 1, date(2014, 3, 4)),
        (2026, 5, TUE, 1, 3, date(2026, 5, 12)),  # 5 May is in the Labour Day holiday: a week later
        (2026, 10, TUE, 1, 1, date(2026, 10, 13)),  # National Day week skipped
        (2026, 1, TUE, 1, 8, date(2026, 1, 13)),
        (2014, 2, WED, 3, 1, date(2014, 2, 19)),
    ],
)
def test_nth_weekday(year, month, weekday, n, after, expected):
    assert nth_weekday(year, month, weekday, n, on_or_after=after) == expected


def test_public_holidays_are_official_where_known_and_estimated_beyond():
    assert is_public_holiday(date(2026, 6, 19))  # 端午节 2026, from the State Council's schedule
    assert not is_public_holiday(date(2015, 5, 5))  # 2015's Labour Day break was 1–3 May
    assert is_fixed_holiday(date(2015, 5, 5))  # … which the fixed-date estimate would have guessed wrong
    assert is_public_holiday(date(2040, 10, 3)) and is_public_holiday(date(2040, 5, 1))  # estimated


def test_nth_weekday_refuses_to_leave_the_month():
    with pytest.raises(ValueError):
        nth_weekday(2026, 2, WED, 5)


@pytest.mark.parametrize("year", range(2014, 2036))
def test_february_standing_committee_is_clear_of_spring_festival(year):
    day = february_standing_day(year)
    assert day >= spring_festival(year) + timedelta(days=7)
    assert date(year, 2, 15) <= day <= date(year, 3, 7)
    assert day.weekday() in (1, 2, 3)


def test_february_standing_committee_matches_the_seed():
    assert february_standing_day(2014) == date(2014, 2, 19)  # the seed's 八届十二次常委会议


@pytest.mark.parametrize("year", [2014, 2015, 2024, 2026, 2031])
def test_sittings_of_a_year_do_not_overlap_and_avoid_holidays(year):
    sittings = build_sittings(year)
    assert 40 <= len(sittings) <= 60
    assert all(s.starts.year == year and s.starts.weekday() < 5 for s in sittings)
    # official holidays where the data covers the year (2014–2026), the estimate beyond (2031)
    assert not any(is_public_holiday(s.starts.date()) for s in sittings)
    ordered = sorted(sittings, key=lambda s: s.starts)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        assert earlier.ends <= later.starts, (earlier.key, later.key)
    plan_keys = {item.key for item in PLAN_ITEMS}
    assert {s.plan for s in sittings if s.plan} <= plan_keys


def test_sittings_carry_the_seed_topics():
    titles = " ".join(s.title for s in build_sittings(2026))
    for topic in ("加强我区科技企业创新能力建设", "推进生态环境建设，加快打造美丽崇川", "我区经济运行和财政收支情况",
                  "全区城建管养新体制运行情况", "我区商贸流通业的提档升级", "开发区南区的产业转型发展",
                  "特色园区建设", "安置房建设", "村组集体资产管理", "公共文化基础设施建设", "失独家庭服务体系",
                  "民主评议区农业农村局"):
        assert topic in titles, topic


@pytest.mark.parametrize(
    ("today", "key", "month"),
    [
        (date(2026, 1, 20), None, None),  # in January no month has passed
        (date(2026, 3, 10), "medical-alliance", 2),  # nothing that may slip was due: the earliest moves to February
        (date(2026, 4, 30), "medical-alliance", 3),
        (date(2026, 6, 15), "medical-alliance", 4),
        (date(2026, 8, 3), "public-culture", 7),
        (date(2026, 12, 1), "bereaved-families", 10),
    ],
)
def test_choose_overdue(today, key, month):
    assert choose_overdue(PLAN_ITEMS, today) == (key, month)


# ---------------------------------------------------------------- the loader


def _snapshot() -> dict:
    counts = {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in (Sector, Member, Organ, Meeting, Invitation, ConsultationPlan, PlanItem)
    }
    counts["data_version"] = get_committee().data_version
    return counts


def _plan_states(today: date) -> Counter:
    statuses: dict[int, list[str]] = {}
    for item_id, status in db.session.execute(
        select(Meeting.plan_item_id, Meeting.status).where(Meeting.plan_item_id.is_not(None))
    ):
        statuses.setdefault(item_id, []).append(status)
    items = db.session.scalars(select(PlanItem)).all()
    return Counter(
        item_state(today.year, i.planned_month, i.planned_quarter, statuses.get(i.id, []), today) for i in items
    )


def test_demo_is_a_realistic_year(app):
    report = load_demo(today=MID_YEAR, admin_password=PASSWORD)
    db.session.commit()

    committee = get_committee()
    assert (committee.name, committee.short_name, committee.term) == ("政协崇川区委员会", "区政协", 8)
    assert 140 <= db.session.scalar(select(func.count()).select_from(Member)) <= 160
    roles = Counter(db.session.scalars(select(Member.role).where(Member.role.is_not(None))))
    assert roles == Counter({"chair": 1, "vice_chair": 5, "secretary_general": 1})

    meetings = db.session.scalars(select(Meeting).order_by(Meeting.starts_at)).all()
    assert all(m.starts_at.year == MID_YEAR.year for m in meetings)
    feb = [m for m in meetings if m.display_number == "八届十二次常委会议"]
    assert len(feb) == 1 and feb[0].status == "held"
    assert any("工作要点" in t.title for t in feb[0].topics)
    assert {m.display_number for m in meetings if m.organ.slug == "chair-meeting" and m.number} >= {
        "八届二十五次主席会议", "八届三十次主席会议"
    }

    statuses = Counter(m.status for m in meetings)
    assert statuses["held"] >= 10 and statuses["published"] >= 10 and 1 <= statuses["draft"] <= 8
    postponed = [m for m in meetings if m.status == "postponed"]
    assert len(postponed) == 1 and "延期举行" in postponed[0].postpone_reason
    assert postponed[0].starts_at.date() > MID_YEAR
    assert all(m.starts_at.date() < MID_YEAR for m in meetings if m.status == "held")
    assert all(m.starts_at.date() >= MID_YEAR for m in meetings if m.status in ("published", "draft"))
    assert all(m.number is None for m in meetings if m.status == "draft")

    # Numbers follow the calendar within each organ, after the sittings numbered on paper.
    by_organ: dict[int, list[Meeting]] = {}
    for m in meetings:
        if m.number is not None:
            by_organ.setdefault(m.organ_id, []).append(m)
    for numbered in by_organ.values():
        numbers = [m.number for m in numbered]
        assert numbers == sorted(numbers) and numbers[0] == numbered[0].organ.prior_sittings_in_term + 1

    # Invitees from the organ defaults: the plenary invites everyone, the chair meeting the leadership.
    plenary = next(m for m in meetings if m.organ.slug == "plenary" and m.sitting_kind == "meeting")
    assert len(plenary.invitations) == len(plenary.organ.members)
    chair_meetings = [m for m in meetings if m.organ.slug == "chair-meeting" and m.sitting_kind == "meeting"]
    assert all(len(m.invitations) == 7 for m in chair_meetings)
    assert all(m.location and m.topics and m.presiding_member for m in meetings)

    # Kinds (review findings 7, 17): visits are 视察, the charity drive a 公益活动, the lecture a 学习报告会
    # not of the plenary organ, whose only sitting is the session with its guests apart from observers.
    kind_of = {m.title: m.sitting_kind for m in meetings}
    assert kind_of["背街小巷整治情况视察"] == kind_of["社区居家养老服务情况视察"] == "inspection"
    assert kind_of["“政协委员爱心专柜”慈善募捐活动"] == "charity"
    lecture = next(m for m in meetings if "辅导报告会" in m.title)
    assert lecture.sitting_kind == "study_lecture" and lecture.organ.kind != "plenary"
    assert len(lecture.invitations) == 154
    assert [m.title for m in meetings if m.organ.kind == "plenary"] == [plenary.title]
    assert plenary.guests == "区委、区人大常委会、区政府领导" and "区委" not in plenary.observers
    assert any(t.title.startswith("审议通过大会决议") for t in plenary.topics)
    visits = [m for m in meetings if m.sitting_kind == "inspection" and m.organ.kind != "street_committee"]
    assert visits and all(m.assembly_at < m.starts_at and m.assembly_place == "区行政中心北门" for m in visits)
    assert not any("集合" in m.location for m in meetings)
    # Forms by function: supervision and research are not filed as consultations (review finding 6).
    forms = {m.title: m.consultation_form for m in meetings}
    assert forms["主席会议集中视察安置房建设"] == "inspection" and forms["常委会建议案落实情况跟踪督查"] == "follow_up"
    assert forms["村组集体资产管理专题调研"] == "research" and forms["民主评议区农业农村局评议会"] == "appraisal"
    assert "focused" not in forms.values()
    # Today's department names (review finding 16), and no 2013–14 campaign.
    texts = " ".join([m.title + m.observers + " ".join(t.title for t in m.topics) for m in meetings]
                     + [i.counterpart_department + i.participating_departments + i.topic
                        for i in db.session.scalars(select(PlanItem))])
    for old in ("区国税局", "区地税局", "区监察局", "区卫计委", "区文广新局", "区环保局", "区国土分局", "区农工局",
                "区经信委", "群众路线"):
        assert old not in texts, old
    assert "国家税务总局南通市崇川区税务局" in texts and "区监委" in texts
    # The plan: adopted by the standing committee with a document number; every item organised by an organ.
    plan = db.session.scalars(select(ConsultationPlan)).one()
    assert plan.approved_by == "standing_committee" and plan.approved_on and plan.document_number.startswith("崇政协")
    items = db.session.scalars(select(PlanItem)).all()
    assert all(i.organising_organ_id and i.counterpart_department for i in items)
    tech = [i.organising_organ.slug for i in items if i.topic == "加强我区科技企业创新能力建设"]
    assert tech == ["science-education"]

    states = _plan_states(MID_YEAR)
    assert states[OVERDUE] == 1
    assert states[HELD] >= 5 and states[SCHEDULED] >= 5 and states[NOT_SCHEDULED] >= 1
    assert db.session.scalar(select(func.count()).select_from(PlanItem).where(PlanItem.lead_member_id.is_(None))) == 0

    assert "Demo committee loaded" in report and "154" in report
    assert "1 postponed" in report and "Log in as admin" in report and PASSWORD not in report


def test_second_run_changes_nothing_and_a_given_password_resets(app, monkeypatch):
    monkeypatch.delenv("CONSULT_ADMIN_PASSWORD", raising=False)
    first = load_demo(today=MID_YEAR)
    db.session.commit()
    random_password = re.search(r"with the password (\S+) \(random", first).group(1)
    assert authenticate("admin", random_password) is not None
    before = _snapshot()

    again = load_demo(today=MID_YEAR)
    db.session.commit()
    assert _snapshot() == before
    assert "already loaded" in again and "CONSULT_ADMIN_PASSWORD" in again and "create-user" in again

    monkeypatch.setenv("CONSULT_ADMIN_PASSWORD", "a-new-password")
    reset = load_demo(today=MID_YEAR)
    db.session.commit()
    assert "already loaded" in reset
    assert authenticate("admin", "a-new-password") is not None
    assert authenticate("admin", random_password) is None
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("today", "overdue", "held"),
    [
        (date(2026, 1, 5), 0, 0),  # nothing is held yet, and no planned month has passed
        (date(2026, 12, 28), 1, 45),  # the year is over: next January's sittings are the upcoming ones
    ],
)
def test_the_ends_of_the_year(app, today, overdue, held):
    load_demo(today=today, admin_password=PASSWORD)
    db.session.commit()
    assert _plan_states(today)[OVERDUE] == overdue
    statuses = Counter(db.session.scalars(select(Meeting.status)))
    assert statuses["postponed"] == 1 and statuses["held"] == held and statuses["published"] >= 1
    upcoming = db.session.scalars(select(Meeting).where(Meeting.status.in_(("published", "postponed")))).all()
    assert all(m.starts_at.date() >= today for m in upcoming)


def test_demo_is_not_mixed_into_real_data(app):
    from tests import factories

    factories.member(name="真实委员")
    db.session.commit()
    report = load_demo(today=MID_YEAR, admin_password=PASSWORD)
    db.session.commit()
    assert "Nothing was added" in report
    assert db.session.scalar(select(func.count()).select_from(Member)) == 1


def test_cli_prints_the_login_and_admin_logs_in(app, runner, client, monkeypatch):
    monkeypatch.setenv("CONSULT_ADMIN_PASSWORD", PASSWORD)
    result = runner.invoke(args=["consult", "demo"])
    assert result.exit_code == 0, result.output
    assert "Log in as admin with the password in CONSULT_ADMIN_PASSWORD" in result.output

    assert client.post("/login", data={"username": "admin", "password": "wrong-password"}).status_code == 200
    response = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert response.status_code == 302
    assert "管理员" in client.get("/").get_data(as_text=True)  # the admin is shown as logged in
