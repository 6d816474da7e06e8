"""A backup taken while members' opinions keep arriving holds the database of one instant: every opinion of it
whole, none of a transaction that began after that instant, and the restored app serves pages and feeds."""

from __future__ import annotations

import hashlib
import sqlite3
import threading

from icalendar import Calendar
from sqlalchemy import create_engine, text

from consult.extensions import db
from consult.opinions.models import DistinctPair, Opinion
from consult.opinions.services import give_opinion, mark_distinct
from tests.backup.conftest import backup

WRITERS = 3
PAIRS_DURING_BACKUP = 6  # transactions begun after the snapshot, before the dump reads anything
MAX_PAIRS_PER_WRITER = 400  # the writers stop by themselves even if the test were to hang


def _opinion_text(key: str) -> str:
    body = f"关于{key}的意见：加快老旧小区改造，完善社区养老服务。" * 3
    return f"{body}#{hashlib.sha256(body.encode()).hexdigest()}"


def _whole(opinion_text: str) -> bool:
    body, _, digest = opinion_text.rpartition("#")
    return hashlib.sha256(body.encode()).hexdigest() == digest


class Writers:
    """Threads that each commit, again and again, one transaction of two opinions and the mark that they are not
    duplicates of each other; each records which transactions it committed and which began after the snapshot."""

    def __init__(self, app, world) -> None:
        self.app, self.world = app, world
        self.committed: set[str] = set()
        self.begun_after_snapshot: set[str] = set()
        self.snapshot_taken = threading.Event()
        self.stop = threading.Event()
        self.progress = threading.Condition()
        self.errors: list[BaseException] = []
        self.threads = [threading.Thread(target=self._write, args=(n,)) for n in range(WRITERS)]

    def _write(self, writer: int) -> None:
        world = self.world
        with self.app.app_context():
            try:
                for n in range(MAX_PAIRS_PER_WRITER):
                    if self.stop.is_set():
                        break
                    key = f"w{writer}-{n}"
                    after = self.snapshot_taken.is_set()
                    now = self.app.config["CONSULT_CLOCK"]()
                    first, _ = give_opinion(meeting_id=world.meeting_id, topic_id=world.topic_ids[0],
                                            submission_key=f"{key}-a", text=_opinion_text(f"{key}-a"), named=True,
                                            now=now, member_id=world.member_ids[writer])
                    second, _ = give_opinion(meeting_id=world.meeting_id, topic_id=world.topic_ids[0],
                                             submission_key=f"{key}-b", text=_opinion_text(f"{key}-b"), named=False,
                                             now=now, guest_name="来宾", guest_organisation="区发改委")
                    mark_distinct(first, second, by_user_id=None, now=now)
                    db.session.commit()
                    with self.progress:
                        self.committed.add(key)
                        if after:
                            self.begun_after_snapshot.add(key)
                        self.progress.notify_all()
            except BaseException as error:  # noqa: BLE001 - handed to the test
                self.errors.append(error)
                with self.progress:
                    self.progress.notify_all()
            finally:
                db.session.remove()

    def start_and_wait_for(self, count: int) -> None:
        for thread in self.threads:
            thread.start()
        with self.progress:
            assert self.progress.wait_for(lambda: len(self.committed) >= count or self.errors, timeout=60)

    def after_snapshot(self) -> None:
        """Called by the backup once its snapshot exists: let transactions begin and commit after it."""
        self.snapshot_taken.set()
        with self.progress:
            assert self.progress.wait_for(
                lambda: len(self.begun_after_snapshot) >= PAIRS_DURING_BACKUP or self.errors, timeout=60)

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        assert not self.errors, self.errors


def test_a_backup_taken_while_opinions_arrive_restores_one_consistent_instant(app, world, runner, target, tmp_path):
    writers = Writers(app, world)
    writers.start_and_wait_for(5)
    with writers.progress:
        committed_before = set(writers.committed)
    from consult.backup.services import take_backup
    from consult.materials.storage import storage

    archive = tmp_path / "backup.tar"
    try:
        outcome = take_backup(db.engine, storage(), archive, now=app.config["CONSULT_CLOCK"](),
                              after_snapshot=writers.after_snapshot)
    finally:
        writers.finish()
    assert len(writers.begun_after_snapshot) >= PAIRS_DURING_BACKUP  # the app really wrote during the backup

    result = target.invoke("restore", str(archive))
    assert result.exit_code == 0, result.output
    assert "Restored the backup" in result.output

    engine = create_engine(target.url)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT submission_key, text, member_id, guest_name FROM opinion WHERE submission_key LIKE 'w%'")
        ).all()
        pairs = {}
        for key, opinion_text, member_id, guest_name in rows:
            assert _whole(opinion_text), key
            assert (member_id is not None, guest_name) == ((True, "") if key.endswith("-a") else (False, "来宾"))
            pairs.setdefault(key.rsplit("-", 1)[0], set()).add(key[-1])
        assert {k: s for k, s in pairs.items() if s != {"a", "b"}} == {}  # no transaction restored by half
        restored = set(pairs)
        assert committed_before <= restored
        assert not restored & writers.begun_after_snapshot  # nothing from after the snapshot
        assert restored <= writers.committed
        distinct = connection.execute(text("SELECT count(*) FROM opinion_distinct_pair")).scalar_one()
        assert distinct == len(restored)
        counts = {name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
                  for name in outcome.manifest.row_counts}
        assert counts == outcome.manifest.row_counts
        assert counts["opinion"] == 2 * len(restored) + 4
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == world.revision
    engine.dispose()
    if target.url.startswith("sqlite"):
        with sqlite3.connect(target.url.removeprefix("sqlite:///")) as raw:
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # the app on the original database kept everything the writers committed after the snapshot
    assert db.session.query(Opinion).filter(Opinion.submission_key.like("w%")).count() == 2 * len(writers.committed)
    assert db.session.query(DistinctPair).count() == len(writers.committed)

    _restored_app_serves_pages_feeds_and_files(target, world)


def _restored_app_serves_pages_feeds_and_files(target, world) -> None:
    restored = target.app()
    with restored.app_context():
        client = restored.test_client()
        assert client.get(f"/meetings/{world.meeting_id}").status_code == 200
        assert client.get(f"/m/{world.code}").status_code == 200
        feed = client.get(f"/meetings/{world.meeting_id}.ics")
        assert feed.status_code == 200
        event = next(iter(Calendar.from_ical(feed.data).walk("VEVENT")))
        assert "专题协商会议" in str(event["SUMMARY"])
        assert client.get("/feeds/all.ics").status_code == 200
        assert client.post("/login", data={"username": "staff", "password": "staff-password"}).status_code == 302
        desk = client.get(f"/meetings/{world.meeting_id}/opinions")
        assert desk.status_code == 200 and "意见 3" in desk.get_data(as_text=True)
        material = client.get(f"/materials/{world.material_id}", buffered=True)
        assert material.status_code == 200
        from tests.materials.test_kinds_and_storage import PDF_BYTES

        assert material.data == PDF_BYTES
        db.session.remove()
        db.engine.dispose()


def test_the_command_writes_a_restorable_archive_and_says_what_it_holds(app, world, runner, target, tmp_path):
    archive = tmp_path / "nightly.tar"
    result = backup(runner, archive)
    assert result.exit_code == 0, result.output
    assert f"Wrote {archive}" in result.output and "1 material files" in result.output
    assert archive.stat().st_mode & 0o077 == 0  # members' phone numbers inside: readable by its owner only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".consult")] == []
    quiet = backup(runner, archive, "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    restored = target.invoke("restore", str(archive))
    assert restored.exit_code == 0, restored.output
    assert "1 sittings, 4 members, 4 opinions, 1 material files" in restored.output
    assert "db upgrade" not in restored.output  # already at this version's head
    _restored_app_serves_pages_feeds_and_files(target, world)
