"""GET /api/v1/members (members:read, phone and e-mail with members:contact) and /sittings/<id>/attendance."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.api.scopes import ATTENDANCE_READ, MEMBERS_CONTACT, MEMBERS_READ, SITTINGS_READ
from consult.extensions import db
from consult.meetings.models import Invitation
from consult.onsite import services as onsite_services
from tests import factories
from tests.api.conftest import bearer
from tests.conftest import TEST_NOW


@pytest.mark.parametrize("path", ["/api/v1/members", "/api/v1/members/{member}"])
def test_members_need_a_staff_token_with_members_read(client, committee, tokens, path):
    path = path.format(member=committee.member.id)
    anonymous = client.get(path)
    assert anonymous.status_code == 401 and anonymous.json["error"] == "unauthorized"
    assert anonymous.headers["WWW-Authenticate"] == 'Bearer realm="consult"'
    member_link = client.get(path, headers=bearer(committee.member.access_token))
    assert member_link.status_code == 403 and member_link.json["error"] == "insufficient_scope"
    other_scope = client.get(path, headers=bearer(tokens.make(SITTINGS_READ)))
    assert other_scope.status_code == 403 and 'scope="members:read"' in other_scope.headers["WWW-Authenticate"]
    assert client.get(path, headers=bearer(tokens.make(MEMBERS_READ))).status_code == 200


def test_phone_and_email_only_with_members_contact(client, committee, tokens):
    plain = client.get(f"/api/v1/members/{committee.member.id}", headers=bearer(tokens.make(MEMBERS_READ))).json
    assert "phone" not in plain and "email" not in plain
    assert "13800001234" not in str(plain)
    contact = bearer(tokens.make(MEMBERS_READ, MEMBERS_CONTACT))
    full = client.get(f"/api/v1/members/{committee.member.id}", headers=contact).json
    assert (full["phone"], full["email"]) == ("13800001234", "zhang@example.cn")
    assert full["name"] == "张明" and full["sector"]["name"] == "教育界" and full["member_number"] == "A001"
    assert full["standing"] is True and [s["organ"]["slug"] for s in full["seats"]] == ["standing"]


def test_finding_members_by_phone_needs_members_contact(client, committee, tokens):
    plain = bearer(tokens.make(MEMBERS_READ))
    assert client.get("/api/v1/members?q=13800001234", headers=plain).json["total"] == 0
    contact = bearer(tokens.make(MEMBERS_READ, MEMBERS_CONTACT))
    found = client.get("/api/v1/members?q=13800001234", headers=contact).json
    assert [m["name"] for m in found["items"]] == ["张明"]


def test_the_member_list_filters_and_pages(client, committee, tokens):
    c = committee
    secret = bearer(tokens.make(MEMBERS_READ))
    everyone = client.get("/api/v1/members?per_page=100", headers=secret).json
    assert {m["name"] for m in everyone["items"]} == {"张明", "李华"} and everyone["total"] == 2
    with_former = client.get("/api/v1/members?include_inactive=true", headers=secret).json
    assert {m["name"] for m in with_former["items"]} == {"张明", "李华", "王旧"}
    assert [m["active"] for m in with_former["items"] if m["name"] == "王旧"] == [False]
    by_sector = client.get(f"/api/v1/members?sector={c.education.id}", headers=secret).json
    assert [m["name"] for m in by_sector["items"]] == ["张明"]
    by_organ = client.get(f"/api/v1/members?organ={c.special.id}", headers=secret).json
    assert by_organ["items"] == [] and by_organ["total"] == 0
    page = client.get("/api/v1/members?per_page=1&page=2", headers=secret).json
    assert len(page["items"]) == 1 and page["pages"] == 2
    assert client.get("/api/v1/members/2147483647", headers=secret).status_code == 404
    assert client.get("/api/v1/members/2147483648", headers=secret).status_code == 404


def test_attendance_of_a_sitting(client, committee, tokens, clock):
    c = committee
    meeting = c.public  # of the standing committee: 张明 and 李华 are its members; 张明 is invited
    observer = factories.member("赵列席", c.education)
    meeting.invitations.append(Invitation(member=observer))
    onsite_services.check_in(meeting.id, c.member.id, now=meeting.starts_at - timedelta(minutes=10), by="member")
    onsite_services.ask_leave(meeting.id, c.other.id, "出差", now=TEST_NOW, late=False)
    onsite_services.set_attendance(meeting.id, c.other.id, "on_leave", now=TEST_NOW, by="clerk", note="已批准")
    db.session.commit()
    anonymous = client.get(f"/api/v1/sittings/{meeting.id}/attendance")
    assert anonymous.status_code == 401
    assert client.get(f"/api/v1/sittings/{meeting.id}/attendance",
                      headers=bearer(tokens.make(SITTINGS_READ))).status_code == 403
    secret = bearer(tokens.make(ATTENDANCE_READ))
    attendance = client.get(f"/api/v1/sittings/{meeting.id}/attendance", headers=secret).json
    tally = attendance["tally"]
    assert (tally["expected"], tally["present"], tally["on_leave"], tally["waiting"]) == (2, 1, 1, 0)
    assert (tally["observers"], tally["quorum"], tally["quorum_reached"]) == (1, 2, False)
    rows = {row["member"]["name"]: row for row in attendance["attendees"]}
    assert rows["张明"]["status"] == "present" and rows["张明"]["checked_in_at"] == "2030-03-04T09:50:00+08:00"
    assert rows["李华"]["status"] == "on_leave" and rows["李华"]["note"] == "已批准"
    assert rows["赵列席"]["observer"] is True and rows["赵列席"]["status"] is None
    assert [(r["member"]["name"], r["reason"], r["status"]) for r in attendance["leave_requests"]] == [
        ("李华", "出差", "pending")]
    # a draft is staff's: a token with attendance:read finds it; an unknown sitting is 404
    assert client.get(f"/api/v1/sittings/{c.draft.id}/attendance", headers=secret).status_code == 200
    assert client.get("/api/v1/sittings/99999/attendance", headers=secret).status_code == 404


def test_attendance_runs_a_fixed_number_of_statements(client, committee, tokens, count_statements):
    meeting = committee.public
    secret = bearer(tokens.make(ATTENDANCE_READ))
    counts = []
    for size in (3, 60):
        for _ in range(size):
            member = factories.member(f"委员{len(meeting.invitations)}", committee.education)
            committee.standing.members.append(member)
            meeting.invitations.append(Invitation(member=member))
        db.session.commit()
        client.get(f"/api/v1/sittings/{meeting.id}/attendance", headers=secret)
        with count_statements() as n:
            assert client.get(f"/api/v1/sittings/{meeting.id}/attendance", headers=secret).status_code == 200
        counts.append(n())
    assert counts[0] == counts[1], counts
