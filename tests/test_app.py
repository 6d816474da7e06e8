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


def test_consult_imports_and_starts_from_any_directory(tmp_path):
    """The package holds its configuration: a script run elsewhere (gunicorn from /srv, a cron job) finds it,
    and create_app leaves the root logger alone (the server entry point sets logging up)."""
    import subprocess
    import sys

    script = (
        "import logging, consult; app = consult.create_app({'SQLALCHEMY_DATABASE_URI': 'sqlite://'}); "
        "print(app.name, len(logging.getLogger().handlers))"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["consult", "0"]


def test_no_file_holds_merge_conflict_markers():
    """A merge left markers in a template once, and the page showed them: no tracked text file may hold one."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = subprocess.run(["git", "ls-files"], cwd=root, capture_output=True, text=True, check=True).stdout.split()
    marked = []
    for name in files:
        path = root / name
        if path.suffix not in {".py", ".html", ".css", ".js", ".po", ".pot", ".md", ".toml", ".cfg", ".mjs"}:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(("<<<<<<< ", ">>>>>>> ")) or line == "=======":
                marked.append(f"{name}:{number}")
    assert marked == []
