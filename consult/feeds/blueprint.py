"""The feeds blueprint and the addresses its pages and feeds share."""

from __future__ import annotations

import segno
from flask import Blueprint, Flask, current_app, request, url_for
from flask.sessions import SecureCookieSessionInterface

bp = Blueprint("feeds", __name__)


class PublicResponseSessionInterface(SecureCookieSessionInterface):
    """The cookie session, except that a response marked `Cache-Control: public` whose session was not
    changed is left alone: no `Vary: Cookie`, no cookie refresh.

    Flask adds `Vary: Cookie` whenever the session was read, and Flask-Login reads it after every
    request; public feeds do not depend on who asks, and that header would make shared caches keep one
    copy per visitor.
    """

    def save_session(self, app, session, response) -> None:
        if response.cache_control.public and not session.modified:
            return
        super().save_session(app, session, response)


@bp.record_once
def _use_public_response_sessions(state) -> None:
    app: Flask = state.app
    if type(app.session_interface) is SecureCookieSessionInterface:
        app.session_interface = PublicResponseSessionInterface()


def external_url(endpoint: str, **values) -> str:
    """Return the absolute URL of `endpoint`: under CONSULT_PUBLIC_URL when set, else the request's host."""
    public = current_app.config.get("CONSULT_PUBLIC_URL")
    if public:
        path = url_for(endpoint, **values)
        return public.rstrip("/") + path[len(request.script_root) :]
    return url_for(endpoint, _external=True, **values)


def webcal_url(url: str) -> str:
    """Return `url` with the webcal:// scheme that asks a device to subscribe."""
    return "webcal://" + url.split("://", 1)[-1]


def qr_svg(url: str) -> str:
    """Return an inline SVG QR code of `url`."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, title=url)
