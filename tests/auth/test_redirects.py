"""A `next` with CR/LF or other control characters goes home instead of answering 500 (review finding #7)."""

from consult.auth.services import create_user
from consult.extensions import db


def test_a_next_with_a_newline_goes_home(app, client):
    create_user("clerk", "clerk-password-1")
    db.session.commit()
    response = client.post("/login?next=/%0D%0AX-Injected:%201",
                           data={"username": "clerk", "password": "clerk-password-1"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "X-Injected" not in response.headers
    language = client.get("/lang/en?next=/%0D%0AX-Injected:%201")
    assert language.status_code == 302 and language.headers["Location"] == "/"
    kept = client.get("/lang/en?next=/meetings%3Ftab%3Dpast")
    assert kept.headers["Location"] == "/meetings?tab=past"
