"""How the app marks the answers that name people or the office's working material, and serves its pictures: one
home for these headers, which every domain's views ask."""

from __future__ import annotations

import hashlib

from flask import Response, make_response, request


def private(response: Response | str) -> Response:
    """Return the response (or a rendered page) marked as naming members or the office's working material: never
    kept by a browser or a proxy, not indexed, no referrer sent to other sites."""
    response = make_response(response)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def svg_response(svg: bytes, *, names_people: bool) -> Response:
    """Return a chart (consult.charts) as image/svg+xml: private and never stored when it shows members' attendance
    or the office's follow-up (`names_people`), else revalidated by its content's ETag (304 when unchanged)."""
    response = Response(svg, mimetype="image/svg+xml")
    if names_people:
        return private(response)
    response.headers["Cache-Control"] = "private, no-cache"
    response.set_etag(hashlib.sha256(svg).hexdigest())
    return response.make_conditional(request)
