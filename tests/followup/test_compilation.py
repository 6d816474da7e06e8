"""The year's consultation results (年度协商成果汇编): the pure builder's content and layout, the file opened and
checked like the minutes (styles, fonts, page, footer, OOXML, LibreOffice), the gathering from the domains, the
download and the command."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from consult.extensions import db
from consult.followup import services
from consult.followup.compilation import (
    APPROVED,
    APPROVED_WITHOUT_TEXT,
    CompilationContent,
    CountLine,
    DecisionEntry,
    SittingEntry,
    compilation_docx,
    follow_up_text,
    handling_sentence,
)
from consult.followup.states import CLOSED, IN_PROGRESS, NOT_ASSIGNED, OVERDUE, count_decisions
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories
from tests.documents.checks import (
    assert_official_layout,
    docx_from,
    ooxml_errors,
    page_number_on,
    pdf_page_text,
    render_pdf,
    squeezed,
    texts,
)
from tests.followup.conftest import approve_minutes

CREATED = datetime(2030, 12, 20, 2, 0, tzinfo=UTC)
TITLE = "政协崇川区委员会2030年度协商成果汇编"


def content(**changes) -> CompilationContent:
    values = dict(
        committee="政协崇川区委员会", year=2030, office="政协崇川区委员会办公室", as_of=date(2030, 12, 20),
        created=CREATED, report_sentence="全年召开常委会议1次、主席会议1次，开展视察1次、调研0次、民主评议0次。",
        organs=(CountLine("常务委员会", (1, 0)), CountLine("主席会议", (1, 1))),
        forms=(CountLine("专题协商", (2,)), CountLine("视察", (1,))),
        plan=(CountLine("政治协商", (4, 2, 1, 1)),), plan_items=4, plan_carried_out=2,
        sittings=(
            SittingEntry(name="区政协八届十二次常委会议", title="加强我区科技企业创新能力建设专题协商",
                         day=date(2030, 2, 26), organ="常务委员会", form="专题协商",
                         topics=("加强我区科技企业创新能力建设", "我区经济运行情况"),
                         minutes=APPROVED, version=2, opening="2030年2月26日上午，区政协八届十二次常委会议召开。",
                         summaries=(("加强我区科技企业创新能力建设", "与会人员认为，科技创新成效明显。"),),
                         decisions=(
                             DecisionEntry("报送区委、区政府。", CLOSED, "区政府办公室", date(2030, 3, 31),
                                           "协商意见已报送，区政府领导作出批示。", date(2030, 3, 10), "adopted"),
                             DecisionEntry("请区科技局研究设立专项资金。", OVERDUE, "区科技局", date(2030, 5, 31)),
                             DecisionEntry("请区财政局完善科技金融服务。", IN_PROGRESS, "区财政局", None,
                                           "正在研究。", date(2030, 6, 1)),
                             DecisionEntry("做好宣传。"),
                         )),
            SittingEntry(name="安置房建设视察", day=date(2030, 5, 14), organ="主席会议", form="视察",
                         topics=("安置房建设",)),
            SittingEntry(name="区政协八届三十次主席会议", title="重点协商", day=date(2030, 7, 28), organ="主席会议",
                         form="专题协商", minutes=APPROVED_WITHOUT_TEXT, version=1),
        ),
    )
    values.update(changes)
    return CompilationContent(**values)


def test_the_document_in_order():
    lines = [line for line in texts(docx_from(compilation_docx(content()))) if line]
    assert lines[0] == TITLE
    assert "本汇编收录2030年召开的会议和开展的活动共3次" in lines[1] and "截至2030年12月20日" in lines[1]
    order = [
        "一、全年概况", "（一）会议和活动", "全年召开常委会议1次、主席会议1次，开展视察1次、调研0次、民主评议0次。",
        "（二）协商和监督、调研形式", "（三）年度协商计划完成情况", "年度协商计划共列4项，已完成2项，完成率50%。",
        "（四）议定事项办理情况", "二、协商成果", "（一）区政协八届十二次常委会议",
        "主题：加强我区科技企业创新能力建设专题协商", "时间：2030年2月26日", "形式：专题协商",
        "议题：1．加强我区科技企业创新能力建设；2．我区经济运行情况",
        "2030年2月26日上午，区政协八届十二次常委会议召开。",
        "关于“加强我区科技企业创新能力建设”：与会人员认为，科技创新成效明显。", "议定事项及办理情况：",
        "1．报送区委、区政府。",
        "承办单位：区政府办公室；办理期限：2030年3月31日；办理结果：采纳（2030年3月10日答复）。",
        "答复要点：协商意见已报送，区政府领导作出批示。", "2．请区科技局研究设立专项资金。",
        "承办单位：区科技局；办理期限：2030年5月31日；办理情况：逾期未办结。",
        "3．请区财政局完善科技金融服务。", "承办单位：区财政局；办理情况：办理中。", "阶段性答复：正在研究。",
        "4．做好宣传。", "办理情况：尚未交办。",
        "（二）安置房建设视察", "时间：2030年5月14日", "会议纪要尚未审定。", "（三）区政协八届三十次主席会议",
        "会议纪要已审定（第1版），摘要见纪要原件。", "政协崇川区委员会办公室", "2030年12月20日",
    ]
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions)
    # the tables of counts: organs, forms, the plan
    assert {"组织", "召开会议（次）", "开展活动（次）", "常务委员会", "主席会议", "专题协商", "政治协商"} <= set(lines)


def test_the_handling_sentence_counts_outcomes():
    sentence = handling_sentence(count_decisions([("区科技局", None, "adopted"), ("区科技局", None, "adopted"),
                                                  ("区财政局", None, "not_adopted"),
                                                  ("区财政局", date(2030, 1, 1), ""), ("", None, "")],
                                                 date(2030, 6, 1)), 2)
    assert sentence == ("全年审定会议纪要2份，形成议定事项5项：已办结3项（采纳2项、未采纳1项），"
                        "逾期未办结1项，尚未交办1项。")
    none = count_decisions([], date(2030, 6, 1))
    assert handling_sentence(none, 0) == "全年尚无审定的会议纪要。"
    assert handling_sentence(none, 3) == "全年审定会议纪要3份，未形成需跟踪办理的议定事项。"
    lines = texts(docx_from(compilation_docx(content())))
    assert ("全年审定会议纪要2份，形成议定事项4项：已办结1项（采纳1项），办理中1项，逾期未办结1项，"
            "尚未交办1项。") in lines


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (DecisionEntry("x"), "办理情况：尚未交办。"),
        (DecisionEntry("x", IN_PROGRESS, "区科技局"), "承办单位：区科技局；办理情况：办理中。"),
        (DecisionEntry("x", CLOSED, "区科技局", None, "", date(2030, 3, 1), "partly_adopted"),
         "承办单位：区科技局；办理结果：部分采纳（2030年3月1日答复）。"),
        (DecisionEntry("x", OVERDUE, "区科技局", date(2030, 5, 31)),
         "承办单位：区科技局；办理期限：2030年5月31日；办理情况：逾期未办结。"),
        (DecisionEntry("x", NOT_ASSIGNED, "", date(2030, 5, 31)), "办理情况：尚未交办。"),
    ],
)
def test_follow_up_text(decision, expected):
    assert follow_up_text(decision) == expected


def test_a_year_without_sittings_gives_a_short_document():
    data = compilation_docx(content(sittings=(), organs=(), forms=(), plan=(), plan_items=0, plan_carried_out=0,
                                    report_sentence=""))
    lines = [line for line in texts(docx_from(data)) if line]
    assert lines == [TITLE, "2030年未召开会议、未开展活动，暂无协商成果可以汇编。", "一、全年概况",
                     "（一）会议和活动", "（二）年度协商计划完成情况", "2030年度协商计划未列项目。",
                     "（三）议定事项办理情况", "全年尚无审定的会议纪要。", "政协崇川区委员会办公室", "2030年12月20日"]


def test_bad_characters_never_break_the_file(tmp_path):
    evil = "控制\x00字符\x01\ufffe与\ud800代理😀"
    entry = SittingEntry(name=evil, day=date(2030, 2, 1), title=evil, topics=(evil,), minutes=APPROVED, opening=evil,
                         summaries=((evil, evil),), decisions=(DecisionEntry(evil, CLOSED, evil, None, evil,
                                                                             date(2030, 2, 2), "adopted"),))
    data = compilation_docx(content(sittings=(entry,), committee="政协\x0b崇川区委员会"))
    lines = texts(docx_from(data))
    assert "（一）控制字符与代理😀" in lines and not any("\x00" in line or "\ufffe" in line for line in lines)
    assert ooxml_errors(data, tmp_path) == []


def test_the_layout_is_the_official_one_and_the_package_valid(tmp_path):
    data = compilation_docx(content())
    document = docx_from(data)
    assert_official_layout(document)
    assert document.core_properties.title == TITLE
    assert document.styles["Official Heading 1"].font.size.pt == 16
    assert ooxml_errors(data, tmp_path) == []
    assert compilation_docx(content()) == data  # the same content, the same bytes


def test_libreoffice_page_one_shows_the_title_and_the_page_number(tmp_path):
    pdf = render_pdf(compilation_docx(content()), tmp_path)
    page = pdf_page_text(pdf, 1)
    assert TITLE in squeezed(page)
    assert page_number_on(page) == 1


# --- gathered from the domains, downloaded, written by the command --------------------------------------------


@pytest.fixture
def year(approved, clock):
    """The approved 八届十二次常委会议 (26 Feb 2030) with its first decision closed, a plan of two items (one
    carried out by it), an inspection held in May without minutes and a sitting of 2031, seen on 20 Dec 2030."""
    meeting = approved.meeting
    plan = ConsultationPlan(year=2030, title="", is_public=False, notes="")
    db.session.add(plan)
    db.session.flush()
    item = PlanItem(plan=plan, organ=meeting.organ, organising_organ=meeting.organ, topic="科技创新",
                    consultation_form="thematic", planned_month=2, position=1)
    db.session.add_all([item, PlanItem(plan=plan, organ=meeting.organ, organising_organ=meeting.organ, topic="养老",
                                       consultation_form="thematic", planned_month=11, position=2)])
    db.session.flush()
    meeting.plan_item_id, meeting.consultation_form = item.id, "thematic"
    factories.meeting(meeting.organ, "安置房建设视察", starts_at=datetime(2030, 5, 14, 1, tzinfo=UTC), status="held",
                      sitting_kind="inspection", consultation_form="inspection", topics=["安置房建设"])
    factories.meeting(meeting.organ, "明年的会", starts_at=datetime(2031, 1, 5, 1, tzinfo=UTC), status="held")
    first = [d for d in approved_decisions(meeting)][0]
    actor = services.Actor(None, "王芳")
    services.assign(first, department="区政府办公室", due_on=date(2030, 3, 31), sitting_day=date(2030, 2, 26),
                    today=date(2030, 3, 1), actor=actor, now=clock.now)
    services.record_answer(first, answer="协商意见已报送。", answered_on=date(2030, 3, 1), outcome="adopted",
                           sitting_day=date(2030, 2, 26), today=date(2030, 3, 1), actor=actor, now=clock.now)
    db.session.commit()
    clock.now = CREATED
    return approved


def approved_decisions(meeting):
    from consult.followup.queries import decisions_of_sitting

    return decisions_of_sitting(meeting.id)


def _download_lines(client) -> list[str]:
    response = client.get("/plans/2030/results.docx")
    assert response.status_code == 200 and response.mimetype.endswith("wordprocessingml.document")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    return [line for line in texts(docx_from(response.data)) if line]


def test_the_download_compiles_the_year(client, auth, year):
    auth.login()
    lines = _download_lines(client)
    assert lines[0] == TITLE and "共2次" in lines[1]  # the sitting of 2031 is left out
    assert lines.index("（一）区政协八届十二次常委会议") < lines.index("（二）安置房建设视察")
    assert "1．会议原则同意本次协商形成的意见建议，由办公室整理后报送区委、区政府。" in lines
    assert "承办单位：区政府办公室；办理期限：2030年3月31日；办理结果：采纳（2030年3月1日答复）。" in lines
    assert lines.count("办理情况：尚未交办。") == 2
    assert "年度协商计划共列2项，已完成1项，完成率50%。" in lines
    assert any("会议由区政协主席周林勇主持" in line for line in lines)  # the approved opening
    assert "全年召开常委会议1次、主席会议0次，开展视察1次、调研0次、民主评议0次。" in lines
    assert {"专题协商", "视察", "政治协商"} <= set(lines) and "民主监督" not in lines  # the plan has no supervision


def test_a_draft_edited_after_approval_is_not_compiled(client, auth, year):
    auth.login()
    from dataclasses import replace

    from consult.committee import get_committee
    from consult.meetings.queries import meeting_for_detail
    from consult.minutes import queries as minutes_queries
    from consult.minutes import services as minutes_services
    from consult.minutes.gathering import stored_edits

    meeting = meeting_for_detail(year.meeting.id)
    minutes = minutes_queries.minutes_of(meeting.id)
    minutes_services.save_draft(meeting, get_committee(), replace(stored_edits(minutes), opening="未审定的开头。",
                                                                  decisions="未审定的事项。"),
                                user_id=None, now=CREATED)
    db.session.commit()
    lines = _download_lines(client)
    assert "未审定的开头。" not in lines and not any("未审定的事项" in line for line in lines)
    approve_minutes(meeting.id, "审定后的新事项。")
    assert "1．审定后的新事项。" in _download_lines(client)


def test_the_download_is_for_staff_and_for_years_a_plan_can_have(client, auth, year):
    assert client.get("/plans/2030/results.docx").status_code == 302
    auth.login()
    assert client.get("/plans/1999/results.docx").status_code == 404
    assert client.get("/plans/99999999999/results.docx").status_code == 404
    empty = client.get("/plans/2040/results.docx")
    assert empty.status_code == 200
    assert "2040年未召开会议、未开展活动，暂无协商成果可以汇编。" in texts(docx_from(empty.data))


def test_the_command_writes_the_same_document(runner, year, tmp_path):
    output = tmp_path / "results.docx"
    result = runner.invoke(args=["consult", "results", "2030", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert "Wrote the consultation results of 2030" in result.output
    lines = [line for line in texts(docx_from(output.read_bytes())) if line]
    assert lines[0] == TITLE and "（一）区政协八届十二次常委会议" in lines


@pytest.mark.parametrize("bad", ["1999", "2101", "二〇三〇", "20x0", "", "2030.5", "２０３０"])
def test_the_command_refuses_a_bad_year(runner, app, tmp_path, bad):
    output = tmp_path / "results.docx"
    result = runner.invoke(args=["consult", "results", bad, "--output", str(output)])
    assert result.exit_code == 1 and "is not a year from 2000 to 2100" in result.output
    assert not output.exists()


def test_the_command_says_when_it_cannot_write(runner, app, tmp_path):
    result = runner.invoke(args=["consult", "results", "2030", "--output", str(tmp_path / "missing" / "r.docx")])
    assert result.exit_code == 1 and "Cannot write" in result.output


def test_a_year_without_sittings_by_command(runner, app, tmp_path):
    output = tmp_path / "empty.docx"
    assert runner.invoke(args=["consult", "results", "2035", "-o", str(output)]).exit_code == 0
    assert "2035年未召开会议、未开展活动，暂无协商成果可以汇编。" in texts(docx_from(output.read_bytes()))
