"""Services: numbering on publication, revisions, notice, cancel and held, conflicts, default invitees."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consult.extensions import db
from consult.meetings import services
from consult.meetings.models import Meeting
from consult.meetings.scheduling import PeriodError
from consult.meetings.services import LateNoticeError, MeetingError
from tests import factories as f

NOW = datetime(2030, 1, 1, 0, 0, tzinfo=UTC)
START = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)


def new(organ, title="专题协商会议", start=START, hours=2, **kw):
    return services.create_meeting(organ, title, start, start + timedelta(hours=hours), **kw)


@pytest.fixture
def setup(app):
    f.committee(term=8)
    sector = f.sector("中共")
    chair = f.member("主席", sector, role="chair")
    vice = f.member("副主席", sector, role="vice_chair")
    standing = f.member("常委", sector, is_standing=True)
    plain = f.member("委员", sector)
    gone = f.member("离任", sector, is_standing=True, active=False)
    return {"chair": chair, "vice": vice, "standing": standing, "plain": plain, "gone": gone}


def test_default_invitees_per_organ_kind(setup):
    s = setup
    names = lambda organ: {m.name for m in services.default_invitees(organ)}  # noqa: E731
    assert names(f.organ("plenary")) == {"主席", "副主席", "常委", "委员"}
    assert names(f.organ("standing_committee")) == {"主席", "副主席", "常委"}
    assert names(f.organ("chair_meeting")) == {"主席", "副主席"}
    assert names(f.organ("special_committee", members=[s["plain"], s["gone"]])) == {"委员"}


def test_create_makes_a_draft_without_number_and_default_invitees(setup):
    m = new(f.organ("chair_meeting"), topics=["一", " ", "二"])
    assert (m.status, m.number, m.term, m.revision) == ("draft", None, None, 0)
    assert [t.title for t in m.topics] == ["一", "二"]
    assert {inv.member_id for inv in m.invitations} == {setup["chair"].id, setup["vice"].id}


def test_create_with_explicit_invitees(setup):
    m = new(f.organ("plenary"), invitees=[setup["plain"].id, setup["plain"]])
    assert [inv.member_id for inv in m.invitations] == [setup["plain"].id]


@pytest.mark.parametrize(
    ("title", "hours", "code"),
    [("", 2, "empty_title"), ("   ", 2, "empty_title"), ("长" * 2000, 2, "title_too_long")],
)
def test_create_rejects_bad_titles(setup, title, hours, code):
    with pytest.raises(MeetingError) as err:
        new(f.organ(), title=title, hours=hours)
    assert err.value.code == code
    assert db.session.scalar(select(Meeting.id)) is None


@pytest.mark.parametrize(("hours", "code"), [(-1, "end_before_start"), (0, "zero_length"), (24 * 7 + 1, "too_long")])
def test_create_rejects_bad_periods(setup, hours, code):
    with pytest.raises(PeriodError) as err:
        new(f.organ(), hours=hours)
    assert err.value.code == code


def test_numbers_on_publish_only_and_a_cancelled_latest_gives_its_number_back(setup):
    organ = f.organ("standing_committee")
    a, b, c = new(organ), new(organ, start=START + timedelta(days=7)), new(organ, start=START + timedelta(days=14))
    services.publish_meeting(a, now=NOW)
    assert (a.term, a.number, a.display_number) == (8, 1, "八届一次常委会议")
    assert b.number is None
    services.publish_meeting(b, now=NOW)
    services.cancel_meeting(b, "台风", now=NOW)
    assert (b.status, b.number, b.term) == ("cancelled", None, None)  # no later one was numbered
    services.publish_meeting(c, now=NOW)
    assert c.number == 2  # the numbers run without gaps


def test_numbering_continues_from_paper_records_and_is_per_organ(setup):
    organ = f.organ("standing_committee", prior_sittings_in_term=11)
    other = f.organ("chair_meeting")
    m = services.publish_meeting(new(organ), now=NOW)
    o = services.publish_meeting(new(other), now=NOW)
    assert (m.number, o.number) == (12, 1)
    assert m.full_display_number("区政协") == "区政协八届十二次常委会议"


def test_numbering_restarts_in_a_new_term(setup):
    organ = f.organ("chair_meeting", prior_sittings_in_term=30)
    services.publish_meeting(new(organ), now=NOW)
    f.committee(term=9)
    organ.prior_sittings_in_term = 0
    m = services.publish_meeting(new(organ), now=NOW)
    assert (m.term, m.number) == (9, 1)


def test_other_sitting_kinds_are_published_without_number(setup):
    m = services.publish_meeting(new(f.organ(), sitting_kind="inspection"), now=NOW)
    assert (m.status, m.number, m.display_name) == ("published", None, "专题协商会议")


def test_publishing_twice_is_refused(setup):
    m = services.publish_meeting(new(f.organ()), now=NOW)
    with pytest.raises(MeetingError) as err:
        services.publish_meeting(m, now=NOW)
    assert err.value.code == "not_draft"
    assert m.number == 1


@pytest.mark.parametrize(
    ("kind", "notice_days", "days_before", "late"),
    [
        ("plenary", None, 15, False),
        ("plenary", None, 14, True),
        ("standing_committee", None, 7, False),
        ("standing_committee", None, 6, True),
        ("chair_meeting", None, 3, False),
        ("chair_meeting", None, 2, True),
        ("chair_meeting", 10, 9, True),
        ("chair_meeting", 0, 0.01, False),
    ],
)
def test_notice_rules(setup, kind, notice_days, days_before, late):
    m = new(f.organ(kind, notice_days=notice_days))
    now = START - timedelta(days=days_before)
    if late:
        with pytest.raises(LateNoticeError):
            services.publish_meeting(m, now=now)
        assert (m.status, m.number) == ("draft", None)
    user = type("U", (), {"id": None, "username": "staff"})()
    services.publish_meeting(m, now=now, by=user, confirm_late_notice=True)
    assert m.status == "published"
    assert (m.late_notice_confirmed_at == now) is late


def test_revision_raised_for_calendar_changes_only(setup):
    m = new(f.organ())
    assert m.revision == 0
    services.update_meeting(m, notes="内部备注", invitees=[setup["plain"]])
    assert m.revision == 0
    services.update_meeting(m, title="专题协商会议")  # the same title: no change
    assert m.revision == 0
    for change in (
        {"title": "新标题"},
        {"starts_at": START + timedelta(hours=1)},
        {"location": "三楼会议室"},
        {"topics": ["议题一"]},
        {"presiding_member": setup["chair"]},
    ):
        before = m.revision
        services.update_meeting(m, **change)
        assert m.revision == before + 1, change
    before = m.revision
    services.publish_meeting(m, now=NOW)
    assert m.revision == before + 1


def test_update_rejects_bad_period_and_changes_nothing(setup):
    m = new(f.organ())
    with pytest.raises(PeriodError):
        services.update_meeting(m, ends_at=m.starts_at)
    assert m.ends_at == START + timedelta(hours=2)


def test_cancel_needs_reason_and_status(setup):
    m = new(f.organ())
    with pytest.raises(MeetingError) as err:
        services.cancel_meeting(m, "  ", now=NOW)
    assert err.value.code == "reason_required"
    assert m.status == "draft"
    services.cancel_meeting(m, "改期", now=NOW)
    assert (m.status, m.cancel_reason, m.revision) == ("cancelled", "改期", 1)
    with pytest.raises(MeetingError):
        services.cancel_meeting(m, "再次", now=NOW)


def test_mark_held_only_after_start_and_only_published(setup):
    m = new(f.organ())
    with pytest.raises(MeetingError) as err:
        services.mark_held(m, now=START + timedelta(hours=1))
    assert err.value.code == "not_published"
    services.publish_meeting(m, now=NOW)
    with pytest.raises(MeetingError) as err:
        services.mark_held(m, now=START - timedelta(minutes=1))
    assert err.value.code == "not_started"
    services.mark_held(m, now=START)
    assert (m.status, m.held_at) == ("held", START)


def test_conflicts_for_against_published_sittings(setup):
    s = setup
    organ = f.organ("standing_committee")
    booked = services.publish_meeting(new(organ, location="三楼 会议室", invitees=[s["chair"], s["plain"]]), now=NOW)
    new(organ, location="三楼会议室", invitees=[s["vice"]])  # a draft books nothing
    found = services.conflicts_for(
        START + timedelta(hours=1), START + timedelta(hours=3), " 三楼  会议室", [s["chair"].id, s["vice"].id]
    )
    assert [(c.kind, c.meeting_id, c.member_ids) for c in found] == [
        ("invitee", booked.id, frozenset({s["chair"].id})),
        ("location", booked.id, frozenset()),
    ]
    assert found[0].title == "八届一次常委会议：专题协商会议"
    later = START + timedelta(hours=2)
    assert services.conflicts_for(later, later + timedelta(hours=1), "三楼 会议室", [s["chair"].id]) == []
    assert services.conflicts_for(START, later, "三楼 会议室", [], exclude_meeting_id=booked.id) == []


def test_conflicts_ignore_cancelled(setup):
    m = services.publish_meeting(new(f.organ(), location="A"), now=NOW)
    services.cancel_meeting(m, "取消", now=NOW)
    assert services.conflicts_for(START, START + timedelta(hours=1), "a", []) == []


def test_every_refusal_of_the_services_has_a_message_for_people():
    import re
    from pathlib import Path

    from consult.meetings import services
    from consult.meetings.forms import MEETING_ERROR_MESSAGES, refusal_message

    codes = set(re.findall(r'MeetingError\("([a-z_]+)"', Path(services.__file__).read_text()))
    codes.discard("unknown_field")  # a programming error, never a person's
    assert codes and codes <= set(MEETING_ERROR_MESSAGES)
    assert refusal_message(services.MeetingError("not_started")) == str(MEETING_ERROR_MESSAGES["not_started"])


def _three_published(organ):
    """Publish three sittings of `organ` a week apart; return them (numbered 1, 2, 3)."""
    sittings = [new(organ, title=f"第{n}次", start=START + timedelta(days=7 * n)) for n in range(3)]
    for sitting in sittings:
        services.publish_meeting(sitting, now=NOW)
    return sittings


def test_cancelling_a_sitting_with_later_numbers_keeps_its_number_until_renumbered(setup):
    organ = f.organ("chair_meeting", prior_sittings_in_term=24)
    a, b, c = _three_published(organ)
    assert [a.number, b.number, c.number] == [25, 26, 27]
    services.cancel_meeting(b, "改为书面征求意见", now=NOW)
    assert b.number == 26 and services.later_numbered(b) == [27]
    changes = services.renumber_sittings(organ, 8)
    assert {(m.id, old, new_) for m, old, new_ in changes} == {(b.id, 26, None), (c.id, 27, 26)}
    assert [a.number, b.number, c.number] == [25, None, 26]
    assert b.term is None and c.revision == 2  # publish, then the new name raised it again


def test_reschedule_keeps_the_number_and_out_of_order_is_reported_then_renumbered(setup):
    organ = f.organ("standing_committee")
    a, b, c = _three_published(organ)
    assert services.date_order_breaks(a) == []
    services.reschedule_meeting(
        a, START + timedelta(days=20), START + timedelta(days=20, hours=2), "", reason="会场调整", now=NOW
    )
    assert a.number == 1  # 改期 keeps the number
    assert services.date_order_breaks(a) == [2, 3]
    services.renumber_sittings(organ, 8)
    assert [b.number, c.number, a.number] == [1, 2, 3]
    assert services.date_order_breaks(a) == []


def test_publishing_before_a_numbered_later_sitting_is_reported(setup):
    organ = f.organ("standing_committee")
    late = services.publish_meeting(new(organ, start=START + timedelta(days=30)), now=NOW)
    early = services.publish_meeting(new(organ), now=NOW)
    assert (late.number, early.number) == (1, 2)
    assert services.date_order_breaks(early) == [1]


def test_postponed_sitting_keeps_its_number_and_is_published_again_when_rescheduled(setup):
    organ = f.organ("standing_committee")
    m = services.publish_meeting(new(organ), now=NOW)
    revision = m.revision
    services.postpone_meeting(m, "因工作安排调整", now=NOW)
    assert (m.status, m.number, m.postpone_reason, m.revision) == ("postponed", 1, "因工作安排调整", revision + 1)
    with pytest.raises(MeetingError) as err:
        services.postpone_meeting(m, "again", now=NOW)
    assert err.value.code == "not_postponable"
    services.reschedule_meeting(
        m, START + timedelta(days=3), START + timedelta(days=3, hours=2), "三楼会议室", reason="新时间已定", now=NOW
    )
    assert (m.status, m.number, m.location) == ("published", 1, "三楼会议室")
    assert m.revision > revision + 1


@pytest.mark.parametrize("reason", ["", "   "])
def test_postponing_needs_a_reason(setup, reason):
    m = services.publish_meeting(new(f.organ("standing_committee")), now=NOW)
    with pytest.raises(MeetingError) as err:
        services.postpone_meeting(m, reason, now=NOW)
    assert err.value.code == "reason_required" and m.status == "published"


@pytest.mark.parametrize(
    ("kind", "label", "numbered"),
    [
        ("plenary", "", True),
        ("secretary_general_meeting", "", True),
        ("special_committee", "", False),
        ("sector_group", "", False),
        ("special_committee", "提案委员会会议", True),
    ],
)
def test_only_organs_with_a_label_are_numbered(setup, kind, label, numbered):
    m = services.publish_meeting(new(f.organ(kind, number_label=label)), now=NOW)
    assert (m.number is not None) is numbered


@pytest.mark.parametrize(
    ("kind", "visibility"),
    [("standing_committee", "members"), ("chair_meeting", "members"), ("secretary_general_meeting", "internal"),
     ("plenary", "public"), ("special_committee", "public")],
)
def test_new_sittings_take_the_organ_kinds_visibility(setup, kind, visibility):
    assert new(f.organ(kind)).visibility == visibility
    assert new(f.organ(kind), visibility="public").visibility == "public"


def test_dates_outside_1900_to_2100_are_refused(setup):
    with pytest.raises(PeriodError) as err:
        far = START.replace(year=9999)
        services.create_meeting(f.organ(), "远", far, far + timedelta(hours=1))
    assert err.value.code == "out_of_range"
    assert db.session.scalar(select(Meeting.id)) is None
