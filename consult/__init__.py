"""consult: plan the sittings of a CPPCC district committee, publish feeds, take opinions, write minutes."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask, abort, render_template, request
from flask.globals import request_ctx
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, SecurityError
from werkzeug.routing import IntegerConverter

from consult import config as config_module
from consult.db_types import DB_INT_MAX
from consult.extensions import babel, csrf, db, login_manager, migrate, prepare_sqlite
from consult.pg_connections import is_postgresql, prepare_postgresql
from consult.security.headers import install_security_headers
from consult.security.production import PRODUCTION, check_configuration

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None) -> Flask:
    """Return a configured Flask application.

    `test_config` overrides the configuration read from the environment (tests pass TestConfig
    values and a database URL).
    """
    app = Flask(
        __name__,
        instance_path=str(config_module.INSTANCE),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.from_object(config_module.Config)
    if test_config is None:
        production = app.config["CONSULT_ENV"] == PRODUCTION  # the key must then come from the environment
        app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY", "") if production else config_module._secret_key()
    else:
        app.config.from_object(config_module.TestConfig)
        app.config.update(test_config)
    check_configuration(app.config)  # raises UnsafeConfiguration: production refuses to start unsafe
    # The pool pings a connection before lending it; on PostgreSQL only one that has been idle (pg_connections).
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {
        "pool_pre_ping": not is_postgresql(app.config["SQLALCHEMY_DATABASE_URI"])})
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    if app.config["CONSULT_BEHIND_PROXY"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    register_extensions(app)
    register_request_guards(app)
    install_security_headers(app)
    register_blueprints(app)
    from consult.auth.sessions import limit_logins

    limit_logins(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of consult.extensions to `app`."""
    from consult import i18n, models  # noqa: F401  (models: every table known to Alembic)
    from consult.auth.sessions import load_user

    db.init_app(app)
    with app.app_context():
        prepare_sqlite(db.engine)
        prepare_postgresql(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    from consult.sessions import PublicResponseSessionInterface

    app.session_interface = PublicResponseSessionInterface()
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_user)  # the session version is checked on every request (auth/sessions.py)

    i18n.register_template_helpers(app)

    from consult.committee.versioning import register_versioning

    register_versioning()


NUL_MESSAGE = _l("The request contains a NUL character, which cannot be stored. Nothing was saved.")


class DatabaseIdConverter(IntegerConverter):
    """`<int:...>` in every route: ids beyond what the database stores answer 404, not a database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", DB_INT_MAX)
        super().__init__(url_map, *args, **kwargs)


def register_request_guards(app: Flask) -> None:
    """Refuse what no view can store before any view runs: ids beyond the database's integer range
    (404, through the `int` converter) and NUL bytes in the path, the query or a form (400 with a
    message), which PostgreSQL cannot keep in text and SQLite would keep silently.
    """
    app.url_map.converters["int"] = DatabaseIdConverter

    @app.before_request
    def refuse_nul_bytes():
        values = [request.path, *request.args.keys(), *request.args.values()]
        if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            values += [*request.form.keys(), *request.form.values()]
            values += [f.filename or "" for f in request.files.values()]
        if any("\x00" in value for value in values):
            abort(400, description=NUL_MESSAGE)


def register_blueprints(app: Flask) -> None:
    """Attach the blueprint of every domain."""
    from consult.audit.views import bp as audit_bp
    from consult.auth.views import bp as auth_bp
    from consult.documents.views import bp as documents_bp
    from consult.feeds.views import bp as feeds_bp
    from consult.followup.views import bp as followup_bp
    from consult.materials.views import bp as materials_bp
    from consult.meetings.views import bp as meetings_bp
    from consult.members.views import bp as members_bp
    from consult.minutes.views import bp as minutes_bp
    from consult.notices.views import bp as notices_bp
    from consult.onsite.views import bp as onsite_bp
    from consult.opinions.views import bp as opinions_bp
    from consult.plans.views import bp as plans_bp
    from consult.records.views import bp as records_bp

    for bp in (auth_bp, meetings_bp, members_bp, plans_bp, feeds_bp, notices_bp, materials_bp, onsite_bp, opinions_bp,
               documents_bp, minutes_bp, audit_bp, records_bp, followup_bp):
        app.register_blueprint(bp)

    from consult.api.blueprint import init_api

    init_api(app)  # the JSON API /api/v1/ and its OpenAPI document (flask-smorest)


UNTRUSTED_HOST_MESSAGE = _l("This site is not served under the address you used. Use the address the office gave you.")


def register_errorhandlers(app: Flask) -> None:
    """Render 400, 403, 404, 405, 413 (a request larger than MAX_CONTENT_LENGTH), 429 (a rate limit reached:
    Flask-Limiter adds Retry-After) and 500 with the site's layout."""

    def render_error(error):
        code = getattr(error, "code", 500)
        if isinstance(error, SecurityError):  # a Host outside CONSULT_ALLOWED_HOSTS: no URL adapter was made
            request_ctx.url_adapter = app.url_map.bind(
                "localhost", script_name=request.script_root or "/", url_scheme=request.scheme
            )  # only for the page's relative links; nothing absolute is built for an untrusted host
            error = BadRequest(description=UNTRUSTED_HOST_MESSAGE)
        if code == 500:
            db.session.rollback()  # nothing half-done is kept, and the page can still read the committee
        return render_template("errors/error.html", code=code, error=error), code

    for code in (400, 403, 404, 405, 413, 429, 500):
        app.register_error_handler(code, render_error)


def register_commands(app: Flask) -> None:
    """Add the `flask consult ...` command group."""
    from consult.cli import consult_cli

    app.cli.add_command(consult_cli)
