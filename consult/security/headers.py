"""Security headers on every response, set once in an after_request hook installed by create_app.

- Content-Security-Policy: HTML pages may load scripts, styles, images and fetches from this site only, with no
  inline script, inline style, event-handler attribute or plugin, and no other site may frame them. Every
  script lives in static/js and every style in static/css/app.css; inline SVG (the QR codes) draws with
  presentation attributes, which the policy allows. SVG documents (charts drawn by consult/charts.py, shown
  through <img>) keep their own inner <style> and nothing else; every other response (files, feeds, CSV)
  may load nothing.
- X-Frame-Options DENY (for browsers without frame-ancestors) and X-Content-Type-Options nosniff.
- Referrer-Policy same-origin: links to other sites carry no address of ours; a response that already says
  no-referrer (private pages and feeds) keeps it.
- Strict-Transport-Security over https (as the proxy reports it, CONSULT_BEHIND_PROXY) or whenever
  CONSULT_SECURE_COOKIES is on: the site is then https-only anyway.

A header a view sets itself is kept (a page that needs another policy says so where it is made).
"""

from __future__ import annotations

from flask import Flask, Response, request

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors 'none'"
)
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
OTHER_POLICY = "default-src 'none'; frame-ancestors 'none'"
REFERRER_POLICY = "same-origin"
HSTS = "max-age=31536000"  # one year; no includeSubDomains: the office's other hosts are not ours to decide

_FIXED = (("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"))


def content_security_policy(mimetype: str | None) -> str:
    """Return the Content-Security-Policy of a response of `mimetype`: the strict page policy for HTML, the SVG
    policy (inner styles only) for SVG, and a policy that loads nothing for everything else."""
    if mimetype == "text/html":
        return PAGE_POLICY
    if mimetype == "image/svg+xml":
        return SVG_POLICY
    return OTHER_POLICY


def add_security_headers(response: Response, *, https: bool) -> Response:
    """Return `response` with the security headers set (a header the view set itself is kept); `https` adds
    Strict-Transport-Security."""
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(response.mimetype))
    for name, value in _FIXED:
        headers.setdefault(name, value)
    headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    if https:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def install_security_headers(app: Flask) -> None:
    """Register the after_request hook that gives every response of `app` its security headers."""
    secure_cookies = bool(app.config.get("SESSION_COOKIE_SECURE"))

    @app.after_request
    def security_headers(response: Response) -> Response:
        return add_security_headers(response, https=secure_cookies or request.is_secure)
