"""Members and guests give opinions on a sitting's topics from the phone: send, confirm, edit, withdraw."""

from __future__ import annotations

import hmac

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consult.auth.redirects import safe_next
from consult.committee import clock
from consult.extensions import db, locks_at_first_write
from consult.form_helpers import ActionForm
from consult.onsite.collection import NOT_YET, collection_state
from consult.onsite.identity import recognised_member
from consult.onsite.rules import guests_welcome
from consult.onsite.services import sitting_by_code
from consult.opinions import (
    desk_views,  # noqa: F401  (the staff desk's routes)
    services,
)
from consult.opinions.blueprint import GUEST_NAME_MAX, GUEST_ORGANISATION_MAX, bp, new_submission_key
from consult.opinions.giving import MISSING, TOO_LONG, guest_problems, tidy
from consult.opinions.queries import opinion_in_sitting
from consult.opinions.text import EMPTY, MAX_LENGTH, clean_text, good_submission_key, text_problem
from consult.pg_connections import reads_without_transaction
from consult.responses import private as _private


def _sitting(code: str):
    """Return the sitting of `code` and its on-site row (as collection_state's `rows`), or answer 404."""
    meeting, onsite = sitting_by_code(code) or abort(404)
    return meeting, {onsite.meeting_id: onsite}


def _topic(meeting, topic_id: int):
    return next((t for t in meeting.topics if t.id == topic_id), None) or abort(404)


def collection_message(collection) -> str:
    """Return why the sitting takes no opinion now, in the reader's language."""
    if collection.state == NOT_YET:
        return _("Opinions can be given from %(when)s, when check-in opens.",
                 when=collection.opens_at.astimezone(clock.zone()).strftime("%Y-%m-%d %H:%M"))
    if collection.state == "none":
        return _("This sitting takes no opinions (it is not taking place as planned).")
    return _("The collection of opinions for this sitting has closed; nothing can be sent, changed or withdrawn.")


def text_errors(text: str) -> list[str]:
    """Return the messages about an opinion's cleaned text (empty when it can be stored)."""
    problem = text_problem(text)
    if problem == EMPTY:
        return [_("Write your opinion before sending it (spaces alone are not an opinion).")]
    if problem:
        return [_("An opinion can have at most %(max)s characters; this one has %(count)s. Shorten it or send it "
                  "in two parts.", max=MAX_LENGTH, count=len(text))]
    return []


def read_entry(*, guest: bool, key: str | None = None) -> dict:
    """Return what the form sent, cleaned, with the messages of each field that cannot be stored."""
    entry = {
        "raw_text": request.form.get("text", ""),
        "text": clean_text(request.form.get("text", "")),
        "named": request.form.get("named") == "1",
        "key": key if key is not None else request.form.get("submission_key", ""),
        "guest_name": tidy(request.form.get("guest_name", "")),
        "guest_organisation": tidy(request.form.get("guest_organisation", "")),
        "errors": {},
    }
    errors = entry["errors"]
    if not ActionForm().validate_on_submit():
        errors["form"] = [_("The page had expired; please send your opinion again. Your text is still here.")]
    if text_errors(entry["text"]):
        errors["text"] = text_errors(entry["text"])
    if not good_submission_key(entry["key"]):
        errors.setdefault("form", []).append(_("The form was incomplete; please send your opinion again."))
    if guest:
        for field, problem in guest_problems(entry["guest_name"], entry["guest_organisation"]).items():
            errors[field] = [guest_message(field, problem, entry["guest_name"])]
    return entry


def guest_message(field: str, problem: str, name: str = "") -> str:
    """Return the sentence for a guest field's problem (giving.guest_problems), in the reader's language."""
    if field == "guest_name":
        if problem == MISSING:
            return _("Write your name.")
        if problem == TOO_LONG:
            return _("A name can have at most %(max)s characters.", max=GUEST_NAME_MAX)
        return _("%(name)s is the name of a member of the committee. If that is you, open your personal link or "
                 "say who you are with your phone number; guests write their own name.", name=name)
    if problem == MISSING:
        return _("Write your organisation (unit and post).")
    return _("An organisation can have at most %(max)s characters.", max=GUEST_ORGANISATION_MAX)


def _form_page(meeting, code, topic, member, entry, status=400, *, opinion=None):
    """The full page of one topic's form, showing what was sent and why it was not stored."""
    entry["raw_text"] = entry.get("raw_text") or entry["text"]
    if not good_submission_key(entry.get("key")):
        entry["key"] = new_submission_key()
    return _private(Response(render_template(
        "opinions/form_page.html", meeting=meeting, code=code, topic=topic, topics=meeting.topics, member=member,
        guest_allowed=guests_welcome(meeting.status, meeting.visibility), opinion_entry=entry, opinion=opinion,
    ), status=status))


def _confirmation_url(code: str, opinion) -> str:
    return url_for("opinions.confirmation", code=code, opinion_id=opinion.id, k=opinion.submission_key)


@bp.route("/m/<code>/topics/<int:topic_id>/opinions", methods=["POST"])
@locks_at_first_write
def submit(code: str, topic_id: int):
    """Give an opinion on a topic; a form sent twice answers with the opinion stored the first time."""
    meeting, rows = _sitting(code)
    topic = _topic(meeting, topic_id)
    member = recognised_member()
    entry = read_entry(guest=member is None)
    collection = collection_state(meeting, clock.now(), rows)
    if not collection.open:
        entry["errors"].setdefault("form", []).insert(0, collection_message(collection))
    elif member is None and not guests_welcome(meeting.status, meeting.visibility):
        entry["errors"].setdefault("form", []).insert(
            0, _("This sitting takes opinions from its invitees only. Please say who you are first."))
    if entry["errors"]:
        stored = good_submission_key(entry["key"]) and services.opinion_by_key(meeting.id, entry["key"])
        if stored:  # sent again by the phone (after the collection closed, the page expired…): the same answer
            return _private(redirect(_confirmation_url(code, stored), 303))
        return _form_page(meeting, code, topic, member, entry, 400 if collection.open else 409)
    # A form sent again stores nothing: give_opinion answers with the opinion stored under its key.
    opinion, _created = services.give_opinion(
        meeting_id=meeting.id, topic_id=topic.id, submission_key=entry["key"], text=entry["text"],
        named=entry["named"], now=clock.now(), member_id=member.id if member else None,
        guest_name="" if member else entry["guest_name"],
        guest_organisation="" if member else entry["guest_organisation"],
    )
    target = _confirmation_url(code, opinion)  # built before the commit expires the opinion
    db.session.commit()
    return _private(redirect(target, 303))


def _authored(meeting, opinion_id: int):
    """Return the opinion and the recognised member when this phone's reader wrote it (their cookie, or the
    submission key the confirmation link carries), else 404."""
    opinion = opinion_in_sitting(meeting.id, opinion_id) or abort(404)
    member = recognised_member()
    key = request.values.get("k", "")
    by_key = bool(key) and hmac.compare_digest(key, opinion.submission_key)
    if not by_key and (member is None or opinion.member_id != member.id):
        abort(404)
    return opinion, member


@bp.route("/m/<code>/opinions/<int:opinion_id>")
@reads_without_transaction
def confirmation(code: str, opinion_id: int):
    """The confirmation after sending: the opinion as stored, with "write another" and "edit"."""
    meeting, rows = _sitting(code)
    opinion, member = _authored(meeting, opinion_id)
    topic = _topic(meeting, opinion.topic_id)
    return _private(Response(render_template(
        "opinions/confirmation.html", meeting=meeting, code=code, topic=topic, topics=meeting.topics,
        member=member, guest_allowed=guests_welcome(meeting.status, meeting.visibility), opinion=opinion,
        collection=collection_state(meeting, clock.now(), rows),
        key=request.args.get("k", ""),
        # a guest writing another need not type their name again
        guest_defaults={"name": opinion.guest_name, "organisation": opinion.guest_organisation},
    )))


@bp.route("/m/<code>/opinions/<int:opinion_id>/edit", methods=["GET", "POST"])
@locks_at_first_write
def edit(code: str, opinion_id: int):
    """The author changes their opinion while the collection is open; a failed check keeps the new text."""
    meeting, rows = _sitting(code)
    opinion, member = _authored(meeting, opinion_id)
    topic = _topic(meeting, opinion.topic_id)
    collection = collection_state(meeting, clock.now(), rows)
    if request.method == "GET":
        entry = {"raw_text": opinion.text, "text": opinion.text, "named": opinion.named,
                 "key": opinion.submission_key, "errors": {}}
        if not collection.open or not opinion.active:
            entry["errors"]["form"] = [collection_message(collection) if not collection.open
                                       else _("This opinion was withdrawn.")]
        return _form_page(meeting, code, topic, member, entry, 200, opinion=opinion)
    entry = read_entry(guest=False, key=opinion.submission_key)
    if not collection.open:
        entry["errors"]["form"] = [collection_message(collection)]
    elif not opinion.active:
        entry["errors"]["form"] = [_("This opinion was withdrawn.")]
    if entry["errors"]:
        return _form_page(meeting, code, topic, member, entry, 409 if not collection.open else 400, opinion=opinion)
    services.edit_opinion(opinion, text=entry["text"], named=entry["named"], now=clock.now())
    db.session.commit()
    flash(_("Your opinion was changed."), "success")
    return _private(redirect(_confirmation_url(code, opinion), 303))


@bp.route("/m/<code>/opinions/<int:opinion_id>/withdraw", methods=["POST"])
@locks_at_first_write
def withdraw(code: str, opinion_id: int):
    """The author withdraws their opinion while the collection is open."""
    meeting, rows = _sitting(code)
    opinion, _member = _authored(meeting, opinion_id)
    collection = collection_state(meeting, clock.now(), rows)
    target = safe_next(request.form.get("back")) if request.form.get("back") else _confirmation_url(code, opinion)
    if not ActionForm().validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
    elif not collection.open:
        message = collection_message(collection)
        flash(message, "error")
    elif opinion.active:
        services.withdraw_opinion(opinion, now=clock.now())
        db.session.commit()
        flash(_("Your opinion was withdrawn."), "success")
    return _private(redirect(target, 303))
