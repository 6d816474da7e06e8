"""Log in, log out, choose the language."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from consult.auth.forms import LoginForm
from consult.auth.redirects import safe_next
from consult.auth.services import authenticate
from consult.extensions import db

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the login form; on success go to `next` or home."""
    if current_user.is_authenticated:
        return redirect(url_for("meetings.home"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            flash(_("Wrong username or password."), "error")
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Log out and go home."""
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("meetings.home"))


@bp.route("/lang/<code>")
def set_language(code: str):
    """Remember the chosen language in the session and go back."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.args.get("next") or request.referrer and urlsplit(request.referrer).path))
