"""Security headers on every response (review finding #4): a strict Content-Security-Policy on pages, framing
refused, no sniffing, a referrer policy that keeps private pages' no-referrer, and HSTS over https."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Response

from consult import create_app
from consult.extensions import db
from consult.security.headers import (
    OTHER_POLICY,
    PAGE_POLICY,
    SVG_POLICY,
    add_security_headers,
    content_security_policy,
)
from tests import factories

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("mimetype", "policy"),
    [("text/html", PAGE_POLICY), ("image/svg+xml", SVG_POLICY), ("text/calendar", OTHER_POLICY),
     ("text/csv", OTHER_POLICY), ("application/pdf", OTHER_POLICY), ("application/json", OTHER_POLICY),
     ("text/css", OTHER_POLICY), (None, OTHER_POLICY)],
)
def test_policy_by_kind_of_response(mimetype, policy):
    assert content_security_policy(mimetype) == policy


def _directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: " ".join(part.split()[1:]) for part in policy.split(";") if part.strip()}


def test_the_page_policy_allows_nothing_inline_and_no_framing():
    page = _directives(PAGE_POLICY)
    assert page["default-src"] == "'none'"
    assert page["script-src"] == "'self'" and page["style-src"] == "'self'"
    assert page["frame-ancestors"] == "'none'" and page["object-src"] == "'none'" and page["form-action"] == "'self'"
    assert "unsafe" not in PAGE_POLICY and "*" not in PAGE_POLICY
    # An SVG document keeps its own <style> (pygal's charts) but may run and load nothing.
    svg = _directives(SVG_POLICY)
    assert svg["default-src"] == "'none'" and svg["style-src"] == "'unsafe-inline'" and "script-src" not in svg


def test_a_header_the_view_set_itself_is_kept():
    response = Response("x", mimetype="text/html", headers={"Referrer-Policy": "no-referrer"})
    add_security_headers(response, https=False)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Content-Security-Policy"] == PAGE_POLICY
    assert "Strict-Transport-Security" not in response.headers
    assert add_security_headers(Response("x"), https=True).headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.fixture
def world(app):
    factories.committee()
    organ = factories.organ("standing_committee", "常务委员会", slug="standing")
    meeting = factories.meeting(organ, title="专题协商", status="published")
    member = factories.member("李明")
    db.session.commit()
    return {"organ": organ, "meeting": meeting, "member": member}


def _assert_secured(response, policy: str) -> None:
    headers = response.headers
    assert headers["Content-Security-Policy"] == policy, response.request.path
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("same-origin", "no-referrer")


def test_every_kind_of_response_carries_the_headers(app, client, auth, world):
    @app.route("/test-only/boom")
    def boom():
        raise RuntimeError("a bug")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # answer the 500 page, as in production
    member = world["member"]
    cases = [
        (client.get("/"), 200, PAGE_POLICY),
        (client.get("/login"), 200, PAGE_POLICY),
        (client.get("/static/css/app.css"), 200, OTHER_POLICY),
        (client.get("/static/js/app.js"), 200, OTHER_POLICY),
        (client.get("/nonexistent"), 404, PAGE_POLICY),
        (client.get("/meetings/%00"), 400, PAGE_POLICY),
        (client.put("/"), 405, PAGE_POLICY),
        (client.get("/test-only/boom"), 500, PAGE_POLICY),
        (client.get("/feeds/all.ics"), 200, OTHER_POLICY),
        (client.get(f"/meetings/{world['meeting'].id}"), 200, PAGE_POLICY),
        (client.get(f"/my/{member.access_token}"), 200, PAGE_POLICY),
        (client.get(f"/feeds/member/{member.feed_token}.ics"), 200, OTHER_POLICY),
    ]
    auth.login()
    cases += [
        (client.get(f"/members/{member.id}"), 200, PAGE_POLICY),
        (client.get("/members/export.csv"), 200, OTHER_POLICY),
        (client.get("/meetings/new"), 200, PAGE_POLICY),
    ]
    for response, status, policy in cases:
        assert response.status_code == status, response.request.path
        _assert_secured(response, policy)
    # Private pages and feeds keep the stricter policy they set themselves; other pages send same-origin.
    assert cases[10][0].headers["Referrer-Policy"] == "no-referrer"
    assert cases[11][0].headers["Referrer-Policy"] == "no-referrer"
    assert cases[0][0].headers["Referrer-Policy"] == "same-origin"
    # A plain http request with secure cookies off gets no HSTS (it would be ignored, and pins nothing).
    assert all("Strict-Transport-Security" not in response.headers for response, _, _ in cases)
    for response, _, _ in cases:
        response.close()  # the static files are open streams


def test_a_request_too_large_gets_the_headers_too(app, client, world):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/login", data={"username": "x" * 4096, "password": "y"})
    assert response.status_code == 413
    _assert_secured(response, PAGE_POLICY)


def test_hsts_over_https_directly(client, world):
    assert client.get("/", base_url="https://consult.test").headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/").headers


def _app_with(tmp_path, **config):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'headers.db'}", **config})
    with app.app_context():
        db.create_all()
    return app


def test_hsts_behind_the_proxy_follows_x_forwarded_proto(tmp_path):
    app = _app_with(tmp_path, CONSULT_BEHIND_PROXY=True)
    client = app.test_client()
    over_https = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert over_https.status_code == 200
    assert over_https.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/", headers={"X-Forwarded-Proto": "http"}).headers


def test_hsts_whenever_cookies_are_secure(tmp_path):
    client = _app_with(tmp_path, SESSION_COOKIE_SECURE=True).test_client()
    assert client.get("/").headers["Strict-Transport-Security"] == "max-age=31536000"


# What the page policy forbids, as it would appear in a template: an inline script, a style attribute or
# element, an event handler attribute, a javascript: URL.
_INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE), "an inline <script>"),
    (re.compile(r"\sstyle\s*=", re.IGNORECASE), "a style attribute"),
    (re.compile(r"<style\b", re.IGNORECASE), "a <style> element"),
    (re.compile(r"\son[a-z]+\s*=\s*[\"']", re.IGNORECASE), "an event handler attribute"),
    (re.compile(r"javascript:", re.IGNORECASE), "a javascript: URL"),
]


def test_no_template_needs_an_inline_script_or_style():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)  # Jinja comments say what is not done
        for pattern, what in _INLINE:
            found += [f"{path.relative_to(ROOT)}: {what}: {m.group(0)!r}" for m in pattern.finditer(text)]
    assert not found, "\n".join(found)


def test_the_inline_qr_codes_draw_without_style_attributes(client, world):
    """segno's inline SVG (subscribe pages, personal pages, link cards) uses presentation attributes only."""
    page = client.get("/feeds/all").get_data(as_text=True)
    svg = re.search(r"<svg.*?</svg>", page, re.DOTALL)
    assert svg is not None
    assert "style" not in svg.group(0) and "<script" not in svg.group(0)
