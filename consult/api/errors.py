"""Every error under /api/ answered as JSON, never as the site's HTML page: one body for all of them.

    {"status": 422, "error": "invalid_fields", "message": "…", "errors": {"json": {"colour": ["Unknown field."]}}}

`status` repeats the HTTP status, `error` is a stable word for programs, `message` a sentence for people (in
the site's language, Chinese unless chosen otherwise), `errors` (only when there is something to say by
field) the problems by where they were found (json, query) and field.

Routes of the API answer through handlers on its blueprint. A request that matches no route (an unknown
path, a method the path does not take) never reaches a blueprint, so `answer_routing_errors` answers it
before any other hook of the app runs. The same hook sets the API's own body limit (1 MB), smaller than the
site's, which must take uploads.
"""

from __future__ import annotations

import json

from flask import Flask, Response, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, default_exceptions
from werkzeug.exceptions import abort as werkzeug_abort

API_PATH = "/api/"
# The largest body the API reads (JSON only): opinions are at most 5,000 characters.
BODY_LIMIT = 1024 * 1024

# The `error` word of each status, when the code that raised it gave none.
ERROR_WORDS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_fields",
    429: "too_many_requests",
    500: "server_error",
}
MESSAGES = {
    400: _l("The request could not be read."),
    401: _l("This needs an API token: send it as Authorization: Bearer followed by the token."),
    403: _l("The API token does not allow this."),
    404: _l("There is no such resource, or it is not visible to this caller."),
    405: _l("This address does not take that method."),
    409: _l("The request conflicts with the state of the resource."),
    413: _l("The request body is larger than the API takes (1 MB)."),
    415: _l("Send the body as JSON, with Content-Type: application/json."),
    422: _l("Some fields are wrong; nothing was stored."),
    429: _l("Too many requests; wait before trying again."),
    500: _l("Something went wrong on the server; nothing was stored. The office has been told in the log."),
}
INVALID_JSON = _l("The body is not valid JSON.")
# Statuses every operation may answer, documented on each (blueprint.documented), and those of a body.
COMMON_STATUSES = (400, 401, 403, 404, 422, 429, 500)
BODY_STATUSES = (413, 415)


def api_abort(status: int, *, error: str | None = None, message=None, errors: dict | None = None,
              headers: dict | None = None):
    """Raise the HTTPException of `status` carrying what the JSON body says (never returns)."""
    try:
        werkzeug_abort(status)
    except HTTPException as exception:
        exception.data = {"error": error, "message": message, "errors": errors, "headers": headers or {}}
        raise


def is_api_request() -> bool:
    """Return True when the request is for the API (its path is under /api/)."""
    return request.path.startswith(API_PATH)


def error_response(exception: HTTPException) -> Response:
    """Return the JSON answer to `exception`: the body described above, its own headers (Allow of a 405,
    WWW-Authenticate of a 401, Retry-After of a 429), never cached."""
    from consult import NUL_MESSAGE

    status = exception.code or 500
    data = getattr(exception, "data", None) or {}
    # A description given where it was raised (abort(400, description=…)) says more than the status's sentence.
    described = exception.description if exception.description != type(exception).description else None
    message = data.get("message") or described or MESSAGES.get(status) or exception.name
    error = data.get("error") or ("nul_character" if str(message) == str(NUL_MESSAGE) else None)
    body = {"status": status, "error": error or ERROR_WORDS.get(status, "error"), "message": str(message)}
    # webargs puts the problems of a request it could not parse in "messages"
    errors = data.get("errors") or data.get("messages")
    if errors:
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype="application/json")
    for name, value in exception.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    response.headers.update(data.get("headers") or {})
    if status == 401 and "WWW-Authenticate" not in response.headers:
        response.headers["WWW-Authenticate"] = 'Bearer realm="consult"'
    response.headers["Cache-Control"] = "no-store"
    return response


def register_error_handlers(blueprint) -> None:
    """Answer every HTTP error raised inside `blueprint`'s requests with error_response.

    Registered status by status: Flask looks for a handler of the status first, in the blueprint and then
    in the app, before it looks for one of the exception's class, so one handler of HTTPException would lose
    to the site's own pages of 404 or 500.
    """
    for status in default_exceptions:
        blueprint.register_error_handler(status, error_response)


def answer_routing_errors(app: Flask) -> None:
    """Run first of the app's request hooks: give /api/ requests the API's body limit, and answer those that
    match no route (404) or not with that method (405) as JSON, before any hook that could refuse them
    with an HTML page."""

    def api_request_guard():
        if not is_api_request():
            return None
        request.max_content_length = BODY_LIMIT
        exception = request.routing_exception
        if isinstance(exception, HTTPException) and (exception.code or 0) >= 400:
            return error_response(exception)
        return None

    app.before_request_funcs.setdefault(None, []).insert(0, api_request_guard)
