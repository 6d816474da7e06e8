"""Log in, log out, change one's own password, choose the language."""

from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from consult.auth import services, sessions
from consult.auth.blueprint import bp
from consult.auth.forms import LoginForm, PasswordChangeForm
from consult.auth.permissions import is_staff, staff_required
from consult.auth.redirects import safe_next
from consult.auth.scope import organ_scope
from consult.extensions import db


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; on success go to `next` or home. Failed logins are limited per typed username and
    per address (sessions.limit_logins: 429 with Retry-After once either limit is reached)."""
    if current_user.is_authenticated:
        return redirect(url_for("meetings.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.username.data, form.password.data)
        if user is None:
            flash(_("Wrong username or password."), "error")
        else:
            target = safe_next(request.args.get("next"))
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(target)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out and go home. The account's sessions end everywhere: a copied session or remember cookie no longer
    works."""
    if current_user.is_authenticated:
        services.log_out(current_user)
        db.session.commit()
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("meetings.home"))


@bp.route("/account/password", methods=["GET", "POST"])
@staff_required
def change_password():
    """A person changes their own password; their other sessions (other devices, remember cookies) end, this
    one goes on."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors = [_("This is not your current password.")]
        else:
            user = current_user._get_current_object()
            services.set_password(user, form.new.data, by=user.username)
            db.session.commit()
            login_user(user, remember=bool(request.cookies.get(current_app.config.get(
                "REMEMBER_COOKIE_NAME", "remember_token"))))
            flash(_("Your password was changed. You stay logged in here; other devices must log in again."),
                  "success")
            return redirect(url_for("meetings.home"))
    return render_template("auth/password.html", form=form), 400 if form.errors else 200


@bp.app_context_processor
def account_scope() -> dict:
    """Give every template `every_organ`: True for staff whose account acts on every organ (and admins), who
    are offered what concerns the whole committee (the roster, sectors, new organs)."""
    return {"every_organ": is_staff() and organ_scope() is None}


@bp.app_template_global("retry_minutes")
def retry_minutes(error=None) -> int:
    """Return the minutes the 429 page asks the person to wait."""
    return sessions.retry_minutes()


@bp.route("/lang/<code>")
def set_language(code: str):
    """Remember the chosen language in the session and go back."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next") or request.referrer and urlsplit(request.referrer).path))
