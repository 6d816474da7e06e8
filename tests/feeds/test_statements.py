"""A feed costs the same number of SQL statements whatever the number of sittings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from consult.extensions import db
from consult.feeds.cache import feed_store
from consult.meetings.models import Invitation, Meeting, Topic
from tests import factories


def add_sittings(organ, member, count: int, first_number: int) -> None:
    start = datetime(2030, 1, 1, 1, 30, tzinfo=UTC)
    for n in range(count):
        meeting = Meeting(
            organ=organ,
            title=f"专题协商{n}",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=2),
            status="cancelled" if n % 10 == 0 else "published",
            term=8,
            number=first_number + n,
            presiding_member=member,
            consultation_form="thematic",
        )
        meeting.topics.extend([Topic(position=0, title="议题一"), Topic(position=1, title="议题二")])
        meeting.invitations.append(Invitation(member=member))
        db.session.add(meeting)
    db.session.commit()


def statements_for_member_feed(client, count_statements, token) -> tuple[int, int]:
    feed_store(client.application).clear()
    with count_statements() as statements:
        response = client.get(f"/feeds/member/{token}.ics")
    assert response.status_code == 200
    return statements(), response.data.count(b"BEGIN:VEVENT")


def test_member_feed_statements_do_not_grow_with_sittings(app, client, count_statements, clock):
    clock.now = datetime(2030, 1, 1, tzinfo=UTC)
    factories.committee()
    member = factories.member("李明")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[member])
    add_sittings(organ, member, 10, 1)
    small, small_events = statements_for_member_feed(client, count_statements, member.feed_token)
    add_sittings(organ, member, 290, 11)
    large, large_events = statements_for_member_feed(client, count_statements, member.feed_token)
    assert (small_events, large_events) == (10, 300)
    assert small == large
    assert large <= 6, large  # state, organs, sittings, topics, committee, the feed_version upsert


def test_every_feed_kind_has_a_fixed_statement_count(app, client, count_statements, clock):
    factories.committee()
    member = factories.member("李明")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[member])
    counts = {}
    for total, batch in ((5, 5), (60, 55)):
        add_sittings(organ, member, batch, total - batch + 1)
        for url in ("/feeds/all.ics", "/feeds/organ/standing.ics"):
            feed_store(app).clear()
            with count_statements() as statements:
                assert client.get(url).status_code == 200
            counts.setdefault(url, set()).add(statements())
    assert all(len(seen) == 1 for seen in counts.values()), counts
