"""A committee for the API tests: sittings of every status and visibility, members with phones, and API tokens.

The clock stands at TEST_NOW (1 March 2030, 10:00 in Shanghai); `open` starts half an hour later, so its
check-in and its collection of opinions are open.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from consult.api import services
from consult.api.scopes import SCOPES
from consult.auth.models import User
from consult.auth.services import create_user
from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories
from tests.conftest import TEST_NOW

ALL_SCOPES = tuple(SCOPES)
_keys = itertools.count(1)


@dataclass
class Committee:
    """What the tests call: the sittings by what they are, the members, the organs."""

    standing: object
    special: object
    education: object
    member: object  # invited to every sitting, with a phone and e-mail
    other: object  # invited to nothing
    former: object  # no longer a member
    open: object  # public, published, starting in 30 minutes: opinions open
    public: object  # public, published, numbered 八届十二次, in three days
    members_only: object
    internal: object
    draft: object
    cancelled: object
    postponed: object
    held: object  # public, held a month ago: its collection has closed


def bearer(secret: str) -> dict:
    """Return the Authorization header carrying `secret`."""
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def committee(app, clock) -> Committee:
    factories.committee()
    education = factories.sector("教育界")
    member = factories.member("张明", education, phone="13800001234", email="zhang@example.cn", member_number="A001")
    other = factories.member("李华", factories.sector("经济界"), phone="13900005678")
    former = factories.member("王旧", education, active=False)
    standing = factories.organ("standing_committee", "常务委员会", members=[member, other], slug="standing")
    special = factories.organ("special_committee", "提案委员会", slug="proposals")
    factories.organ("sector_group", "停用的小组", slug="inactive-group", active=False)

    def sitting(title, status="published", visibility="public", organ=None, starts=TEST_NOW + timedelta(days=3),
                **fields):
        return factories.meeting(organ or special, title=title, status=status, visibility=visibility,
                                 starts_at=starts, invitees=[member], topics=["推进老旧小区改造", "优化营商环境"],
                                 **fields)

    result = Committee(
        standing=standing, special=special, education=education, member=member, other=other, former=former,
        open=sitting("关于老旧小区改造的对口协商", starts=TEST_NOW + timedelta(minutes=30),
                     location="区政协三楼会议室"),
        public=sitting("专题协商会议", organ=standing, term=8, number=12, starts=TEST_NOW + timedelta(days=3),
                       location="区政府第一会议室", guests="区委副书记\n区政府副区长", observers="区发改委\n区财政局",
                       notes="会务：提前布置会场"),
        members_only=sitting("委员视察", visibility="members", starts=TEST_NOW + timedelta(days=4)),
        internal=sitting("秘书长会议", visibility="internal", starts=TEST_NOW + timedelta(days=5)),
        draft=sitting("草稿会议", status="draft", starts=TEST_NOW + timedelta(days=6)),
        cancelled=sitting("取消的会议", status="cancelled", starts=TEST_NOW + timedelta(days=7),
                          cancel_reason="议题调整"),
        postponed=sitting("延期的会议", status="postponed", starts=TEST_NOW + timedelta(days=8),
                          postpone_reason="时间另定"),
        held=sitting("已召开的会议", status="held", starts=TEST_NOW - timedelta(days=30)),
    )
    onsite_for(result.open.id)
    db.session.commit()
    return result


class Tokens:
    """Make API tokens for the tests: `make(*scopes)` returns the secret of a new token of a staff owner."""

    def __init__(self, app):
        self._app = app

    def owner(self, username: str = "system-owner") -> User:
        user = db.session.query(User).filter_by(username=username).first()
        if user is None:
            user = create_user(username, "owner-password", role="staff")
            db.session.flush()
        return user

    def make(self, *scopes: str, owner: User | None = None, expires_at: datetime | None = None,
             name: str = "测试系统") -> str:
        token, secret = services.create_token(
            name=name, scopes=scopes or ALL_SCOPES, owner_id=(owner or self.owner()).id, created_by_id=None,
            now=TEST_NOW - timedelta(days=1), creation_key=f"test-token-{next(_keys):04d}", expires_at=expires_at,
        )
        db.session.commit()
        return secret


@pytest.fixture
def tokens(app) -> Tokens:
    return Tokens(app)


@pytest.fixture
def staff_token(tokens) -> str:
    """The secret of a token with every scope."""
    return tokens.make(*ALL_SCOPES)


