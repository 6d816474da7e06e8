"""Statements built once per process (consult.extensions.built_once) answer as the ones built per call did."""

from __future__ import annotations

from datetime import timedelta

from consult.extensions import db
from consult.meetings import queries
from consult.meetings.statuses import MEETING_STATUSES
from tests import factories


def test_a_members_coming_sittings_are_those_coming_sittings_shows_them(app, clock):
    factories.committee()
    member = factories.member("李明")
    other = factories.member("王芳")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[member, other])
    now = clock.now
    expected_shape = []
    for n, status in enumerate(sorted(MEETING_STATUSES)):
        for visibility in ("public", "members", "internal"):
            for days, invitees in ((3 + n, [member]), (-2, [member]), (5 + n, [other])):
                factories.meeting(organ, title=f"{status} {visibility} {days}", status=status, visibility=visibility,
                                  starts_at=now + timedelta(days=days), invitees=invitees)
                expected_shape.append(status)
    db.session.commit()

    for person in (member, other):
        built = queries.coming_sittings_of_member(person.id, now)
        general = queries.coming_sittings(audience=queries.Audience(member_id=person.id), member_id=person.id,
                                          now=now, limit=None)
        assert [m.id for m in built] == [m.id for m in general]
        assert built, "the member has coming sittings to compare"
        assert {m.status for m in built} == {"published", "postponed", "held", "cancelled"} & set(expected_shape)
        assert all(m.ends_at > now for m in built)
    # A second call (the statement now built) finds the other member's sittings, not the first one's.
    assert {m.id for m in queries.coming_sittings_of_member(other.id, now)}.isdisjoint(
        m.id for m in queries.coming_sittings_of_member(member.id, now))
