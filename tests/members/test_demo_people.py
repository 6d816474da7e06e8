"""The demo's people follow 政协 practice: sectors, seats, posts, protocol order, liaison (pure builders)."""

from __future__ import annotations

from collections import Counter

from consult.demo.organs import build_organs, liaison_organs
from consult.demo.people import SECTORS, build_members
from consult.members.models import PARTIES
from consult.members.posts import POSTS_BY_KIND, post_problems


def test_the_usual_district_sectors_are_there():
    names = {name for name, _ in SECTORS}
    for sector in ("总工会", "共青团", "妇联", "科协", "侨联", "特邀人士", "少数民族和宗教界", "医药卫生界",
                   "社会福利和社会保障界", "经济界", "教育界", "科技界", "文化艺术界", "九三学社", "农工党"):
        assert sector in names, sector


def test_seats_fit_their_people():
    members = build_members()
    assert all(m.gender == "female" for m in members if m.sector == "妇联")
    assert Counter(m.gender for m in members)["female"] >= 30
    assert all(m.party in PARTIES for m in members)
    assert all(m.party == m.sector for m in members if m.sector in ("民革", "民盟", "民建", "民进", "农工党"))
    leaders = sorted((m for m in members if m.role), key=lambda m: m.protocol_order)
    assert [m.role for m in leaders] == ["chair", *["vice_chair"] * 5, "secretary_general"]
    assert leaders[1].affiliation == "区政协副主席、党组副书记"  # 党组副书记 before 党组成员
    assert leaders[-1].affiliation == "区政协党组成员、秘书长"
    assert not any("，" in m.affiliation for m in leaders)  # posts are joined with 、
    assert {s for m in leaders for s in m.liaison_sectors} == {name for name, _ in SECTORS}


def test_organs_have_their_posts_and_names():
    members = build_members()
    by_number = {m.number: m for m in members}
    organs = {o.slug: o for o in build_organs(members)}
    assert not any("界界" in o.name for o in organs.values())
    assert organs["group-health"].name == "医卫界别小组"
    for organ in organs.values():
        if organ.kind in POSTS_BY_KIND:
            assert organ.posts, organ.slug
            assert post_problems(organ.kind, [(n, p) for n, p in organ.posts]) == []
            assert {n for n, _ in organ.posts} <= set(organ.member_numbers)
    heads = {o.slug: dict(o.posts) for o in organs.values()}
    assert "director" in heads["economy"].values() and "convener" in heads["group-health"].values()
    # The 工商联 vice-chair sits in (and looks after) the economy committee.
    fed = next(m for m in members if m.role == "vice_chair" and m.sector == "工商联")
    assert fed.number in organs["economy"].member_numbers
    assert "economy" in liaison_organs(members)[fed.number]
    assert all(by_number[n].role in ("chair", "vice_chair", "secretary_general") for n in liaison_organs(members))
