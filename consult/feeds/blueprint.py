"""The feeds blueprint and the addresses its pages and feeds share."""

from __future__ import annotations

import io

import segno
from flask import Blueprint, current_app, request, url_for

bp = Blueprint("feeds", __name__)


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


def qr_png(url: str, scale: int = 8) -> bytes:
    """Return a PNG QR code of `url` (the same code as qr_svg), for documents."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=scale, border=2)
    return out.getvalue()
