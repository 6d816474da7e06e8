"""GET and POST /api/v1/sittings/<id>/opinions: a sitting's opinions for staff (opinions:read), and giving one
under exactly the phone form's rules (opinions.views.submit): the same one-time submission key, text rules,
collection window and who may give, through the same functions and with the same sentences.

Who gives it: a member's personal link token gives that member's opinion, on a sitting the member may see
(the form recognises the member's phone by the same link). A token with opinions:write (a system of the
office, a kiosk) gives a member's opinion or a guest's, naming who. Anonymous callers give none: on the phone
a guest needs the sitting's code, which is on the table card in the room; the API addresses sittings by id.
"""

from __future__ import annotations

import logging

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE

from consult.api.blueprint import TOKEN, bp, documented
from consult.api.caller import current_caller, require_scope
from consult.api.errors import api_abort
from consult.api.opinion_schemas import OpinionInputSchema, OpinionPageSchema, OpinionQuerySchema, OpinionSchema
from consult.api.schemas import local_time, offset_of, page_of
from consult.api.scopes import OPINIONS_READ, OPINIONS_WRITE
from consult.committee import clock
from consult.extensions import db
from consult.meetings.queries import visible_sitting
from consult.members.queries import member_by_id, members_by_ids
from consult.onsite.collection import collection_state
from consult.onsite.rules import guests_welcome
from consult.opinions import services
from consult.opinions.giving import guest_problems, tidy
from consult.opinions.queries import opinions_page
from consult.opinions.text import clean_text
from consult.opinions.views import collection_message, guest_message, text_errors

log = logging.getLogger(__name__)

NO_SITTING = _l("There is no such sitting, or it is not visible to this caller.")
NOT_WITH_LINK = _l("A member's personal link gives that member's own opinions: leave this field out.")
ONE_AUTHOR = _l("Give either member_id (a member's opinion) or guest (a guest's), not both and not neither.")
NO_MEMBER = _l("There is no such member, or they are no longer a member.")
NOT_A_TOPIC = _l("This is not a topic of the sitting.")
INVITEES_ONLY = _l("This sitting takes opinions from its members and invitees only, not from guests.")
KEY_USED = _l("This submission key was used for another opinion on this sitting; make a new key for each opinion.")
REPLAYED = "Idempotent-Replayed"


def opinion_dict(opinion, names: dict[int, str]) -> dict:
    """Return what the API says of `opinion`; `names` are the members' names by id."""
    member = opinion.member_id is not None
    return {
        "id": opinion.id,
        "sitting_id": opinion.meeting_id,
        "topic_id": opinion.topic_id,
        "author": {"member_id": opinion.member_id,
                   "name": names.get(opinion.member_id, "") if member else opinion.guest_name,
                   "organisation": "" if member else opinion.guest_organisation},
        "text": opinion.text,
        "original_text": opinion.original_text,
        "named": opinion.named,
        "status": opinion.status,
        "duplicate_of": opinion.duplicate_of_id,
        "excluded_from_minutes": opinion.excluded_from_minutes,
        "recorded_by_staff": opinion.recorded_by_id is not None,
        "created_at": local_time(opinion.created_at),
        "updated_at": local_time(opinion.updated_at),
    }


@bp.route("/sittings/<int:sitting_id>/opinions")
@bp.arguments(OpinionQuerySchema, location="query", unknown=RAISE)
@bp.response(200, OpinionPageSchema)
@documented(security=TOKEN)
def list_opinions(args, sitting_id: int):
    """Opinions of a sitting, oldest first

    With their authors, staff corrections, duplicate and minutes marks. Needs `opinions:read`.
    """
    caller = require_scope(OPINIONS_READ)
    meeting = visible_sitting(sitting_id, caller.staff_audience)
    if meeting is None:
        api_abort(404, message=NO_SITTING)
    opinions, total = opinions_page(meeting.id, topic_id=args.get("topic"), withdrawn=args["include_withdrawn"],
                                    offset=offset_of(args), limit=args["per_page"])
    members = members_by_ids(o.member_id for o in opinions if o.member_id is not None)
    names = {member_id: member.name for member_id, member in members.items()}
    return page_of([opinion_dict(opinion, names) for opinion in opinions], total, args)


def _author(caller, args) -> tuple[int | None, str, str]:
    """Return who gives the opinion (a member's id, or a guest's tidied name and organisation), or answer 422."""
    problems = {}
    if caller.member_id is not None:
        problems = {field: [str(NOT_WITH_LINK)] for field in ("member_id", "guest") if field in args}
        member_id = caller.member_id
    elif ("member_id" in args) == ("guest" in args):
        problems["member_id"] = [str(ONE_AUTHOR)]
    else:
        member_id = args.get("member_id")
        if member_id is not None:
            member = member_by_id(member_id)
            if member is None or not member.active:
                problems["member_id"] = [str(NO_MEMBER)]
    if problems:
        api_abort(422, errors={"json": problems})
    if member_id is not None:
        return member_id, "", ""
    return None, tidy(args["guest"]["name"]), tidy(args["guest"]["organisation"])


def _same_author(opinion, member_id, guest_name: str, topic_id: int) -> bool:
    return opinion.topic_id == topic_id and opinion.member_id == member_id and (
        member_id is not None or opinion.guest_name == guest_name)


def _answer(opinion, created: bool):
    names = {}
    if opinion.member_id is not None:
        member = member_by_id(opinion.member_id)
        names = {member.id: member.name} if member is not None else {}
    body = opinion_dict(opinion, names)  # before the commit expires the opinion
    db.session.commit()
    return body, 201, ({} if created else {REPLAYED: "true"})


@bp.route("/sittings/<int:sitting_id>/opinions", methods=["POST"])
@bp.arguments(OpinionInputSchema, location="json", unknown=RAISE)
@bp.response(201, OpinionSchema, description="The opinion as stored; the same answer when the request is sent "
             "again with its submission key.", headers={REPLAYED: {
                 "description": "true when the opinion was stored by an earlier request with this key.",
                 "schema": {"type": "string", "enum": ["true"]}}})
@documented(409, security=TOKEN, body=True)
def give_opinion(args, sitting_id: int):
    """Give an opinion on a topic of a sitting

    The phone form's rules: opinions are taken from the opening of check-in until the collection closes (409
    otherwise, with the reason); a guest only at a sitting that is not internal (403); 1 to 5,000 characters
    (422). Sending the same request again with its `submission_key` stores nothing twice and answers 201 with
    the opinion stored the first time (and `Idempotent-Replayed: true`); a key already used for another
    author or topic answers 409. With a member's personal link token, or a token with `opinions:write`.
    """
    caller = current_caller()
    if caller.member_id is None:
        caller = require_scope(OPINIONS_WRITE)
    meeting = visible_sitting(sitting_id, caller.audience if caller.member_id is not None else caller.staff_audience)
    if meeting is None:
        api_abort(404, message=NO_SITTING)
    member_id, guest_name, guest_organisation = _author(caller, args)
    stored = services.opinion_by_key(meeting.id, args["submission_key"])
    if stored is not None:  # sent again: the same answer, nothing stored twice
        if not _same_author(stored, member_id, guest_name, args["topic_id"]):
            api_abort(409, error="submission_key_used", message=KEY_USED)
        return _answer(stored, created=False)
    now = clock.now()
    collection = collection_state(meeting, now)
    if not collection.open:
        api_abort(409, error="collection_not_open", message=collection_message(collection))
    if member_id is None and not guests_welcome(meeting.status, meeting.visibility):
        api_abort(403, error="guests_not_welcome", message=INVITEES_ONLY)
    problems: dict = {}
    if not any(topic.id == args["topic_id"] for topic in meeting.topics):
        problems["topic_id"] = [str(NOT_A_TOPIC)]
    text = clean_text(args["text"])
    if text_errors(text):
        problems["text"] = text_errors(text)
    if member_id is None:
        guest = guest_problems(guest_name, guest_organisation)
        named = {"guest_name": "name", "guest_organisation": "organisation"}
        if guest:
            problems["guest"] = {named[field]: [guest_message(field, problem, guest_name)]
                                 for field, problem in guest.items()}
    if problems:
        api_abort(422, errors={"json": problems})
    opinion, created = services.give_opinion(
        meeting_id=meeting.id, topic_id=args["topic_id"], submission_key=args["submission_key"], text=text,
        named=args["named"], now=now, member_id=member_id, guest_name=guest_name,
        guest_organisation=guest_organisation,
    )
    if created:
        log.info("opinion %s given through the API (%s)", opinion.id, caller.token_prefix or "member's link")
    return _answer(opinion, created)
