"""Opinions in the API: the staff's list of a sitting's opinions and giving one, under the phone form's rules."""

from __future__ import annotations

from marshmallow import fields, validate

from consult.api.schemas import ID_RANGE, NO_NUL, ApiSchema, PageQuerySchema, PageSchema
from consult.opinions.blueprint import GUEST_NAME_MAX, GUEST_ORGANISATION_MAX
from consult.opinions.models import ACTIVE, WITHDRAWN
from consult.opinions.text import MAX_LENGTH, SUBMISSION_KEY_PATTERN


class OpinionQuerySchema(PageQuerySchema):
    topic = fields.Integer(validate=ID_RANGE, metadata={"description": "Only opinions on this topic (its id)."})
    include_withdrawn = fields.Boolean(load_default=False, metadata={"description": "Also withdrawn opinions."})


class GuestSchema(ApiSchema):
    """A guest giving an opinion: their name (not an active member's) and organisation (unit and post)."""

    name = fields.String(required=True, validate=NO_NUL,
                         metadata={"description": f"1 to {GUEST_NAME_MAX} characters."})
    organisation = fields.String(required=True, validate=NO_NUL,
                                 metadata={"description": f"1 to {GUEST_ORGANISATION_MAX} characters."})


class OpinionInputSchema(ApiSchema):
    """An opinion to give. With a member's personal link token it is that member's (give neither `member_id`
    nor `guest`); with a token with opinions:write, give exactly one of them."""

    topic_id = fields.Integer(required=True, strict=True, validate=ID_RANGE,
                              metadata={"description": "A topic of the sitting's agenda."})
    text = fields.String(required=True, validate=NO_NUL, metadata={
        "description": f"The opinion: 1 to {MAX_LENGTH} characters once cleaned (control characters removed, "
                       "spaces around it trimmed); HTML and emoji are kept as typed."})
    named = fields.Boolean(load_default=True, metadata={"description": "Whether the minutes may name the author."})
    submission_key = fields.String(
        required=True, validate=validate.Regexp(SUBMISSION_KEY_PATTERN),
        metadata={"description":
                  "A one-time key the caller makes for this opinion (16 to 64 letters, digits, - or _). Sending "
                  "the same request again with it stores nothing twice and answers with the opinion stored the "
                  "first time."})
    member_id = fields.Integer(strict=True, validate=ID_RANGE, metadata={
        "description": "The member giving it (a token with opinions:write)."})
    guest = fields.Nested(GuestSchema, metadata={"description": "The guest giving it (a token with opinions:write)."})


class AuthorSchema(ApiSchema):
    member_id = fields.Integer(required=True, allow_none=True, metadata={"description": "Null for a guest."})
    name = fields.String(required=True)
    organisation = fields.String(required=True, metadata={"description": "A guest's; empty for a member."})


class OpinionSchema(ApiSchema):
    id = fields.Integer(required=True)
    sitting_id = fields.Integer(required=True)
    topic_id = fields.Integer(required=True)
    author = fields.Nested(AuthorSchema, required=True)
    text = fields.String(required=True, metadata={"description": "As it stands (staff may have corrected typos)."})
    original_text = fields.String(required=True, allow_none=True, metadata={
        "description": "The text as given, when staff corrected it; else null."})
    named = fields.Boolean(required=True)
    status = fields.String(required=True, validate=validate.OneOf([ACTIVE, WITHDRAWN]))
    duplicate_of = fields.Integer(required=True, allow_none=True)
    excluded_from_minutes = fields.Boolean(required=True)
    recorded_by_staff = fields.Boolean(required=True, metadata={
        "description": "Typed in by staff from paper or a speech."})
    created_at = fields.DateTime(required=True, format="iso")
    updated_at = fields.DateTime(required=True, format="iso")


class OpinionPageSchema(PageSchema):
    items = fields.List(fields.Nested(OpinionSchema), required=True)
