"""Every staff text field has a limit, stated in the form, and the server enforces that same limit (review
finding #8: 7 MB of observers and 200,000 topics were stored).

The walk opens each staff form as a person would, reads the limit each text field states (a one-line input's
maxlength, a long text's hint under it), and sends the form back with that one field one character over:
the answer is a 4xx page saying what is wrong, and the database is exactly as before. Then the same form, as
read, is sent untouched or with what a new record needs, and is accepted: so the refusals were the limits'.
A last test checks that every text field of every form class in the code has such a limit.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from wtforms import HiddenField, StringField
from wtforms.validators import Length

import consult
from consult.extensions import db
from consult.meetings.services import LIST_MAX, NOTES_MAX, TOPIC_MAX, TOPICS_MAX
from consult.opinions.services import give_opinion
from consult.plans.models import ConsultationPlan, PlanItem
from tests import factories
from tests.browser_form import form_fields
from tests.conftest import TEST_NOW

# --- reading a form and its limits the way a person sees them -------------------------------------------------


@dataclass
class TextField:
    name: str
    kind: str  # "input" (with its type) or "textarea"
    limit: int | None = None  # characters
    lines: int | None = None  # items of an agenda
    line: int | None = None  # characters of one item


@dataclass
class Form:
    action: str
    index: int
    texts: dict[str, TextField] = field(default_factory=dict)


_LIMIT_HINTS = [
    (re.compile(r"每行一项，最多(\d+)项，每项不超过(\d+)字"), "lines"),
    (re.compile(r"不超过([\d,]+)字"), "limit"),
]


class _TextFields(HTMLParser):
    """The forms of a page with their text fields and the limit each states."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._field_box: list[str] = []  # names of the text fields inside the .field box being read
        self._box_depth = 0
        self._depth = 0
        self._hint = False
        self._hint_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self._depth += 1
        if tag == "form":
            self.forms.append(Form(a.get("action") or "", len(self.forms)))
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "div" and "field" in (a.get("class") or "").split():
            self._field_box, self._box_depth = [], self._depth
        kind = (a.get("type") or "text").lower()
        if tag == "input" and kind in ("text", "search", "tel", "email", "url") and a.get("name"):
            maxlength = a.get("maxlength")
            form.texts[a["name"]] = TextField(a["name"], f"input:{kind}", int(maxlength) if maxlength else None)
            self._field_box.append(a["name"])
        elif tag == "textarea" and a.get("name"):
            maxlength = a.get("maxlength")
            form.texts[a["name"]] = TextField(a["name"], "textarea", int(maxlength) if maxlength else None)
            self._field_box.append(a["name"])
        elif tag == "p" and "hint" in (a.get("class") or "").split():
            self._hint, self._hint_text = True, ""

    def handle_data(self, data):
        if self._hint:
            self._hint_text += data

    def handle_endtag(self, tag):
        if tag == "p" and self._hint:
            self._hint = False
            for pattern, kind in _LIMIT_HINTS:
                found = pattern.search(self._hint_text)
                if found and self._field_box:
                    text = self.forms[-1].texts[self._field_box[-1]]
                    if kind == "lines":
                        text.lines, text.line = int(found.group(1)), int(found.group(2))
                    elif text.lines is None:
                        text.limit = int(found.group(1).replace(",", ""))
                    break
        if tag == "div" and self._depth == self._box_depth:
            self._field_box, self._box_depth = [], 0
        self._depth -= 1


def _form(html: str, marker: str) -> tuple[Form, list[tuple[str, str]]]:
    """Return the first form of `html` with a field named `marker`, and the fields a browser would send."""
    reader = _TextFields()
    reader.feed(html)
    for form in reader.forms:
        fields = form_fields(html, form.index)
        if any(name == marker for name, _ in fields):
            return form, fields
    raise LookupError(f"no form with a field {marker!r}")


def _overlong(text: TextField) -> tuple[str, str]:
    """Return (what is typed, why it is too long): one character past the field's stated limit."""
    if text.lines is not None:
        return "\n".join(f"第{n}项议题" for n in range(text.lines + 1)), f"{text.lines + 1} items"
    assert text.limit is not None, f"{text.name}: the form states no limit"
    if text.kind == "input:email":
        return "a" * (text.limit + 1 - len("@example.cn")) + "@example.cn", f"{text.limit + 1} characters"
    if text.kind == "input:tel":
        return "1" * (text.limit + 1), f"{text.limit + 1} digits"
    return "议" * (text.limit + 1), f"{text.limit + 1} characters"


def _fingerprint() -> dict:
    """Return every row of every table: what "nothing stored" compares."""
    db.session.expire_all()
    rows = {}
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            rows[table.name] = sorted(map(repr, connection.execute(table.select()).all()))
    return rows


@dataclass(frozen=True)
class StaffForm:
    """A staff form: its page, a field only it has, and what a person types before saving a new record."""

    page: str
    marker: str
    typed: dict = field(default_factory=dict)
    admin: bool = False
    accepted: tuple[int, ...] = (302, 303)
    file: bool = False


def _post(client, action: str, fields, file: bool):
    data = MultiDict(fields)
    if file:
        data.add("file", (io.BytesIO(b"%PDF-1.4\n%consult test\n"), "议程.pdf"))
        return client.post(action, data=data, content_type="multipart/form-data")
    return client.post(action, data=data)


# --- the office: one of each thing a staff form edits ---------------------------------------------------------


@pytest.fixture
def office(app, clock):
    factories.committee(term=8)
    sector = factories.sector("科技界")
    chair = factories.member("周林勇", sector, role="chair", member_number="001", phone="13800000001")
    member = factories.member("王敏", sector, member_number="003", phone="13800000003")
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[chair, member])
    special = factories.organ("special_committee", "提案委员会", slug="proposals", members=[member])
    coming = TEST_NOW + timedelta(days=20)
    published = factories.meeting(organ, title="专题协商会议", starts_at=coming, topics=["城市更新"],
                                  invitees=[chair, member])
    postponable = factories.meeting(organ, title="常委会议", starts_at=coming + timedelta(days=1),
                                    invitees=[chair, member])
    cancellable = factories.meeting(special, title="对口协商", starts_at=coming + timedelta(days=2),
                                    invitees=[member])
    today = factories.meeting(organ, title="今日专题协商", starts_at=TEST_NOW + timedelta(minutes=30),
                              topics=["老旧小区改造"], invitees=[chair, member])
    held = factories.meeting(organ, title="八届十二次常委会议", starts_at=TEST_NOW - timedelta(days=7),
                             status="held", topics=["科技创新", "民生实事"], invitees=[chair, member])
    plan = ConsultationPlan(year=2030, title="2030年度协商计划", is_public=False, notes="")
    db.session.add(plan)
    db.session.flush()
    item = PlanItem(plan=plan, organ=organ, organising_organ=special, topic="加强科技企业创新能力建设",
                    consultation_form="thematic", planned_month=6, position=0)
    db.session.add(item)
    db.session.flush()
    from consult.onsite.services import ask_leave

    ask_leave(today.id, chair.id, "外出开会", now=TEST_NOW, late=False)
    topic = held.topics[0]
    opinion, _ = give_opinion(meeting_id=held.id, topic_id=topic.id, submission_key="k" * 24,
                              text="建议加大研发投入。", named=True, now=TEST_NOW, member_id=member.id)
    db.session.commit()
    return {"published": published, "postponable": postponable, "cancellable": cancellable, "today": today,
            "held": held, "item": item, "opinion": opinion, "sector": sector, "member": member, "organ": organ,
            "topic": topic, "special": special}


# The notify boxes of a change to a published sitting, unticked: the change is saved without a notice preview.
NO_NOTICES = {"notify_sms": None, "notify_email": None}


def _forms(o) -> list[StaffForm]:
    day = (TEST_NOW + timedelta(days=60)).date().isoformat()
    meeting, held = o["published"].id, o["held"].id
    return [
        StaffForm("/meetings/new", "title", {"title": "新的专题协商", "date": day, "start_time": "09:00",
                                              "end_time": "11:00"}),
        StaffForm(f"/meetings/{meeting}/edit", "title", {"change_reason": ""}),
        StaffForm(f"/meetings/{meeting}/reschedule", "change_reason",
                  {"date": day, "start_time": "09:00", "end_time": "11:00", "change_reason": "因区委全会时间调整",
                   **NO_NOTICES}),
        StaffForm(f"/meetings/{o['postponable'].id}/postpone", "reason", {"reason": "因故延期", **NO_NOTICES}),
        StaffForm(f"/meetings/{o['cancellable'].id}/cancel", "reason",
                  {"reason": "因议题调整，本次协商取消", **NO_NOTICES}),
        StaffForm("/members/new", "name", {"name": "陈新", "sector": "科技界"}),
        StaffForm(f"/members/{o['member'].id}/edit", "name"),
        StaffForm("/organs/new", "slug", {"name": "经济委员会", "slug": "economy"}),
        StaffForm("/organs/standing/edit", "slug"),
        StaffForm("/sectors", "name", {"name": "教育界"}),
        StaffForm(f"/sectors/{o['sector'].id}/edit", "name"),
        StaffForm("/settings", "short_name", admin=True),
        StaffForm("/plans/2030/adoption", "document_number", {"title": "2030年度协商计划"}),
        StaffForm("/plans/2030/items/new", "topic", {"topic": "关于背街小巷整治的协商",
                                                     "organ_id": str(o["organ"].id),
                                                     "organising_organ_id": str(o["special"].id)}),
        StaffForm(f"/plans/items/{o['item'].id}/edit", "topic"),
        StaffForm("/plans/series/new", "holidays",
                  {"organ_id": str(o["organ"].id), "title": "主席会议", "first_date": day, "last_date": day,
                   "recurrence": "monthly_day", "day": day[-2:].lstrip("0"), "official_holidays": None,
                   "create": "1"}),
        StaffForm(f"/meetings/{meeting}/materials", "title", {"title": "征求意见稿"}, file=True),
        StaffForm(f"/meetings/{held}/minutes", "office"),
        StaffForm(f"/meetings/{held}/opinions/new", "guest_organisation",
                  {"topic": str(o["topic"].id), "who": "guests", "guest_name": "陈立新",
                   "guest_organisation": "区城管局", "text": "建议建立台账。"},
                  accepted=(303,)),
        StaffForm(f"/meetings/{held}/opinions/{o['opinion'].id}/correct", "text", {"text": "建议加大研发投入力度。"},
                  accepted=(303,)),
        StaffForm(f"/meetings/{o['today'].id}/attendance", "reason",
                  {"member_id": str(o["member"].id), "reason": "外出开会"}, accepted=(302, 303)),
        StaffForm(f"/meetings/{o['today'].id}/attendance", "note", {"decision": "approve"}, accepted=(302, 303)),
    ]


def _log_in(auth, admin: bool) -> None:
    if admin:
        auth.login("admin", "admin-password", role="admin")
    else:
        auth.login()


def test_every_staff_text_field_refuses_one_character_past_its_stated_limit(client, auth, office):
    walked, fields_checked = 0, 0
    for staff_form in _forms(office):
        auth.logout()
        _log_in(auth, staff_form.admin)
        page = client.get(staff_form.page)
        assert page.status_code == 200, staff_form.page
        form, fields = _form(page.get_data(as_text=True), staff_form.marker)
        assert form.texts, f"{staff_form.page}: no text field"
        action = form.action or staff_form.page
        typed = dict(staff_form.typed)
        base = [(name, typed.pop(name, value)) for name, value in fields] + list(typed.items())
        base = [(name, value) for name, value in base if value is not None]  # None: unticked
        for text in form.texts.values():
            value, why = _overlong(text)
            before = _fingerprint()
            sent = [(name, value if name == text.name else old) for name, old in base]
            if text.name not in dict(sent):
                sent.append((text.name, value))
            response = _post(client, action, sent, staff_form.file)
            where = f"{staff_form.page} {text.name} ({why})"
            assert 400 <= response.status_code < 500, f"{where}: answered {response.status_code}"
            body = response.get_data(as_text=True)
            assert 'role="alert"' in body and "site-header" in body, f"{where}: no message on the page"
            assert _fingerprint() == before, f"{where}: something was stored"
            fields_checked += 1
        # The form as read (with what a new record needs) is accepted: the refusals were the limits'.
        response = _post(client, action, base, staff_form.file)
        assert response.status_code in staff_form.accepted, (
            f"{staff_form.page}: the form as read answered {response.status_code}:"
            f" {re.findall(r'role=.alert.>([^<]*)', response.get_data(as_text=True))}")
        walked += 1
    print(f"{walked} staff forms, {fields_checked} text fields refused one past their limit")  # noqa: T201 (-s)
    assert walked == len(_forms(office)) and fields_checked >= 60, (walked, fields_checked)


def test_an_agenda_item_past_its_length_and_the_reviews_huge_values_are_refused(english, auth, office):
    """The review's 7,000,000 characters of observers and 200,000 topics, and one topic one character long."""
    auth.login()
    organ = office["organ"]
    day = (TEST_NOW + timedelta(days=60)).date().isoformat()
    base = {"organ_id": organ.id, "sitting_kind": "meeting", "consultation_form": "none", "title": "大会",
            "date": day, "start_time": "09:00", "end_time": "11:00"}
    before = _fingerprint()
    for values, message in [
        ({"observers": "x" * 7_000_000}, f"At most {LIST_MAX:,} characters; this text has 7,000,000"),
        ({"topics": "\n".join("议题" for _ in range(200_000))}, f"At most {TOPICS_MAX} topics; this agenda has 200000"),
        ({"topics": "议" * (TOPIC_MAX + 1)}, f"A topic has at most {TOPIC_MAX} characters"),
        ({"notes": "注" * (NOTES_MAX + 1)}, f"At most {NOTES_MAX:,} characters"),
    ]:
        response = english.post("/meetings/new", data={**base, **values})
        assert response.status_code == 422
        assert message in response.get_data(as_text=True), message
    assert _fingerprint() == before
    # At the limits themselves the sitting is saved.
    response = english.post("/meetings/new", data={
        **base, "observers": "列" * LIST_MAX, "notes": "注" * NOTES_MAX,
        "topics": "\r\n".join(f"第{n}项" + "议" * (TOPIC_MAX - 4) for n in range(TOPICS_MAX))})
    assert response.status_code == 302
    from consult.meetings.models import Meeting

    saved = db.session.scalars(select(Meeting).where(Meeting.title == "大会")).one()
    assert len(saved.topics) == TOPICS_MAX and len(saved.observers) == LIST_MAX


def test_the_services_refuse_what_the_forms_refuse(app, office):
    """Other callers of the meeting services (a series, the API) meet the same limits."""
    from consult.meetings.services import MeetingError, create_meeting, update_meeting

    meeting = office["published"]
    starts = datetime(2030, 6, 1, 1, 0, tzinfo=UTC)
    for values, code in [({"topics": ["议题"] * (TOPICS_MAX + 1)}, "too_many_topics"),
                         ({"observers": "列" * (LIST_MAX + 1)}, "text_too_long"),
                         ({"guests": "出" * (LIST_MAX + 1)}, "text_too_long"),
                         ({"notes": "注" * (NOTES_MAX + 1)}, "text_too_long")]:
        with pytest.raises(MeetingError) as refused:
            create_meeting(office["organ"], "大会", starts, starts + timedelta(hours=2), **values)
        assert refused.value.code == code
        with pytest.raises(MeetingError):
            update_meeting(meeting, **values)
        db.session.rollback()


# --- every form class of the code ----------------------------------------------------------------------------


def _form_classes() -> list[type[FlaskForm]]:
    for module in pkgutil.walk_packages(consult.__path__, "consult."):
        importlib.import_module(module.name)
    seen = []
    stack = list(FlaskForm.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.startswith("consult.") and cls not in seen:
            seen.append(cls)
    return seen


def _limits(unbound) -> list:
    validators = unbound.kwargs.get("validators") or (unbound.args[1] if len(unbound.args) > 1 else [])
    return [v for v in validators if (isinstance(v, Length) and v.max and v.max > 0)
            or "maxlength" in getattr(v, "field_flags", {}) or "limit" in getattr(v, "field_flags", {})
            or "max_lines" in getattr(v, "field_flags", {})]


# Text fields whose values are bounded another way than by a length validator.
BOUNDED_OTHERWISE = {
    "consult.onsite.forms.IdentifyForm.phone_digits": "four digits, compared with the phone's last four only",
}


def test_every_text_field_of_every_form_has_a_limit(app):
    missing = []
    for cls in _form_classes():
        for name in dir(cls):
            unbound = getattr(cls, name, None)
            if not hasattr(unbound, "field_class") or not issubclass(unbound.field_class, StringField):
                continue
            if issubclass(unbound.field_class, HiddenField):
                continue  # not typed: tokens and keys, each checked where it is read
            where = f"{cls.__module__}.{cls.__name__}.{name}"
            if not _limits(unbound) and where not in BOUNDED_OTHERWISE:
                missing.append(where)
    assert not missing, f"text fields without a limit: {missing}"
    assert len(_form_classes()) >= 20  # the walk did find the forms
