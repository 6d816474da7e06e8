"""Every page a member or staff member can open, on a phone 360 and 390 px wide, and three pages on paper.

The pages are collected from the app's routes (app.url_map), their arguments filled from the demo committee, so
a page added later is walked too; a GET route that is neither walked nor listed in NOT_PAGES fails the test.
On each page: the browser refuses nothing under the Content-Security-Policy (no inline script or style), the page
never scrolls sideways, no text is squeezed into a column narrower than three characters,
badges, states and times never break inside, a required mark stays on its label's line, the body text is at
least 16 px and buttons, navigation links and tick boxes are at least 44 px tall (what a finger can hit).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from flask import current_app
from sqlalchemy import select

from consult.api.models import ApiToken
from consult.auth.models import User
from consult.extensions import db
from consult.materials.models import Material
from consult.meetings.models import Meeting
from consult.members.models import Member, Organ, Sector
from consult.notices.models import NoticeBatch
from consult.opinions.models import Opinion
from consult.plans.models import ConsultationPlan, PlanItem
from tests.browser.conftest import STAFF_PASSWORD, STAFF_USERNAME, TIMEOUT_MS
from tests.browser.csp import CspWatch

PHONE_WIDTHS = (360, 390)
PHONE_HEIGHT = 800
# GET routes that are not HTML pages, each with why it is not walked.
NOT_PAGES = {
    "static": "stylesheets and scripts, not pages",
    "auth.set_language": "sets the language and redirects back to the page it came from",
    "feeds.all_ics": "a calendar file (.ics)",
    "feeds.organ_ics": "a calendar file (.ics)",
    "feeds.member_ics": "a calendar file (.ics)",
    "feeds.meeting_ics": "a calendar file (.ics)",
    "feeds.member_meeting_ics": "a calendar file (.ics)",
    "feeds.all_download": "a calendar file (.ics) to import",
    "feeds.organ_download": "a calendar file (.ics) to import",
    "feeds.member_download": "a calendar file (.ics) to import",
    "members.export": "a CSV file",
    "members.import_template": "a CSV file",
    "members.links_csv": "a CSV file",
    "plans.year_csv": "a CSV file",
    "materials.download": "a meeting material's file (PDF, Word document or image)",
    "materials.member_download": "a meeting material's file (PDF, Word document or image)",
    "materials.onsite_download": "a meeting material's file (PDF, Word document or image)",
    "opinions.export": "a CSV file",
    "minutes.download": "the minutes as a Word file (.docx)",
    "minutes.member_download": "the minutes as a Word file (.docx), from the member's own page",
    "documents.notice": "a Word document (.docx): the meeting notice",
    "documents.signin": "a Word document (.docx): the sign-in sheet",
    "api.openapi_document": "the JSON API's OpenAPI document",
    "api.list_sittings": "the JSON API (/api/v1/)",
    "api.get_sitting": "the JSON API (/api/v1/)",
    "api.list_organs": "the JSON API (/api/v1/)",
    "api.get_organ": "the JSON API (/api/v1/)",
    "api.list_members": "the JSON API (/api/v1/)",
    "api.get_member": "the JSON API (/api/v1/)",
    "api.get_attendance": "the JSON API (/api/v1/)",
    "api.list_opinions": "the JSON API (/api/v1/)",
    "audit.export": "a CSV file",
    "records.report_csv": "a CSV file: the duty report's table",
    "records.report_docx": "a Word document (.docx): the duty report (履职情况通报)",
    "records.chart_organs": "an SVG picture (image/svg+xml) shown on the duty report",
    "records.chart_months": "an SVG picture (image/svg+xml) shown on the duty report",
    "records.chart_sectors": "an SVG picture (image/svg+xml) shown on the duty report",
    "plans.year_chart": "an SVG picture (image/svg+xml) of the plan year page, shown there with <img>",
    "followup.compilation": "a Word document (.docx): the year's consultation results (年度协商成果汇编)",
}
# Pages only admins open (staff get 403 there): walked again as the demo's admin, with these query strings too.
ADMIN_PAGES = {"members.settings": [""], "audit.log": ["", "?page=2", "?type=attendance", "?by=member"]}
# Pages that no route names: the error page (a path that does not exist).
EXTRA_PAGES = ["/no-such-page"]
# What is checked on each page (see the module's docstring), in the browser.
_CHECK_PAGE = (Path(__file__).parent / "check_phone_page.js").read_text(encoding="utf-8")


def _fill_values(app) -> dict[str, list]:
    """Return, per route argument name, the demo values to walk: a sitting of each status, an organ of each kind,
    a leader and an ordinary member, the plan's year, an item, a sector, a member's personal link."""
    with app.app_context():
        session = db.session
        meetings = []
        for status in ("draft", "published", "postponed", "held", "cancelled"):
            meeting = session.scalars(
                select(Meeting).where(Meeting.status == status).order_by(Meeting.visibility != "public", Meeting.id)
            ).first()
            if meeting is not None:
                meetings.append(meeting.id)
        organs = {}
        for organ in session.scalars(select(Organ).order_by(Organ.position, Organ.id)):
            organs.setdefault(organ.kind, organ.slug)
        leader = session.scalars(select(Member).where(Member.role.is_not(None)).order_by(Member.id)).first()
        ordinary = session.scalars(select(Member).where(Member.role.is_(None)).order_by(Member.id)).first()
        years = sorted(session.scalars(select(ConsultationPlan.year)))
        item = session.scalars(select(PlanItem).order_by(PlanItem.id)).first()
        sector = session.scalars(select(Sector).order_by(Sector.id)).first()
        from consult.onsite.services import onsite_for

        # The sittings' pages for phones (/m/<code>): a draft, a coming, a postponed, a held, a cancelled one.
        codes = [onsite_for(meeting_id).code for meeting_id in meetings]
        session.commit()
        values = {
            "code": codes,
            "meeting_id": meetings,
            "slug": list(organs.values()),
            "member_id": [leader.id, ordinary.id],
            "year": years[-1:],
            "item_id": [item.id],
            "sector_id": [sector.id],
            "access_token": [leader.access_token],
            "batch_id": list(session.scalars(select(NoticeBatch.id).order_by(NoticeBatch.id).limit(1))),
            "material_id": list(session.scalars(select(Material.id).order_by(Material.id).limit(1))),
            # a demo opinion: the desk's correction page; the member's pages answer 404 to a visitor who is not
            # the author (tests/browser/test_opinion_pages.py walks them as the author)
            "opinion_id": list(session.scalars(select(Opinion.id).order_by(Opinion.id).limit(1))),
            # a staff account: the admins' account pages (edit, new password, disable)
            "user_id": list(session.scalars(select(User.id).order_by(User.id).limit(1))),
            # a demo API token that is not revoked: its revoke page (admins; staff get the 403 page)
            "token_id": list(session.scalars(
                select(ApiToken.id).where(ApiToken.revoked_at.is_(None)).order_by(ApiToken.id).limit(1))),
        }
        opinion_meeting = session.scalar(select(Opinion.meeting_id).order_by(Opinion.id).limit(1))
        if opinion_meeting is not None and opinion_meeting not in meetings:
            meetings.append(opinion_meeting)
        db.session.remove()
    assert len(meetings) >= 4 and len(organs) >= 4 and years and values["batch_id"], "the demo lacks what is walked"
    return values


def _page_paths(app) -> list[str]:
    """Return the paths of every GET page of the app, arguments filled from the demo; fail on a page that can be
    neither filled nor is listed in NOT_PAGES."""
    values = _fill_values(app)
    paths, unfilled = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
            continue  # POST-only routes answer forms; they are reached through the pages that hold the forms
        missing = [name for name in rule.arguments if name not in values]
        if missing:
            unfilled.append(f"{rule.rule} ({', '.join(missing)})")
            continue
        combos = [{}]
        for name in sorted(rule.arguments):
            combos = [{**combo, name: value} for combo in combos for value in values[name]]
        with app.test_request_context():
            from flask import url_for

            paths += [url_for(rule.endpoint, **combo) for combo in combos]
    assert not unfilled, f"pages the phone walk cannot fill; add their arguments or list them in NOT_PAGES: {unfilled}"
    return [*paths, *EXTRA_PAGES]


@pytest.fixture(scope="module")
def public_sittings(live_app) -> dict[str, int]:
    """Add to the demo a public sitting published for a month ahead and a public one cancelled (the demo has
    neither); return their ids by status."""
    from consult.committee import clock
    from consult.meetings.services import cancel_meeting, create_meeting, publish_meeting

    with live_app.app_context():
        organ = db.session.scalars(select(Organ).where(Organ.kind == "special_committee").order_by(Organ.id)).first()
        starts = clock.now().replace(hour=2, minute=0, second=0, microsecond=0) + timedelta(days=40)
        ids = {}
        for status, title in (("published", "关于社区养老服务的对口协商"), ("cancelled", "关于背街小巷整治的对口协商")):
            meeting = create_meeting(
                organ, title, starts, starts + timedelta(hours=2), consultation_form="counterpart",
                location="区政协三楼会议室", visibility="public",
            )
            publish_meeting(meeting, now=clock.now())
            if status == "cancelled":
                cancel_meeting(meeting, "因议题调整，本次协商取消。", now=clock.now())
            ids[status] = meeting.id
            starts += timedelta(days=1)
        db.session.flush()
        _queue_notices(db.session.get(Meeting, ids["published"]))
        db.session.commit()
        db.session.remove()
    return ids


def _queue_notices(meeting: Meeting) -> None:
    """Queue the notices of `meeting`'s publication by SMS and mail, as staff would after the preview (the walk
    then opens their delivery log)."""
    from consult.auth.models import User
    from consult.committee import clock
    from consult.notices.preparing import prepare
    from consult.notices.services import queue_batch

    staff = db.session.scalars(select(User).where(User.username == STAFF_USERNAME)).one()
    with current_app.test_request_context():
        prepared = prepare(meeting, "published", ("sms", "email"))
    queue_batch(
        meeting_id=meeting.id, event="published", key="phone-walk-batch-0001", channels=prepared.channels,
        created_by_id=staff.id, now=clock.now(), sender_name=prepared.sender_name, subject=prepared.subject,
        calendar=prepared.calendar, calendar_method=prepared.calendar_method, notices=prepared.notices,
    )


@pytest.fixture(scope="module")
def page_paths(live_app, public_sittings):
    return _page_paths(live_app)


def _log_in(page) -> None:
    page.goto("/login")
    page.locator("#username").fill(STAFF_USERNAME)
    page.locator("#password").fill(STAFF_PASSWORD)
    page.locator("form.form button[type=submit], form.form input[type=submit]").first.click()
    page.wait_for_url(re.compile(r"^(?!.*/login)"))


def _walk(page, paths: list[str], phone: bool = True) -> tuple[int, dict[str, list[str]]]:
    """Open each path and check it; return how many distinct pages were checked and each problem found with the
    paths it was found on. A path that lands on a page already checked (a staff page redirecting a visitor to the
    login) counts once."""
    seen, problems = set(), {}
    csp = CspWatch.of(page)
    for path in paths:
        response = page.goto(path)
        assert response is not None, path
        # A redirect (a visitor sent to the login) lands on a page counted once, whatever its query.
        landed = page.url if urlsplit(page.url).path == path.split("?")[0] else urlsplit(page.url).path
        for refused in csp.take():  # every page, also one already checked under another address
            problems.setdefault(f"Content-Security-Policy: {refused}", []).append(path)
        if response.status >= 500:
            problems.setdefault(f"HTTP {response.status}", []).append(path)
            continue
        if landed in seen or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        seen.add(landed)
        result = page.evaluate(_CHECK_PAGE, phone)
        for problem in result["problems"]:
            problems.setdefault(problem, []).append(path)
    return len(seen), problems


# The import previews answer a POST: they are walked by uploading a file that passes and one with problems.
_MEMBERS_CSV = "姓名,界别,所属机构,职务,是否常委,手机,电子邮箱,委员编号,工作单位及职务\n"
_IMPORTS = {
    "/members/import": (
        _MEMBERS_CSV + "周试行,教育界,常务委员会、提案委员会,,是,13800000001,zhou@example.cn,T9001,区实验中学校长\n",
        _MEMBERS_CSV + "钱试行,没有的界别,没有的委员会,,,,qian@example,,\n",
    ),
    "/plans/{year}/import": (
        "议题,协商形式,机构,承办,月份,牵头领导,对口部门\n关于社区养老服务的对口协商,对口协商,提案委员会,提案委员会,6,,区民政局\n",
        "议题,协商形式,机构,承办,月份\n关于社区养老服务的对口协商,没有的形式,没有的机构,提案委员会,13\n",
    ),
}


def _walk_import_previews(page, year: int, problems: dict[str, list[str]]) -> int:
    """Upload a good and a bad file to each import form and check the previews; return how many were checked."""
    walked = 0
    csp = CspWatch.of(page)
    for path, files in _IMPORTS.items():
        path = path.format(year=year)
        for number, text in enumerate(files):
            page.goto(path)
            page.locator("input[type=file]").set_input_files(
                {"name": f"preview-{number}.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}
            )
            with page.expect_navigation():
                page.locator("form[enctype='multipart/form-data'] [type=submit]").first.click()
            assert page.locator("table").count() > 0, f"the preview of {path} shows no table"
            walked += 1
            refused = [f"Content-Security-Policy: {what}" for what in csp.take()]
            for problem in [*page.evaluate(_CHECK_PAGE, True)["problems"], *refused]:
                problems.setdefault(problem, []).append(f"{path} (preview {number + 1})")
    return walked


# Chinese as visitor and staff at both widths; English (longer words) as staff on the narrowest phone.
WALKS = [(role, width, "zh_CN") for role in ("visitor", "staff") for width in PHONE_WIDTHS] + [("staff", 360, "en")]


@pytest.mark.parametrize(("role", "width", "language"), WALKS)
def test_every_page_fits_a_phone(browser, live_server, page_paths, role, width, language):
    context = browser.new_context(
        base_url=live_server, viewport={"width": width, "height": PHONE_HEIGHT}, device_scale_factor=2,
        is_mobile=True, has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        if role == "staff":
            _log_in(page)
        page.goto(f"/lang/{language}?next=/")
        walked, problems = _walk(page, page_paths)
        if role == "staff":
            year = int(next(p for p in page_paths if re.fullmatch(r"/plans/\d+", p)).rsplit("/", 1)[1])
            walked += _walk_import_previews(page, year, problems)
    finally:
        context.close()
    print(f"{role} at {width}px in {language}: {walked} pages walked")  # noqa: T201 (the count is reported with -s)
    # A visitor sees the public pages and the member's personal page; staff see every page.
    assert walked >= (20 if role == "visitor" else 50), walked
    report = [f"{problem} — on {paths[0]}" + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")
              for problem, paths in problems.items()]
    assert not problems, f"{len(problems)} problems at {width}px as {role} in {language}:\n" + "\n".join(report[:80])


@pytest.mark.parametrize(("width", "language"), [(360, "zh_CN"), (390, "zh_CN"), (360, "en")])
def test_admin_pages_fit_a_phone(browser, live_server, live_app, width, language):
    """The pages only admins open, as the demo's admin: the same checks as every other page."""
    with live_app.test_request_context():
        from flask import url_for

        paths = [url_for(endpoint) + query for endpoint, queries in ADMIN_PAGES.items() for query in queries]
    context = browser.new_context(
        base_url=live_server, viewport={"width": width, "height": PHONE_HEIGHT}, device_scale_factor=2,
        is_mobile=True, has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto("/login")
        page.locator("#username").fill("admin")
        page.locator("#password").fill("demo-admin-password")
        page.locator("form.form button[type=submit], form.form input[type=submit]").first.click()
        page.wait_for_url(re.compile(r"^(?!.*/login)"))
        page.goto(f"/lang/{language}?next=/")
        walked, problems = _walk(page, paths)
        rows = page.evaluate("() => document.querySelectorAll('table.audit-log tbody tr').length")
    finally:
        context.close()
    assert walked == len(paths), walked
    assert rows > 0, "the demo's audit log is empty"
    report = [f"{problem} — on {paths_[0]}" for problem, paths_ in problems.items()]
    assert not problems, f"{len(problems)} problems at {width}px as admin in {language}:\n" + "\n".join(report)


_CHECK_PRINT = (Path(__file__).parent / "check_printed_page.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def printed_paths(live_app):
    """Return the three pages an office prints: the year's plan, a published sitting, the member list."""
    with live_app.app_context():
        year = max(db.session.scalars(select(ConsultationPlan.year)))
        meeting = db.session.scalars(select(Meeting).where(Meeting.status == "published").order_by(Meeting.id)).first()
        db.session.remove()
    return [f"/plans/{year}", f"/meetings/{meeting.id}", "/members"]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_plan_sitting_and_member_list_print_on_a4(browser, live_server, printed_paths, tmp_path, language):
    # A4 is 210mm wide: about 794 CSS pixels, less the page margins of the print stylesheet.
    context = browser.new_context(base_url=live_server, viewport={"width": 690, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        _log_in(page)
        page.goto(f"/lang/{language}?next=/")
        for path in printed_paths:
            page.emulate_media(media="screen")
            page.goto(path)
            on_screen = page.evaluate(
                "() => [...document.querySelectorAll('main table')].reduce((n, t) => n + t.rows.length, 0)"
            )
            # The page offers a print button (shown by the page's script).
            from playwright.sync_api import expect

            expect(page.locator("[data-print]")).to_be_visible()
            page.emulate_media(media="print")
            result = page.evaluate(_CHECK_PRINT)
            assert not result["problems"], f"{path} on paper: {result['problems']}"
            assert result["rows"] == on_screen, f"{path}: {on_screen} table rows on screen, {result['rows']} on paper"
            pdf = page.pdf(format="A4", print_background=True)
            assert pdf.startswith(b"%PDF") and len(pdf) > 5_000, path
            (tmp_path / (path.strip("/").replace("/", "-") + ".pdf")).write_bytes(pdf)
    finally:
        context.close()


def test_desktop_pages_keep_words_whole(browser, live_server, page_paths):
    """On a desktop screen too, no text is squeezed, badges, states and times never break and required marks stay
    on their label's line (the review found 已发/布 and lone asterisks at 1366px)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1366, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        _log_in(page)
        walked, problems = _walk(page, page_paths, phone=False)
    finally:
        context.close()
    assert walked >= 50, walked
    report = [f"{problem} — on {paths[0]}" + (f" and {len(paths) - 1} more" if len(paths) > 1 else "")
              for problem, paths in problems.items()]
    assert not problems, f"{len(problems)} problems at 1366px:\n" + "\n".join(report[:80])


def _meeting(app, meeting_id: int) -> Meeting:
    with app.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        db.session.expunge(meeting)
        db.session.remove()
    return meeting


def test_on_a_phone_the_calendar_is_a_list_of_days_and_filters_fold(browser, live_server, live_app, public_sittings):
    from playwright.sync_api import expect

    meeting = _meeting(live_app, public_sittings["published"])
    local = meeting.starts_at.astimezone(ZoneInfo("Asia/Shanghai"))
    path = f"/meetings/calendar?year={local.year}&month={local.month}"
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": PHONE_HEIGHT})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(path)
        expect(page.locator("table.month")).to_be_hidden()
        days = page.locator(".month-list > li")
        expect(days.first).to_be_visible()
        headings = days.locator("h2").all_inner_texts()
        assert headings and all(re.search(r"\d+月\d+日 星期[一二三四五六日]$", h) for h in headings), headings
        day = days.filter(has=page.locator(f"a[href='/meetings/{meeting.id}']"))
        expect(day.locator("h2")).to_have_text(re.compile(rf"^{local.month}月{local.day}日 星期"))
        # The filters are folded behind their summary; a tap opens them.
        fold = page.locator("details.fold")
        expect(fold.locator("select").first).to_be_hidden()
        fold.locator("summary").click()
        expect(fold.locator("select").first).to_be_visible()
        # The member directory's filters are folded too (by the page's script).
        page.goto("/members")
        expect(page.locator("details.fold form.filters")).to_have_count(1)
        expect(page.locator("form.filters select").first).to_be_hidden()

        # On a wide screen the grid is back, the list hidden and the filters open.
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(path)
        expect(page.locator("table.month")).to_be_visible()
        expect(page.locator(".month-list")).to_be_hidden()
        expect(page.locator("details.fold select").first).to_be_visible()
    finally:
        context.close()


def test_a_cancelled_sitting_strikes_its_title_not_its_badge(browser, live_server, live_app, public_sittings):
    from playwright.sync_api import expect

    meeting = _meeting(live_app, public_sittings["cancelled"])
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": PHONE_HEIGHT})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.goto(f"/meetings/{meeting.id}")
        badge = page.locator("h1 .badge-cancelled")
        expect(badge).to_have_text("已取消")
        expect(badge).to_have_css("text-decoration-line", "none")
        expect(page.locator("h1 .title-cancelled")).to_have_css("text-decoration-line", "line-through")
        # A sitting that will not take place is not offered for the calendar.
        expect(page.locator(".actions a[href$='.ics']")).to_have_count(0)
        # In lists the title is struck, the badge is not.
        page.goto("/meetings")
        row = page.locator("tr.row-cancelled").first
        expect(row.locator("a").first).to_have_css("text-decoration-line", "line-through")
        expect(row.locator(".badge")).to_have_css("text-decoration-line", "none")
    finally:
        context.close()


def test_without_javascript_pages_still_fit_a_phone(browser, live_server, printed_paths):
    """The page script only adds touches: without it the cards, the calendar's list and the filters still work on
    a phone, and the print button, which would do nothing, is not shown."""
    from playwright.sync_api import expect

    context = browser.new_context(
        base_url=live_server, viewport={"width": 360, "height": PHONE_HEIGHT}, java_script_enabled=False
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        walked, problems = _walk(page, [*printed_paths, "/meetings/calendar", "/"])
        assert walked == 5 and not problems, problems
        page.goto(printed_paths[0])
        expect(page.locator("[data-print]")).to_be_hidden()
        expect(page.locator("details.fold select").first).to_be_hidden()  # folded, and a tap on the summary opens it
    finally:
        context.close()
