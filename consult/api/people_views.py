"""GET /api/v1/members, /members/<id> (members:read; phone and e-mail with members:contact) and
/sittings/<id>/attendance (attendance:read): staff tokens only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from marshmallow import RAISE

from consult.api.blueprint import TOKEN, bp, documented
from consult.api.caller import require_scope
from consult.api.errors import api_abort
from consult.api.people_schemas import AttendanceSchema, MemberPageSchema, MemberQuerySchema, MemberSchema
from consult.api.schemas import local_time, offset_of, organ_ref, page_of
from consult.api.scopes import ATTENDANCE_READ, MEMBERS_CONTACT, MEMBERS_READ
from consult.committee import clock
from consult.meetings import queries as meeting_queries
from consult.members import queries as member_queries
from consult.onsite import queries as onsite_queries
from consult.onsite.attendance import tally
from consult.onsite.collection import onsite_rows

NO_MEMBER = _l("There is no such member.")
NO_SITTING = _l("There is no such sitting.")


def member_dict(member, *, contacts: bool) -> dict:
    """Return what the API says of `member` (sector and memberships loaded); phone and e-mail with `contacts`."""
    result = {
        "id": member.id,
        "name": member.name,
        "sector": {"id": member.sector.id, "name": member.sector.name},
        "role": member.role or None,
        "member_number": member.member_number or None,
        "gender": member.gender or "",
        "party": member.party or "",
        "affiliation": member.affiliation or "",
        "active": member.active,
        "standing": member.is_standing,
        "seats": [{"organ": organ_ref(seat.organ), "post": seat.post or None, "starts_on": seat.starts_on,
                   "ends_on": seat.ends_on}
                  for seat in sorted(member.memberships, key=lambda seat: (seat.organ.position, seat.organ.id))],
    }
    if contacts:
        result["phone"], result["email"] = member.phone or "", member.email or ""
    return result


@bp.route("/members")
@bp.arguments(MemberQuerySchema, location="query", unknown=RAISE)
@bp.response(200, MemberPageSchema)
@documented(security=TOKEN)
def list_members(args):
    """Members, in the committee's order

    Leaders in protocol order, then surname-stroke order (姓氏笔画). Needs `members:read`; mobile numbers and
    e-mail addresses (and finding members by them) need `members:contact` as well.
    """
    caller = require_scope(MEMBERS_READ)
    contacts = caller.has(MEMBERS_CONTACT)
    criteria = member_queries.DirectoryFilter(
        sector_id=args.get("sector"), organ_id=args.get("organ"), text=args.get("q", ""),
        include_inactive=args["include_inactive"], organ_ids=caller.organ_ids,
    )
    members, total = member_queries.directory_slice(criteria, contacts=contacts, offset=offset_of(args),
                                                    limit=args["per_page"])
    return page_of([member_dict(member, contacts=contacts) for member in members], total, args)


@bp.route("/members/<int:member_id>")
@bp.response(200, MemberSchema)
@documented(security=TOKEN)
def get_member(member_id: int):
    """One member (former members too)

    Needs `members:read`; `phone` and `email` need `members:contact` as well.
    """
    caller = require_scope(MEMBERS_READ)
    member = member_queries.member_for_page(member_id)
    if member is None or not caller.may_act_on(*(seat.organ_id for seat in member.memberships)):
        api_abort(404, message=NO_MEMBER)
    return member_dict(member, contacts=caller.has(MEMBERS_CONTACT))



@bp.route("/sittings/<int:sitting_id>/attendance")
@bp.response(200, AttendanceSchema)
@documented(security=TOKEN)
def get_attendance(sitting_id: int):
    """Attendance of a sitting

    应到 and 实到 as the staff panel counts them: the organ's members on the sitting's day, each with their
    record, then the invitees from outside the organ (列席委员); and the leave requests. Needs
    `attendance:read`.
    """
    caller = require_scope(ATTENDANCE_READ)
    meeting = meeting_queries.visible_sitting(sitting_id, caller.staff_audience)
    if meeting is None:
        api_abort(404, message=NO_SITTING)
    invitees = {person.id: person for person in meeting_queries.invitees_for_page(meeting.id)}
    composition = member_queries.composition(meeting.organ_id, clock.local(meeting.starts_at).date())
    records = onsite_queries.records_of(meeting.id)
    counted = tally(composition, invitees, {m: r.status for m, r in records.items()},
                    meeting.organ.effective_quorum_rule)
    missing = member_queries.members_by_ids(m for m in composition if m not in invitees)
    requests = onsite_queries.leave_requests_of(meeting.id)
    names = {**{m.id: m.name for m in missing.values()}, **{p.id: p.name for p in invitees.values()}}
    unknown = member_queries.members_by_ids(r.member_id for r in requests if r.member_id not in names)
    names.update({m.id: m.name for m in unknown.values()})
    attendees = []
    for member_id in [*composition, *counted.observer_ids]:
        person = invitees.get(member_id)
        if person is None and member_id not in missing:
            continue
        record = records.get(member_id)
        attendees.append({
            "member": {"id": member_id, "name": names[member_id]},
            "sector": person.sector_name if person is not None else missing[member_id].sector.name,
            "observer": member_id in counted.observer_ids,
            "status": record.status if record else None,
            "checked_in_at": local_time(record.checked_in_at) if record else None,
            "recorded_at": local_time(record.recorded_at) if record else None,
            "note": record.note if record else "",
        })
    onsite = onsite_rows([meeting.id]).get(meeting.id)
    return {
        "sitting_id": meeting.id,
        "closed_at": local_time(onsite.attendance_closed_at) if onsite else None,
        "tally": {
            "expected": counted.expected, "present": counted.present, "on_leave": counted.on_leave,
            "absent": counted.absent, "waiting": len(counted.waiting), "observers": len(counted.observer_ids),
            "observers_present": counted.observers_present, "quorum": counted.quorum,
            "quorum_reached": counted.quorum_reached,
        },
        "attendees": attendees,
        "leave_requests": [{
            "member": {"id": r.member_id, "name": names.get(r.member_id, "")}, "reason": r.reason or "",
            "late": r.late, "status": r.status, "requested_at": local_time(r.requested_at),
            "decided_at": local_time(r.decided_at), "decision_note": r.decision_note or "",
        } for r in requests],
    }
