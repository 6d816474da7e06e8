"""Every free-text field of the staff's forms, filled with generated text through the real form: nothing answers
5xx, every page that shows the text shows it escaped, the calendar feeds are produced and parse, and the Word
documents (notice, sign-in sheet, minutes) are produced and open. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from sqlalchemy import select

from consult.extensions import db
from tests.properties.checks import assert_answered, assert_escaped, open_docx, open_feed, post_form, submit
from tests.properties.conftest import GENERATED, World, fresh_world, staff_client
from tests.properties.strategies import field_values

Urls = Callable[[World], list[str]]


def _sitting_pages(w: World) -> list[str]:
    return [f"/meetings/{w.meeting_id}", "/meetings", "/meetings?tab=past", "/meetings/calendar?year=2030&month=3",
            "/", f"/m/{w.code}", f"/my/{w.token}", f"/meetings/{w.meeting_id}/edit"]


def _feeds(w: World) -> list[str]:
    return [f"/meetings/{w.meeting_id}.ics", "/feeds/all.ics", f"/feeds/member/{w.feed_token}.ics",
            f"/my/{w.token}/sittings/{w.meeting_id}.ics", "/feeds/download/all.ics"]


def _documents(w: World) -> list[str]:
    return [f"/meetings/{w.meeting_id}/notice.docx", f"/meetings/{w.meeting_id}/signin.docx",
            f"/meetings/{w.meeting_id}/minutes.docx?draft=1"]


def _people_pages(w: World) -> list[str]:
    return [f"/members/{w.member_ids[0]}", "/members", "/members/links", f"/meetings/{w.meeting_id}/attendance",
            f"/meetings/{w.meeting_id}/table-cards", f"/meetings/{w.meeting_id}/opinions", "/members/export.csv",
            "/members/links.csv", f"/organs/{w.organ_slug}", "/organs", "/sectors"]


def _newest_meeting(_w: World) -> list[str]:
    from consult.meetings.models import Meeting

    newest = db.session.scalar(select(Meeting.id).order_by(Meeting.id.desc()).limit(1))
    return [f"/meetings/{newest}", f"/meetings/{newest}/edit"]


def _current_organ(w: World) -> list[str]:
    from consult.members.models import Organ

    slug = db.session.scalar(select(Organ.slug).where(Organ.id == w.organ_id))
    return [f"/organs/{slug}", f"/organs/{slug}/edit", f"/feeds/organ/{slug}"]


def _current_organ_feed(w: World) -> list[str]:
    from consult.members.models import Organ

    slug = db.session.scalar(select(Organ.slug).where(Organ.id == w.organ_id))
    return [f"/feeds/organ/{slug}.ics", f"/feeds/download/organ/{slug}.ics"]


@dataclass(frozen=True)
class FormCase:
    """One staff form: where it is, the field that finds it, its free-text fields, what else it needs to pass,
    and what to look at afterwards."""

    name: str
    form: Callable[[World], str | None]  # None: no form page to read, the fields are posted as they are
    marker: str
    fields: tuple[str, ...]
    pages: tuple[Urls, ...] = ()
    feeds: tuple[Urls, ...] = ()
    documents: tuple[Urls, ...] = ()
    post: Callable[[World], str] | None = None
    fixed: Callable[[World], dict[str, str]] = field(default=lambda w: {})
    prepare: Callable[[World], None] = field(default=lambda w: None)


def _leave_asked(w: World) -> None:
    from consult.committee import clock
    from consult.onsite.services import ask_leave

    ask_leave(w.later_id, w.member_ids[1], "出差", now=clock.now(), late=False)
    db.session.commit()


MEETING_FIELDS = ("title", "location", "topics", "observers", "guests", "contact_name", "contact_phone", "notes",
                  "assembly_place")
CASES = [
    FormCase("new sitting", lambda w: "/meetings/new", "title", MEETING_FIELDS,
             pages=(_newest_meeting, lambda w: ["/meetings", "/meetings/calendar?year=2030&month=3"]),
             fixed=lambda w: {"organ_id": str(w.organ_id), "date": "2030-03-12", "start_time": "09:00",
                              "end_time": "11:00", "sitting_kind": "meeting"}),
    FormCase("edit a published sitting", lambda w: f"/meetings/{w.meeting_id}/edit", "title",
             (*MEETING_FIELDS, "change_reason"), pages=(_sitting_pages,), feeds=(_feeds,), documents=(_documents,)),
    FormCase("cancel", lambda w: f"/meetings/{w.meeting_id}/cancel", "reason", ("reason",),
             pages=(_sitting_pages,), feeds=(_feeds,), documents=(_documents,)),
    FormCase("postpone", lambda w: f"/meetings/{w.meeting_id}/postpone", "reason", ("reason",),
             pages=(_sitting_pages,), feeds=(_feeds,)),
    FormCase("reschedule", lambda w: f"/meetings/{w.later_id}/reschedule", "change_reason",
             ("change_reason", "location"), fixed=lambda w: {"date": "2030-03-27"},
             pages=(lambda w: [f"/meetings/{w.later_id}", "/meetings", f"/my/{w.token}"],),
             feeds=(lambda w: [f"/meetings/{w.later_id}.ics", "/feeds/all.ics"],)),
    FormCase("edit a member", lambda w: f"/members/{w.member_ids[0]}/edit", "name",
             ("name", "member_number", "affiliation", "phone", "email"),
             pages=(_people_pages, lambda w: [f"/meetings/{w.meeting_id}"]), feeds=(_feeds,),
             documents=(_documents,)),
    FormCase("new member", lambda w: "/members/new", "name", ("name", "member_number", "affiliation", "phone", "email"),
             fixed=lambda w: {"sector_id": str(w.sector_id)}, pages=(lambda w: ["/members", "/members/links"],)),
    FormCase("edit an organ", lambda w: f"/organs/{w.organ_slug}/edit", "slug",
             ("name", "slug", "number_label", "description"),
             pages=(_current_organ, lambda w: ["/organs", f"/meetings/{w.meeting_id}", "/meetings", "/feeds"]),
             feeds=(_current_organ_feed, lambda w: ["/feeds/all.ics"]), documents=(_documents,)),
    FormCase("new organ", lambda w: "/organs/new", "slug", ("name", "slug", "number_label", "description"),
             fixed=lambda w: {"kind": "special_committee", "slug": "economy"},
             pages=(lambda w: ["/organs", "/feeds", "/meetings/new"],)),
    FormCase("new sector", lambda w: "/sectors", "name", ("name",), post=lambda w: "/sectors",
             pages=(lambda w: ["/sectors", "/members", "/members/new"],)),
    FormCase("rename a sector", lambda w: f"/sectors/{w.sector_id}/edit", "name", ("name",),
             pages=(_people_pages,), documents=(_documents,)),
    FormCase("edit a plan item", lambda w: f"/plans/items/{w.item_id}/edit", "topic",
             ("topic", "counterpart_department", "participating_departments", "report_to", "notes"),
             pages=(lambda w: [f"/plans/{w.year}", f"/plans/{w.year}.csv", "/plans",
                               f"/meetings/new?plan_item={w.item_id}", f"/plans/items/{w.item_id}/edit"],)),
    FormCase("new plan item", lambda w: f"/plans/{w.year}/items/new", "topic",
             ("topic", "counterpart_department", "participating_departments", "report_to", "notes"),
             fixed=lambda w: {"organ_id": str(w.organ_id), "organising_organ_id": str(w.organ_id)},
             pages=(lambda w: [f"/plans/{w.year}"],)),
    FormCase("new series", lambda w: "/plans/series/new", "recurrence", ("title", "location", "topics", "holidays"),
             fixed=lambda w: {"organ_id": str(w.organ_id), "first_date": "2030-04-01", "last_date": "2030-05-31",
                              "official_holidays": "", "create": "y"},
             pages=(lambda w: ["/meetings", "/meetings/calendar?year=2030&month=4", "/meetings/publish-drafts"],
                    _newest_meeting)),
    FormCase("adopt the plan", lambda w: f"/plans/{w.year}/adoption", "document_number", ("title", "document_number"),
             fixed=lambda w: {"document_number": "崇政协〔2030〕1号"},
             pages=(lambda w: [f"/plans/{w.year}", f"/plans/{w.year}.csv"],)),
    FormCase("settings", lambda w: "/settings", "formal_prefix",
             ("name", "formal_prefix", "formal_suffix", "short_name", "time_zone", "minutes_masthead",
              "minutes_office"),
             pages=(_sitting_pages, lambda w: ["/settings"]), feeds=(_feeds,), documents=(_documents,)),
    FormCase("minutes", lambda w: f"/meetings/{w.meeting_id}/minutes", "opening",
             ("title", "office", "opening", "decisions", "summary_1", "summary_2"),
             pages=(lambda w: [f"/meetings/{w.meeting_id}/minutes", f"/meetings/{w.meeting_id}"],),
             documents=(lambda w: [f"/meetings/{w.meeting_id}/minutes.docx?draft=1"],)),
    FormCase("record an opinion from paper", lambda w: f"/meetings/{w.meeting_id}/opinions/new", "text",
             ("text", "guest_name", "guest_organisation"),
             fixed=lambda w: {"topic": str(w.topic_ids[0]), "who": "guests", "guest_name": "来宾",
                              "guest_organisation": "区发改委"},
             pages=(lambda w: [f"/meetings/{w.meeting_id}/opinions", f"/meetings/{w.meeting_id}/opinions.csv",
                               f"/meetings/{w.meeting_id}/minutes"],),
             documents=(lambda w: [f"/meetings/{w.meeting_id}/minutes.docx?draft=1"],)),
    FormCase("correct an opinion", lambda w: f"/meetings/{w.meeting_id}/opinions/{w.opinion_id}/correct", "text",
             ("text",),
             pages=(lambda w: [f"/meetings/{w.meeting_id}/opinions", f"/meetings/{w.meeting_id}/opinions.csv",
                               f"/m/{w.code}", f"/my/{w.token}"],),
             documents=(lambda w: [f"/meetings/{w.meeting_id}/minutes.docx?draft=1"],)),
    FormCase("note on attendance", lambda w: None, "note", ("note",),
             post=lambda w: f"/meetings/{w.meeting_id}/attendance/{w.member_ids[1]}",
             fixed=lambda w: {"status": "absent"},
             pages=(lambda w: [f"/meetings/{w.meeting_id}/attendance", f"/members/{w.member_ids[1]}"],),
             documents=(lambda w: [f"/meetings/{w.meeting_id}/minutes.docx?draft=1",
                                   f"/meetings/{w.meeting_id}/signin.docx"],)),
    FormCase("leave recorded by staff", lambda w: f"/meetings/{w.later_id}/attendance", "reason", ("reason",),
             post=lambda w: f"/meetings/{w.later_id}/leave", fixed=lambda w: {"member_id": str(w.member_ids[1])},
             pages=(lambda w: [f"/meetings/{w.later_id}/attendance", f"/members/{w.member_ids[1]}",
                               f"/meetings/{w.later_id}"],)),
    FormCase("deciding a leave request", lambda w: f"/meetings/{w.later_id}/attendance", "note", ("note",),
             post=lambda w: f"/meetings/{w.later_id}/leave/{w.member_ids[1]}/decide", prepare=_leave_asked,
             fixed=lambda w: {"decision": "refuse"},
             pages=(lambda w: [f"/meetings/{w.later_id}/attendance", f"/members/{w.member_ids[1]}",
                               f"/my/{_token_of(w.member_ids[1])}"],)),
]


def _token_of(member_id: int) -> str:
    from consult.members.models import Member

    return db.session.get(Member, member_id).access_token


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_generated_text_in_staff_fields(app, case, feeds_for_icaljs):
    @given(values=field_values(list(case.fields)))
    def run(values):
        GENERATED[f"staff: {case.name}"] += 1
        _exercise(app, case, values, feeds_for_icaljs)

    run()


BENIGN = "<b>粗体</b>甲"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_form_stores_what_it_is_given_and_the_pages_show_it_escaped(app, case, feeds_for_icaljs):
    """The harness itself: a plain value with markup goes through each form and reaches a page, escaped (so the
    generated cases above do look at pages that show what was typed)."""
    answer, pages = _exercise(app, case, {case.fields[0]: BENIGN}, feeds_for_icaljs)
    assert answer.status_code in (302, 303), f"{case.name}: the form refused {BENIGN!r} ({answer.status_code})"
    assert any("&lt;b&gt;粗体&lt;/b&gt;甲" in html for html in pages), case.name


def _exercise(app, case: FormCase, values: dict[str, str | None], feeds_for_icaljs):
    """Build the world, submit the form with `values`, check every page, feed and document of the case; return
    the form's last answer and the pages' HTML."""
    world = fresh_world(app)
    client = staff_client(app)
    summaries = {f"summary_{n}": f"summary_{topic_id}" for n, topic_id in enumerate(world.topic_ids, start=1)}
    values = {summaries.get(name, name): value for name, value in values.items()}
    case.prepare(world)
    post = case.post(world) if case.post else None
    form = case.form(world)
    if form is None:
        fields = {**case.fixed(world), **{name: value for name, value in values.items() if value is not None}}
        answer = post_form(client, post, list(fields.items()))
        assert_answered(answer, post)
    else:
        _first, answer = submit(client, form, case.marker, values, post_url=post, extra=case.fixed(world))
    sent = [value for value in values.values() if value]
    db.session.expire_all()
    pages = []
    for urls in case.pages:
        for url in urls(world):
            page = client.get(url)
            assert_escaped(page, url, sent)
            pages.append(page.get_data(as_text=True))
    for urls in case.feeds:
        for url in urls(world):
            feed = client.get(url)
            if feed.status_code != 404:  # a cancelled or hidden sitting may leave a feed
                feeds_for_icaljs.add(url, open_feed(feed, url))
    for urls in case.documents:
        for url in urls(world):
            document = client.get(url)
            if document.status_code not in (404, 409):
                open_docx(document, url)
    db.session.remove()
    return answer, pages
