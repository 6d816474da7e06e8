"""The month calendar, the list and the meeting page run as many statements at 500 sittings as at 10."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import insert, select

from consult.extensions import db
from consult.meetings.models import Invitation, Meeting, Topic
from consult.members.models import Member
from tests import factories as f

MAY = datetime(2031, 5, 1, 1, 0, tzinfo=UTC)


def grow(organ, sector, first: int, count: int, showcase_id: int | None) -> int:
    """Add `count` members and `count` published sittings in May 2031 (2 topics, 3 invitees each) by
    bulk inserts; invite every new member to the showcase sitting. Return the showcase id."""
    db.session.execute(
        insert(Member),
        [
            {"name": f"委员{i}", "sector_id": sector.id, "member_number": f"M{i:05d}"}
            for i in range(first, first + count)
        ],
    )
    member_ids = db.session.scalars(select(Member.id).where(Member.member_number >= f"M{first:05d}")).all()
    rows = []
    for i in range(first, first + count):
        start = MAY + timedelta(hours=(i * 7) % (24 * 28))
        rows.append(
            {"organ_id": organ.id, "title": f"会议{i}", "starts_at": start, "ends_at": start + timedelta(hours=2),
             "status": "published", "term": 8, "number": i + 1, "location": f"会议室{i % 5}"}
        )
    db.session.execute(insert(Meeting), rows)
    meeting_ids = db.session.scalars(select(Meeting.id).where(Meeting.number > first)).all()
    showcase_id = showcase_id or meeting_ids[0]
    db.session.execute(
        insert(Topic), [{"meeting_id": mid, "position": p, "title": f"议题{p}"} for mid in meeting_ids for p in (0, 1)]
    )
    invitations = [
        {"meeting_id": mid, "member_id": member_ids[k % len(member_ids)]}
        for k, mid in enumerate(meeting_ids)
        if mid != showcase_id
    ]
    invitations += [{"meeting_id": showcase_id, "member_id": m} for m in member_ids]
    db.session.execute(insert(Invitation), invitations)
    db.session.commit()
    return showcase_id


@pytest.mark.parametrize("staff", [False, True])
def test_pages_run_a_fixed_number_of_statements(client, auth, count_statements, staff):
    f.committee(term=8)
    organ = f.organ("standing_committee")
    sector = f.sector()
    db.session.commit()
    if staff:
        auth.login()
    showcase = grow(organ, sector, 0, 10, None)
    urls = ["/meetings/calendar?year=2031&month=5", "/meetings?tab=upcoming", f"/meetings/{showcase}", "/"]
    counts = {}
    for size in (10, 500):
        if size == 500:
            grow(organ, sector, 10, 490, showcase)
        db.session.expire_all()
        for url in urls:
            client.get(url)  # warm up, so that both sizes are measured alike
            with count_statements() as n:
                response = client.get(url)
            assert response.status_code == 200, url
            counts[(size, url)] = n()
    assert db.session.scalar(select(db.func.count(Meeting.id))) == 500
    for url in urls:
        assert counts[(10, url)] == counts[(500, url)], (url, counts)
    assert "会议499" in client.get("/meetings/calendar?year=2031&month=5").get_data(as_text=True)
