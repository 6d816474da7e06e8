"""Fixtures for tests in a real browser: the demo committee served by a live server, driven by headless Chromium.

One server and one browser serve the whole session (the tests only read, except the one that creates a sitting
with a title of its own); every test gets a fresh browser context, so cookies and the chosen language do not
leak between tests. The browser is Debian's /usr/bin/chromium driven by Playwright. Without either, the tests
skip with the reason; under CI (CI=true) that is a failure instead.
"""

from __future__ import annotations

import os
import shutil
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from werkzeug.serving import WSGIRequestHandler, make_server

from consult import create_app
from consult.extensions import db
from tests.ci import skip_or_fail

CHROMIUM = os.environ.get("CONSULT_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STAFF_USERNAME = "office"
STAFF_PASSWORD = "office-password"
# How long Playwright waits for a page or an element before failing (milliseconds): generous for a busy machine.
TIMEOUT_MS = 15_000


def _missing(reason: str):
    skip_or_fail(reason, "the browser tests")


@pytest.fixture(scope="session")
def sync_playwright_api():
    """Return Playwright's sync_playwright, or skip (fail under CI) when the package is not installed."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    return sync_playwright


@pytest.fixture(scope="session")
def browser(sync_playwright_api):
    """Yield one headless Chromium for the session, or skip (fail under CI) when there is none."""
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)) and not shutil.which(CHROMIUM):
        _missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright_api() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _QuietHandler(WSGIRequestHandler):
    """Serve requests without printing a log line for each one."""

    def log_request(self, *args, **kwargs):
        pass


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """Return the app with the demo committee and a staff account, on an SQLite file, CSRF on."""
    path = tmp_path_factory.mktemp("browser") / "consult.db"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SERVER_NAME": None, "WTF_CSRF_ENABLED": True,
                      "CONSULT_STORAGE_PATH": str(path.parent / "files")})
    with app.app_context():
        from consult.auth.services import create_user
        from consult.demo import load_demo

        db.create_all()
        today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
        load_demo(today=today, admin_password="demo-admin-password")
        # An administrator: the walks then open every page, the settings and the account pages included.
        create_user(STAFF_USERNAME, STAFF_PASSWORD, role="admin")
        db.session.commit()
        db.session.remove()
    yield app
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app):
    """Serve `live_app` on 127.0.0.1 and a free port in a daemon thread; yield its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True, request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture
def db_session(live_app):
    """Yield the database session of `live_app` in an app context, to check what the browser changed."""
    with live_app.app_context():
        yield db.session
        db.session.remove()


@pytest.fixture
def context(browser, live_server):
    """Yield a fresh browser context (no cookies, default language) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """Return a new page of the test's browser context."""
    return context.new_page()


@pytest.fixture
def staff_page(page):
    """Return a page logged in as staff through the login form, like a person would."""
    from playwright.sync_api import expect

    page.goto("/login")
    page.get_by_label("用户名", exact=True).fill(STAFF_USERNAME)
    page.get_by_label("密码", exact=True).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.locator(".site-tools .who")).to_have_text(STAFF_USERNAME)
    return page
