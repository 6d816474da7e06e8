"""What must hold whatever was typed: no 5xx, pages with the input escaped, feeds that parse, Word files that
open; and the way a browser submits a form (including bytes no valid UTF-8 holds)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import docx
from icalendar import Calendar

from tests.browser_form import form_containing

ROOT = Path(__file__).resolve().parents[2]
JS_DIR = ROOT / "tests" / "js"
# Every tag the templates write; an input that made the page hold another tag would have escaped no escaping.
TEMPLATE_TAGS = frozenset(
    tag.lower() for path in (ROOT / "templates").rglob("*.html")
    for tag in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", path.read_text(encoding="utf-8"))
) | {"html", "head", "body"} | {"svg", "path", "rect", "g", "optgroup"}  # segno's QR codes, WTForms' grouped options
# Pieces whose raw presence in a page means the input was not escaped.
DANGEROUS = ("<script>alert", "<img src=x", "<svg onload", "</textarea><script>", "<SCRIPT SRC")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and ("alert(" in data or "x()" in data):  # the generated scripts' calls
            self.problems.append("a <script> holding generated script")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag not in TEMPLATE_TAGS:
            self.problems.append(f"a <{tag}> tag the templates never write")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler attribute {name}= on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"a javascript: URL in {name}= of <{tag}>")
        if tag == "script":
            self._in_script = True
            source = dict(attrs).get("src")
            if source is not None and not source.startswith(("/static/", "http://consult.test/static/")):
                self.problems.append(f"a <script> from {source!r}")


def assert_answered(response, url: str) -> None:
    """No 5xx, whatever was sent."""
    assert response.status_code < 500, f"{url} answered {response.status_code}"


def assert_escaped(response, url: str, sent: list[str]) -> None:
    """The page answered without a server error and holds no tag, handler or script that came from the input."""
    assert_answered(response, url)
    if response.mimetype != "text/html":
        return
    html = response.get_data(as_text=True)
    reader = _Tags()
    reader.feed(html)
    assert reader.problems == [], f"{url}: {reader.problems[:3]}"
    for text in sent:
        for piece in DANGEROUS:
            if piece in text:
                assert piece not in html, f"{url} shows {piece!r} unescaped"


def open_feed(response, url: str) -> bytes:
    """The feed answered 200 and icalendar reads it without skipping anything; return its bytes."""
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    body = response.data
    calendar = Calendar.from_ical(body)
    for component in calendar.walk():
        assert not getattr(component, "errors", None), f"{url}: icalendar skipped {component.errors}"
    for event in calendar.walk("VEVENT"):
        assert event.get("UID") and event.get("DTSTART") and event.get("DTSTAMP"), url
    assert b"\x00" not in body and all(line.endswith(b"\r") or not line for line in body.split(b"\n")[:-1]), url
    return body


def open_docx(response, url: str) -> None:
    """The Word file answered 200 and python-docx opens it and reads its paragraphs."""
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    document = docx.Document(io.BytesIO(response.data))
    assert document.paragraphs is not None and [p.text for p in document.paragraphs]


def encoded_form(fields: list[tuple[str, str]]) -> bytes:
    """Return the fields as an application/x-www-form-urlencoded body, UTF-8, lone surrogates as the (invalid)
    bytes a broken client sends for them."""
    return urlencode(fields, encoding="utf-8", errors="surrogatepass").encode("ascii")


def post_form(client, url: str, fields: list[tuple[str, str]]):
    """POST the fields as a browser does."""
    return client.post(url, data=encoded_form(fields), content_type="application/x-www-form-urlencoded")


def submit(client, form_page: str, marker: str, values: dict[str, str | None], post_url: str | None = None,
           extra: dict[str, str] | None = None):
    """Read the form holding `marker` on `form_page`, replace the given values (None keeps the form's), POST it;
    when the answer is the notices' preview, confirm it as staff would. Return (first answer, last answer)."""
    page = client.get(form_page)
    assert page.status_code == 200, f"{form_page} answered {page.status_code}"
    fields = form_containing(page.get_data(as_text=True), marker)
    chosen = {**(extra or {}), **{name: value for name, value in values.items() if value is not None}}
    kept = [(name, value) for name, value in fields if name not in chosen]
    url = post_url or form_page
    answer = post_form(client, url, kept + list(chosen.items()))
    assert_answered(answer, url)
    last = answer
    if answer.status_code == 200 and 'name="notice_confirmed"' in answer.get_data(as_text=True):
        replay = form_containing(answer.get_data(as_text=True), "notice_key")
        last = post_form(client, url, [*replay, ("notice_confirmed", "1")])
        assert_answered(last, url)
    return answer, last


def path_segment(text: str) -> str:
    """`text` as one URL path segment (every reserved character percent-encoded, surrogates as their bytes)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="")


class FeedsForIcalJs:
    """Feeds gathered over a test's examples and read by Mozilla's ical.js in one node run at the end."""

    def __init__(self) -> None:
        self.feeds: list[tuple[str, bytes]] = []

    def add(self, url: str, body: bytes) -> None:
        if len(self.feeds) < 400:
            self.feeds.append((url, body))

    def check(self) -> None:
        if not self.feeds or shutil.which("node") is None or not (JS_DIR / "node_modules" / "ical.js").is_dir():
            return  # tests/feeds runs ical.js under CI and fails there without it
        payload = json.dumps([body.decode("utf-8") for _url, body in self.feeds])
        done = subprocess.run(["node", str(JS_DIR / "parse_feeds.mjs")], input=payload.encode(), capture_output=True,
                              cwd=JS_DIR, timeout=300, check=False)
        assert done.returncode == 0, done.stderr.decode()[-2000:]
        results = json.loads(done.stdout)
        failures = [(url, result["error"]) for (url, _body), result in zip(self.feeds, results, strict=True)
                    if result.get("error")]
        assert failures == [], failures[:3]
