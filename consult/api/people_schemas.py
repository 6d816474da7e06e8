"""Members and attendance in the API (staff tokens only)."""

from __future__ import annotations

from marshmallow import fields, validate

from consult.api.schemas import (
    ID_RANGE,
    NO_NUL,
    ApiSchema,
    OrganRefSchema,
    PageQuerySchema,
    PageSchema,
    PersonRefSchema,
    SectorRefSchema,
)
from consult.members.models import LEADERSHIP_ROLES, POST_LABELS
from consult.onsite.attendance import ABSENT, ON_LEAVE, PRESENT
from consult.onsite.models import APPROVED, PENDING, REFUSED

SEARCH_MAX = 100


class MemberQuerySchema(PageQuerySchema):
    sector = fields.Integer(validate=ID_RANGE, metadata={"description": "Only this sector's members (its id)."})
    organ = fields.Integer(validate=ID_RANGE, metadata={"description": "Only members of this organ (its id)."})
    q = fields.String(validate=[validate.Length(max=SEARCH_MAX), NO_NUL], metadata={
        "description": "Words in the name, work unit, sector or member number; also the mobile number and "
                       "e-mail address with members:contact."})
    include_inactive = fields.Boolean(load_default=False, metadata={"description": "Also former members."})


class SeatSchema(ApiSchema):
    """A seat in an organ: since and until when (null: open), and a post in it."""

    organ = fields.Nested(OrganRefSchema, required=True)
    post = fields.String(required=True, allow_none=True, validate=validate.OneOf(list(POST_LABELS)),
                         metadata={"description": "director, deputy_director, convener, deputy_convener or null."})
    starts_on = fields.Date(required=True, allow_none=True)
    ends_on = fields.Date(required=True, allow_none=True)


class MemberSchema(ApiSchema):
    """A member. `phone` and `email` are there only for a token with members:contact."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    sector = fields.Nested(SectorRefSchema, required=True)
    role = fields.String(required=True, allow_none=True, validate=validate.OneOf(list(LEADERSHIP_ROLES)),
                         metadata={"description": "chair, vice_chair, secretary_general, or null."})
    member_number = fields.String(required=True, allow_none=True)
    gender = fields.String(required=True, metadata={"description": "male, female, or empty when not known."})
    party = fields.String(required=True)
    affiliation = fields.String(required=True, metadata={"description": "工作单位及职务."})
    active = fields.Boolean(required=True, metadata={"description": "False for a former member."})
    standing = fields.Boolean(required=True, metadata={"description": "Sits in the standing committee today (常委)."})
    seats = fields.List(fields.Nested(SeatSchema), required=True)
    phone = fields.String(metadata={"description": "Only with members:contact."})
    email = fields.String(metadata={"description": "Only with members:contact."})


class MemberPageSchema(PageSchema):
    items = fields.List(fields.Nested(MemberSchema), required=True)


class TallySchema(ApiSchema):
    expected = fields.Integer(required=True, metadata={"description": "应到: the organ's members that day."})
    present = fields.Integer(required=True, metadata={"description": "实到 of them."})
    on_leave = fields.Integer(required=True)
    absent = fields.Integer(required=True)
    waiting = fields.Integer(required=True, metadata={"description": "Not yet recorded."})
    observers = fields.Integer(required=True, metadata={"description": "列席委员: invited from outside the organ."})
    observers_present = fields.Integer(required=True)
    quorum = fields.Integer(required=True, metadata={"description": "How many of the expected must be present."})
    quorum_reached = fields.Boolean(required=True)


class AttendeeSchema(ApiSchema):
    member = fields.Nested(PersonRefSchema, required=True)
    sector = fields.String(required=True)
    observer = fields.Boolean(required=True, metadata={"description": "列席: invited, not counted for the quorum."})
    status = fields.String(required=True, allow_none=True, validate=validate.OneOf([PRESENT, ON_LEAVE, ABSENT]),
                           metadata={"description": "present, on_leave, absent, or null when not recorded yet."})
    checked_in_at = fields.DateTime(required=True, format="iso", allow_none=True)
    recorded_at = fields.DateTime(required=True, format="iso", allow_none=True)
    note = fields.String(required=True)


class LeaveSchema(ApiSchema):
    member = fields.Nested(PersonRefSchema, required=True)
    reason = fields.String(required=True)
    late = fields.Boolean(required=True, metadata={"description": "Asked after the committee's deadline."})
    status = fields.String(required=True, validate=validate.OneOf([PENDING, APPROVED, REFUSED]))
    requested_at = fields.DateTime(required=True, format="iso")
    decided_at = fields.DateTime(required=True, format="iso", allow_none=True)
    decision_note = fields.String(required=True)


class AttendanceSchema(ApiSchema):
    sitting_id = fields.Integer(required=True)
    closed_at = fields.DateTime(required=True, format="iso", allow_none=True, metadata={
        "description": "When staff closed attendance (those not recorded became absent), or null."})
    tally = fields.Nested(TallySchema, required=True)
    attendees = fields.List(fields.Nested(AttendeeSchema), required=True, metadata={
        "description": "The organ's members that day, then the other invitees (列席委员)."})
    leave_requests = fields.List(fields.Nested(LeaveSchema), required=True)
