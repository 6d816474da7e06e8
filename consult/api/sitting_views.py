"""GET /api/v1/sittings, /sittings/<id>, /organs, /organs/<id>: what the caller may see of them, by the
visibility rules of meetings.queries (Audience, visible_to)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE

from consult.api.blueprint import bp, documented
from consult.api.caller import current_caller, require_scope
from consult.api.errors import api_abort
from consult.api.schemas import local_time, offset_of, organ_ref, page_of
from consult.api.scopes import SITTINGS_READ
from consult.api.sitting_schemas import (
    OrganListSchema,
    OrganQuerySchema,
    OrganSchema,
    SittingPageSchema,
    SittingQuerySchema,
    SittingSchema,
)
from consult.committee import clock, get_committee
from consult.feeds.blueprint import external_url
from consult.meetings import queries
from consult.members.queries import organs_with_counts
from consult.onsite.collection import collection_state

NO_SITTING = _l("There is no such sitting, or it is not visible to this caller.")
NO_ORGAN = _l("There is no such organ.")


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def sitting_summary(meeting, committee) -> dict:
    """Return what a list says of `meeting` (organ and topics loaded), times in the committee's zone."""
    return {
        "id": meeting.id,
        "uuid": meeting.uuid,
        "name": meeting.display_name,
        "numbered_name": meeting.full_display_number(committee.short_name) or None,
        "title": meeting.title,
        "organ": organ_ref(meeting.organ),
        "kind": meeting.sitting_kind,
        "consultation_form": meeting.consultation_form,
        "status": meeting.status,
        "visibility": meeting.visibility,
        "starts_at": local_time(meeting.starts_at),
        "ends_at": local_time(meeting.ends_at),
        "location": meeting.location or "",
        "agenda": [{"id": topic.id, "position": number, "title": topic.title}
                   for number, topic in enumerate(meeting.topics, start=1)],
        "url": external_url("meetings.detail", meeting_id=meeting.id),
    }



def sitting_detail(meeting, committee, *, staff: bool, now) -> dict:
    """Return everything the API says of one sitting (organ, presiding member and topics loaded)."""
    collection = collection_state(meeting, now)
    presiding = meeting.presiding_member
    return {
        **sitting_summary(meeting, committee),
        "formal_name": meeting.formal_name(committee) or None,
        "term": meeting.term,
        "number": meeting.number,
        "presiding": {"id": presiding.id, "name": presiding.name} if presiding is not None else None,
        "assembly_at": local_time(meeting.assembly_at),
        "assembly_place": meeting.assembly_place or "",
        "contact_name": meeting.contact_name or "",
        "contact_phone": meeting.contact_phone or "",
        "guests": _lines(meeting.guests),
        "observers": _lines(meeting.observers),
        "cancel_reason": meeting.cancel_reason or "",
        "postpone_reason": meeting.postpone_reason or "",
        "published_at": local_time(meeting.published_at),
        "held_at": local_time(meeting.held_at),
        "updated_at": local_time(meeting.updated_at),
        "notes": (meeting.notes or "") if staff else None,
        "calendar_url": external_url("feeds.meeting_ics", meeting_id=meeting.id),
        "opinions": {"state": collection.state, "opens_at": local_time(collection.opens_at),
                     "closes_at": local_time(collection.closes_at)},
    }


@bp.route("/sittings")
@bp.arguments(SittingQuerySchema, location="query", unknown=RAISE)
@bp.response(200, SittingPageSchema)
@documented()
def list_sittings(args):
    """Sittings, filtered and paged

    Without a token: the public sittings that are published, postponed, held or cancelled (what the public
    pages show). A member's link adds the sittings they are invited to; a token with `sittings:read` sees
    every sitting, drafts too.
    """
    caller = current_caller()
    search = queries.ListSearch(text=args.get("q", ""), status=args.get("status"), time_zone=clock.zone_name())
    criteria = queries.SittingFilter(
        organ_id=args.get("organ"), sitting_kind=args.get("kind"), consultation_form=args.get("form"),
        first_day=args.get("from_"), last_day=args.get("to"),
    )
    meetings, total = queries.find_sittings(
        caller.audience, criteria, search, newest_first=args["order"] == "desc", offset=offset_of(args),
        limit=args["per_page"],
    )
    committee = get_committee()
    return page_of([sitting_summary(meeting, committee) for meeting in meetings], total, args)


@bp.route("/sittings/<int:sitting_id>")
@bp.response(200, SittingSchema)
@documented()
def get_sitting(sitting_id: int):
    """One sitting with its agenda

    404 for an unknown sitting and for one the caller may not see (a draft, a members-only or internal
    sitting without the right token) alike.
    """
    caller = current_caller()
    meeting = queries.visible_sitting(sitting_id, caller.audience)
    if meeting is None:
        api_abort(404, message=NO_SITTING)
    return sitting_detail(meeting, get_committee(), staff=caller.audience.staff, now=clock.now())


def _organ(organ, count: int) -> dict:
    return {**organ_ref(organ), "active": organ.active, "description": organ.description or "", "members": count,
            "url": external_url("members.organ_detail", slug=organ.slug)}


@bp.route("/organs")
@bp.arguments(OrganQuerySchema, location="query", unknown=RAISE)
@bp.response(200, OrganListSchema)
@documented()
def list_organs(args):
    """The organs, in the committee's order

    The active ones; with `include_inactive` (a token with `sittings:read`) also the others.
    """
    if args["include_inactive"]:
        require_scope(SITTINGS_READ)
    rows = organs_with_counts(include_inactive=args["include_inactive"])
    return {"items": [_organ(organ, count) for organ, count in rows]}


@bp.route("/organs/<int:organ_id>")
@bp.response(200, OrganSchema)
@documented()
def get_organ(organ_id: int):
    """One organ

    An organ no longer active is found with a token with `sittings:read` only.
    """
    staff = current_caller().audience.staff
    for organ, count in organs_with_counts(include_inactive=staff):
        if organ.id == organ_id:
            return _organ(organ, count)
    api_abort(404, message=NO_ORGAN)
