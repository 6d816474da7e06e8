"""People through the app: 常委 as one fact, composition with dates, posts, order, liaison, 应到 and 列席委员,
bad input on the people routes. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from consult.extensions import db
from consult.members import queries
from consult.members.models import Member, Organ, organ_member
from tests import factories as f

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

SITTING = datetime(2030, 6, 3, 1, 0, tzinfo=UTC)  # 09:00 on 3 June 2030 in Shanghai


def _seat(organ: Organ, member: Member, **values) -> None:
    db.session.execute(
        organ_member.update()
        .where(organ_member.c.organ_id == organ.id, organ_member.c.member_id == member.id)
        .values(**values)
    )


def _posts(organ: Organ) -> dict[int, str | None]:
    rows = db.session.execute(select(organ_member.c.member_id, organ_member.c.post)
                              .where(organ_member.c.organ_id == organ.id))
    return dict(rows.all())


@pytest.fixture
def people(app):
    f.committee(term=8)
    cpc, edu = f.sector("中共"), f.sector("教育界")
    chair = f.member("周林勇", cpc, role="chair", protocol_order=10)
    vice_b = f.member("成洁莉", cpc, role="vice_chair", protocol_order=30)  # 党组成员: after the 党组副书记
    vice_a = f.member("薛云玲", cpc, role="vice_chair", protocol_order=20)
    secretary = f.member("丁一", cpc, role="secretary_general", protocol_order=40)
    leaders = [chair, vice_a, vice_b, secretary]
    ordinary = [f.member(name, edu) for name in ("赵敏", "王芳", "李明", "陈晓", "钱红")]
    standing = f.organ("standing_committee", "常务委员会", slug="standing", members=[*leaders, *ordinary[:3]])
    chairs = f.organ("chair_meeting", "主席会议", slug="chairs", members=leaders)
    economy = f.organ("special_committee", "经济委员会", slug="economy", quorum_rule="none",
                      members=[vice_b, *ordinary])
    db.session.commit()
    return {"leaders": leaders, "ordinary": ordinary, "standing": standing, "chairs": chairs,
            "economy": economy, "chair": chair, "vice_a": vice_a, "vice_b": vice_b, "edu": edu, "cpc": cpc}


# --- 常委 is membership of the standing committee --------------------------------------------------


def _member_form(member: Member, **over) -> dict:
    data = {"name": member.name, "sector_id": member.sector_id, "role": member.role or "", "member_number": "",
            "affiliation": "", "phone": "", "email": "", "active": "y", "gender": "", "party": "",
            "protocol_order": member.protocol_order, "organ_ids": [o.id for o in member.organs]}
    data.update(over)
    return {k: v for k, v in data.items() if v is not None}


def test_standing_flag_and_membership_are_one_fact(client, auth, people):
    auth.login()
    zhao = people["ordinary"][0]
    assert zhao.is_standing  # seated in the standing committee by the fixture
    response = client.post(f"/members/{zhao.id}/edit",
                           data=_member_form(zhao, is_standing=None, organ_ids=[people["economy"].id]))
    assert response.status_code == 302
    db.session.expire_all()
    zhao = db.session.get(Member, zhao.id)
    assert not zhao.is_standing and [o.slug for o in zhao.organs] == ["economy"]
    assert zhao.id not in queries.composition(people["standing"].id, date(2030, 6, 3))
    # Ticking 常委 alone puts the member back: the organ list need not name it.
    response = client.post(f"/members/{zhao.id}/edit",
                           data=_member_form(zhao, is_standing="y", organ_ids=[people["economy"].id]))
    assert response.status_code == 302
    db.session.expire_all()
    zhao = db.session.get(Member, zhao.id)
    assert zhao.is_standing and sorted(o.slug for o in zhao.organs) == ["economy", "standing"]


def test_standing_flag_without_a_standing_committee_is_refused(client, auth, app):
    f.committee()
    sector = f.sector("教育界")
    db.session.commit()
    auth.login()
    response = client.post("/members/new", data={"name": "孙丽", "sector_id": sector.id, "is_standing": "y",
                                                  "active": "y", "protocol_order": 0})
    assert response.status_code == 400
    assert "There is no standing committee" in response.get_data(as_text=True)
    assert "孙丽" in response.get_data(as_text=True)  # what was typed stays
    assert db.session.scalar(select(func.count(Member.id))) == 0


def test_directory_shows_role_or_standing_never_both(client, people):
    page = client.get("/members").get_data(as_text=True)
    row = page[page.index("周林勇"):].split("</tr>")[0]
    assert "Chair" in row and "Standing member" not in row
    zhao_row = page[page.index("赵敏"):].split("</tr>")[0]
    assert "Standing member" in zhao_row


# --- order ------------------------------------------------------------------------------------------


def test_directory_lists_leaders_in_protocol_order_then_stroke_order(client, people):
    page = client.get("/members").get_data(as_text=True)
    body = page[page.index("<tbody>"):]
    names = re.findall(r'/members/\d+">([^<]+)</a>', body)
    # 薛云玲 (20) before 成洁莉 (30) although 成 has fewer strokes; then 王4 李7 陈7 赵9 钱10.
    assert names == ["周林勇", "薛云玲", "成洁莉", "丁一", "王芳", "李明", "陈晓", "赵敏", "钱红"]


def test_organ_page_puts_post_holders_after_leaders(client, people):
    economy, ordinary = people["economy"], people["ordinary"]
    _seat(economy, ordinary[4], post="director")  # 钱红 主任
    _seat(economy, ordinary[3], post="deputy_director")  # 陈晓 副主任
    db.session.commit()
    page = client.get("/organs/economy").get_data(as_text=True)
    names = re.findall(r'/members/\d+">([^<]+)</a>', page[page.index("<h2>Members"):])
    assert names == ["成洁莉", "钱红", "陈晓", "王芳", "李明", "赵敏"]
    assert "Director" in page and "Deputy director" in page


# --- composition with dates -------------------------------------------------------------------------


def test_composition_follows_membership_dates_and_activity(people):
    standing, ordinary = people["standing"], people["ordinary"]
    _seat(standing, ordinary[0], ends_on=date(2030, 5, 31))  # left at the end of May
    _seat(standing, ordinary[1], starts_on=date(2030, 6, 3))  # joined on the day
    ordinary[2].active = False
    db.session.commit()
    june = queries.composition(standing.id, date(2030, 6, 3))
    assert ordinary[0].id not in june and ordinary[1].id in june and ordinary[2].id not in june
    may = queries.composition(standing.id, date(2030, 5, 31))
    assert ordinary[0].id in may and ordinary[1].id not in may
    both = queries.compositions([(standing.id, date(2030, 5, 31)), (people["chairs"].id, date(2030, 5, 31))])
    assert both[(standing.id, date(2030, 5, 31))] == may
    assert both[(people["chairs"].id, date(2030, 5, 31))] == [m.id for m in
                                                              (people["chair"], people["vice_a"], people["vice_b"],
                                                               people["leaders"][3])]


# --- posts ------------------------------------------------------------------------------------------


def _composition_form(organ: Organ, **rows) -> dict:
    data = {}
    for member_id in _posts(organ):
        data[f"post-{member_id}"] = ""
        data[f"starts_on-{member_id}"] = ""
        data[f"ends_on-{member_id}"] = ""
    data.update(rows)
    return data


def test_staff_set_posts_and_dates_on_the_organ_page(client, auth, people):
    auth.login()
    economy, ordinary = people["economy"], people["ordinary"]
    response = client.post("/organs/economy/composition", data=_composition_form(
        economy, **{f"post-{ordinary[0].id}": "director", f"post-{ordinary[1].id}": "deputy_director",
                    f"starts_on-{ordinary[1].id}": "2030-01-01"}))
    assert response.status_code == 302
    db.session.expire_all()
    assert _posts(economy)[ordinary[0].id] == "director"
    assert _posts(economy)[ordinary[1].id] == "deputy_director"
    assert people["chair"] in queries.presiding_candidates(economy.id, date(2030, 6, 3))
    assert queries.presiding_candidates(economy.id, date(2030, 6, 3))[:3] == [ordinary[0], ordinary[1], people["chair"]]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (lambda o: {f"post-{o[0].id}": "director", f"post-{o[1].id}": "director"}, "An organ has only one Director"),
        (lambda o: {f"post-{o[0].id}": "convener"}, "this organ has no such post"),
        (lambda o: {f"starts_on-{o[0].id}": "2030-02-30"}, "is not a date"),
        (lambda o: {f"starts_on-{o[0].id}": "9999-01-01"}, "Dates must lie between 1900 and 2100"),
        (lambda o: {f"starts_on-{o[0].id}": "2030-06-01", f"ends_on-{o[0].id}": "2030-05-01"},
         "cannot end before it starts"),
        (lambda o: {f"starts_on-{o[0].id}": "2030\x00-01-01"}, "contains a NUL character"),
        (lambda o: {f"post-{o[0].id}": "director" * 100}, "this organ has no such post"),
    ],
)
def test_bad_posts_and_dates_store_nothing(client, auth, people, rows, message):
    auth.login()
    economy, ordinary = people["economy"], people["ordinary"]
    before = _posts(economy)
    response = client.post("/organs/economy/composition", data=_composition_form(economy, **rows(ordinary)))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert "Nothing was saved" in response.get_data(as_text=True)
    db.session.expire_all()
    assert _posts(economy) == before


def test_composition_form_is_staff_only(client, people):
    assert client.post("/organs/economy/composition", data={}).status_code in (302, 401, 403)


# --- leaders: lead candidates and liaison -----------------------------------------------------------


def test_lead_candidates_are_the_chair_meeting_in_protocol_order(people):
    assert queries.lead_candidates(date(2030, 6, 3)) == [people["chair"], people["vice_a"], people["vice_b"],
                                                          people["leaders"][3]]


def test_liaison_leader_for_an_organ_then_a_sector(client, auth, people):
    auth.login()
    vice_b = people["vice_b"]
    response = client.post(f"/members/{vice_b.id}/edit", data=_member_form(
        vice_b, is_standing="y", liaison_sector_ids=[people["edu"].id], liaison_organ_ids=[people["economy"].id]))
    assert response.status_code == 302
    db.session.expire_all()
    assert queries.liaison_leader_for(organ_id=people["economy"].id) == vice_b
    assert queries.liaison_leader_for(sector_id=people["edu"].id) == vice_b
    assert queries.liaison_leader_for(organ_id=people["standing"].id, sector_id=people["edu"].id) == vice_b
    assert queries.liaison_leader_for(sector_id=people["cpc"].id) is None
    assert "Liaison" in client.get(f"/members/{vice_b.id}").get_data(as_text=True)


def test_liaison_is_for_leaders_only(client, auth, people):
    auth.login()
    zhao = people["ordinary"][0]
    response = client.post(f"/members/{zhao.id}/edit", data=_member_form(
        zhao, is_standing="y", liaison_sector_ids=[people["edu"].id]))
    assert response.status_code == 400
    assert "Only leaders" in response.get_data(as_text=True)


# --- 应到 and 列席委员 on the meeting page -----------------------------------------------------------------


def test_meeting_page_counts_the_composition_and_lists_observing_members_apart(client, people):
    standing, ordinary, leaders = people["standing"], people["ordinary"], people["leaders"]
    # Invited: the leaders and one 常委 (two 常委 left off), plus 钱红 who is not a 常委.
    sitting = f.meeting(standing, starts_at=SITTING, invitees=[*leaders, ordinary[0], ordinary[4]], term=8, number=3)
    db.session.commit()
    page = client.get(f"/meetings/{sitting.id}").get_data(as_text=True)
    facts = page[page.index('class="facts"'):page.index("</dl>")]
    # 应到: the 7 members of the standing committee that day; 过半数 of 7 is 4.
    assert re.search(r"Invited \(应到\)</dt><dd>7</dd>", facts)
    assert "4 present needed" in facts
    observing = page[page.index("Observing members"):]
    assert "钱红" in observing and "赵敏" not in observing
    invitees = page[page.index("<h2>Invitees"):page.index("Observing members")]
    assert "赵敏" in invitees and "钱红" not in invitees
    # The 列席委员 keeps the sitting on their page.
    assert sitting.title in client.get(f"/members/{ordinary[4].id}").get_data(as_text=True)


def test_meeting_page_uses_the_composition_of_the_sitting_day(client, people):
    standing, ordinary = people["standing"], people["ordinary"]
    _seat(standing, ordinary[0], ends_on=date(2030, 6, 2))  # left the day before
    sitting = f.meeting(standing, starts_at=SITTING, invitees=[ordinary[0]])
    db.session.commit()
    page = client.get(f"/meetings/{sitting.id}").get_data(as_text=True)
    assert re.search(r"Invited \(应到\)</dt><dd>6</dd>", page)
    assert "赵敏" in page[page.index("Observing members"):]


# --- new organs take their kind's quorum -------------------------------------------------------------


@pytest.mark.parametrize(("kind", "rule"), [("plenary", "two_thirds"), ("standing_committee", "more_than_half"),
                                            ("special_committee", "none")])
def test_new_organ_takes_the_kinds_quorum(client, auth, app, kind, rule):
    f.committee()
    db.session.commit()
    auth.login()
    response = client.post("/organs/new", data={"kind": kind, "name": "某机构", "slug": "some", "quorum_rule": "",
                                                 "active": "y", "prior_sittings_in_term": 0})
    assert response.status_code == 302
    assert db.session.scalars(select(Organ).where(Organ.slug == "some")).one().quorum_rule == rule


# --- gender, party, CSV ------------------------------------------------------------------------------


def test_party_filter_and_csv_columns(client, auth, people):
    auth.login()
    zhao = people["ordinary"][0]
    response = client.post(f"/members/{zhao.id}/edit",
                           data=_member_form(zhao, is_standing="y", gender="female", party="民进"))
    assert response.status_code == 302
    page = client.get("/members?party=民进").get_data(as_text=True)
    assert "赵敏" in page and "王芳" not in page
    exported = client.get("/members/export.csv").data.decode("utf-8-sig")
    header, *rows = exported.splitlines()
    assert header.startswith("姓名,性别,政治面貌,界别")
    assert any(row.startswith("赵敏,女,民进,教育界") for row in rows)
    assert client.post(f"/members/{zhao.id}/edit",
                       data=_member_form(zhao, is_standing="y", party="某党")).status_code == 400


# --- bad input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/members/9999999999", "/members/2147483648", "/members/9999999999/edit",
     "/organs/" + "x" * 300, "/meetings/9999999999", "/sectors/9999999999/edit"],
)
def test_ids_beyond_the_integer_range_are_404(client, auth, people, url):
    auth.login()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("method", "url"),
    [("get", "/organs/a%00b"), ("get", "/members?q=%00"), ("get", "/members?party=%00"),
     ("post", "/organs/a%00b/composition")],
)
def test_nul_bytes_are_refused_with_a_message(english, auth, people, method, url):
    auth.login()
    response = getattr(english, method)(url)
    assert response.status_code == 400
    assert "NUL character" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query",
    ["q=" + "王" * 500, "sector=9999999999", "organ=9999999999", "sector=abc"],
)
def test_directory_filters_never_fail(client, people, query):
    assert client.get(f"/members?{query}").status_code == 200


@pytest.mark.parametrize("url", ["/members/9999999999/deactivate", "/organs/nowhere/composition"])
def test_posts_to_missing_rows_are_404(client, auth, people, url):
    auth.login()
    assert client.post(url, data={}).status_code == 404


def test_overlong_and_nul_names_are_refused(client, auth, people):
    auth.login()
    for name in ("王" * 51, "王\x00芳"):
        response = client.post("/members/new", data={"name": name, "sector_id": people["edu"].id, "active": "y",
                                                      "protocol_order": 0})
        assert response.status_code == 400, name
    assert db.session.scalar(select(func.count(Member.id)).where(Member.name.like("王%"))) == 1  # 王芳 only
