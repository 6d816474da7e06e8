"""What went into approved minutes: approving a version records the opinions it prints, and the duty records count
those of the latest approved version of each sitting."""

from __future__ import annotations

from sqlalchemy import select

from consult.extensions import db
from consult.minutes.models import PrintedOpinion
from consult.minutes.queries import printed_opinion_ids
from tests.records.conftest import approve_minutes, opinion


def test_approving_records_the_opinions_the_version_prints(world):
    feb = world.sittings["feb"]
    chair, other = world.people["周主席"], world.people["王请假"]
    repeated = opinion(feb, other, "建议设立科技创新专项资金！")
    original = db.session.scalars(select(PrintedOpinion)).all()
    assert original == []
    kept = [o for o in feb_opinions(feb) if o.text == "建议设立科技创新专项资金。"][0]
    repeated.duplicate_of_id = kept.id
    db.session.commit()
    version = approve_minutes(feb)
    printed = set(db.session.scalars(select(PrintedOpinion.opinion_id).where(PrintedOpinion.version_id == version.id)))
    assert printed == {kept.id}  # not the excluded one, not the withdrawn one, not the duplicate
    assert printed_opinion_ids([feb.id]) == {kept.id}
    assert printed_opinion_ids([world.sittings["may"].id]) == set() and printed_opinion_ids([]) == set()
    assert chair.id == kept.member_id


def feb_opinions(meeting):
    from consult.opinions.queries import opinions_of_sitting

    return opinions_of_sitting(meeting.id)


def test_the_latest_approved_version_counts(world):
    from consult.committee import clock, get_committee
    from consult.meetings.queries import meeting_for_detail
    from consult.minutes import queries, services
    from consult.minutes.gathering import stored_edits

    feb = world.sittings["feb"]
    approve_minutes(feb)
    first = set(printed_opinion_ids([feb.id]))
    kept = feb_opinions(feb)[0]
    kept.excluded_from_minutes = True
    added = opinion(feb, world.people["丁缺席"], "会后补交的书面意见。")
    minutes = queries.minutes_of(feb.id)
    detail = meeting_for_detail(feb.id)
    services.save_draft(detail, get_committee(), stored_edits(minutes), user_id=None, now=clock.now())
    minutes = queries.minutes_of(feb.id)
    services.approve(detail, get_committee(), minutes, revision=minutes.revision, user_id=None, now=clock.now())
    db.session.commit()
    assert first == {kept.id}
    assert printed_opinion_ids([feb.id]) == {added.id}
    # the first version's rows are kept: what it printed stays known
    assert len(db.session.scalars(select(PrintedOpinion)).all()) == 2
