"""Staff accounts and API tokens in the audit log: who changed an account's role, organs, state or password, and
which tokens were made and revoked — never a password or a token's secret."""

from __future__ import annotations

from datetime import timedelta

from consult.api import services as token_services
from consult.auth import services as account_services
from consult.committee import clock
from consult.extensions import db
from tests import factories
from tests.audit.conftest import entries, only


def test_account_changes_are_recorded_without_the_password(app):
    factories.committee()
    organ = factories.organ("standing_committee", name="常务委员会", slug="standing")
    factories.organ("chair_meeting", name="主席会议", slug="chair")  # not an organ of the account
    account_services.create_user("chief", "chief-password", role="admin")
    clerk = account_services.create_user("clerk", "first-password", role="staff")
    db.session.commit()
    account_services.update_user(clerk, display_name="王文书", role="staff", organ_ids=[organ.id], by="chief")
    updated = only("user.update")
    assert updated.subject_type == "user" and updated.subject_id == clerk.id
    assert updated.before == {"display_name": "clerk", "organs": []}
    assert updated.after == {"display_name": "王文书", "organs": [organ.id]}
    account_services.update_user(clerk, display_name="王文书", role="staff", organ_ids=[organ.id], by="chief")
    assert len(entries("user.update")) == 1  # nothing changed, nothing recorded
    account_services.set_active(clerk, False, by="chief")
    assert only("user.disable").after == {"active": False}
    account_services.set_active(clerk, False, by="chief")
    assert len(entries("user.disable")) == 1
    account_services.set_password(clerk, "second-password", by="chief")
    entry = only("user.password")
    assert "second-password" not in (entry.before_values or "") + (entry.after_values or "")
    db.session.commit()


def test_tokens_made_and_revoked_are_recorded_without_their_secret(app):
    factories.committee()
    owner = account_services.create_user("system-owner", "owner-password", role="staff")
    now = clock.now()
    token, secret = token_services.create_token(name="办公系统", scopes=["sittings:read"], owner_id=owner.id,
                                                created_by_id=None, now=now, creation_key="audit-token-0001",
                                                expires_at=now + timedelta(days=30))
    created = only("api_token.create")
    assert created.subject_type == "api_token" and created.subject_id == token.id
    assert created.after["scopes"] == ["sittings:read"] and created.after["prefix"] == token.prefix
    assert secret not in created.after_values and token.secret_hash not in created.after_values
    token_services.create_token(name="办公系统", scopes=["sittings:read"], owner_id=owner.id, created_by_id=None,
                                now=now, creation_key="audit-token-0001")  # the form sent twice: one token
    assert len(entries("api_token.create")) == 1
    assert token_services.revoke_token(token, by_user_id=None, now=now)
    assert not token_services.revoke_token(token, by_user_id=None, now=now)
    assert only("api_token.revoke").before == {"revoked_at": None}
    db.session.commit()
