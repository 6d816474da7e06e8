"""Property tests (hypothesis): settings profiles, a committee built afresh for every example, and the count of
generated cases printed at the end of the run.

Profiles: `ci` (the default; derandomised, so every run tries the same cases, sized for 2 cores) and `thorough`
(HYPOTHESIS_PROFILE=thorough: twenty times the examples, a new random seed each run, for local runs).
Every example starts from an emptied database (checked empty), an emptied materials folder, a new client,
a fresh `flask.g`, an empty feed cache and the clock at the test instant: nothing leaks from one example into
the next.
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from flask import g
from hypothesis import HealthCheck, Phase, settings
from sqlalchemy import event, text

from consult.extensions import db
from tests.conftest import TEST_NOW

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                      HealthCheck.data_too_large, HealthCheck.filter_too_much])
settings.register_profile("ci", max_examples=int(os.environ.get("CONSULT_PROPERTY_EXAMPLES", 5)), derandomize=True,
                          **_COMMON)
settings.register_profile("thorough", max_examples=int(os.environ.get("CONSULT_PROPERTY_EXAMPLES", 160)), **_COMMON)
# While working: the ci cases without shrinking, so a failure is reported at once (then rerun with ci to shrink it).
settings.register_profile("quick", max_examples=int(os.environ.get("CONSULT_PROPERTY_EXAMPLES", 5)), derandomize=True,
                          phases=[Phase.explicit, Phase.generate], **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

GENERATED: Counter[str] = Counter()  # examples run, per test (without its backend)
REQUESTS: Counter[str] = Counter()  # generated URLs requested by test_url_ids
FAILED: Counter[str] = Counter()


def pytest_terminal_summary(terminalreporter):
    if GENERATED:
        total = sum(GENERATED.values())
        terminalreporter.write_line(
            f"property tests: {total} generated cases over {len(GENERATED)} properties "
            f"(profile {settings.default.max_examples} examples each; {sum(REQUESTS.values())} generated URLs "
            f"among them), {sum(FAILED.values())} failing")


def pytest_runtest_logreport(report):
    if report.when == "call" and report.failed and "tests/properties/" in report.nodeid:
        FAILED[report.nodeid] += 1


@dataclass
class World:
    """The ids and addresses of one example's committee."""

    meeting_id: int
    later_id: int
    topic_ids: list[int]
    member_ids: list[int]
    token: str
    feed_token: str
    code: str
    later_code: str
    organ_slug: str
    organ_id: int
    sector_id: int
    opinion_id: int
    item_id: int
    year: int


def _empty_audit_log(connection) -> None:
    """Empty the append-only audit log between examples: its triggers refuse DELETE, so PostgreSQL truncates it
    (row triggers do not fire on TRUNCATE) and SQLite lifts its triggers for the moment, in this transaction."""
    from consult.audit.models import SQLITE_TRIGGERS

    if connection.dialect.name == "postgresql":
        connection.execute(text("TRUNCATE audit_entry"))
        return
    connection.execute(text("DROP TRIGGER audit_entry_no_update"))
    connection.execute(text("DROP TRIGGER audit_entry_no_delete"))
    connection.execute(text("DELETE FROM audit_entry"))
    for statement in SQLITE_TRIGGERS:
        connection.execute(text(statement))


def _empty_database() -> None:
    db.session.remove()
    tables = db.metadata.sorted_tables
    with db.engine.begin() as connection:  # DELETE, not TRUNCATE: on tables this small it is many times faster
        for table in reversed(tables):
            if table.name == "audit_entry":
                _empty_audit_log(connection)
            else:
                connection.execute(table.delete())
        counts = " + ".join(f'(SELECT count(*) FROM "{table.name}")' for table in tables)
        leftover = connection.execute(text(f"SELECT {counts}")).scalar_one()
    assert leftover == 0, "rows left over from the previous example"


def fresh_world(app) -> World:
    """Empty everything an example could have changed, then build the committee; return its ids."""
    from consult.auth.services import create_user
    from consult.feeds.cache import feed_store
    from consult.onsite.services import onsite_for
    from consult.opinions.services import give_opinion
    from consult.plans.models import ConsultationPlan, PlanItem
    from tests import factories

    _empty_database()
    for name in list(vars(g)):
        delattr(g, name)
    feed_store(app).clear()
    shutil.rmtree(Path(app.config["CONSULT_STORAGE_PATH"]), ignore_errors=True)
    clock = app.config["CONSULT_CLOCK"]
    clock.now = TEST_NOW

    factories.committee(term=8)
    education, economy = factories.sector("教育界"), factories.sector("经济界")
    chair = factories.member("周林勇", education, role="chair", phone="13800001234", email="zhou@example.cn")
    standing = factories.member("陈晓", economy, is_standing=True, phone="13900005678")
    other = factories.member("王敏", economy)
    organ = factories.organ("standing_committee", "常务委员会", slug="standing", members=[chair, standing, other])
    starts = datetime(2030, 3, 4, 6, 30, tzinfo=UTC)
    meeting = factories.meeting(organ, title="专题协商会议", starts_at=starts, invitees=[chair, standing, other],
                                topics=["推进老旧小区改造", "优化营商环境"], location="区政协三楼会议室",
                                observers="区发改委\n区财政局", guests="区委领导", visibility="public")
    later = factories.meeting(organ, title="常委会议", starts_at=starts + timedelta(days=20),
                              invitees=[chair, standing], topics=["年度工作"], location="区行政中心")
    code, later_code = onsite_for(meeting.id).code, onsite_for(later.id).code
    create_user("admin", "admin-password", role="admin")
    plan = ConsultationPlan(year=2030)
    item = PlanItem(plan=plan, topic="加强我区科技企业创新能力建设", consultation_form="thematic", organ=organ,
                    organising_organ=organ, planned_month=6, counterpart_department="区科技局")
    db.session.add_all([plan, item])
    db.session.flush()
    opinion, _ = give_opinion(meeting_id=meeting.id, topic_id=meeting.topics[0].id, text="建议加快加装电梯",
                              submission_key="seedOpinionKey0123456789a", named=True, now=starts, member_id=chair.id)
    db.session.commit()
    clock.now = starts + timedelta(minutes=30)  # the sitting is on: check-in, opinions and minutes all open
    return World(meeting.id, later.id, [t.id for t in meeting.topics], [chair.id, standing.id, other.id],
                 chair.access_token, chair.feed_token, code, later_code, organ.slug, organ.id, education.id,
                 opinion.id, item.id, 2030)


def staff_client(app):
    """Return a new client logged in as the admin of the world."""
    client = app.test_client()
    answer = client.post("/login", data={"username": "admin", "password": "admin-password"})
    assert answer.status_code == 302
    return client


@pytest.fixture(autouse=True)
def commits_without_waiting_for_the_disk(app):
    """PostgreSQL: commits of the property tests do not wait for the disk (synchronous_commit off, for these
    connections only): each example commits a dozen times, and nothing here needs to survive a power cut."""
    if db.engine.dialect.name != "postgresql":
        return

    def _on_connect(dbapi_connection, connection_record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
        dbapi_connection.commit()

    db.session.remove()
    db.engine.dispose()
    event.listen(db.engine, "connect", _on_connect)


@pytest.fixture
def feeds_for_icaljs():
    """Feeds gathered during the test, read by ical.js once it ends."""
    from tests.properties.checks import FeedsForIcalJs

    gathered = FeedsForIcalJs()
    yield gathered
    gathered.check()
