"""What members and guests type on their phones (opinions, their edits, leave reasons, the digits that identify
them), generated: nothing answers 5xx, their pages and the staff's show it escaped, the minutes open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given

from consult.extensions import db
from tests.properties.checks import assert_escaped, open_docx, submit
from tests.properties.conftest import GENERATED, World, fresh_world, staff_client
from tests.properties.strategies import field_values


@dataclass(frozen=True)
class PhoneCase:
    name: str
    form: Callable[[World], str]
    marker: str
    fields: tuple[str, ...]
    post: Callable[[World], str] | None
    recognised: bool
    phone_pages: Callable[[World], list[str]]
    staff_pages: Callable[[World], list[str]]
    fixed: Callable[[World], dict[str, str]] = lambda w: {}


def _opinion_pages(w: World) -> list[str]:
    return [f"/meetings/{w.meeting_id}/opinions", f"/meetings/{w.meeting_id}/opinions.csv",
            f"/meetings/{w.meeting_id}/minutes", f"/members/{w.member_ids[0]}"]


CASES = [
    PhoneCase("opinion of a member", lambda w: f"/m/{w.code}", "text", ("text",),
              lambda w: f"/m/{w.code}/topics/{w.topic_ids[0]}/opinions", True,
              lambda w: [f"/m/{w.code}", f"/my/{w.token}"], _opinion_pages),
    PhoneCase("opinion of a guest", lambda w: f"/m/{w.code}", "guest_name",
              ("text", "guest_name", "guest_organisation"),
              lambda w: f"/m/{w.code}/topics/{w.topic_ids[1]}/opinions", False,
              lambda w: [f"/m/{w.code}"], _opinion_pages),
    PhoneCase("editing one's opinion", lambda w: f"/m/{w.code}/opinions/{w.opinion_id}/edit", "text", ("text",), None,
              True, lambda w: [f"/m/{w.code}", f"/my/{w.token}", f"/m/{w.code}/opinions/{w.opinion_id}"],
              _opinion_pages),
    PhoneCase("asking for leave on the sitting's page", lambda w: f"/m/{w.later_code}/leave", "reason", ("reason",),
              None, True, lambda w: [f"/m/{w.later_code}", f"/my/{w.token}"],
              lambda w: [f"/meetings/{w.later_id}/attendance", f"/members/{w.member_ids[0]}"]),
    PhoneCase("asking for leave from one's page", lambda w: f"/my/{w.token}/leave/{w.later_id}", "reason", ("reason",),
              None, False, lambda w: [f"/my/{w.token}", f"/my/{w.token}/leave/{w.later_id}"],
              lambda w: [f"/meetings/{w.later_id}/attendance", f"/meetings/{w.later_id}"]),
    PhoneCase("identifying oneself", lambda w: f"/m/{w.code}/identify", "phone_digits", ("phone_digits", "next"), None,
              False, lambda w: [f"/m/{w.code}", f"/m/{w.code}/identify"], lambda w: [f"/meetings/{w.meeting_id}"],
              fixed=lambda w: {"member_id": str(w.member_ids[0])}),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_generated_text_from_phones(app, case):
    @given(values=field_values(list(case.fields)))
    def run(values):
        GENERATED[f"phone: {case.name}"] += 1
        _exercise(app, case, values)

    run()


BENIGN = "<b>粗体</b>甲"


@pytest.mark.parametrize("case", [c for c in CASES if c.fields[0] != "phone_digits"],
                         ids=[c.name for c in CASES if c.fields[0] != "phone_digits"])
def test_each_phone_form_stores_what_it_is_given_and_the_pages_show_it_escaped(app, case):
    """The harness itself: a plain value with markup is stored and reaches a page, escaped."""
    values = {case.fields[0]: BENIGN}
    if "guest_name" in case.fields:
        values.update(guest_name="来宾", guest_organisation="区发改委")
    answer, pages = _exercise(app, case, values)
    assert answer.status_code in (302, 303), f"{case.name}: the form refused {BENIGN!r} ({answer.status_code})"
    assert any("&lt;b&gt;粗体&lt;/b&gt;甲" in html for html in pages), case.name


def _exercise(app, case: PhoneCase, values: dict[str, str | None]):
    world = fresh_world(app)
    phone = app.test_client()
    if case.recognised:
        assert phone.get(f"/my/{world.token}").status_code == 200
    first, last = submit(phone, case.form(world), case.marker, values,
                         post_url=case.post(world) if case.post else None, extra=case.fixed(world))
    sent = [value for value in values.values() if value]
    assert_escaped(first, case.form(world), sent)
    pages = [first.get_data(as_text=True)]
    if last.status_code in (302, 303):
        target = last.headers["Location"]
        followed = phone.get(target)
        assert_escaped(followed, target, sent)
        pages.append(followed.get_data(as_text=True))
    for url in case.phone_pages(world):
        page = phone.get(url)
        assert_escaped(page, url, sent)
        pages.append(page.get_data(as_text=True))
    staff = staff_client(app)
    for url in case.staff_pages(world):
        page = staff.get(url)
        assert_escaped(page, url, sent)
        pages.append(page.get_data(as_text=True))
    minutes = f"/meetings/{world.meeting_id}/minutes.docx?draft=1"
    open_docx(staff.get(minutes), minutes)
    db.session.remove()
    return last, pages
