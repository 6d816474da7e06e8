"""Text a person, a phone or an attacker may send: any Unicode (control characters, lone surrogates sent as the
bytes a broken client would send, emoji, right-to-left marks), HTML and script, CRLF, iCalendar syntax, template
syntax, and strings at and around each field's length limit."""

from __future__ import annotations

from hypothesis import strategies as st

PIECES = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>', "' onmouseover='alert(1)", "javascript:alert(1)", "</textarea><script>x()</script>",
    "<!--", "]]>", "&amp;", "&#x3C;script&#x3E;", "&lt;b&gt;", "{{ 7*7 }}", "{% if %}", "${7*7}", "%s%n%x",
    "'; DROP TABLE meeting; --", "\\", "\r\n", "\r", "\n", "\n\n\n", "\t", " ", "\u3000", "\u00a0",
    "\u202e", "\u202d", "\u200f", "\u200e", "\u2066", "\u200b", "\u200d", "\ufeff", "\ufffe", "\uffff", "\ufffd",
    "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x01", "\x1f", "\x08",
    "\ud800", "\udfff", "\udbff\udc00",  # lone and paired surrogates: sent as UTF-8-encoded surrogates (invalid)
    "👨‍👩‍👧‍👦", "🇨🇳", "😀", "𠀀", "𪚥", "é", "e\u0301", "ﷺ", "א", "مرحبا",
    "BEGIN:VEVENT", "END:VCALENDAR", "SUMMARY:x", ";TZID=", ",", ";", ":", "\\n", "\\,",
    "政协崇川区委员会", "关于加强我区科技企业创新能力建设的建议", "区发改委、区财政局", "13800001234",
    "a@b.c", "=1+1", "+SUM(A1)", "-2", "@cmd", "\t=HYPERLINK()",
]
# Lengths at and around the limits fields have (names 50, short texts 60–200, reasons 500, long texts 2,000–5,000)
LENGTHS = [39, 40, 41, 49, 50, 51, 59, 60, 61, 99, 100, 101, 199, 200, 201, 499, 500, 501, 1999, 2000, 2001, 4999,
           5000, 5001, 20_000]
FILLERS = ["界", "a", "😀", "<", "\r\n", "é", " "]


@st.composite
def near_limit(draw) -> str:
    """A string of one of the lengths around a limit, of one character or a mix."""
    length = draw(st.sampled_from(LENGTHS))
    filler = draw(st.sampled_from(FILLERS))
    text = (filler * length)[:length]
    if draw(st.booleans()):
        text = draw(st.sampled_from(PIECES)) + text[: max(0, length - 30)]
    return text


def free_text() -> st.SearchStrategy[str]:
    """Any text that may reach a free-text field."""
    pieces = st.one_of(
        st.sampled_from(PIECES),
        st.text(st.characters(exclude_categories=()), max_size=12),  # exclude nothing: surrogates too
        st.text(st.characters(codec="utf-8"), max_size=20),
    )
    return st.one_of(st.lists(pieces, min_size=1, max_size=8).map("".join), near_limit())


def field_values(names: list[str]) -> st.SearchStrategy[dict[str, str | None]]:
    """For each field, None (keep what the form holds) or generated text; at least one field gets text."""
    values = st.fixed_dictionaries({name: st.one_of(st.none(), free_text()) for name in names})
    return values.filter(lambda chosen: any(value is not None for value in chosen.values()))
