"""The sittings and organs of the API: what a list is filtered by, what a sitting and an organ look like.
Times are ISO 8601 with the committee's offset (2030-03-04T14:30:00+08:00)."""

from __future__ import annotations

from datetime import date

from marshmallow import fields, post_load, validate

from consult.api.schemas import (
    ID_RANGE,
    NO_NUL,
    ApiSchema,
    OrganRefSchema,
    PageQuerySchema,
    PageSchema,
    PersonRefSchema,
)
from consult.meetings.kinds import CONSULTATION_FORMS, SITTING_KINDS
from consult.meetings.models import VISIBILITIES
from consult.meetings.scheduling import FIRST_YEAR, LAST_YEAR
from consult.meetings.statuses import MEETING_STATUSES
from consult.onsite.collection import CLOSED, NONE, NOT_YET, OPEN

FIRST_DAY, LAST_DAY = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
SEARCH_MAX = 100


class SittingQuerySchema(PageQuerySchema):
    """The filters of the list of sittings; all are optional and combine."""

    organ = fields.Integer(validate=ID_RANGE, metadata={"description": "Only this organ's sittings (its id)."})
    kind = fields.String(validate=validate.OneOf(list(SITTING_KINDS)), metadata={"description": "Kind of sitting."})
    form = fields.String(validate=validate.OneOf(list(CONSULTATION_FORMS)),
                         metadata={"description": "Consultation form (none: neither consultation nor the others)."})
    status = fields.String(validate=validate.OneOf(list(MEETING_STATUSES)),
                           metadata={"description": "draft (staff only), published, postponed, held or cancelled."})
    from_ = fields.Date(data_key="from", metadata={
        "description": "Sittings that have not ended before this day (committee zone). A `from` after `to` finds "
                       "nothing."})
    to = fields.Date(metadata={"description": "Sittings that start on or before this day."})
    q = fields.String(validate=[validate.Length(max=SEARCH_MAX), NO_NUL], metadata={
        "description": "Words in the title, a topic or the place, or a numbered name such as 八届十二次."})
    order = fields.String(load_default="asc", validate=validate.OneOf(["asc", "desc"]),
                          metadata={"description": "By start: asc (soonest first) or desc (latest first)."})

    @post_load
    def _days_within_the_calendar(self, data, **kwargs):
        """Days before 1900 or after 2100 (which no sitting has: the forms refuse them) mean those years' ends,
        so that a day of year 1 or 9999 finds what it means instead of failing on the time zone's offset."""
        for name in ("from_", "to"):
            if data.get(name) is not None:
                data[name] = min(max(data[name], FIRST_DAY), LAST_DAY)
        return data


class TopicSchema(ApiSchema):
    id = fields.Integer(required=True)
    position = fields.Integer(required=True, metadata={"description": "Its place on the agenda, from 1."})
    title = fields.String(required=True)


class SittingSummarySchema(ApiSchema):
    """A sitting as lists show it."""

    id = fields.Integer(required=True)
    uuid = fields.String(required=True, metadata={"description": "Also the UID of its calendar events."})
    name = fields.String(required=True, metadata={
        "description": "As lists show it: 八届十二次常委会议：title, or the title alone."})
    numbered_name = fields.String(required=True, allow_none=True, metadata={
        "description": "区政协八届十二次常委会议, or null for a sitting without a number."})
    title = fields.String(required=True)
    organ = fields.Nested(OrganRefSchema, required=True)
    kind = fields.String(required=True, validate=validate.OneOf(list(SITTING_KINDS)))
    consultation_form = fields.String(required=True, validate=validate.OneOf(list(CONSULTATION_FORMS)))
    status = fields.String(required=True, validate=validate.OneOf(list(MEETING_STATUSES)))
    visibility = fields.String(required=True, validate=validate.OneOf(list(VISIBILITIES)), metadata={
        "description": "public, members (members only) or internal (staff and invitees)."})
    starts_at = fields.DateTime(required=True, format="iso")
    ends_at = fields.DateTime(required=True, format="iso")
    location = fields.String(required=True)
    agenda = fields.List(fields.Nested(TopicSchema), required=True, metadata={"description": "The topics, in order."})
    url = fields.String(required=True, metadata={"description": "The sitting's page on the site."})


class CollectionSchema(ApiSchema):
    """Whether the sitting takes opinions now (the phone form's rules)."""

    state = fields.String(required=True, validate=validate.OneOf([NOT_YET, OPEN, CLOSED, NONE]), metadata={
        "description": "not_yet (before check-in opens), open, closed, or none (a draft, postponed or cancelled "
                       "sitting takes none)."})
    opens_at = fields.DateTime(required=True, format="iso")
    closes_at = fields.DateTime(required=True, format="iso")


class SittingSchema(SittingSummarySchema):
    """One sitting with everything its page shows."""

    formal_name = fields.String(required=True, allow_none=True, metadata={
        "description": "政协崇川区第八届委员会常务委员会第十五次会议, or null without a number."})
    term = fields.Integer(required=True, allow_none=True)
    number = fields.Integer(required=True, allow_none=True)
    presiding = fields.Nested(PersonRefSchema, required=True, allow_none=True, metadata={
        "description": "Who presides (主持), or leads an activity (带队)."})
    assembly_at = fields.DateTime(required=True, format="iso", allow_none=True,
                                  metadata={"description": "Activities: when to assemble."})
    assembly_place = fields.String(required=True)
    contact_name = fields.String(required=True)
    contact_phone = fields.String(required=True)
    guests = fields.List(fields.String(), required=True, metadata={"description": "出席: invited leaders."})
    observers = fields.List(fields.String(), required=True, metadata={"description": "列席: units and people."})
    cancel_reason = fields.String(required=True)
    postpone_reason = fields.String(required=True)
    published_at = fields.DateTime(required=True, format="iso", allow_none=True)
    held_at = fields.DateTime(required=True, format="iso", allow_none=True)
    updated_at = fields.DateTime(required=True, format="iso")
    notes = fields.String(required=True, allow_none=True, metadata={"description": "Staff notes: null unless "
                                                                                   "the token has sittings:read."})
    calendar_url = fields.String(required=True, metadata={"description": "The sitting as an .ics file."})
    opinions = fields.Nested(CollectionSchema, required=True)


class SittingPageSchema(PageSchema):
    items = fields.List(fields.Nested(SittingSummarySchema), required=True)


class OrganSchema(OrganRefSchema):
    """An organ of the committee."""

    active = fields.Boolean(required=True)
    description = fields.String(required=True)
    members = fields.Integer(required=True, metadata={"description": "Its active members today."})
    url = fields.String(required=True, metadata={"description": "The organ's page on the site."})


class OrganQuerySchema(ApiSchema):
    include_inactive = fields.Boolean(load_default=False, metadata={
        "description": "Also organs no longer active (staff tokens with sittings:read only)."})


class OrganListSchema(ApiSchema):
    items = fields.List(fields.Nested(OrganSchema), required=True)
