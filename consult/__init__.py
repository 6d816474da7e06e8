"""consult: plan the sittings of a CPPCC district committee, publish feeds, take opinions, write minutes."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter

from consult import config as config_module
from consult.db_types import DB_INT_MAX
from consult.extensions import babel, csrf, db, login_manager, migrate, prepare_sqlite

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
        app.config["SECRET_KEY"] = config_module._secret_key()
    else:
        app.config.from_object(config_module.TestConfig)
        app.config.update(test_config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")).parent.mkdir(
            parents=True, exist_ok=True
        )
    if app.config["CONSULT_BEHIND_PROXY"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    register_extensions(app)
    register_request_guards(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    """Bind the unbound extensions of consult.extensions to `app`."""
    from consult import i18n, models  # noqa: F401  (models: every table known to Alembic)
    from consult.auth.models import User

    db.init_app(app)
    with app.app_context():
        prepare_sqlite(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    from consult.sessions import PublicResponseSessionInterface

    app.session_interface = PublicResponseSessionInterface()
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id))

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

    for bp in (auth_bp, meetings_bp, members_bp, plans_bp, feeds_bp, notices_bp, materials_bp, onsite_bp, opinions_bp,
               documents_bp, minutes_bp, followup_bp):
        app.register_blueprint(bp)


def register_errorhandlers(app: Flask) -> None:
    """Render 400, 403, 404, 405, 413 (a request larger than MAX_CONTENT_LENGTH) and 500 with the site's
    layout."""

    def render_error(error):
        code = getattr(error, "code", 500)
        return render_template("errors/error.html", code=code, error=error), code

    for code in (400, 403, 404, 405, 413, 500):
        app.register_error_handler(code, render_error)


def register_commands(app: Flask) -> None:
    """Add the `flask consult ...` command group."""
    from consult.cli import consult_cli

    app.cli.add_command(consult_cli)
