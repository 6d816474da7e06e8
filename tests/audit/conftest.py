"""A committee with a standing committee, three members, a draft, a published and a held sitting, for the audit
log's tests; helpers that read the entries written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from consult.audit.models import AuditEntry
from consult.extensions import db
from consult.onsite.services import onsite_for
from tests import factories

COMING = datetime(2030, 5, 12, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, ten weeks after the test clock
HELD = datetime(2030, 2, 26, 1, 0, tzinfo=UTC)  # three days before the test clock


@pytest.fixture
def world(app):
    """Return the committee's people and sittings, committed, with no audit entry yet."""
    factories.committee(term=8)
    party, education = factories.sector("中共"), factories.sector("教育界")
    standing = factories.organ("standing_committee", name="常务委员会", slug="standing")
    chair = factories.member("王主席", party, role="chair", is_standing=True, phone="13800001111")
    li = factories.member("李常委", party, is_standing=True, phone="13800002222")
    zhang = factories.member("张委员", education, phone="13800003333")
    draft = factories.meeting(standing, title="研究全会筹备工作", starts_at=COMING + timedelta(days=2), status="draft",
                              invitees=[chair, li], topics=["议题甲"], location="三楼会议室", revision=0)
    published = factories.meeting(standing, title="专题协商会议", starts_at=COMING, status="published", term=8,
                                  number=3, invitees=[chair, li, zhang], topics=["推进老旧小区改造", "优化营商环境"],
                                  location="二楼会议室", revision=1)
    held = factories.meeting(standing, title="常委会议", starts_at=HELD, status="held", term=8, number=2,
                             invitees=[chair, li, zhang], topics=["审议工作报告"], location="二楼会议室", revision=1)
    code = onsite_for(published.id).code
    db.session.commit()
    assert entry_count() == 0
    return SimpleNamespace(standing=standing, party=party, education=education, chair=chair, li=li, zhang=zhang,
                           draft=draft, published=published, held=held, code=code)


@pytest.fixture
def staff(auth):
    """Log the client in as the staff account `office` and return the account."""
    from consult.auth.models import User

    auth.login("office", "office-password", role="staff")
    return db.session.scalars(select(User).where(User.username == "office")).one()


@pytest.fixture
def admin(auth):
    """Log the client in as the admin account `chief` and return the account."""
    from consult.auth.models import User

    auth.login("chief", "chief-password", role="admin")
    return db.session.scalars(select(User).where(User.username == "chief")).one()


def entry_count() -> int:
    """Return how many entries the log holds."""
    return db.session.scalar(select(func.count()).select_from(AuditEntry))


def entries(action: str | None = None) -> list[AuditEntry]:
    """Return the entries (of `action`), oldest first, read afresh."""
    db.session.expire_all()
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action is not None:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))


def only(action: str) -> AuditEntry:
    """Return the one entry of `action`; fail when there are none or several."""
    found = entries(action)
    assert len(found) == 1, [(e.action, e.subject_label, e.after) for e in entries()]
    return found[0]


def by_user(entry: AuditEntry, account) -> bool:
    """Return True when `entry` names the staff account as its actor."""
    return (entry.actor_kind, entry.actor_id, entry.actor_label) == ("user", account.id, account.username)
