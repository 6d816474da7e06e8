"""Minutes, materials, links, members, sectors, organs, settings, plans and accounts: one entry per change, with its
actor and its fields before and after; secrets never in the clear."""

from __future__ import annotations

import io

from sqlalchemy import select

from consult.audit.changes import HIDDEN
from consult.auth.models import User
from consult.extensions import db
from consult.members.models import Member, Organ, Sector
from consult.plans.models import PlanItem
from tests.audit.conftest import by_user, entries, entry_count, only
from tests.browser_form import form_containing
from tests.materials.test_kinds_and_storage import PDF_BYTES

YEAR = 2030


def _minutes_form(meeting, **changes) -> dict:
    values = {"title": "区政协八届二次常委会议纪要", "issue_number": "3", "office": "政协崇川区委员会办公室",
              "issued_on": "2030-03-01", "opening": "会议召开。", "decisions": "同意。"}
    values.update({f"summary_{t.id}": "小结" for t in meeting.topics})
    values.update(changes)
    return values


def test_minutes_saved_approved_and_shared_are_recorded(client, world, staff):
    meeting = world.held
    url = f"/meetings/{meeting.id}/minutes"
    assert client.post(url, data=_minutes_form(meeting), content_type="multipart/form-data").status_code == 302
    saved = only("minutes.save")
    assert by_user(saved, staff) and saved.meeting_id == meeting.id and saved.before is None
    assert saved.after["decisions"] == "同意。" and saved.after["status"] == "draft"
    client.post(url, data=_minutes_form(meeting, decisions="同意。\n报送区委。"), content_type="multipart/form-data")
    second = entries("minutes.save")[1]
    assert (second.before, second.after) == ({"decisions": "同意。"}, {"decisions": "同意。\n报送区委。"})
    from consult.minutes.queries import minutes_of

    minutes = minutes_of(meeting.id)
    assert client.post(f"{url}/approve", data={"revision": minutes.revision}).status_code == 302
    approved = only("minutes.approve")
    assert approved.after["version"] == 1 and len(approved.after["sha256"]) == 64 and approved.after["size"] > 1000
    assert client.post(f"{url}/share", data={"shared": "1"}).status_code == 302
    assert only("minutes.share").after == {"shared": True}


def test_materials_attached_changed_and_removed_are_recorded(client, world, staff):
    meeting = world.published
    response = client.post(f"/meetings/{meeting.id}/materials", data={
        "file": (io.BytesIO(PDF_BYTES), "征求意见稿.pdf"), "title": "", "topic": "", "visibility": "invitees"},
        content_type="multipart/form-data")
    assert response.status_code == 302
    attached = only("material.upload")
    assert by_user(attached, staff) and attached.meeting_id == meeting.id
    assert attached.after["file_name"] == "征求意见稿.pdf" and attached.after["size"] == len(PDF_BYTES)
    material_id = attached.subject_id
    client.post(f"/meetings/{meeting.id}/materials/{material_id}/visibility", data={"visibility": "public"})
    assert only("material.visibility").after == {"visibility": "public"}
    client.post(f"/meetings/{meeting.id}/materials/{material_id}/delete", data={"confirmed": "1"})
    removed = only("material.remove")
    assert removed.before["title"] == "征求意见稿" and removed.after is None and removed.subject_id == material_id


def test_a_new_calendar_address_by_staff_and_by_the_member_keeps_only_the_tails(client, world, staff):
    old = world.zhang.feed_token
    response = client.post(f"/members/{world.zhang.id}/feed-token", data={"confirmed": "1"})
    assert response.status_code == 302
    entry = only("member.feed_token")
    db.session.expire_all()
    new = db.session.get(Member, world.zhang.id).feed_token
    assert by_user(entry, staff) and entry.subject_id == world.zhang.id
    assert (entry.before, entry.after) == ({"feed_token": "…" + old[-4:]}, {"feed_token": "…" + new[-4:]})
    assert old not in (entry.before_values + entry.after_values) and new not in entry.after_values
    client.post(f"/my/{world.li.access_token}/feed-token", data={"confirm": "y"})
    by_member = entries("member.feed_token")[1]
    assert (by_member.actor_kind, by_member.actor_id, by_member.actor_label) == ("member", world.li.id, "李常委")


def test_a_new_personal_link_is_recorded_without_the_link(client, world, staff):
    old = world.zhang.access_token
    assert client.post(f"/members/{world.zhang.id}/access-token", data={"confirmed": "1"}).status_code == 303
    entry = only("member.access_token")
    assert by_user(entry, staff) and old not in entry.before_values and entry.before == {"access_token": "…" + old[-4:]}


def _member_form(client, url: str, **changes) -> dict:
    fields = dict(form_containing(client.get(url).get_data(as_text=True), "name"))
    fields.update(changes)
    return fields


def test_members_added_edited_deactivated_and_reactivated_are_recorded(client, world, staff):
    data = _member_form(client, "/members/new", name="周新", sector_id=str(world.education.id), phone="13912345678")
    assert client.post("/members/new", data=data).status_code == 302
    created = only("member.create")
    assert by_user(created, staff)
    assert (created.after["name"], created.after["sector"], created.after["phone"]) == ("周新", "教育界", "13912345678")
    assert "access_token" not in created.after_values and "feed_token" not in created.after_values
    member_id = created.subject_id
    data = _member_form(client, f"/members/{member_id}/edit", phone="13900000000", affiliation="区实验中学")
    assert client.post(f"/members/{member_id}/edit", data=data).status_code == 302
    edited = only("member.update")
    assert (edited.before, edited.after) == ({"affiliation": "", "phone": "13912345678"},
                                             {"affiliation": "区实验中学", "phone": "13900000000"})
    client.post(f"/members/{member_id}/deactivate", data={"confirmed": "1"})
    assert only("member.deactivate").after == {"active": False}
    client.post(f"/members/{member_id}/reactivate", data={})
    assert only("member.reactivate").after == {"active": True}


def test_a_member_import_records_each_member_created_or_changed(client, world, staff):
    header = "姓名,界别,所属机构,职务,是否常委,手机,电子邮箱,委员编号,工作单位及职务\n"
    text = header + "钱新,科技界,常务委员会,,是,13811112222,,T001,\n张委员,教育界,,,,13800009999,,,\n"
    assert client.post("/members/import/confirm", data={"text": text}).status_code == 302
    found = {e.subject_label: e for e in entries("member.import")}
    assert set(found) == {"钱新", "张委员"} and all(by_user(e, staff) for e in found.values())
    assert found["钱新"].before is None and found["钱新"].after["organs"] == ["常务委员会"]
    assert found["钱新"].after["is_standing"] is True and found["钱新"].subject_id
    assert (found["张委员"].before, found["张委员"].after) == ({"phone": "13800003333"}, {"phone": "13800009999"})
    assert found["张委员"].subject_id == world.zhang.id


def test_sectors_added_and_renamed_are_recorded(client, world, staff):
    assert client.post("/sectors", data={"name": "科技界"}).status_code == 302
    created = only("sector.create")
    sector = db.session.get(Sector, created.subject_id)
    assert created.after == {"name": "科技界"} and by_user(created, staff)
    client.post(f"/sectors/{sector.id}/edit", data={"name": "科学技术界"})
    assert (only("sector.rename").before, only("sector.rename").after) == ({"name": "科技界"}, {"name": "科学技术界"})


def test_organs_added_edited_and_their_posts_are_recorded(client, world, staff):
    data = {"kind": "special_committee", "name": "提案委员会", "slug": "proposals", "number_label": "",
            "quorum_rule": "more_than_half", "notice_days": "", "prior_sittings_in_term": "0", "active": "y",
            "member_ids": [world.zhang.id]}
    assert client.post("/organs/new", data=data).status_code == 302
    created = only("organ.create")
    assert created.after["name"] == "提案委员会" and created.after["members"] == ["张委员"]
    client.post("/organs/proposals/edit",
                data={**data, "notice_days": "5", "member_ids": [world.zhang.id, world.li.id]})
    edited = only("organ.update")
    assert edited.before == {"notice_days": None, "members": ["张委员"]}
    assert edited.after == {"notice_days": 5, "members": sorted(["张委员", "李常委"])}
    organ = db.session.scalars(select(Organ).where(Organ.slug == "proposals")).one()
    page = client.get("/organs/proposals").get_data(as_text=True)
    fields = dict(form_containing(page, f"post-{world.zhang.id}"))
    fields.update({f"post-{world.zhang.id}": "director", f"starts_on-{world.zhang.id}": "2030-01-01"})
    assert client.post("/organs/proposals/composition", data=fields).status_code == 302
    seats = only("organ.composition")
    assert seats.subject_id == organ.id
    assert seats.after == {"seats": {"张委员": {"starts_on": "2030-01-01", "ends_on": None, "post": "director"}}}
    assert seats.before == {"seats": {"张委员": {"starts_on": None, "ends_on": None, "post": None}}}


def test_committee_settings_are_recorded_for_the_admin(client, world, admin):
    page = client.get("/settings").get_data(as_text=True)
    fields = dict(form_containing(page, "time_zone"))
    fields.update({"term": "9", "leave_deadline_days": "3"})
    assert client.post("/settings", data=fields).status_code == 302
    entry = only("committee.update")
    assert by_user(entry, admin) and entry.subject_type == "committee"
    assert (entry.before, entry.after) == ({"term": 8, "leave_deadline_days": 2}, {"term": 9, "leave_deadline_days": 3})


ITEM = {"topic": "加强科技企业创新能力建设", "consultation_form": "thematic", "sitting_kind": "meeting",
        "planned_month": "5", "planned_quarter": "", "planned_half": "", "counterpart_department": "区科技局",
        "participating_departments": "", "expected_result": "", "report_to": "", "notes": ""}


def test_plan_items_added_edited_moved_and_deleted_are_recorded(client, world, staff):
    data = {**ITEM, "organ_id": world.standing.id, "organising_organ_id": world.standing.id,
            "lead_member_id": world.chair.id}
    assert client.post(f"/plans/{YEAR}/items/new", data=data).status_code == 302
    assert client.post(f"/plans/{YEAR}/items/new", data={**data, "topic": "第二项"}).status_code == 302
    first, second = entries("plan_item.create")
    assert first.after["organ"] == "常务委员会" and first.after["lead_member"] == "王主席"
    assert first.after["year"] == YEAR and by_user(first, staff)
    client.post(f"/plans/items/{first.subject_id}/edit", data={**data, "topic": "改过的议题", "planned_month": "6"})
    edited = only("plan_item.update")
    assert edited.before == {"topic": "加强科技企业创新能力建设", "planned_month": 5}
    assert edited.after == {"topic": "改过的议题", "planned_month": 6}
    client.post(f"/plans/items/{second.subject_id}/move", data={"direction": "up"})
    assert (only("plan_item.move").before, only("plan_item.move").after) == ({"position": 2}, {"position": 1})
    client.post(f"/plans/items/{first.subject_id}/delete", data={"confirmed": "1"})
    deleted = only("plan_item.delete")
    assert deleted.before["topic"] == "改过的议题" and deleted.after is None
    assert db.session.get(PlanItem, first.subject_id) is None


def test_a_plan_import_records_each_item_and_the_plans_publication(client, world, staff):
    text = ("议题,协商形式,机构,承办,月份,牵头领导,对口部门\n"
            "关于社区养老服务的对口协商,对口协商,常务委员会,常务委员会,6,王主席,区民政局\n"
            "关于背街小巷整治的协商,专题协商,常务委员会,常务委员会,9,,区城管局\n")
    assert client.post(f"/plans/{YEAR}/import/confirm", data={"text": text}).status_code == 302
    imported = entries("plan_item.import")
    assert [e.subject_label for e in imported] == ["关于社区养老服务的对口协商", "关于背街小巷整治的协商"]
    assert imported[0].after["counterpart_department"] == "区民政局" and entries("plan_item.create") == []
    client.post(f"/plans/{YEAR}/publish", data={})
    client.post(f"/plans/{YEAR}/unpublish", data={})
    assert only("plan.publish").after == {"is_public": True} and only("plan.publish").subject_label == str(YEAR)
    assert only("plan.withdraw").after == {"is_public": False}
    client.post(f"/plans/{YEAR}/adoption", data={"title": "2030年度协商计划", "approved_by": "",
                                                 "approved_on": "", "document_number": "崇政协〔2030〕1号"})
    assert only("plan.update").after == {"title": "2030年度协商计划", "document_number": "崇政协〔2030〕1号"}


def test_an_account_made_by_the_command_is_recorded_as_the_system_without_its_password(runner, world):
    result = runner.invoke(args=["consult", "create-user", "clerk", "--role", "staff", "--password", "clerk-secret-1"])
    assert result.exit_code == 0, result.output
    entry = only("user.create")
    clerk = db.session.scalars(select(User).where(User.username == "clerk")).one()
    assert (entry.actor_kind, entry.actor_label) == ("system", "flask consult create-user")
    assert entry.subject_id == clerk.id and entry.after == {"username": "clerk", "display_name": "clerk",
                                                            "role": "staff", "active": True}
    assert "clerk-secret-1" not in (entry.after_values or "") and clerk.password_hash not in entry.after_values


def test_secret_fields_are_masked_whatever_the_caller_passes(app, world):
    from consult import audit

    audit.record("user.create", audit.Subject("user", 1, "x"), after={"password": "abcdefgh123",
                                                                     "password_hash": "scrypt:1:2:3$abc"})
    db.session.commit()
    entry = entries()[-1]
    assert entry.after == {"password": HIDDEN, "password_hash": HIDDEN}
    assert entry_count() == 1
