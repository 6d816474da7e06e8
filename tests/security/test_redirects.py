"""A `next` holding a line break (review finding #7) never gives a 500 and never a header: the person lands on the
home page, and what the request did (log in, choose the language, renew a feed address) is done once and said."""

from __future__ import annotations

import pytest

from consult.auth.redirects import safe_next
from consult.extensions import db
from consult.members.models import Member
from tests import factories


@pytest.mark.parametrize(
    ("target", "kept"),
    [("/members/3", True), ("/meetings?tab=past&q=议题", True), ("/members/3\r\nX: y", False),
     ("/\r\nX-Injected: 1", False), ("/a\nb", False), ("/a\rb", False), ("/a\tb", False), ("/a\x00b", False),
     ("/a\x7fb", False), ("//evil.example", False), ("https://evil.example", False), ("", False), (None, False)],
)
def test_safe_next_keeps_only_clean_paths_of_this_site(app, target, kept):
    with app.test_request_context():
        assert safe_next(target) == (target if kept else "/")


INJECTED = "/%0D%0AX-Injected:%201"


def test_login_with_a_line_break_in_next_logs_in_and_goes_home(client, auth):
    auth.login()
    auth.logout()
    response = client.post(f"/login?next={INJECTED}", data={"username": "staff", "password": "staff-password"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/" and "X-Injected" not in response.headers
    assert client.get("/meetings/new").status_code == 200  # logged in: a staff page opens


def test_language_switch_with_a_line_break_in_next_goes_home(english):
    response = english.get(f"/lang/zh_CN?next={INJECTED}")
    assert response.status_code == 302
    assert response.headers["Location"] == "/" and "X-Injected" not in response.headers
    assert 'lang="zh-CN"' in english.get("/").get_data(as_text=True)


def test_staff_feed_renewal_with_a_line_break_in_next_is_done_once_and_said(client, auth):
    factories.committee()
    member = factories.member("李明")
    db.session.commit()
    old_token = member.feed_token
    auth.login()
    response = client.post(f"/members/{member.id}/feed-token",
                           data={"next": f"/members/{member.id}\r\nX: y", "confirmed": "1"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/" and "X" not in response.headers
    db.session.expire_all()
    renewed = db.session.get(Member, member.id).feed_token
    assert renewed != old_token  # the renewal the person confirmed is done …
    home = client.get("/").get_data(as_text=True)
    assert "李明" in home and "flash-success" in home  # … and said on the page the person lands on
    assert client.get(f"/feeds/member/{old_token}.ics").status_code == 404
