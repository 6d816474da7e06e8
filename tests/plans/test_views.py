"""The plan pages: numbers against a hand-counted fixture, permissions, items, import, series, statements."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.meetings.models import Meeting
from consult.plans import queries
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

YEAR = 2030


def _plan(year=YEAR, public=False):
    plan = ConsultationPlan(year=year, title="", is_public=public, notes="")
    db.session.add(plan)
    db.session.flush()
    return plan


def _item(plan, organ, topic="议题", form="thematic", month=None, quarter=None, position=0, **fields):
    fields.setdefault("organising_organ", organ)
    item = PlanItem(plan=plan, organ=organ, topic=topic, consultation_form=form, planned_month=month,
                    planned_quarter=quarter, position=position, **fields)
    db.session.add(item)
    db.session.flush()
    return item


def _at(month, day=10):
    return datetime(YEAR, month, day, 1, 0, tzinfo=UTC)


@pytest.fixture
def fixture_year(app):
    """A hand-counted year, seen on 15 June 2030.

    standing committee (常委会): 4 items
      A month 3, held (a research visit held, then the meeting held)  -> held, 2 sittings held
      B month 5, cancelled sitting only                              -> overdue
      C month 9, published sitting                                   -> scheduled
      D quarter 4, nothing                                           -> not scheduled
    chair meeting: 2 items (thematic, the chair meeting's 重点协商 of old)
      E month 2, published in February, never marked held            -> overdue
      F quarter 3, draft                                             -> scheduled
    special committee: 3 items
      G month 4, counterpart consultation, held                      -> held
      H month 4, supervision (视察), an inspection held              -> held
      I quarter 2, research (调研), nothing yet                      -> not scheduled (due by June)

    Held in 2030 (the annual report's counts): meetings — standing committee 2 (A 会议, a study lecture),
    chair meeting 1 (an unplanned 例会), special committee 1 (G 会议); activities — 视察 1 (H), 调研 1
    (A's research visit), 民主评议 1 (unplanned, chair meeting). A chair meeting of 2029 does not count.
    Consultations: A–G (7 items, 2 carried out); supervision: H (1, carried out); research: I (1).
    """
    factories.committee()
    standing = factories.organ("standing_committee", name="常务委员会")
    chair = factories.organ("chair_meeting", name="主席会议")
    special = factories.organ("special_committee", name="提案委员会")
    plan = _plan()
    a = _item(plan, standing, "A 科技创新", "thematic", month=3, position=1)
    b = _item(plan, standing, "B 城市管理", "thematic", month=5, position=2)
    c = _item(plan, standing, "C 养老服务", "general", month=9, position=3)
    d = _item(plan, standing, "D 文化建设", "thematic", quarter=4, position=4)
    e = _item(plan, chair, "E 经济运行", "thematic", month=2, position=5)
    f = _item(plan, chair, "F 财政收支", "thematic", quarter=3, position=6)
    g = _item(plan, special, "G 提案办理", "counterpart", month=4, position=7)
    h = _item(plan, special, "H 安置房视察", "inspection", month=4, position=8, sitting_kind="inspection")
    _item(plan, special, "I 集体资产调研", "research", quarter=2, position=9, sitting_kind="research_visit")
    factories.meeting(standing, "调研", _at(3, 1), status="held", plan_item_id=a.id, sitting_kind="research_visit")
    factories.meeting(standing, "A 会议", _at(3, 20), status="held", plan_item_id=a.id)
    factories.meeting(standing, "B 会议", _at(5), status="cancelled", plan_item_id=b.id)
    factories.meeting(standing, "C 会议", _at(9), status="published", plan_item_id=c.id)
    factories.meeting(chair, "E 会议", _at(2), status="published", plan_item_id=e.id)
    factories.meeting(chair, "F 会议", _at(8), status="draft", plan_item_id=f.id)
    factories.meeting(special, "G 会议", _at(4), status="held", plan_item_id=g.id)
    factories.meeting(special, "H 视察", _at(4, 20), status="held", plan_item_id=h.id, sitting_kind="inspection")
    factories.meeting(chair, "例会", _at(1), status="held")
    factories.meeting(chair, "民主评议区农业农村局", _at(5, 12), status="held", sitting_kind="appraisal")
    factories.meeting(standing, "学习报告会", _at(5, 20), status="held", sitting_kind="study_lecture")
    factories.meeting(chair, "去年", datetime(YEAR - 1, 12, 31, 1, tzinfo=UTC), status="held")
    factories.meeting(chair, "去年的视察", datetime(YEAR - 1, 12, 30, 1, tzinfo=UTC), status="held",
                      sitting_kind="inspection")
    db.session.commit()
    return {"standing": standing, "chair": chair, "special": special, "items": (a, b, c, d, e, f, g)}


def test_year_numbers_against_hand_count(fixture_year):
    page = queries.load_year(YEAR, today=date(YEAR, 6, 15), time_zone="Asia/Shanghai")
    states = {row.item.topic[0]: row.state for row in page.rows}
    assert states == {"A": "held", "B": "overdue", "C": "scheduled", "D": "not_scheduled", "E": "overdue",
                      "F": "scheduled", "G": "held", "H": "held", "I": "not_scheduled"}
    s = page.summary
    assert s.total == 9
    assert dict(s.states) == {"held": 3, "overdue": 2, "scheduled": 2, "not_scheduled": 2}
    standing, chair, special = (fixture_year[k].id for k in ("standing", "chair", "special"))
    assert (s.by_organ[standing].planned, s.by_organ[standing].carried_out) == (4, 1)
    assert s.by_organ[standing].held_sittings == 2
    assert s.by_organ[standing].sittings_held_in_year == 2  # A 会议 and the lecture; the research visit is an activity
    assert (s.by_organ[chair].planned, s.by_organ[chair].carried_out) == (2, 0)
    assert s.by_organ[chair].sittings_held_in_year == 1  # the unplanned 例会; the 民主评议 and last year's do not count
    assert (s.by_organ[special].planned, s.by_organ[special].sittings_held_in_year) == (3, 1)
    assert s.by_form["thematic"].planned == 5 and s.by_form["thematic"].states["overdue"] == 2
    # consultation statistics count consultations only
    assert (s.by_function["consultation"].planned, s.by_function["consultation"].carried_out) == (7, 2)
    assert (s.by_function["supervision"].planned, s.by_function["supervision"].carried_out) == (1, 1)
    assert (s.by_function["research"].planned, s.by_function["research"].carried_out) == (1, 0)
    # meetings apart from activities, as the annual work report quotes them
    assert page.counts.meetings == {"standing_committee": 2, "chair_meeting": 1, "other": 1}
    assert page.counts.activities == {"inspection": 1, "research_visit": 1, "appraisal": 1}
    # sittings listed under their item, by start
    a_row = page.rows[0]
    assert [m.title for m in a_row.sittings] == ["调研", "A 会议"]


def test_year_page_quotes_the_annual_report_counts(fixture_year, client, auth):
    auth.login()
    html = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    assert "全年召开常委会议2次、主席会议1次、专委会等其他会议1次，开展视察1次、调研1次、民主评议1次。" in html
    # the supervision and research forms are tabled apart from the consultation forms
    consultation = html.split('class="function-consultation"')[1].split("</table>")[0]
    supervision = html.split('class="function-supervision"')[1].split("</table>")[0]
    assert "Thematic consultation" in consultation and "Supervisory inspection" not in consultation
    assert "Supervisory inspection" in supervision


def test_public_view_leaves_drafts_out(fixture_year):
    page = queries.load_year(YEAR, today=date(YEAR, 6, 15), time_zone="Asia/Shanghai", public=True)
    f_row = next(r for r in page.rows if r.item.topic.startswith("F"))
    assert f_row.sittings == [] and f_row.state == "not_scheduled"


def test_year_page_for_staff_shows_states_and_filters(fixture_year, client, auth, clock):
    clock.now = datetime(YEAR, 6, 15, 2, tzinfo=UTC)
    auth.login()
    html = client.get(f"/plans/{YEAR}").get_data(as_text=True)
    for topic in ("A 科技创新", "D 文化建设", "G 提案办理"):
        assert topic in html
    a_row = html.split(f'id="item-{fixture_year["items"][0].id}"')[1].split("</tr>")[0]
    assert '<span class="state state-held">' in a_row
    b_row = html.split(f'id="item-{fixture_year["items"][1].id}"')[1].split("</tr>")[0]
    assert '<span class="state state-overdue">' in b_row
    assert f"/plans/items/{fixture_year['items'][3].id}/schedule" in html
    filtered = client.get(f"/plans/{YEAR}?organ={fixture_year['chair'].id}").get_data(as_text=True)
    assert "E 经济运行" in filtered and "A 科技创新" not in filtered
    by_form = client.get(f"/plans/{YEAR}?form=counterpart").get_data(as_text=True)
    assert "G 提案办理" in by_form and "E 经济运行" not in by_form


def test_plans_redirects_to_this_year(client, clock):
    response = client.get("/plans")
    assert response.status_code == 302
    this_year = clock.now.astimezone(ZoneInfo("Asia/Shanghai")).year
    assert response.headers["Location"].endswith(f"/plans/{this_year}")


def test_private_plan_is_404_for_the_public_and_public_plan_is_read_only(fixture_year, client, auth):
    assert client.get(f"/plans/{YEAR}").status_code == 404
    assert client.get(f"/plans/{YEAR + 1}").status_code == 404
    auth.login()
    assert client.post(f"/plans/{YEAR}/publish").status_code == 302
    assert db.session.scalar(select(ConsultationPlan.is_public).where(ConsultationPlan.year == YEAR)) is True
    auth.logout()
    response = client.get(f"/plans/{YEAR}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "A 科技创新" in html
    assert "F 会议" not in html  # a draft
    assert "plan_item=" not in html and "/delete" not in html
    # anonymous people cannot write
    assert client.post(f"/plans/{YEAR}/unpublish").status_code == 302  # to the login page
    assert client.get(f"/plans/{YEAR}/items/new").status_code == 302
    assert db.session.scalar(select(ConsultationPlan.is_public).where(ConsultationPlan.year == YEAR)) is True


def test_create_edit_move_delete_item(app, client, auth):
    factories.committee()
    organ = factories.organ("standing_committee", name="常务委员会")
    lead = factories.member("王主席", role="chair")
    db.session.commit()
    auth.login()
    data = {"topic": "加强科技企业创新能力建设", "consultation_form": "thematic", "organ_id": organ.id,
            "organising_organ_id": organ.id, "sitting_kind": "meeting", "planned_month": "5",
            "planned_quarter": "", "planned_half": "", "lead_member_id": lead.id,
            "counterpart_department": "区科技局", "participating_departments": "区财政局\n区人社局",
            "expected_result": "special_report", "report_to": "区委、区政府", "notes": ""}
    assert client.post(f"/plans/{YEAR}/items/new", data=data).status_code == 302
    assert client.post(f"/plans/{YEAR}/items/new", data={**data, "topic": "第二项", "planned_month": "6"}
                       ).status_code == 302
    items = list(db.session.scalars(select(PlanItem).order_by(PlanItem.position)))
    assert [i.topic for i in items] == ["加强科技企业创新能力建设", "第二项"]
    assert items[0].lead_member_id == lead.id and items[0].planned_month == 5
    assert (items[0].counterpart_department, items[0].expected_result, items[0].report_to) == (
        "区科技局", "special_report", "区委、区政府")

    response = client.post(f"/plans/items/{items[1].id}/move", data={"direction": "up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [i.topic for i in db.session.scalars(select(PlanItem).order_by(PlanItem.position))] == [
        "第二项", "加强科技企业创新能力建设"]

    edit = client.post(f"/plans/items/{items[0].id}/edit", data={**data, "topic": "改过的议题"})
    assert edit.status_code == 302
    db.session.expire_all()
    assert db.session.get(PlanItem, items[0].id).topic == "改过的议题"

    meeting = factories.meeting(organ, plan_item_id=items[0].id)
    db.session.commit()
    assert client.post(f"/plans/items/{items[0].id}/delete").status_code == 200  # the confirmation page
    assert db.session.get(PlanItem, items[0].id) is not None
    assert client.post(f"/plans/items/{items[0].id}/delete", data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(PlanItem, items[0].id) is None
    assert db.session.get(Meeting, meeting.id).plan_item_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"topic": ""}, "topic"),
        ({"topic": "长" * 301}, "topic"),
        ({"organ_id": "9999"}, "organ_id"),
        ({"organ_id": ""}, "organ_id"),
        ({"consultation_form": "none"}, "consultation_form"),
        ({"planned_month": "13"}, "planned_month"),
        ({"planned_month": "5", "planned_quarter": "1"}, "planned_quarter"),
        ({"lead_member_id": "9999"}, "lead_member_id"),
        ({"organising_organ_id": ""}, "organising_organ_id"),
        ({"organising_organ_id": "99999999999999999999"}, "organising_organ_id"),
        ({"organ_id": "99999999999999999999"}, "organ_id"),
        ({"lead_member_id": "9223372036854775808"}, "lead_member_id"),
        ({"planned_half": "3"}, "planned_half"),
        ({"planned_month": "9", "planned_half": "1"}, "planned_half"),
        ({"topic": "坏\x00字"}, "topic"),
        ({"counterpart_department": "区\x00局"}, "counterpart_department"),
    ],
)
def test_bad_item_changes_nothing(app, client, auth, change, field):
    organ = factories.organ()
    db.session.commit()
    auth.login()
    data = {"topic": "议题", "consultation_form": "thematic", "organ_id": organ.id, "organising_organ_id": organ.id,
            "sitting_kind": "meeting", "planned_month": "", "planned_quarter": "", "planned_half": "",
            "lead_member_id": ""}
    response = client.post(f"/plans/{YEAR}/items/new", data={**data, **change})
    html = response.get_data(as_text=True)
    if any("\x00" in str(value) for value in change.values()):
        # NUL bytes are refused for the whole app before any form reads them (consult.__init__)
        assert response.status_code == 400 and "NUL character" in html
        assert db.session.scalar(select(func.count(PlanItem.id))) == 0
        return
    assert response.status_code == 422
    # the error sits next to the field, and what was typed is kept
    marked = html.split(f'id="{field}"')[1].split("</div>")[0]
    assert 'class="error"' in marked
    if change.get("topic") and "\x00" not in change["topic"]:
        assert change["topic"] in html
    assert db.session.scalar(select(func.count(PlanItem.id))) == 0


def _upload(client, text: str, encoding="utf-8"):
    return client.post(f"/plans/{YEAR}/import", data={"file": (io.BytesIO(text.encode(encoding)), "plan.csv")},
                       content_type="multipart/form-data")


def _confirm(client, text: str):
    return client.post(f"/plans/{YEAR}/import/confirm", data={"text": text})


def test_csv_import_preview_then_confirm(app, client, auth):
    factories.committee()
    factories.organ("standing_committee", name="常务委员会")
    factories.organ("special_committee", name="提案委员会")
    factories.organ("special_committee", name="科教文卫委员会")
    factories.member("王主席", role="chair")
    db.session.commit()
    auth.login()
    text = ("议题,协商形式,机构,承办,月份,季度,半年,牵头领导,对口部门,参加部门,成果形式,报送对象\n"
            "加强科技企业创新能力建设,专题协商,常委,科教文卫,5月,,,王主席,区科技局,区财政局、区人社局,建议案,区委\n"
            "提案办理,counterpart,提案委员会,提案委员会,,三季度,,,,,,\n"
            "安置房建设,视察,常委会,提案,,,下半年,,,,专报,区政府\n")
    preview = _upload(client, text, "gb18030")
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "加强科技企业创新能力建设" in html and 'name="text"' in html
    assert "Second half of the year" in html
    assert db.session.scalar(select(func.count(PlanItem.id))) == 0
    done = _confirm(client, text)
    assert done.status_code == 302
    items = list(db.session.scalars(select(PlanItem).order_by(PlanItem.position)))
    assert [(i.consultation_form, i.planned_month, i.planned_quarter, i.planned_half) for i in items] == [
        ("thematic", 5, None, None), ("counterpart", None, 3, None), ("inspection", None, None, 2)]
    assert [(i.organ.name, i.organising_organ.name) for i in items] == [
        ("常务委员会", "科教文卫委员会"), ("提案委员会", "提案委员会"), ("常务委员会", "提案委员会")]
    assert items[0].lead_member.name == "王主席"
    assert (items[0].counterpart_department, items[0].expected_result, items[0].report_to) == (
        "区科技局", "recommendation", "区委")


def test_csv_import_lists_every_bad_row_and_imports_nothing(app, client, auth):
    factories.committee()
    factories.organ("standing_committee", name="常务委员会")
    factories.member("王主席")
    db.session.commit()
    auth.login()
    text = ("topic,form,organ,organising_organ,month,quarter,lead\n"
            "好的议题,专题协商,常委会,常委,3,,\n"
            "未知机构,专题协商,不存在的委员会,常委,3,,\n"
            "未知形式,闲聊,常委会,常委,3,,\n"
            "月份错,专题协商,常委会,常委,13,,\n"
            "季度错,专题协商,常委会,常委,,5,\n"
            ",专题协商,常委会,常委,3,,\n"
            "领导错,专题协商,常委会,常委,3,,李四\n"
            "没有承办,专题协商,常委会,,3,,\n")
    for response in (_upload(client, text), _confirm(client, text)):
        assert response.status_code in (409, 422)
        html = response.get_data(as_text=True)
        for line, words in [(3, "unknown organ"), (4, "unknown consultation form"), (5, "not between 1 and 12"),
                            (6, "not between 1 and 4"), (7, "the topic is empty"), (8, "unknown lead member"),
                            (9, "organising organ")]:
            assert re.search(rf"<td>{line}</td><td>[^<]*{words}", html), (line, words)
        assert "<td>2</td>" not in html
    assert db.session.scalar(select(func.count(PlanItem.id))) == 0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("name,phone\n张三,123\n", "unknown column heading"),
        ("topic,form,organ,organising_organ\n", "has a header but no rows"),
        ("topic,form,organ\n议题,专题协商,常委会\n", "lacks the column"),
        ("topic,form,organ,organising_organ\n议\x00题,专题协商,常委会,常委会\n", "binary file"),
    ],
)
def test_csv_import_refuses_wrong_shape(app, client, auth, text, words):
    factories.organ("standing_committee", name="常务委员会")
    db.session.commit()
    auth.login()
    assert _upload(client, text).status_code == 422
    assert words in _upload(client, text).get_data(as_text=True)
    confirmed = _confirm(client, text)
    if "\x00" in text:  # the confirm form posts the text itself: refused for the whole app
        assert confirmed.status_code == 400 and "NUL character" in confirmed.get_data(as_text=True)
    else:
        assert confirmed.status_code == 422 and words in confirmed.get_data(as_text=True)
    assert db.session.scalar(select(func.count(PlanItem.id))) == 0


def test_csv_import_header_without_rows_is_translated(app, client, auth):
    auth.login()
    client.get("/lang/zh_CN")
    response = _upload(client, "topic,form,organ,organising_organ\n")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "文件只有表头，没有数据行。" in html and "header but no rows" not in html


def _series_data(organ, **changes):
    data = {"organ_id": organ.id, "title": "主席会议例会", "sitting_kind": "meeting", "consultation_form": "none",
            "recurrence": "monthly_weekday", "interval": "1", "weekday": "1", "ordinal": "1", "day": "",
            "first_date": f"{YEAR}-01-01", "last_date": f"{YEAR}-12-31", "start_time": "09:00",
            "duration_minutes": "120", "location": "三楼会议室", "topics": "",
            "holidays": f"{YEAR}-10-01..{YEAR}-10-07",
            "on_holiday": "skip", "preview": "y"}
    data.update(changes)
    return data


def test_series_preview_shows_dates_and_conflicts_then_creates_drafts(app, client, auth):
    factories.committee()
    chair_person = factories.member("王主席", role="chair")
    organ = factories.organ("chair_meeting", name="主席会议")
    factories.meeting(factories.organ(), "已发布的会议", datetime(YEAR, 3, 5, 1, 30, tzinfo=UTC),
                      invitees=[chair_person], location="别处")
    db.session.commit()
    auth.login()
    preview = client.post("/plans/series/new", data=_series_data(organ))
    assert preview.status_code == 200
    html = preview.get_data(as_text=True)
    assert "已发布的会议" in html  # 5 March 2030 is the first Tuesday: the chair is invited to both
    assert db.session.scalar(select(func.count(Meeting.id))) == 1
    created = client.post("/plans/series/new", data=_series_data(organ, preview="", create="y"))
    assert created.status_code == 302
    drafts = list(db.session.scalars(select(Meeting).where(Meeting.status == "draft").order_by(Meeting.starts_at)))
    assert len(drafts) == 11  # 1 October 2030, a Tuesday, is a holiday
    assert len({m.series_id for m in drafts}) == 1 and drafts[0].series_id
    assert drafts[0].starts_at == datetime(YEAR, 1, 1, 1, 0, tzinfo=UTC)
    assert drafts[0].ends_at - drafts[0].starts_at == timedelta(hours=2)
    assert [inv.member_id for inv in drafts[0].invitations] == [chair_person.id]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_date": f"{YEAR}-01-01", "last_date": f"{YEAR + 2}-01-01", "recurrence": "weekly"}, "at most 60"),
        ({"first_date": f"{YEAR}-01-02", "last_date": f"{YEAR}-01-06", "recurrence": "weekly", "weekday": "0"},
         "no date"),
        ({"last_date": f"{YEAR - 1}-01-01"}, "must not be before"),
        ({"holidays": "国庆"}, "is not a date"),
    ],
)
def test_series_refused_creates_nothing(app, client, auth, changes, message):
    organ = factories.organ("chair_meeting")
    db.session.commit()
    auth.login()
    response = client.post("/plans/series/new", data=_series_data(organ, preview="", create="y", **changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_series_needs_staff(client):
    assert client.get("/plans/series/new").status_code == 302


def _build(items: int, meetings: int):
    factories.committee()
    organs = [factories.organ(kind, name=f"{kind}-org") for kind in ("standing_committee", "chair_meeting",
                                                                     "special_committee")]
    lead = factories.member("牵头人")
    plan = _plan(public=True)
    plan_items = [
        _item(plan, organs[n % 3], f"议题{n}", "thematic", month=n % 12 + 1, position=n, lead_member=lead)
        for n in range(items)
    ]
    statuses = ("draft", "published", "held", "cancelled")
    for n in range(meetings):
        sitting = factories.meeting(organs[n % 3], f"会议{n}", datetime(YEAR, n % 12 + 1, 5, 1, tzinfo=UTC),
                                    status=statuses[n % 4], plan_item_id=plan_items[n % items].id)
        if sitting.status == "held":
            _decide(sitting)
    db.session.commit()


def _decide(sitting):
    """Give a held sitting approved minutes with decisions closed, open and overdue (成果跟踪)."""
    due = datetime(YEAR, 1, 31).date()
    factories.approved_decisions(sitting, [("报送。", "区政府办公室", due, "adopted"), ("研究。", "区科技局", due, ""),
                                           "宣传。"])


@pytest.mark.parametrize("staff", [True, False])
def test_year_page_runs_a_fixed_number_of_statements(app, client, auth, count_statements, staff):
    if staff:
        auth.login()
    _build(10, 10)
    db.session.expire_all()
    with count_statements() as small:
        assert client.get(f"/plans/{YEAR}").status_code == 200
    _build_more()
    db.session.expire_all()
    with count_statements() as large:
        response = client.get(f"/plans/{YEAR}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert body.count('class="state state-') >= 200
    # staff see each held sitting's minutes and decisions; the public sees neither
    assert body.count("minutes.docx") == (125 if staff else 0)
    assert body.count("of which past due") == (125 if staff else 0)
    assert large() == small()


def _build_more():
    """Grow the fixture to 200 items and 500 meetings."""
    plan = db.session.scalar(select(ConsultationPlan).where(ConsultationPlan.year == YEAR))
    organs = list({i.organ for i in plan.items})
    plan_items = list(plan.items)
    for n in range(10, 200):
        plan_items.append(_item(plan, organs[n % len(organs)], f"议题{n}", "sector", month=n % 12 + 1, position=n))
    statuses = ("draft", "published", "held", "cancelled")
    for n in range(10, 500):
        sitting = factories.meeting(organs[n % len(organs)], f"会议{n}", datetime(YEAR, n % 12 + 1, 6, 1, tzinfo=UTC),
                                    status=statuses[n % 4], plan_item_id=plan_items[n % 200].id)
        if sitting.status == "held":
            _decide(sitting)
    db.session.commit()


def test_lead_leaders_are_the_chair_meeting_and_the_liaison_leader_is_the_default(app, english, auth):
    vice = factories.member("薛副主席", role="vice_chair")
    plain = factories.member("张委员")
    street = factories.organ("street_committee", "城东街道政协工委", slug="chengdong", members=[plain])
    factories.organ("chair_meeting", "主席会议", slug="chair", members=[vice])
    vice.liaison_organs.append(street)
    db.session.commit()
    auth.login()
    form_page = english.get(f"/plans/{YEAR}/items/new").get_data(as_text=True)
    lead_select = form_page.split('id="lead_member_id"')[1].split("</select>")[0]
    assert "薛副主席" in lead_select and "张委员" not in lead_select
    data = {"topic": "老小区停车难", "consultation_form": "sector", "organ_id": street.id,
            "organising_organ_id": street.id, "sitting_kind": "meeting", "planned_month": "5",
            "planned_quarter": "", "planned_half": "", "lead_member_id": ""}
    response = english.post(f"/plans/{YEAR}/items/new", data=data, follow_redirects=True)
    assert "Its lead leader is 薛副主席, who keeps in touch with 城东街道政协工委." in response.get_data(as_text=True)
    item = db.session.scalars(select(PlanItem).where(PlanItem.topic == "老小区停车难")).one()
    assert item.lead_member_id == vice.id
    refused = english.post(f"/plans/{YEAR}/items/new", data={**data, "topic": "另一项", "lead_member_id": plain.id})
    assert refused.status_code == 422  # an ordinary member does not lead plan items
