"""The app starts, logs staff in, switches language and keeps the data version."""

from consult.committee import get_committee
from consult.extensions import db
from tests import factories


def test_login_logout_and_wrong_password(client, auth):
    response = auth.login()
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    auth.logout()
    bad = client.post("/login", data={"username": "staff", "password": "nope-nope"})
    assert bad.status_code == 200
    assert "staff" in bad.get_data(as_text=True)  # the form keeps what was typed


def test_login_refuses_open_redirect(client, auth):
    auth.login()
    auth.logout()
    response = client.post(
        "/login?next=//evil.example/x", data={"username": "staff", "password": "staff-password"}
    )
    assert response.headers["Location"].endswith("/")
    assert "evil" not in response.headers["Location"]


def test_data_version_rises_on_meeting_change_only(app):
    factories.committee()
    db.session.commit()
    before = get_committee().data_version
    m = factories.meeting()
    db.session.commit()
    after_add = get_committee().data_version
    assert after_add > before
    m.location = "三楼会议室"
    db.session.commit()
    assert get_committee().data_version > after_add
    unchanged = get_committee().data_version
    db.session.commit()
    assert get_committee().data_version == unchanged
