"""A standing committee of four with a sitting, a 列席委员 and a stranger, for the on-site tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories

START = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)  # 14:30 in Shanghai
END = START + timedelta(hours=2)


@pytest.fixture
def site(app):
    """Return a sitting of a standing committee of 4 (quorum 3), all invited, plus a 列席委员; its code."""
    factories.committee()
    members = [factories.member(name, phone=phone) for name, phone in (
        ("张明", "138 1234 5678"), ("李华", "139-0000-1111"), ("王芳", "+86 137 2222 3333"), ("赵强", "13644445555"))]
    organ = factories.organ("standing_committee", "常务委员会", members=members, slug="standing")
    observer = factories.member("陈列", phone="13566667777")
    stranger = factories.member("路人", phone="13588889999")
    meeting = factories.meeting(organ, title="专题协商会议", starts_at=START, invitees=[*members, observer],
                                topics=["加强科技企业创新能力建设", "优化营商环境"], location="机关三楼会议室")
    code = onsite_for(meeting.id).code
    db.session.commit()
    return SimpleNamespace(members=members, organ=organ, observer=observer, stranger=stranger, meeting=meeting,
                           code=code, zhang=members[0])


def recognise(client, member):
    """Open the member's personal page, as the phone would once: it remembers the member."""
    assert client.get(f"/my/{member.access_token}").status_code == 200
