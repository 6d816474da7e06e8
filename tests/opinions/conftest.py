"""A sitting with two topics, an invitee recognised on the phone, and its code."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories


class Sitting:
    def __init__(self, meeting, member, other, code):
        self.meeting, self.member, self.other, self.code = meeting, member, other, code
        self.topic, self.topic2 = meeting.topics

    def url(self, topic=None) -> str:
        return f"/m/{self.code}/topics/{(topic or self.topic).id}/opinions"


@pytest.fixture
def sitting(app, clock):
    factories.committee()
    education = factories.sector("教育界")
    member = factories.member("张明", education, phone="13800001234")
    other = factories.member("李华", factories.sector("经济界"))
    meeting = factories.meeting(title="专题协商会议", invitees=[member, other],
                                topics=["推进老旧小区改造", "优化营商环境"])
    code = onsite_for(meeting.id).code
    db.session.commit()
    clock.now = meeting.starts_at - timedelta(minutes=30)  # check-in (and opinions) open
    return Sitting(meeting, member, other, code)


@pytest.fixture
def recognised(client, sitting):
    """The client's phone knows the member (they opened their personal link once)."""
    client.get(f"/my/{sitting.member.access_token}")
    return client
