"""A numbered standing-committee sitting with invitees in two sectors, a leader, a 列席委员 and a contact, for
the notice and sign-in sheet tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from consult.extensions import db
from tests import factories

START = datetime(2030, 3, 12, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, a Tuesday


@pytest.fixture
def sitting(app):
    """Return the sitting (八届十二次常委会议, published) and its people."""
    committee = factories.committee()
    committee.name = "政协崇川区委员会"
    economy = factories.sector("经济界")
    economy.position = 2
    party = factories.sector("中共")
    party.position = 1
    chair = factories.member("周主席", party, role="chair", protocol_order=1)
    wang = factories.member("王经济", economy)
    li = factories.member("李经济", economy)
    ding = factories.member("丁党员", party)
    observer = factories.member("陈列席", economy)
    organ = factories.organ("standing_committee", "常务委员会", members=[chair, wang, li, ding], slug="standing")
    meeting = factories.meeting(
        organ, title="加强科技企业创新能力建设专题协商", starts_at=START, hours=2.5,
        invitees=[wang, chair, observer, li, ding], topics=["听取区科技局情况通报", "委员协商发言"],
        location="区行政中心三楼会议室", term=8, number=12, presiding_member=chair,
        contact_name="王芳", contact_phone="0513-85012345", guests="区委副书记 张三", observers="区科技局\n区财政局",
        published_at=START - timedelta(days=10),
    )
    db.session.commit()
    return SimpleNamespace(meeting=meeting, organ=organ, chair=chair, wang=wang, li=li, ding=ding, observer=observer)
