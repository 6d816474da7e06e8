"""Member, sector, organ and settings pages through the client: privacy, staff-only forms, statement counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.committee import get_committee
from consult.extensions import db
from consult.members.models import Member, Organ, Sector
from tests import factories

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages


def _member(**fields):
    m = factories.member(
        name=fields.pop("name", "张三"), phone="13800001111", email="zhang@example.cn", member_number="M-001",
        affiliation="某大学教授", **fields,
    )
    db.session.commit()
    return m


def test_public_directory_hides_contact_details(client):
    m = _member()
    page = client.get("/members").get_data(as_text=True)
    assert m.name in page and "某大学教授" in page
    for private in ("13800001111", "zhang@example.cn", "M-001"):
        assert private not in page
    detail = client.get(f"/members/{m.id}").get_data(as_text=True)
    assert m.name in detail
    for private in ("13800001111", "zhang@example.cn", "M-001", m.access_token):
        assert private not in detail


def test_staff_see_contact_details(client, auth):
    m = _member()
    auth.login()
    page = client.get("/members").get_data(as_text=True)
    assert "13800001111" in page and "zhang@example.cn" in page and "M-001" in page
    detail = client.get(f"/members/{m.id}").get_data(as_text=True)
    assert "13800001111" in detail and "zhang@example.cn" in detail


def test_staff_search_by_phone_but_public_cannot(client, auth):
    _member()
    assert "张三" not in client.get("/members?q=13800001111").get_data(as_text=True).split("<table")[-1]
    auth.login()
    assert "张三" in client.get("/members?q=13800001111").get_data(as_text=True)


def test_directory_filters(client):
    tech, edu = factories.sector("科技界"), factories.sector("教育界")
    organ = factories.organ(name="提案委员会", slug="proposals")
    factories.member("李四", tech)
    wang = factories.member("王五", edu)
    wang.organs.append(organ)
    db.session.commit()
    by_sector = client.get(f"/members?sector={tech.id}").get_data(as_text=True)
    assert "李四" in by_sector and "王五" not in by_sector
    by_organ = client.get(f"/members?organ={organ.id}").get_data(as_text=True)
    assert "王五" in by_organ and "李四" not in by_organ
    by_name = client.get("/members?q=王").get_data(as_text=True)
    assert "王五" in by_name and "李四" not in by_name


def test_inactive_member_hidden_from_public(client, auth):
    m = _member(active=False)
    assert client.get(f"/members/{m.id}").status_code == 404
    assert "张三" not in client.get("/members").get_data(as_text=True)
    auth.login()
    assert client.get(f"/members/{m.id}").status_code == 200


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/members/new"),
        ("post", "/members/new"),
        ("get", "/members/{id}/edit"),
        ("post", "/members/{id}/deactivate"),
        ("get", "/members/import"),
        ("post", "/members/import"),
        ("post", "/members/import/confirm"),
        ("get", "/members/import/template.csv"),
        ("get", "/members/export.csv"),
        ("post", "/sectors"),
        ("get", "/sectors/{sector}/edit"),
        ("get", "/organs/new"),
        ("get", "/organs/{slug}/edit"),
        ("get", "/settings"),
        ("post", "/settings"),
    ],
)
def test_staff_only(client, method, url):
    m = _member()
    organ = factories.organ(slug="standing")
    db.session.commit()
    url = url.format(id=m.id, sector=m.sector_id, slug=organ.slug)
    response = getattr(client, method)(url)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
    assert db.session.get(Member, m.id).active


def test_create_member(client, auth):
    sector = factories.sector("医卫界")
    organ = factories.organ(name="常务委员会", slug="standing")
    db.session.commit()
    auth.login()
    response = client.post("/members/new", data={
        "name": "赵六", "sector_id": sector.id, "role": "vice_chair", "is_standing": "y", "member_number": "A7",
        "phone": "021-1234", "email": "zhao@example.cn", "organ_ids": [organ.id], "active": "y",
    })
    assert response.status_code == 302
    member = db.session.scalars(select(Member).where(Member.name == "赵六")).one()
    assert (member.role, member.is_standing, member.member_number, member.sector.name) == ("vice_chair", True, "A7",
                                                                                          "医卫界")
    assert [o.name for o in member.organs] == ["常务委员会"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "member_number": ""}, 'name="name"'),
        ({"name": "新人", "member_number": "M-001"}, "Another member already has the member number M-001."),
        ({"name": "新人", "email": "not-an-email"}, "Not an email address."),
        ({"name": "长" * 51}, 'name="name"'),
    ],
)
def test_member_form_rejects(client, auth, data, message):
    existing = _member()
    auth.login()
    before = db.session.scalar(select(db.func.count(Member.id)))
    response = client.post("/members/new", data={"sector_id": existing.sector_id, **data})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert page.count("has-error") == 1
    if data["name"]:
        assert data["name"] in page  # what the person typed is kept
    assert db.session.scalar(select(db.func.count(Member.id))) == before


def test_edit_keeps_own_member_number_and_rejects_another(client, auth):
    first = _member()
    second = factories.member("李四", member_number="M-002")
    db.session.commit()
    auth.login()
    ok = client.post(f"/members/{first.id}/edit", data={"name": "张三丰", "sector_id": first.sector_id,
                                                       "member_number": "M-001", "active": "y"})
    assert ok.status_code == 302
    clash = client.post(f"/members/{second.id}/edit", data={"name": "李四", "sector_id": second.sector_id,
                                                           "member_number": "M-001", "active": "y"})
    assert clash.status_code == 400
    db.session.expire_all()
    assert db.session.get(Member, first.id).name == "张三丰"
    assert db.session.get(Member, second.id).member_number == "M-002"


def test_deactivate_and_reactivate(client, auth):
    m = _member()
    auth.login()
    assert client.post(f"/members/{m.id}/deactivate", data={"confirmed": "1"}).status_code == 302
    db.session.expire_all()
    assert not db.session.get(Member, m.id).active
    client.post(f"/members/{m.id}/reactivate")
    db.session.expire_all()
    assert db.session.get(Member, m.id).active


def test_sectors_add_and_rename(client, auth):
    auth.login()
    assert client.post("/sectors", data={"name": "经济界"}).status_code == 302
    assert client.post("/sectors", data={"name": "经济界"}).status_code == 400
    sector = db.session.scalars(select(Sector).where(Sector.name == "经济界")).one()
    assert client.post(f"/sectors/{sector.id}/edit", data={"name": "经济一界"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Sector, sector.id).name == "经济一界"
    assert "经济一界" in client.get("/sectors").get_data(as_text=True)


def test_organ_pages(client, auth, clock):
    factories.committee()
    chair = factories.member("主席甲", role="chair")
    plain = factories.member("委员乙")
    organ = factories.organ(name="常务委员会", slug="standing", members=[plain, chair], quorum_rule="two_thirds")
    factories.meeting(organ, title="公开的会议", starts_at=clock.now + timedelta(days=3))
    factories.meeting(organ, title="草稿会议", status="draft", starts_at=clock.now + timedelta(days=4))
    db.session.commit()
    listing = client.get("/organs").get_data(as_text=True)
    assert "常务委员会" in listing and "2" in listing
    page = client.get("/organs/standing").get_data(as_text=True)
    assert page.index("主席甲") < page.index("委员乙")  # leadership first
    assert "公开的会议" in page and "草稿会议" not in page
    auth.login()
    assert "草稿会议" in client.get("/organs/standing").get_data(as_text=True)
    assert client.get("/organs/nothing").status_code == 404


def test_organ_create_and_edit(client, auth):
    a, b = factories.member("甲"), factories.member("乙")
    db.session.commit()
    auth.login()
    data = {"kind": "special_committee", "name": "提案委员会", "slug": "proposals", "number_label": "",
            "quorum_rule": "more_than_half", "notice_days": "", "prior_sittings_in_term": "3", "active": "y",
            "member_ids": [a.id, b.id]}
    assert client.post("/organs/new", data=data).status_code == 302
    organ = db.session.scalars(select(Organ).where(Organ.slug == "proposals")).one()
    assert organ.notice_days is None and organ.prior_sittings_in_term == 3
    assert sorted(m.name for m in organ.members) == ["乙", "甲"]
    duplicate = client.post("/organs/new", data={**data, "name": "提案委员会", "slug": "proposals"})
    assert duplicate.status_code == 400
    bad_slug = client.post("/organs/new", data={**data, "name": "经济委员会", "slug": "经济"})
    assert bad_slug.status_code == 400
    edited = client.post("/organs/proposals/edit", data={**data, "notice_days": "5", "member_ids": [a.id]})
    assert edited.status_code == 302
    db.session.expire_all()
    organ = db.session.get(Organ, organ.id)
    assert organ.notice_days == 5 and [m.name for m in organ.members] == ["甲"]


def test_settings(client, auth):
    auth.login("admin", "admin-password", role="admin")
    assert client.post("/settings", data={"name": "政协崇川区委员会", "short_name": "区政协", "term": "8",
                                          "time_zone": "Mars/Olympus"}).status_code == 400
    assert get_committee().time_zone == "Asia/Shanghai"
    assert client.post("/settings", data={"name": "政协崇川区委员会", "short_name": "区政协", "term": "8",
                                          "formal_prefix": "中国人民政治协商会议南通市崇川区",
                                          "formal_suffix": "委员会", "time_zone": "Asia/Urumqi"}).status_code == 302
    db.session.expire_all()
    committee = db.session.scalars(select(get_committee().__class__)).one()
    assert (committee.term, committee.time_zone) == (8, "Asia/Urumqi")
    assert committee.effective_formal_prefix == "中国人民政治协商会议南通市崇川区"


def _members(count: int) -> None:
    sectors = list(db.session.scalars(select(Sector))) or [factories.sector(f"界别{i}") for i in range(5)]
    organs = list(db.session.scalars(select(Organ))) or [
        factories.organ(name=f"机构{i}", slug=f"o-{i}") for i in range(3)
    ]
    for i in range(count):
        m = Member(name=f"委员{count}-{i:03d}", sector=sectors[i % 5], role="vice_chair" if i < 3 else None)
        m.organs = [organs[i % 3]]
        db.session.add(m)
    db.session.commit()


@pytest.mark.parametrize("url", ["/members", "/organs", "/organs/o-1", "/sectors"])
def test_pages_run_a_fixed_number_of_statements(app, client, auth, count_statements, url):
    auth.login()
    client.get(url)  # warm up: the committee row, the user
    counts = []
    for size in (10, 390):  # 10, then 400 members
        _members(size)
        db.session.expire_all()  # the test shares one session with the requests: start each from cold
        with count_statements() as n:
            assert client.get(url).status_code == 200
        counts.append(n())
    assert counts[0] == counts[1]


def test_a_new_term_restarts_numbering(client, auth):
    factories.committee(term=8)
    organ = factories.organ(kind="standing_committee", prior_sittings_in_term=11)
    db.session.commit()
    auth.login("admin", "admin-password", role="admin")
    settings = {
        "name": "政协崇川区委员会", "short_name": "区政协", "formal_suffix": "委员会", "time_zone": "Asia/Shanghai",
    }
    assert client.post("/settings", data={**settings, "term": "8"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Organ, organ.id).prior_sittings_in_term == 11  # same term: the paper count stays
    assert client.post("/settings", data={**settings, "term": "9"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Organ, organ.id).prior_sittings_in_term == 0
