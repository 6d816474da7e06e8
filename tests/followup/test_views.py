"""The follow-up pages: a sitting's decisions assigned, answered, closed and reopened through the web; bad input
refused with a message and nothing changed; staff only; the year's list with its filters and the overdue list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.followup import queries
from consult.followup.models import Decision, DecisionEvent
from tests import factories
from tests.followup.conftest import approve_minutes

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages


def _decisions(meeting):
    db.session.expire_all()
    return [d for d in queries.decisions_of_sitting(meeting.id) if d.in_minutes]


def _post(client, meeting, decision, action, revision=None, **fields):
    data = {f"d{decision.id}-{name}": value for name, value in fields.items()}
    data[f"d{decision.id}-revision"] = str(decision.revision if revision is None else revision)
    return client.post(f"/meetings/{meeting.id}/results/{decision.id}/{action}", data=data)


def _state(decision):
    db.session.refresh(decision)
    return (decision.department, decision.due_on, decision.answer, decision.answered_on, decision.outcome,
            decision.revision)


def _events():
    return db.session.scalar(select(func.count()).select_from(DecisionEvent))


@pytest.mark.parametrize("path", [
    "/meetings/{id}/results", "/results", "/results?year=2030&state=overdue", "/results/overdue",
    "/plans/2030/results.docx", "/plans/2030/charts/decisions-by-organ.svg",
])
def test_visitors_are_sent_to_log_in(client, approved, path):
    response = client.get(path.format(id=approved.meeting.id))
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("action", ["assign", "answer", "reopen"])
def test_visitors_cannot_write(client, approved, action):
    decision = _decisions(approved.meeting)[0]
    before = _state(decision)
    response = _post(client, approved.meeting, decision, action, department="区科技局", answer="x",
                     answered_on="2030-03-01", outcome="adopted")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert _state(decision) == before


def test_the_page_lists_the_decisions_and_a_sitting_without_minutes_says_why(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    page = client.get(f"/meetings/{meeting.id}/results")
    body = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "private, no-store"
    positions = [body.index(text) for text in ("1. 会议原则同意", "2. 请区科技局牵头", "3. 请区财政局会同")]
    assert positions == sorted(positions)
    assert body.count("state-not_assigned") == 3 and "version 1 of the minutes" in body
    other = factories.meeting(meeting.organ, "视察", starts_at=meeting.starts_at - timedelta(days=3), status="held")
    db.session.commit()
    empty = client.get(f"/meetings/{other.id}/results").get_data(as_text=True)
    assert "followed up once the minutes are approved" in empty
    assert "Follow up the decisions" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


def test_assign_answer_close_and_reopen(client, auth, approved, clock):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[1]
    response = _post(client, meeting, decision, "assign", department="区科技局", due_on="2030-03-31",
                     note="交办单已送达。")
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#decision-{decision.id}")
    assert _state(decision)[:2] == ("区科技局", datetime(2030, 3, 31).date())
    assigned = decision.events[-1]
    assert (assigned.kind, assigned.by_name, assigned.department, assigned.note) == (
        "assigned", "staff", "区科技局", "交办单已送达。")
    page = client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)
    assert "state-in_progress" in page and "区科技局" in page

    # an interim answer keeps it open; the due date passes: overdue
    assert _post(client, meeting, decision, "answer", answer="正在研究。", answered_on="2030-03-01",
                 outcome="").status_code == 302
    assert _state(decision)[2:5] == ("正在研究。", datetime(2030, 3, 1).date(), "")
    clock.now = datetime(2030, 4, 2, 2, 0, tzinfo=UTC)
    page = client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)
    assert "state-overdue" in page and "2 days overdue" in page
    assert "1 decision of the minutes is overdue" in client.get("/").get_data(as_text=True)

    # closed late, as partly adopted; then reopened with a reason: overdue again
    assert _post(client, meeting, decision, "answer", answer="已部分采纳。", answered_on="2030-04-01",
                 outcome="partly_adopted").status_code == 302
    assert _state(decision)[4] == "partly_adopted" and decision.closed_at is not None
    page = client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)
    assert "state-closed" in page and "closed after its due date" in page and "Partly adopted" in page
    assert _post(client, meeting, decision, "reopen", reason="答复不具体。").status_code == 302
    assert _state(decision)[4] == "" and decision.closed_at is None and decision.answer == "已部分采纳。"
    assert [e.kind for e in decision.events] == ["added", "assigned", "answered", "closed", "reopened"]
    assert "state-overdue" in client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)
    # reassigned with a later date: in progress
    assert _post(client, meeting, decision, "assign", department="区科技局、区财政局",
                 due_on="2030-06-30").status_code == 302
    assert decision.events[-1].kind == "reassigned"
    assert "state-in_progress" in client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)


@pytest.mark.parametrize(
    ("action", "fields", "message", "status"),
    [
        ("assign", {"department": "", "due_on": "2030-03-31"}, "Give the department that handles the decision.", 422),
        ("assign", {"department": "   ", "due_on": ""}, "Give the department that handles the decision.", 422),
        ("assign", {"department": "区科技局", "due_on": "2030-02-25"},
         "The due date cannot lie before the sitting (26 Feb 2030).", 422),
        ("assign", {"department": "区科技局", "due_on": "2030-13-45"}, "Not a valid date value.", 422),
        ("assign", {"department": "区科技局", "due_on": "9999-01-01"}, "", 422),
        ("assign", {"department": "局" * 201}, "At most 200 characters", 422),
        ("answer", {"answer": "已办理。", "answered_on": "2030-03-01", "outcome": "adopted"},
         "Assign the decision to a department before recording its answer.", 422),
    ],
)
def test_bad_input_changes_nothing(client, auth, approved, action, fields, message, status):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[0]
    before, events = _state(decision), _events()
    response = _post(client, meeting, decision, action, **fields)
    body = response.get_data(as_text=True)
    assert response.status_code == status
    assert message in body and "Please correct the marked fields." in body
    assert _state(decision) == before and _events() == events
    if fields.get("due_on"):
        assert f'value="{fields["due_on"]}"' in body  # what was typed stays in the form


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"answer": "已办理。", "answered_on": "2030-02-20", "outcome": "adopted"},
         "The answer cannot be dated before the sitting (26 Feb 2030)."),
        ({"answer": "已办理。", "answered_on": "2030-03-02", "outcome": "adopted"},
         "The answer cannot be dated after today (1 Mar 2030)."),
        ({"answer": "", "answered_on": "2030-03-01", "outcome": "adopted"}, "Write what the department answered."),
        ({"answer": "已办理。", "answered_on": "", "outcome": "adopted"}, "Give the date of the answer."),
        ({"answer": "已办理。", "answered_on": "2030-03-01", "outcome": "accepted"}, "Not a valid choice."),
        ({"answer": "答" * 5001, "answered_on": "2030-03-01", "outcome": ""}, "At most 5,000 characters"),
    ],
)
def test_bad_answers_change_nothing(client, auth, approved, fields, message):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[0]
    assert _post(client, meeting, decision, "assign", department="区科技局", due_on="").status_code == 302
    before, events = _state(decision), _events()
    response = _post(client, meeting, decision, "answer", **fields)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert _state(decision) == before and _events() == events


def test_reopening_an_open_decision_is_refused(client, auth, approved):
    auth.login()
    decision = _decisions(approved.meeting)[0]
    before = _state(decision)
    response = _post(client, approved.meeting, decision, "reopen", reason="")
    assert response.status_code == 422 and "nothing to reopen" in response.get_data(as_text=True)
    assert _state(decision) == before


def test_a_closed_decision_is_reopened_before_it_is_assigned_again(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[0]
    _post(client, meeting, decision, "assign", department="区科技局", due_on="")
    _post(client, meeting, decision, "answer", answer="已办理。", answered_on="2030-03-01", outcome="adopted")
    before = _state(decision)
    response = _post(client, meeting, decision, "assign", department="区财政局", due_on="")
    assert response.status_code == 422 and "Reopen it before assigning it again" in response.get_data(as_text=True)
    assert _state(decision) == before


def test_nul_bytes_and_unknown_ids_answer_clearly(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    first, second, _third = _decisions(meeting)
    before = _state(first)
    response = _post(client, meeting, first, "assign", department="区科\x00技局")
    assert response.status_code == 400 and "NUL character" in response.get_data(as_text=True)
    assert _state(first) == before
    other = factories.meeting(meeting.organ, "另一次", status="held")
    db.session.commit()
    # a decision of another sitting, one that does not exist, a sitting that does not exist, ids beyond any range
    assert client.post(f"/meetings/{other.id}/results/{first.id}/assign",
                       data={f"d{first.id}-department": "区科技局"}).status_code == 404
    missing = client.post(f"/meetings/{meeting.id}/results/999999/assign", data={"d999999-department": "x"})
    assert missing.status_code == 404 and "no such decision" in missing.get_data(as_text=True)
    assert client.get("/meetings/999999/results").status_code == 404
    assert client.get("/meetings/99999999999999999999/results").status_code == 404
    assert client.post(f"/meetings/{meeting.id}/results/99999999999999999999/answer").status_code == 404
    assert _state(first) == before and _state(second)[0] == ""


def test_control_characters_are_removed_and_breaks_kept_on_one_line(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[0]
    assert _post(client, meeting, decision, "assign", department="区科技局\n区财政局\x01").status_code == 302
    assert _state(decision)[0] == "区科技局 区财政局"
    assert _post(client, meeting, decision, "answer", answer="第一段\x07。\n第二段。", answered_on="2030-03-01",
                 outcome="adopted").status_code == 302
    assert _state(decision)[2] == "第一段。\n第二段。"


def test_a_form_sent_twice_is_stored_once_and_a_stale_page_changes_nothing(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    decision = _decisions(meeting)[0]
    opened_on = decision.revision
    assert _post(client, meeting, decision, "assign", opened_on, department="区科技局", due_on="2030-04-30") \
        .status_code == 302
    events = _events()
    again = _post(client, meeting, decision, "assign", opened_on, department="区科技局", due_on="2030-04-30")
    assert again.status_code == 302 and _events() == events
    assert "Nothing changed" in client.get(again.headers["Location"]).get_data(as_text=True)
    # a colleague's page opened before the assignment tries another department: refused, told, nothing changed
    before = _state(decision)
    stale = _post(client, meeting, decision, "assign", opened_on, department="区财政局", due_on="2030-04-30")
    assert stale.status_code == 409 and "changed after you opened the page" in stale.get_data(as_text=True)
    assert _state(decision) == before and _events() == events
    # the same for an answer, and for a reopening sent twice
    _post(client, meeting, decision, "answer", answer="已办理。", answered_on="2030-03-01", outcome="adopted")
    closed = decision.revision
    assert _post(client, meeting, decision, "reopen", closed, reason="").status_code == 302
    events = _events()
    assert _post(client, meeting, decision, "reopen", closed, reason="").status_code == 302
    assert _events() == events


def test_a_removed_decision_is_shown_apart_and_not_counted(client, auth, approved):
    auth.login()
    meeting = approved.meeting
    approve_minutes(meeting.id, "请区科技局牵头研究设立科技创新专项资金。")
    body = client.get(f"/meetings/{meeting.id}/results").get_data(as_text=True)
    assert "No longer in the approved minutes" in body
    assert body.index("No longer in the approved minutes") > body.index("1. 请区科技局牵头")
    assert "1 decision:" in body
    assert "1 decision in the approved minutes" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)


@pytest.fixture
def year_of_decisions(approved, clock):
    """Two sittings of two organs in 2030 and one of 2029, their decisions in every state, seen on 1 June 2030.

    standing committee, 26 Feb 2030 (the fixture's sitting): 1 closed (区政府办公室), 2 overdue (区科技局, due 31 May),
    3 not assigned. chair meeting, 10 April 2030: 1 in progress (区科技局, due 30 June). chair meeting, 2029: 1 overdue
    (区财政局, due 31 Dec 2029).
    """
    meeting = approved.meeting
    chair = factories.organ("chair_meeting", "主席会议")
    april = factories.meeting(chair, "重点协商", starts_at=datetime(2030, 4, 10, 1, tzinfo=UTC), status="held",
                              topics=["经济运行"], term=8, number=30)
    last_year = factories.meeting(chair, "去年的协商", starts_at=datetime(2029, 11, 10, 1, tzinfo=UTC), status="held",
                                  topics=["财政"], term=8, number=20)
    db.session.commit()
    clock.now = datetime(2030, 4, 20, 2, tzinfo=UTC)
    approve_minutes(april.id, "请区科技局研究。")
    approve_minutes(last_year.id, "请区财政局研究。")
    from consult.followup import services

    actor = services.Actor(None, "王芳")
    first, second, _third = [d for d in queries.decisions_of_sitting(meeting.id)]
    kw = {"today": clock.now.date(), "actor": actor, "now": clock.now}
    services.assign(first, department="区政府办公室", due_on=None, sitting_day=datetime(2030, 2, 26).date(), **kw)
    services.record_answer(first, answer="已报送。", answered_on=datetime(2030, 3, 5).date(), outcome="adopted",
                           sitting_day=datetime(2030, 2, 26).date(), **kw)
    services.assign(second, department="区科技局", due_on=datetime(2030, 5, 31).date(),
                    sitting_day=datetime(2030, 2, 26).date(), **kw)
    services.assign(queries.decisions_of_sitting(april.id)[0], department="区科技局",
                    due_on=datetime(2030, 6, 30).date(), sitting_day=datetime(2030, 4, 10).date(), **kw)
    services.assign(queries.decisions_of_sitting(last_year.id)[0], department="区财政局",
                    due_on=datetime(2029, 12, 31).date(), sitting_day=datetime(2029, 11, 10).date(), **kw)
    db.session.commit()
    clock.now = datetime(2030, 6, 1, 2, tzinfo=UTC)
    return {"standing": meeting.organ, "chair": chair, "april": april, "last_year": last_year}


def _rows(body: str) -> int:
    return body.count('<td><a href="/meetings/')


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        ("year=2030", 4),
        ("", 4),  # this year by default
        ("year=2029", 1),
        ("year=2030&state=overdue", 1),
        ("year=2030&state=closed", 1),
        ("year=2030&state=not_assigned", 1),
        ("year=2030&state=in_progress", 1),
        ("year=2030&department=科技", 2),
        ("year=2030&department=%25", 0),  # a wildcard is a character like any other
        ("year=2030&organ={chair}", 1),
        ("year=2030&organ=99999999999999999999", 4),  # a number no row has is no filter
        ("year=99999&state=nonsense", 4),  # a year out of range shows this year; an unknown state filters nothing
        ("year=2030&organ=2147483648&page=99999999999999999999", 4),  # beyond PostgreSQL's integer: ignored
        ("year=2030&page=7", 4),  # past the last page: the last page
    ],
)
def test_the_year_list_filters(client, auth, year_of_decisions, query, rows):
    auth.login()
    response = client.get("/results?" + query.format(chair=year_of_decisions["chair"].id))
    assert response.status_code == 200
    assert _rows(response.get_data(as_text=True)) == rows


def test_the_year_list_counts_every_state(client, auth, year_of_decisions):
    auth.login()
    body = client.get("/results?year=2030").get_data(as_text=True)
    assert "4 decisions in the approved minutes of the year" in body
    for state in ("closed", "in_progress", "not_assigned", "overdue"):
        assert body.count(f'class="state state-{state}" href') == 1
    assert "Past due 1</a>" in body and "Closed 1</a>" in body and "Not yet assigned 1</a>" in body


def test_the_overdue_list_groups_by_department_across_years(client, auth, year_of_decisions):
    auth.login()
    body = client.get("/results/overdue").get_data(as_text=True)
    assert "2 overdue decisions" in body
    assert body.index("区财政局") < body.index("区科技局")  # the same count: the longest overdue first
    assert "152 days" in body and "1 day" in body  # due 31 Dec 2029 and 31 May 2030, on 1 June 2030
    assert "区政府办公室" not in body  # closed, never overdue


def test_the_list_and_overdue_pages_run_a_fixed_number_of_statements(client, auth, year_of_decisions, clock,
                                                                     count_statements):
    auth.login()
    client.get("/results")
    counts = []
    for more in (0, 30):
        organ = year_of_decisions["chair"]
        for n in range(more):
            sitting = factories.meeting(organ, f"协商{n}", starts_at=datetime(2030, 5, 1, 1, tzinfo=UTC)
                                        + timedelta(hours=n), status="held", topics=["议题"])
            db.session.commit()
            approve_minutes(sitting.id, "请区科技局研究。\n请区财政局研究。")
        db.session.expire_all()
        with count_statements() as listed:
            assert client.get("/results?year=2030").status_code == 200
        with count_statements() as overdue:
            assert client.get("/results/overdue").status_code == 200
        with count_statements() as sitting_page:
            assert client.get(f"/meetings/{year_of_decisions['april'].id}/results").status_code == 200
        counts.append((listed(), overdue(), sitting_page()))
    assert counts[0] == counts[1]
    assert db.session.scalar(select(func.count()).select_from(Decision)) == 5 + 60


def test_of_two_writes_racing_from_the_same_revision_one_is_refused(client, auth, approved):
    """Another request assigned the decision after this one read it: this one's UPDATE finds the row at another
    revision and changes nothing (the revision is the row's version counter), on SQLite and PostgreSQL alike."""
    from datetime import date

    from sqlalchemy import update

    from consult.followup import services

    decision = _decisions(approved.meeting)[0]
    read = decision.revision
    # the other request, committed in the meantime on a connection of its own
    with db.engine.begin() as other:
        other.execute(update(Decision).where(Decision.id == decision.id).values(department="区财政局",
                                                                               revision=read + 1))
    with pytest.raises(services.FollowupError) as refused:
        services.assign(decision, department="区科技局", due_on=None, sitting_day=date(2030, 2, 26),
                        today=date(2030, 3, 1), actor=services.Actor(None, "王芳"),
                        now=datetime(2030, 3, 1, 2, tzinfo=UTC), revision=read)
    assert refused.value.code == "stale"
    db.session.rollback()
    assert _state(decision)[0] == "区财政局" and _events() == 3  # the other's change kept; no event of this one
