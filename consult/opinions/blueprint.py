"""The opinions blueprint and what the sitting's page asks of it when it shows a topic's opinion form."""

from __future__ import annotations

import secrets

from flask import Blueprint, current_app, g, url_for

from consult.committee import clock
from consult.onsite.collection import collection_state
from consult.opinions.queries import own_opinions

bp = Blueprint("opinions", __name__)

GUEST_NAME_MAX, GUEST_ORGANISATION_MAX = 50, 200

def new_submission_key() -> str:
    """Return a fresh one-time submission key for a rendered form."""
    return secrets.token_urlsafe(18)


@bp.app_template_global()
def opinion_panel(meeting, topic, member) -> dict:
    """Return what a topic's opinion form shows: the sitting's collection state, the member's own opinions
    on the topic, and a fresh submission key. One sitting's state and own opinions are read once a request."""
    cache = g.setdefault("opinion_panels", {})
    key = (meeting.id, member.id if member is not None else None)
    if key not in cache:
        collection = collection_state(meeting, clock.now())
        own = own_opinions(meeting.id, member.id) if member is not None else []
        cache[key] = (collection, own)
    collection, own = cache[key]
    return {
        "collection": collection,
        "own": [o for o in own if o.topic_id == topic.id],
        "key": new_submission_key(),
    }


@bp.app_template_global()
def opinion_identify_url(code: str, next_url: str) -> str | None:
    """Return the address where a member not recognised on this phone says who they are, or None before
    that page exists."""
    if "onsite.identify" not in current_app.view_functions:
        return None
    return url_for("onsite.identify", code=code, next=next_url)


@bp.app_template_global()
def sitting_page_url(code: str) -> str | None:
    """Return the address of the sitting's on-site page /m/<code>, or None before that page exists."""
    if "onsite.sitting_page" not in current_app.view_functions:
        return None
    return url_for("onsite.sitting_page", code=code)


@bp.app_template_global()
def member_opinions(member) -> list[dict]:
    """Return the member's opinions grouped by sitting, latest sitting first, for their own page: each group
    has the sitting, its code (None when it has none), whether opinions are open, and the opinions with
    their topics' titles. Four statements, however many sittings."""
    from consult.meetings.queries import meetings_with_topics
    from consult.onsite.collection import onsite_rows
    from consult.opinions.queries import opinions_of_member

    groups: dict[int, list] = {}
    for opinion in opinions_of_member(member.id):
        groups.setdefault(opinion.meeting_id, []).append(opinion)
    if not groups:
        return []
    rows = onsite_rows(groups)
    now = clock.now()
    result = []
    for meeting in meetings_with_topics(groups):
        titles = {t.id: t.title for t in meeting.topics}
        result.append({
            "meeting": meeting, "code": rows[meeting.id].code if meeting.id in rows else None,
            "open": collection_state(meeting, now, rows).open,
            "opinions": [(o, titles.get(o.topic_id, "")) for o in groups[meeting.id]],
        })
    return result
