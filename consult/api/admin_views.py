"""The admins' page of API tokens, under the committee's settings: the tokens with their state, a form for a
new one (its secret shown once, on the page that answers the form), revoking one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.api import queries, services
from consult.api.forms import TokenForm
from consult.api.models import ApiToken
from consult.api.scopes import SCOPES
from consult.api.tokens import ACTIVE, EXPIRED, REVOKED
from consult.auth.permissions import admin_required
from consult.committee import clock
from consult.extensions import db
from consult.feeds.blueprint import external_url
from consult.form_helpers import ConfirmForm
from consult.opinions.blueprint import new_submission_key

bp = Blueprint("api_tokens", __name__)


def _no_store(response) -> Response:
    """A page about tokens is never kept by a browser or a proxy."""
    response = response if isinstance(response, Response) else Response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _form(formdata=None) -> TokenForm:
    kwargs = {} if formdata is None else {"formdata": formdata}
    form = TokenForm(owners=queries.token_owners(), today=clock.today(), **kwargs)
    if not form.is_submitted():
        form.owner_id.data = current_user.id
        form.creation_key.data = new_submission_key()
    return form


def _list_page(form: TokenForm, status: int = 200):
    now = clock.now()
    states = {ACTIVE: _("Active"), EXPIRED: _("Expired"), REVOKED: _("Revoked")}
    return _no_store(Response(render_template(
        "api/tokens.html", tokens=queries.all_tokens(), now=now, states=states, scopes=SCOPES, form=form,
        spec_url=external_url("api.openapi_document"), last_day=_last_day,
    ), status=status))


def _last_day(expires_at: datetime | None) -> datetime | None:
    """Return the last moment a token expiring at `expires_at` works (its date is the last day shown), or None."""
    return expires_at - timedelta(microseconds=1) if expires_at is not None else None


@bp.route("/settings/api-tokens", methods=["GET", "POST"])
@admin_required
def tokens():
    """Admins list the API tokens and create one; the new token is shown once, on the page that answers."""
    form = _form()
    if not form.validate_on_submit():
        return _list_page(form, 400 if form.errors else 200)
    expires_at = None
    if form.expires_on.data is not None:  # until the end of that day in the committee's zone
        next_day = form.expires_on.data + timedelta(days=1)
        expires_at = datetime.combine(next_day, time(0), tzinfo=clock.zone())
    key = form.creation_key.data if form.creation_key.data else new_submission_key()
    token, secret = services.create_token(
        name=form.name.data, scopes=form.scopes.data, owner_id=form.owner_id.data, created_by_id=current_user.id,
        now=clock.now(), creation_key=key[:64], expires_at=expires_at,
    )
    db.session.commit()
    if secret is None:  # the form was sent twice: the token exists, its secret was shown the first time
        flash(_("The token %(name)s was already created; its secret was shown once and cannot be shown again. "
                "If it was not copied, revoke it and create another.", name=token.name), "warning")
        return redirect(url_for("api_tokens.tokens"), 303)
    return _no_store(Response(render_template(
        "api/token_created.html", token=token, secret=secret, scopes=SCOPES, last_day=_last_day(token.expires_at),
        base_url=external_url("api.list_sittings"),
    ), status=201))


@bp.route("/settings/api-tokens/<int:token_id>/revoke", methods=["GET", "POST"])
@admin_required
def revoke(token_id: int):
    """After a confirmation page, revoke a token: the next request with it answers 401."""
    token = db.session.get(ApiToken, token_id) or abort(404)
    back = url_for("api_tokens.tokens")
    form = ConfirmForm()
    if token.revoked_at is not None:
        flash(_("The token %(name)s was already revoked.", name=token.name), "info")
        return redirect(back, 303)
    if not form.confirmed_on_submit():
        return _no_store(render_template(
            "_confirm.html", heading=_("Revoke the token %(name)s?", name=token.name),
            warnings=[_("Every request with it is refused from now on, at once; this cannot be undone."),
                      _("The system that uses it needs a new token to go on.")],
            action=url_for("api_tokens.revoke", token_id=token.id), button=_("Yes, revoke it"), back=back,
            form=form,
        ))
    services.revoke_token(token, by_user_id=current_user.id, now=clock.now())
    db.session.commit()
    flash(_("The token %(name)s was revoked; requests with it are refused.", name=token.name), "success")
    return redirect(back, 303)
