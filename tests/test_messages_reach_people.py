"""No message reaches a person untranslated: what code raises or flashes is marked for translation.

The catalogue test (test_i18n) finds every marked message; these checks find the unmarked ones it
cannot see: a CsvError, a flash or an abort description built from a bare string, and a refusal code
of a service that has no sentence for people.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from consult.meetings.forms import MEETING_ERROR_MESSAGES, PERIOD_MESSAGES

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "consult").rglob("*.py"))
MARKERS = {"_", "N_", "_l", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext"}


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_marked(node: ast.AST) -> bool:
    """True for _("…")-style calls and for names (a message chosen elsewhere, e.g. from a table)."""
    if isinstance(node, ast.Call):
        return _name(node.func) in MARKERS or _name(node.func) in {"str", "refusal_message", "message"}
    return not isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp))


def _calls(name: str):
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node.func) == name and node.args:
                yield path.relative_to(ROOT), node


@pytest.mark.parametrize("function", ["flash", "CsvError"])
def test_messages_shown_to_people_are_marked(function):
    unmarked = [f"{path}:{node.lineno}" for path, node in _calls(function) if not _is_marked(node.args[0])]
    assert unmarked == [], f"{function}() with a message not marked for translation: {unmarked}"


def test_abort_descriptions_are_marked():
    unmarked = [
        f"{path}:{node.lineno}"
        for path, node in _calls("abort")
        for keyword in node.keywords
        if keyword.arg == "description" and not _is_marked(keyword.value)
    ]
    assert unmarked == []


def test_every_refusal_of_the_meeting_services_has_a_sentence():
    codes = set()
    for path in (ROOT / "consult" / "meetings").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'MeetingError\(\s*"([a-z_]+)"', text))
        codes |= set(re.findall(r'_check_choice\([^()]*"([a-z_]+)"\)', text))
        codes |= set(re.findall(r"PeriodError\(\s*([A-Z_]+)\s*\)", text))
    assert codes, "no refusal codes found: the pattern no longer matches the services"
    known = set(MEETING_ERROR_MESSAGES) | {name.upper() for name in PERIOD_MESSAGES}
    assert sorted(codes - known) == []
