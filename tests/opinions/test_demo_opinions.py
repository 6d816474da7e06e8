"""The demo's held sittings carry opinions in members' voices: some not to be named, a guest's, a likely
duplicate pair; loading again adds nothing."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from consult.demo.loader import load_demo
from consult.demo.opinions import load_opinions
from consult.extensions import db
from consult.meetings.models import Meeting
from consult.opinions.models import Opinion
from consult.opinions.text import good_submission_key, similar_pairs


def test_the_demo_has_opinions_on_held_sittings(app):
    load_demo(today=date(2026, 6, 15), admin_password="demo-password-1")
    db.session.commit()
    opinions = db.session.scalars(select(Opinion)).all()
    assert len(opinions) >= 15
    held = set(db.session.scalars(select(Meeting.id).where(Meeting.status == "held")))
    assert {o.meeting_id for o in opinions} <= held
    assert any(not o.named for o in opinions) and any(o.recorded_by_id for o in opinions)
    guests = [o for o in opinions if o.member_id is None]
    assert len(guests) >= 1 and all(g.guest_name and g.guest_organisation for g in guests)
    assert all(2 <= o.text.count("。") + o.text.count("；") <= 8 for o in opinions)
    assert similar_pairs((o.id, o.topic_id, o.text) for o in opinions)
    # Their authors can edit and withdraw them as they would their own: the keys are what the phone form sends.
    assert all(good_submission_key(o.submission_key) for o in opinions)
    assert load_opinions(None) == 0
    assert len(db.session.scalars(select(Opinion)).all()) == len(opinions)
