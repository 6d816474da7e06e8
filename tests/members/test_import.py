"""The member CSV import through the client: preview, all-or-nothing confirm, re-import, statement counts."""

from __future__ import annotations

import codecs
import io
import re

import pytest
from sqlalchemy import func, select

from consult.committee import get_committee
from consult.extensions import db
from consult.members.models import Member, Organ, Sector, organ_member
from tests import factories

pytestmark = pytest.mark.usefixtures("english")  # these tests read the English messages

HEADER = "姓名,界别,所属机构,职务,是否常委,手机,电子邮箱,委员编号,工作单位及职务\n"
GOOD = HEADER + (
    "张三,科技界,常委会、提案委员会,副主席,是,13800000001,zhang@example.cn,001,某大学校长\n"
    "李四,教育界,提案委员会,,否,13800000002,,002,\"某中学校长, 特级教师\"\n"
    "王五,新界别,,,N,,,,\n"
)


@pytest.fixture
def organs():
    standing = factories.organ("standing_committee", "政协常务委员会", slug="standing")
    proposals = factories.organ("special_committee", "提案委员会", slug="proposals")
    factories.sector("科技界")
    factories.sector("教育界")
    db.session.commit()
    return standing, proposals


def upload(client, text: str | bytes, encoding: str = "utf-8-sig", filename: str = "members.csv"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return client.post("/members/import", data={"file": (io.BytesIO(data), filename)},
                       content_type="multipart/form-data")


def hidden_text(page: str) -> str:
    import html

    return html.unescape(re.search(r'name="text" type="hidden" value="([^"]*)"', page).group(1))


def confirm(client, text: str):
    return client.post("/members/import/confirm", data={"text": text})


def member_count() -> int:
    return db.session.scalar(select(func.count(Member.id)))


def test_preview_writes_nothing_then_confirm_imports(client, auth, organs):
    auth.login()
    version = get_committee().data_version
    response = upload(client, GOOD)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "新界别" in page
    assert member_count() == 0
    response = confirm(client, hidden_text(page))
    assert response.status_code == 302
    db.session.expire_all()
    zhang = db.session.scalars(select(Member).where(Member.name == "张三")).one()
    assert (zhang.role, zhang.is_standing, zhang.member_number, zhang.sector.name) == ("vice_chair", True, "001",
                                                                                      "科技界")
    assert sorted(o.slug for o in zhang.organs) == ["proposals", "standing"]
    li = db.session.scalars(select(Member).where(Member.name == "李四")).one()
    assert li.affiliation == "某中学校长, 特级教师" and li.email == ""
    assert db.session.scalars(select(Sector).where(Sector.name == "新界别")).one()
    assert member_count() == 3
    assert get_committee().data_version > version


def test_second_import_of_the_same_file_updates_instead_of_duplicating(client, auth, organs):
    auth.login()
    confirm(client, GOOD)
    # 是否常委 and membership of the standing committee are one fact: both say 张三 leaves it.
    changed = GOOD.replace("13800000002", "13900000002").replace("常委会、提案委员会,副主席,是", "提案委员会,副主席,否")
    page = upload(client, changed).get_data(as_text=True)
    assert re.search(r"<strong>0</strong>\s*new members", page)
    assert re.search(r"<strong>2</strong>\s*updated", page)
    assert confirm(client, changed).status_code == 302
    db.session.expire_all()
    assert member_count() == 3
    li = db.session.scalars(select(Member).where(Member.name == "李四")).one()
    assert li.phone == "13900000002"
    zhang = db.session.scalars(select(Member).where(Member.name == "张三")).one()
    assert [o.slug for o in zhang.organs] == ["proposals"]


def test_bad_rows_are_all_listed_and_nothing_is_written(client, auth, organs):
    auth.login()
    factories.member("老委员", member_number="900")
    db.session.commit()
    before = member_count()
    bad = HEADER + (
        "张三,科技界,常委会,副主席,是,,,001,\n"
        ",科技界,,,,,,,\n"                              # line 3: empty name
        "李四,教育界,教育委员会,,,,,,\n"                 # line 4: unknown organ
        "王五,教育界,,主任,,,,,\n"                       # line 5: unknown role
        "赵六,教育界,,,也许,,,,\n"                       # line 6: bad flag
        "钱七,教育界,,,,,not-an-email,,\n"               # line 7: bad email
        "孙八,教育界,,,,,,001,\n"                        # line 8: duplicate number in the file
        "周九,教育界,,,,,,,\n"
        "周九,教育界,,,,,,,\n"                           # line 10: same person twice
        "吴十,教育界,委员会,,,,,,\n"                     # line 11: ambiguous organ
    )
    response = upload(client, bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    lines = [int(n) for n in re.findall(r"<tr><td>(\d+)</td><td>", page)]
    assert lines == [3, 4, 5, 6, 7, 8, 10, 11]
    assert 'name="text"' not in page  # no confirm button
    # Posting the text to confirm anyway changes nothing.
    assert confirm(client, bad).status_code == 409
    db.session.expire_all()
    assert member_count() == before
    assert db.session.scalar(select(func.count(Sector.id))) == 3


def test_confirm_validates_again(client, auth, organs):
    auth.login()
    text = hidden_text(upload(client, GOOD).get_data(as_text=True))
    # Between preview and confirm someone removes an organ the file names.
    db.session.execute(organ_member.delete())
    db.session.delete(db.session.scalars(select(Organ).where(Organ.slug == "proposals")).one())
    db.session.commit()
    response = confirm(client, text)
    assert response.status_code == 409
    assert "提案委员会" in response.get_data(as_text=True)
    assert member_count() == 0


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "Excel"),
        (b"", None),  # an empty upload is refused by the form
        ("姓名,部门\n张三,办公室\n".encode(), "部门"),
        (("姓名,界别\n张三,科技界\n".encode()) + "李四,教育界\n".encode("gb18030"), "line 3"),
    ],
)
def test_bad_files(client, auth, organs, data, fragment):
    auth.login()
    response = upload(client, data)
    assert response.status_code == 400
    if fragment:
        assert fragment in response.get_data(as_text=True)
    assert member_count() == 0


def test_gb18030_file(client, auth, organs):
    auth.login()
    response = upload(client, GOOD, encoding="gb18030")
    assert response.status_code == 200
    assert confirm(client, hidden_text(response.get_data(as_text=True))).status_code == 302
    assert db.session.scalar(select(func.count(Member.id)).where(Member.name == "张三")) == 1


def test_template_and_export_round_trip(client, auth, organs):
    auth.login()
    template = client.get("/members/import/template.csv")
    assert template.data.startswith(codecs.BOM_UTF8)
    assert template.data.decode("utf-8-sig").splitlines()[0] == (
        "姓名,性别,政治面貌,界别,所属机构,职务,是否常委,手机,电子邮箱,委员编号,工作单位及职务")
    confirm(client, GOOD)
    exported = client.get("/members/export.csv").data
    assert exported.startswith(codecs.BOM_UTF8)
    page = upload(client, exported).get_data(as_text=True)
    assert re.search(r"<strong>3</strong>\s*unchanged", page)


def _rows(count: int, start: int = 0) -> str:
    lines = [HEADER]
    for i in range(start, start + count):
        standing = "是" if i % 5 == 0 else "否"
        lines.append(f"委员{i:04d},界别{start}-{i % 7},提案委员会,,{standing},1380000{i:04d},,N{i:04d},\n")
    return "".join(lines)


def test_import_400_rows_in_a_fixed_number_of_statements(client, auth, organs, count_statements):
    auth.login()
    client.get("/members/import")  # the committee row is created on the first request
    counts = []
    for size, start in ((10, 0), (400, 10)):  # each file brings 7 new sectors
        text = _rows(size, start)
        db.session.expire_all()  # the test shares one session with the requests: start each from cold
        with count_statements() as preview:
            assert upload(client, text).status_code == 200
        db.session.expire_all()
        with count_statements() as write:
            assert confirm(client, text).status_code == 302
        counts.append((preview(), write()))
    assert counts[0] == counts[1]
    assert member_count() == 410
    # Updating all 410 at once costs the same as well.
    text = _rows(10) + _rows(400, 10).removeprefix(HEADER)
    text = text.replace(",否,", ",是,")
    db.session.expire_all()
    with count_statements() as update:
        assert confirm(client, text).status_code == 302
    assert update() <= counts[1][1] + 2
    standing = organs[0]
    assert db.session.scalar(
        select(func.count()).select_from(organ_member).where(organ_member.c.organ_id == standing.id)) == 410
