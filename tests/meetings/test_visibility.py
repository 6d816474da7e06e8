"""Who sees what (内部 / 委员 / 公开) on every page and feed that lists sittings.

Internal and members-only sittings never reach anonymous readers or public feeds; their invitees
see them on their personal page and in their own feed; staff see everything.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from consult.extensions import db
from consult.plans import services as plan_services
from tests import factories

START = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)  # after the test clock's now (2030-03-01)
TITLES = {"public": "公开的协商会", "members": "委员可见的常委会议", "internal": "内部的秘书长会议"}


@pytest.fixture
def world(app, clock):
    factories.committee()
    invitee = factories.member("李明")
    outsider = factories.member("王芳")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[invitee, outsider])
    plan = plan_services.get_or_create_plan(2030)
    item = plan_services.add_item(
        plan, topic="年度协商", organ_id=organ.id, organising_organ_id=organ.id, consultation_form="thematic"
    )
    sittings = {
        visibility: factories.meeting(
            organ, title=title, starts_at=START, visibility=visibility, invitees=[invitee], plan_item_id=item.id
        )
        for visibility, title in TITLES.items()
    }
    plan_services.set_public(plan, True, now=clock.now)
    db.session.commit()
    return {"invitee": invitee, "outsider": outsider, "organ": organ, "sittings": sittings}


PUBLIC_PAGES = [
    "/", "/meetings", "/meetings/calendar?year=2030&month=3", "/feeds/all.ics", "/feeds/organ/standing.ics",
    "/organs/standing", "/plans/2030",
]


def _shown(body: str) -> set[str]:
    return {visibility for visibility, title in TITLES.items() if title in body}


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_anonymous_readers_see_public_sittings_only(client, world, path):
    response = client.get(path)
    assert response.status_code == 200
    assert _shown(response.get_data(as_text=True)) == {"public"}


def test_a_members_public_page_shows_only_public_sittings(client, world):
    body = client.get(f"/members/{world['invitee'].id}").get_data(as_text=True)
    assert _shown(body) == {"public"}


@pytest.mark.parametrize("visibility", ["members", "internal"])
def test_non_public_sitting_pages_and_downloads_are_404_for_anonymous(client, world, visibility):
    sitting = world["sittings"][visibility]
    assert client.get(f"/meetings/{sitting.id}").status_code == 404
    assert client.get(f"/meetings/{sitting.id}.ics").status_code == 404


def test_invitees_see_every_sitting_they_are_invited_to(client, world):
    member = world["invitee"]
    assert _shown(client.get(f"/my/{member.access_token}").get_data(as_text=True)) == set(TITLES)
    assert _shown(client.get(f"/feeds/member/{member.feed_token}.ics").get_data(as_text=True)) == set(TITLES)
    for sitting in world["sittings"].values():
        response = client.get(f"/my/{member.access_token}/sittings/{sitting.id}.ics")
        assert response.status_code == 200 and sitting.title in response.get_data(as_text=True)


def test_other_members_do_not_get_sittings_they_are_not_invited_to(client, world):
    member, sitting = world["outsider"], world["sittings"]["internal"]
    assert _shown(client.get(f"/my/{member.access_token}").get_data(as_text=True)) == set()
    assert _shown(client.get(f"/feeds/member/{member.feed_token}.ics").get_data(as_text=True)) == set()
    assert client.get(f"/my/{member.access_token}/sittings/{sitting.id}.ics").status_code == 404


@pytest.mark.parametrize("path", [p for p in PUBLIC_PAGES if not p.startswith("/feeds/")])
def test_staff_see_every_sitting(client, auth, world, path):
    auth.login()
    assert _shown(client.get(path).get_data(as_text=True)) == set(TITLES)


def test_staff_see_who_may_see_a_sitting_and_its_download(client, auth, world):
    auth.login()
    sitting = world["sittings"]["internal"]
    assert client.get(f"/meetings/{sitting.id}").status_code == 200
    response = client.get(f"/meetings/{sitting.id}.ics")
    assert response.status_code == 200 and "private" in response.headers["Cache-Control"]
