"""The staff opinion desk of a sitting: filter, search, record from paper, correct, mark, close, export."""

from __future__ import annotations

from datetime import datetime

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from consult.auth.permissions import staff_required
from consult.auth.scope import require_meeting
from consult.committee import clock
from consult.csv_files import csv_download
from consult.extensions import db
from consult.form_helpers import ActionForm, db_int
from consult.meetings.queries import invitees_for_page, meeting_for_detail
from consult.members.queries import active_member_named, all_sectors, members_by_ids
from consult.onsite import collection as opinion_collection
from consult.opinions import services
from consult.opinions.blueprint import GUEST_NAME_MAX, GUEST_ORGANISATION_MAX, bp, new_submission_key
from consult.opinions.queries import (
    GUESTS,
    DeskFilter,
    distinct_pairs,
    filtered,
    opinion_in_sitting,
    opinions_of_sitting,
)
from consult.opinions.text import MAX_LENGTH, clean_text, good_submission_key, similar_pairs


def _meeting(meeting_id: int):
    """Return the sitting of the desk, or answer 404 (also to staff limited to other organs)."""
    return require_meeting(meeting_for_detail(meeting_id))


def _criteria() -> DeskFilter:
    who = request.args.get("who", "")
    return DeskFilter(
        topic_id=request.args.get("topic", type=db_int),
        sector_id=request.args.get("sector", type=db_int),
        who=who if who == GUESTS or who.isdigit() and len(who) < 10 else "",
        text=request.args.get("q", "")[:200],
        withdrawn=request.args.get("withdrawn") == "1",
    )


def author_label(opinion, members: dict) -> str:
    """Return who gave the opinion as the desk and the CSV show it: the member's name, or the guest's name
    and organisation marked as a guest."""
    if opinion.member_id is None:
        return _("%(name)s (guest, %(organisation)s)", name=opinion.guest_name, organisation=opinion.guest_organisation)
    member = members.get(opinion.member_id)
    return member.name if member else _("(a former member)")


@bp.route("/meetings/<int:meeting_id>/opinions")
@staff_required
def desk(meeting_id: int):
    """The sitting's opinions with filters, search, likely duplicates side by side, and the collection."""
    meeting = _meeting(meeting_id)
    everything = opinions_of_sitting(meeting.id)
    members = members_by_ids(o.member_id for o in everything if o.member_id)
    criteria = _criteria()
    shown = filtered(everything, members, criteria)
    by_id = {o.id: o for o in everything}
    candidates = [o for o in everything if o.active and o.duplicate_of_id is None]
    decided = distinct_pairs(meeting.id)
    pairs = [(by_id[p.first_id], by_id[p.second_id], p.score)
             for p in similar_pairs((o.id, o.topic_id, o.text) for o in candidates)
             if (p.first_id, p.second_id) not in decided]
    state = opinion_collection.collection_state(meeting, clock.now())
    return render_template(
        "opinions/desk.html", meeting=meeting, opinions=shown, total=len(everything), members=members,
        criteria=criteria, pairs=pairs, by_id=by_id, topics={t.id: t for t in meeting.topics},
        sectors=all_sectors(), authors=sorted({(m.id, m.name) for m in members.values()}, key=lambda p: p[1]),
        collection=state, author_label=author_label,
        close_input=clock.local(state.closes_at).strftime("%Y-%m-%dT%H:%M") if state.custom_close else "",
        form=ActionForm(),
    )


@bp.route("/meetings/<int:meeting_id>/opinions.csv")
@staff_required
def export(meeting_id: int):
    """The sitting's opinions (withdrawn ones left out) as a CSV file for Excel."""
    meeting = _meeting(meeting_id)
    everything = opinions_of_sitting(meeting.id)
    members = members_by_ids(o.member_id for o in everything if o.member_id)
    topics = {t.id: t for t in meeting.topics}
    rows = [[_("Number"), _("Topic"), _("Given by"), _("Sector"), _("May be named in the minutes"), _("Opinion"),
             _("Original text"), _("Duplicate of"), _("Excluded from the minutes"), _("Recorded by staff"),
             _("Given at")]]
    yes, no = _("Yes"), _("No")
    for opinion in everything:
        if not opinion.active:
            continue
        member = members.get(opinion.member_id)
        rows.append([
            opinion.id, topics[opinion.topic_id].title if opinion.topic_id in topics else "",
            author_label(opinion, members), member.sector.name if member else _("Guest"),
            yes if opinion.named else no, opinion.text, opinion.original_text or "", opinion.duplicate_of_id or "",
            yes if opinion.excluded_from_minutes else no, yes if opinion.recorded_by_id else no,
            clock.local(opinion.created_at).strftime("%Y-%m-%d %H:%M"),
        ])
    return csv_download(rows, f"opinions-{meeting.id}.csv")


def _record_page(meeting, entry, status=200):
    return render_template(
        "opinions/record.html", meeting=meeting, invitees=invitees_for_page(meeting.id), entry=entry,
        text_max=MAX_LENGTH,
    ), status


@bp.route("/meetings/<int:meeting_id>/opinions/new", methods=["GET", "POST"])
@staff_required
def record(meeting_id: int):
    """Staff type in an opinion given on paper or in a speech, on behalf of an invitee or a guest."""
    meeting = _meeting(meeting_id)
    if request.method == "GET":
        entry = {"topic": request.args.get("topic", ""), "who": "", "text": "", "named": True,
                 "key": new_submission_key(), "guest_name": "", "guest_organisation": "", "errors": {}}
        return _record_page(meeting, entry)
    form = request.form
    entry = {"topic": form.get("topic", ""), "who": form.get("who", ""), "text": form.get("text", ""),
             "named": form.get("named") == "1", "key": form.get("submission_key", ""),
             "guest_name": " ".join(form.get("guest_name", "").split()),
             "guest_organisation": " ".join(form.get("guest_organisation", "").split()), "errors": {}}
    from consult.opinions.views import text_errors

    errors, text = entry["errors"], clean_text(entry["text"])
    if not ActionForm().validate_on_submit() or not good_submission_key(entry["key"]):
        errors["form"] = [_("The page had expired; please try again. What you typed is still here.")]
        entry["key"] = new_submission_key()
    topic = next((t for t in meeting.topics if str(t.id) == entry["topic"]), None)
    if topic is None:
        errors["topic"] = [_("Choose the topic.")]
    invitees = invitees_for_page(meeting.id)
    invitee_ids = {str(i.id) for i in invitees}
    if entry["who"] != GUESTS and entry["who"] not in invitee_ids:
        errors["who"] = [_("Choose who gave the opinion: an invitee, or a guest.")]
    if entry["who"] == GUESTS:
        if not entry["guest_name"] or len(entry["guest_name"]) > GUEST_NAME_MAX:
            errors["guest_name"] = [_("Write the guest's name (at most %(max)s characters).", max=GUEST_NAME_MAX)]
        elif active_member_named(entry["guest_name"]) is not None:
            errors["guest_name"] = [_("%(name)s is the name of a member: choose the member instead.",
                                      name=entry["guest_name"])]
        if not entry["guest_organisation"] or len(entry["guest_organisation"]) > GUEST_ORGANISATION_MAX:
            errors["guest_organisation"] = [_("Write the guest's organisation (at most %(max)s characters).",
                                              max=GUEST_ORGANISATION_MAX)]
    if text_errors(text):
        errors["text"] = text_errors(text)
    if errors:
        return _record_page(meeting, entry, 400)
    guest = entry["who"] == GUESTS
    author = "" if guest else next((p.name for p in invitees if str(p.id) == entry["who"]), "")
    opinion, created = services.give_opinion(
        meeting_id=meeting.id, topic_id=topic.id, submission_key=entry["key"], text=text, named=entry["named"],
        now=clock.now(), member_id=None if guest else int(entry["who"]),
        guest_name=entry["guest_name"] if guest else "",
        guest_organisation=entry["guest_organisation"] if guest else "",
        recorded_by_id=current_user.id, topic_title=topic.title, author_name=author,
    )
    db.session.commit()
    flash(_("Opinion recorded.") if created else _("This opinion had already been recorded."), "success")
    if form.get("another") == "1":
        return redirect(url_for("opinions.record", meeting_id=meeting.id, topic=topic.id), 303)
    return redirect(url_for("opinions.desk", meeting_id=meeting.id), 303)


@bp.route("/meetings/<int:meeting_id>/opinions/<int:opinion_id>/correct", methods=["GET", "POST"])
@staff_required
def correct(meeting_id: int, opinion_id: int):
    """Staff correct typos in an opinion; the text as given is kept and shown."""
    meeting = _meeting(meeting_id)
    opinion = opinion_in_sitting(meeting.id, opinion_id) or abort(404)
    members = members_by_ids([opinion.member_id] if opinion.member_id else [])
    text, errors = opinion.text, {}
    if request.method == "POST":
        from consult.opinions.views import text_errors

        text = request.form.get("text", "")
        if not ActionForm().validate_on_submit():
            errors["form"] = [_("The page had expired; please try again. What you typed is still here.")]
        errors.update({"text": text_errors(clean_text(text))} if text_errors(clean_text(text)) else {})
        if not errors:
            changed = services.correct_opinion(opinion, text=clean_text(text), by_user_id=current_user.id,
                                               now=clock.now())
            db.session.commit()
            flash(_("Correction saved; the original text is kept.") if changed else _("Nothing was changed."),
                  "success")
            return redirect(url_for("opinions.desk", meeting_id=meeting.id) + f"#opinion-{opinion.id}", 303)
    return render_template(
        "opinions/correct.html", meeting=meeting, opinion=opinion, text=text, errors=errors,
        author=author_label(opinion, members), topic=next(t for t in meeting.topics if t.id == opinion.topic_id),
        text_max=MAX_LENGTH,
    ), 400 if errors else 200


@bp.route("/meetings/<int:meeting_id>/opinions/<int:opinion_id>/mark", methods=["POST"])
@staff_required
def mark(meeting_id: int, opinion_id: int):
    """Mark an opinion a duplicate of another on its topic (or not), excluded from the minutes (or not)."""
    meeting = _meeting(meeting_id)
    opinion = opinion_in_sitting(meeting.id, opinion_id) or abort(404)
    action = request.form.get("action", "")
    back = url_for("opinions.desk", meeting_id=meeting.id) + f"#opinion-{opinion.id}"
    if not ActionForm().validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return redirect(back, 303)
    if action == "duplicate":
        original_id = request.form.get("duplicate_of", type=db_int)
        original = opinion_in_sitting(meeting.id, original_id) if original_id else None
        if original is None or original.id == opinion.id or original.topic_id != opinion.topic_id:
            flash(_("Choose another opinion on the same topic."), "error")
            return redirect(back, 303)
        services.mark_duplicate(opinion, original)
        flash(_("Opinion %(number)s marked a duplicate of opinion %(original)s.", number=opinion.id,
                original=original.id), "success")
    elif action == "distinct":
        other_id = request.form.get("other", type=db_int)
        other = opinion_in_sitting(meeting.id, other_id) if other_id else None
        if other is None or other.id == opinion.id or other.topic_id != opinion.topic_id:
            flash(_("Choose another opinion on the same topic."), "error")
            return redirect(back, 303)
        services.mark_distinct(opinion, other, by_user_id=current_user.id, now=clock.now())
        flash(_("Opinions %(number)s and %(other)s are not duplicates; the pair is no longer offered.",
                number=opinion.id, other=other.id), "success")
    elif action == "not_duplicate":
        services.mark_duplicate(opinion, None)
        flash(_("Opinion %(number)s is no longer marked a duplicate.", number=opinion.id), "success")
    elif action in ("exclude", "include"):
        services.set_excluded(opinion, action == "exclude")
        flash(_("Opinion %(number)s will be left out of the minutes.", number=opinion.id) if action == "exclude"
              else _("Opinion %(number)s is back in the minutes.", number=opinion.id), "success")
    else:
        abort(400)
    db.session.commit()
    return redirect(back, 303)


def _local_moment(text: str) -> datetime | None:
    try:
        moment = datetime.strptime(text.strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        return None
    if not 1900 <= moment.year <= 2100:  # as for the sittings' own dates
        return None
    return moment.replace(tzinfo=clock.zone()).astimezone(clock.now().tzinfo)


@bp.route("/meetings/<int:meeting_id>/opinions/collection", methods=["POST"])
@staff_required
def collection(meeting_id: int):
    """Close the collection of opinions now, open it again, or set when it closes."""
    meeting = _meeting(meeting_id)
    action = request.form.get("action", "")
    back = url_for("opinions.desk", meeting_id=meeting.id)
    if not ActionForm().validate_on_submit():
        flash(_("The page had expired; please try again."), "error")
        return redirect(back, 303)
    close_at = None
    if request.form.get("close_at", "").strip():
        close_at = _local_moment(request.form["close_at"])
        if close_at is None:
            flash(_("Give the closing time as a date and a time, e.g. 2030-03-07 17:00."), "error")
            return redirect(back, 303)
    if action == "close":
        opinion_collection.close_opinions(meeting.id, by_user_id=current_user.id, now=clock.now())
        flash(_("The collection of opinions is closed."), "success")
    elif action == "reopen":
        opinion_collection.reopen_opinions(meeting.id, close_at=close_at)
        flash(_("The collection of opinions is open again."), "success")
    elif action == "set":
        opinion_collection.set_opinions_close_at(meeting.id, close_at)
        flash(_("The closing time of the collection is saved."), "success")
    else:
        abort(400)
    db.session.commit()
    return redirect(back, 303)
