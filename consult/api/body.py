"""What the API takes as a request body: JSON only, at most 1 MB (errors.BODY_LIMIT), parseable, without NUL
characters (which PostgreSQL cannot keep in text; the site refuses them in forms the same way). Checked
before any view reads the body, so that every refusal is one of the documented JSON errors."""

from __future__ import annotations

import json

from flask import request
from flask_babel import lazy_gettext as _l

from consult.api.errors import INVALID_JSON, api_abort

NOT_UNICODE = _l("The body holds text that is not Unicode (a lone surrogate); nothing was stored.")

# Methods whose requests carry a body the API reads.
WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


NUL, SURROGATE = "nul", "surrogate"


def unstorable_text(value) -> str | None:
    """Return NUL or SURROGATE when a key or string of the parsed JSON `value` holds a NUL character or a lone
    surrogate (JSON allows "\\ud800"; no database can store it as UTF-8), else None."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return NUL
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return SURROGATE
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def check_json_body() -> None:
    """Refuse the body of a POST (PUT, PATCH) that the API cannot take: 415 unless it is JSON, 413 when it is
    larger than the limit, 400 when it does not parse or holds a NUL character. Raises the HTTPException."""
    if request.method not in WITH_BODY:
        return
    if not request.is_json:
        api_abort(415)
    raw = request.get_data(cache=True)  # raises 413 past request.max_content_length
    try:
        parsed = json.loads(raw)
    except (ValueError, RecursionError):  # bad JSON or bad UTF-8, absurd nesting, a number of 5,000 digits
        api_abort(400, error="invalid_json", message=INVALID_JSON)
    problem = unstorable_text(parsed)
    if problem == NUL:
        from consult import NUL_MESSAGE

        api_abort(400, error="nul_character", message=NUL_MESSAGE)
    if problem == SURROGATE:
        api_abort(400, error="invalid_text", message=NOT_UNICODE)
