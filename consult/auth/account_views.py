"""Admins manage staff accounts: list with last login, create, set role and organ limits, disable and enable,
give a new password (typed, or made and shown once)."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user

from consult.auth import queries, services
from consult.auth.blueprint import bp
from consult.auth.forms import AccountForm, NewAccountForm, PasswordResetForm
from consult.auth.models import USER_ROLES, User
from consult.auth.permissions import admin_required
from consult.extensions import db
from consult.form_helpers import ActionForm, ConfirmForm
from consult.members import queries as member_queries


def _account(user_id: int) -> User:
    return queries.account(user_id) or abort(404)


def _once(response_body: str) -> Response:
    """A page that shows a password once: never kept by a cache or the browser's history."""
    response = Response(response_body)
    response.headers["Cache-Control"] = "no-store"
    return response


LAST_ADMIN = _l("The committee needs at least one active administrator: make another account an administrator "
                "first.")


@bp.route("/accounts")
@admin_required
def accounts():
    """Every staff account: role, the organs it is limited to, whether it is active, the last login."""
    organs = {organ.id: organ for organ in member_queries.all_organs()}
    return render_template(
        "auth/accounts.html", accounts=queries.accounts(), organs=organs, roles=USER_ROLES, action_form=ActionForm(),
    )


@bp.route("/accounts/new", methods=["GET", "POST"])
@admin_required
def new_account():
    """An admin makes an account; a password left empty is made and shown once."""
    form = NewAccountForm(organs=member_queries.all_organs(active_only=True), taken=queries.username_taken)
    if form.validate_on_submit():
        password = form.password.data or services.generated_password()
        user = services.create_user(
            form.username.data, password, role=form.role.data, display_name=form.display_name.data,
            organ_ids=form.organ_ids.data if form.role.data != "admin" else (),
        )
        db.session.commit()
        flash(_("The account %(name)s was made.", name=user.username), "success")
        if form.password.data:
            return redirect(url_for("auth.accounts"))
        return _once(render_template("auth/password_shown.html", user=user, password=password))
    return render_template("auth/account_form.html", form=form, user=None), 400 if form.errors else 200


@bp.route("/accounts/<int:user_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_account(user_id: int):
    """An admin sets an account's name, role and organ limits."""
    user = _account(user_id)
    organs = [o for o in member_queries.all_organs() if o.active or o.id in {x.organ_id for x in user.organ_limits}]
    form = AccountForm(obj=user, organs=organs)
    if not form.is_submitted():
        form.organ_ids.data = [limit.organ_id for limit in user.organ_limits]
    if form.validate_on_submit():
        try:
            services.update_user(user, display_name=form.display_name.data, role=form.role.data,
                                 organ_ids=form.organ_ids.data, by=current_user.username)
        except services.LastAdmin:
            db.session.rollback()
            form.role.errors = [str(LAST_ADMIN)]
        else:
            db.session.commit()
            flash(_("The account %(name)s was saved.", name=user.username), "success")
            return redirect(url_for("auth.accounts"))
    return render_template("auth/account_form.html", form=form, user=user), 400 if form.errors else 200


@bp.route("/accounts/<int:user_id>/disable", methods=["GET", "POST"])
@admin_required
def disable_account(user_id: int):
    """After a confirmation page, an admin disables an account: it is logged out at once, everywhere."""
    user = _account(user_id)
    form = ConfirmForm()
    back = url_for("auth.accounts")
    if not user.active:
        return redirect(back)
    if not form.confirmed_on_submit():
        return render_template(
            "_confirm.html", heading=_("Disable the account %(name)s?", name=user.username),
            warnings=[_("%(name)s is logged out at once on every device and can no longer log in. The account and "
                        "what it did are kept; it can be enabled again.", name=user.username)],
            action=url_for("auth.disable_account", user_id=user.id), button=_("Yes, disable the account"),
            back=back, form=form,
        )
    try:
        services.set_active(user, False, by=current_user.username)
    except services.LastAdmin:
        db.session.rollback()
        flash(LAST_ADMIN, "error")
        return redirect(back)
    db.session.commit()
    flash(_("The account %(name)s is disabled and logged out.", name=user.username), "success")
    return redirect(back)


@bp.route("/accounts/<int:user_id>/enable", methods=["POST"])
@admin_required
def enable_account(user_id: int):
    """An admin enables a disabled account again (its old sessions stay ended)."""
    user = _account(user_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.set_active(user, True, by=current_user.username)
    db.session.commit()
    flash(_("The account %(name)s can log in again.", name=user.username), "success")
    return redirect(url_for("auth.accounts"))


@bp.route("/accounts/<int:user_id>/password", methods=["GET", "POST"])
@admin_required
def reset_password(user_id: int):
    """An admin gives an account a new password (typed, or made and shown once); its sessions end."""
    user = _account(user_id)
    form = PasswordResetForm()
    if form.validate_on_submit():
        password = form.password.data or services.generated_password()
        services.set_password(user, password, by=current_user.username)
        db.session.commit()
        if user.id == current_user.id:
            login_user(user)  # an admin who reset their own password stays logged in here
        if form.password.data:
            flash(_("%(name)s has a new password; they were logged out everywhere.", name=user.username), "success")
            return redirect(url_for("auth.accounts"))
        return _once(render_template("auth/password_shown.html", user=user, password=password))
    return render_template("auth/password_reset.html", form=form, user=user), 400 if form.errors else 200
