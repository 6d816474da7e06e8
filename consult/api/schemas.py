"""What every part of the API shares in its OpenAPI document: the error body, paging, references to an organ,
a sector or a person. marshmallow schemas: they check what comes in (unknown fields refused) and describe
what goes out."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from consult.db_types import DB_INT_MAX

# Every id the API takes: what the database stores (larger ones would fail in the query).
ID_RANGE = validate.Range(min=1, max=DB_INT_MAX)
PER_PAGE_MAX = 100
# Text the API takes holds no NUL character (no database keeps one in text; the site refuses them too).
NO_NUL = validate.Regexp(r"^[^\x00]*$", error="The text holds a NUL character.")


class ApiSchema(Schema):
    """A schema that refuses unknown fields (422 naming them) and documents every field it writes as given."""

    class Meta:
        unknown = RAISE
        ordered = True


class ErrorSchema(ApiSchema):
    """The body of every error (consult.api.errors)."""

    status = fields.Integer(required=True, metadata={"description": "The HTTP status, repeated."})
    error = fields.String(required=True, metadata={
        "description": "A stable word for programs: not_found, invalid_token, insufficient_scope, invalid_fields, "
                       "invalid_json, collection_not_open, guests_not_welcome, submission_key_used …"})
    message = fields.String(required=True, metadata={"description": "What went wrong, for people."})
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "The problems by where they were found (json, query) and field, when there are some."})


class PageQuerySchema(ApiSchema):
    """Paging of a list: pages of `per_page` items counted from 1; a page past the last is empty."""

    page = fields.Integer(load_default=1, validate=ID_RANGE, metadata={"description": "The page, from 1."})
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=PER_PAGE_MAX),
                              metadata={"description": f"Items a page, 1 to {PER_PAGE_MAX}."})


class PageSchema(ApiSchema):
    """The envelope of one page of a list; `items` is set by each list."""

    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": "How many items match, on every page."})
    pages = fields.Integer(required=True, metadata={"description": "How many pages there are (at least 1)."})


def page_of(items: list, total: int, args: dict) -> dict:
    """Return the envelope of one page: the items, the paging asked for, the total and the number of pages."""
    per_page = args["per_page"]
    return {"items": items, "page": args["page"], "per_page": per_page, "total": total,
            "pages": max((total + per_page - 1) // per_page, 1)}


def offset_of(args: dict) -> int:
    """Return the offset of the page asked for in `args` (page and per_page)."""
    return (args["page"] - 1) * args["per_page"]


class OrganRefSchema(ApiSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    slug = fields.String(required=True)
    kind = fields.String(required=True, metadata={
        "description": "plenary, standing_committee, chair_meeting, secretary_general_meeting, special_committee, "
                       "street_committee or sector_group"})


class SectorRefSchema(ApiSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class PersonRefSchema(ApiSchema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


def local_time(moment):
    """Return `moment` in the committee's zone to the second (what the API writes as ISO 8601), or None."""
    from consult.committee import clock

    return clock.local(moment).replace(microsecond=0) if moment is not None else None


def organ_ref(organ) -> dict:
    """Return the reference to `organ` the API writes."""
    return {"id": organ.id, "name": organ.name, "slug": organ.slug, "kind": organ.kind}
