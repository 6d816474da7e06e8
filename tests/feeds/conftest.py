"""Fixtures of the feed tests: a settable clock, a small committee, and the ical.js parser.

Tests that need node and tests/js/node_modules skip without them, and fail instead under CI (CI=true).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from consult.extensions import db
from tests import factories
from tests.ci import skip_or_fail

JS_DIR = Path(__file__).resolve().parent.parent / "js"


@dataclass
class World:
    committee: object
    standing: object
    chair: object
    alice: object  # invited to the standing-committee sittings
    bob: object  # invited to the chair meeting only
    sitting: object  # published, 14:30-16:30 Shanghai on 4 March 2030, Alice invited
    chair_sitting: object  # published, Bob invited
    draft: object  # Alice invited, never in any feed


@pytest.fixture
def world(app, clock):
    committee = factories.committee(term=8)
    alice = factories.member("李明")
    bob = factories.member("王芳")
    standing = factories.organ("standing_committee", "常务委员会", slug="standing", members=[alice])
    chair = factories.organ("chair_meeting", "主席会议", slug="chair", members=[bob])
    sitting = factories.meeting(
        standing,
        title="加强我区科技企业创新能力建设",
        term=8,
        number=12,
        consultation_form="thematic",
        location="区政协三楼会议室",
        presiding_member=bob,
        invitees=[alice],
        topics=["听取区科技局情况通报", "委员协商发言"],
    )
    chair_sitting = factories.meeting(
        chair,
        title="我区经济运行和财政收支情况",
        starts_at=datetime(2030, 3, 5, 1, 0, tzinfo=UTC),
        term=8,
        number=31,
        consultation_form="focused",
        invitees=[bob],
    )
    draft = factories.meeting(standing, title="草稿会议", status="draft", invitees=[alice])
    db.session.commit()
    return World(committee, standing, chair, alice, bob, sitting, chair_sitting, draft)


def _node_unavailable() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (JS_DIR / "node_modules" / "ical.js").is_dir():
        return "tests/js/node_modules is missing: run `cd tests/js && npm install`"
    return None


@pytest.fixture(scope="session")
def icaljs():
    """Return parse(body: bytes) -> dict: the feed as Mozilla's ical.js (Thunderbird) reads it."""
    reason = _node_unavailable()
    if reason:
        skip_or_fail(reason, "the ical.js checks")

    def parse(body: bytes) -> dict:
        done = subprocess.run(
            ["node", str(JS_DIR / "parse_feed.mjs")],
            input=body,
            capture_output=True,
            cwd=JS_DIR,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        return json.loads(done.stdout)

    return parse
