"""The API's blueprint, bound with flask-smorest, which writes the OpenAPI 3 document from the routes and their
marshmallow schemas; what the route modules share (the errors each documents, the security of each)."""

from __future__ import annotations

from flask import Flask, current_app, jsonify
from flask_smorest import Api, Blueprint
from flask_smorest.spec.plugins import integerconverter2paramschema

from consult.api import errors
from consult.api.body import check_json_body
from consult.api.caller import authenticate
from consult.api.schemas import ErrorSchema

API_PREFIX = "/api/v1"
API_VERSION = "1.0.0"

DESCRIPTION = """\
The sittings, organs, members, attendance and opinions of the committee, for the office's other systems.

**Tokens.** An admin creates API tokens on the site (Settings → API tokens); a token is shown once, when it is
made, and sent as `Authorization: Bearer cst_…`. Each has scopes: `sittings:read` (sittings as staff see
them), `members:read`, `members:contact` (mobile numbers and e-mail addresses), `attendance:read`,
`opinions:read`, `opinions:write`. A revoked or expired token, or one whose owner's account is disabled,
answers 401 at once. A member's own personal link token (the one in `/my/<token>`) may be sent the same way:
it reads the sittings that member may see and gives that member's opinions.

**Without a token** the API shows what the public pages show: published, postponed, held and cancelled public
sittings, and the active organs.

**Errors** are JSON, always: `{"status", "error", "message", "errors"}` (see the Error schema). Bodies are
JSON (`Content-Type: application/json`, otherwise 415), at most 1 MB (413); unknown fields are refused (422,
naming them). Times are ISO 8601 with the committee's offset.
"""

bp = Blueprint("api", __name__, url_prefix=API_PREFIX, description="consult's JSON API")

# Who may call an operation, as OpenAPI says it: anyone (a token changes what is seen), or a token only.
ANYONE = [{}, {"bearer": []}]
TOKEN = [{"bearer": []}]


class ConsultApi(Api):
    """flask-smorest's Api, whose errors are consult's: JSON under /api/ only (errors.py), the site's pages
    everywhere else. flask-smorest would otherwise answer every HTTP error of the whole site in JSON."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self):
        """Nothing for the whole app: the blueprint has its own (below)."""


errors.register_error_handlers(bp)


def documented(*statuses: int, security=ANYONE, body: bool = False):
    """Return a decorator documenting an operation's security and the error statuses it may answer besides
    errors.COMMON_STATUSES (and errors.BODY_STATUSES for an operation that reads a `body`), each with the
    Error body."""

    def decorator(view):
        for status in sorted({*errors.COMMON_STATUSES, *statuses, *(errors.BODY_STATUSES if body else ())}):
            view = bp.alt_response(status, schema=ErrorSchema, description=str(errors.MESSAGES.get(status, "")))(view)
        return bp.doc(security=security)(view)

    return decorator


@bp.before_request
def _before_api_request():
    check_json_body()
    authenticate()


def init_api(app: Flask) -> ConsultApi:
    """Bind the API to `app`: configuration, the OpenAPI document, the routes, no CSRF on them (they take
    no cookie), the JSON errors of paths that match no route. Return the Api."""
    from consult import DatabaseIdConverter
    from consult.api import views  # noqa: F401  (the routes)
    from consult.api.admin_views import bp as admin_bp
    from consult.extensions import csrf

    app.config.setdefault("API_TITLE", "consult")
    app.config.setdefault("API_VERSION", API_VERSION)
    app.config.setdefault("OPENAPI_VERSION", "3.0.3")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": DESCRIPTION},
        "components": {"securitySchemes": {"bearer": {
            "type": "http", "scheme": "bearer",
            "description": "An API token (cst_…) made by an admin, or a member's personal link token."}}},
    })
    # Only the API answers JSON: Chinese as it is, fields in the order the schemas give them.
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    api = ConsultApi(app)
    api.register_converter(DatabaseIdConverter, integerconverter2paramschema)
    api.register_blueprint(bp)
    csrf.exempt(bp)
    app.register_blueprint(admin_bp)
    errors.answer_routing_errors(app)
    return api


@bp.route("/openapi.json")
@bp.response(200, {"type": "object"}, description="This document: OpenAPI 3.0.")
@documented()
def openapi_document():
    """The OpenAPI document of the API."""
    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    response = jsonify(api.spec.to_dict())
    response.headers["Cache-Control"] = "public, max-age=300"
    return response
