"""Benchmark: a member feed of 1,000 sittings, against icalendar alone.

Run: .venv/bin/python benchmarks/feeds.py [--sittings 1000] [--rounds 7]

Builds a temporary SQLite database with one member invited to N sittings (two topics each, a
presiding member, one in ten cancelled), then prints the median of:
  - full GET, first request after one sitting changed (data version raised: the feed is rebuilt, the
    999 unchanged events come from the per-event cache);
  - full GET, cold: the first request of a fresh process (every cache empty);
  - full GET, repeated (served from the per-version cache);
  - conditional GET answered 304 (If-None-Match);
  - the floor: building and serialising the same events with icalendar alone from plain
    in-memory values (the VTIMEZONE prebuilt, as any real use would cache it);
and the ratios to the floor. Targets: first full GET <= 1.5 x floor (held even cold); repeated GET and
304 <= 10 ms.
The last line is one JSON object with the same figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from icalendar import Calendar, Event, Timezone  # noqa: E402

from consult import create_app  # noqa: E402
from consult.committee import get_committee  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.feeds.cache import feed_store  # noqa: E402
from consult.feeds.ical import event_bytes  # noqa: E402
from consult.meetings.models import Invitation, Meeting, Topic  # noqa: E402
from consult.members.models import Member, Organ, Sector  # noqa: E402


def populate(sittings: int) -> Member:
    committee = get_committee()
    committee.term = 8
    sector = Sector(name="科技界")
    member = Member(name="李明", sector=sector)
    chair = Member(name="王芳", sector=sector)
    organ = Organ(kind="standing_committee", name="常务委员会", slug="standing", members=[member])
    db.session.add_all([sector, member, chair, organ])
    start = datetime(2026, 1, 5, 1, 30, tzinfo=UTC)
    for n in range(sittings):
        meeting = Meeting(
            organ=organ,
            title=f"加强我区科技企业创新能力建设（第{n + 1}次专题协商）",
            starts_at=start + timedelta(days=n),
            ends_at=start + timedelta(days=n, hours=2),
            location="区政协三楼会议室",
            status="cancelled" if n % 10 == 0 else "published",
            cancel_reason="时间冲突" if n % 10 == 0 else "",
            term=8,
            number=n + 1,
            revision=1 if n % 10 == 0 else 0,
            presiding_member=chair,
            consultation_form="thematic",
        )
        meeting.topics.extend(
            [Topic(position=0, title="听取区科技局情况通报"), Topic(position=1, title="委员围绕议题协商发言")]
        )
        meeting.invitations.append(Invitation(member=member))
        db.session.add(meeting)
    db.session.commit()
    return member


def plain_values(feed_bytes: bytes) -> list[dict]:
    """The same events as plain Python values, read back from a feed (outside any timing)."""
    calendar = Calendar.from_ical(feed_bytes)
    values = []
    for event in calendar.events:
        values.append(
            {
                "uid": str(event["UID"]),
                "dtstamp": event["DTSTAMP"].dt,
                "created": event["CREATED"].dt,
                "last_modified": event["LAST-MODIFIED"].dt,
                "sequence": int(event["SEQUENCE"]),
                "start": event.start,
                "end": event.end,
                "summary": str(event["SUMMARY"]),
                "location": str(event["LOCATION"]),
                "description": str(event["DESCRIPTION"]),
                "url": str(event["URL"]),
                "categories": [str(c) for c in event.categories],
                "status": str(event["STATUS"]),
                "transp": str(event["TRANSP"]),
            }
        )
    return values


def floor_build(values: list[dict], vtimezone: Timezone) -> bytes:
    """Build and serialise the calendar with icalendar alone: the least any feed of these events costs."""
    calendar = Calendar()
    calendar.add("PRODID", "-//floor//EN")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("NAME", "李明的会议")
    calendar.add("X-WR-CALNAME", "李明的会议")
    calendar.add("X-WR-TIMEZONE", "Asia/Shanghai")
    calendar.add("REFRESH-INTERVAL", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", "PT1H")
    calendar.add_component(vtimezone)
    for v in values:
        event = Event()
        event.add("UID", v["uid"])
        event.add("DTSTAMP", v["dtstamp"])
        event.add("CREATED", v["created"])
        event.add("LAST-MODIFIED", v["last_modified"])
        event.add("SEQUENCE", v["sequence"])
        event.add("DTSTART", v["start"])
        event.add("DTEND", v["end"])
        event.add("SUMMARY", v["summary"])
        event.add("LOCATION", v["location"])
        event.add("DESCRIPTION", v["description"])
        event.add("URL", v["url"])
        event.add("CATEGORIES", v["categories"])
        event.add("STATUS", v["status"])
        event.add("TRANSP", v["transp"])
        calendar.add_component(event)
    return calendar.to_ical()


def forget_everything(app) -> None:
    """Empty every cache a feed request uses, as in a process that has just started."""
    feed_store(app).clear()
    event_bytes.cache_clear()


def timed(function, rounds: int) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(rounds):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sittings", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7, help="samples of the slow figures (fast ones take 5x)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}"})
        app.config["CONSULT_CLOCK"] = lambda: datetime(2026, 1, 1, tzinfo=UTC)
        with app.app_context():
            db.create_all()
            member = populate(args.sittings)
            url = f"/feeds/member/{member.feed_token}.ics"
            changed = db.session.get(Meeting, 2)
            client = app.test_client()
            warm = client.get(url)
            assert warm.status_code == 200 and warm.data.count(b"BEGIN:VEVENT") == args.sittings

            def change() -> None:
                changed.location = f"会议室{time.perf_counter_ns()}"
                changed.revision += 1
                db.session.commit()

            def get():
                response = client.get(url)
                assert response.status_code == 200
                return response

            # The slow figures are taken in alternation, so that both see the same load on a shared machine.
            vtimezone = Timezone.from_tzid("Asia/Shanghai", first_date=date(1970, 1, 1), last_date=date(2038, 1, 1))
            values = plain_values(warm.data)
            first_samples, cold_samples, floor_samples = [], [], []
            for _ in range(args.rounds):
                change()
                started = time.perf_counter()
                response = get()
                first_samples.append(time.perf_counter() - started)
                change()
                forget_everything(app)
                started = time.perf_counter()
                get()
                cold_samples.append(time.perf_counter() - started)
                started = time.perf_counter()
                floor_bytes = floor_build(values, vtimezone)
                floor_samples.append(time.perf_counter() - started)
            first_ms = statistics.median(first_samples) * 1000
            cold_ms = statistics.median(cold_samples) * 1000
            floor_ms = statistics.median(floor_samples) * 1000
            repeated_ms, response = timed(get, args.rounds * 5)
            etag = response.headers["ETag"]

            def conditional():
                response = client.get(url, headers={"If-None-Match": etag})
                assert response.status_code == 304
                return response

            not_modified_ms, _ = timed(conditional, args.rounds * 5)
            size = len(response.data)
            db.session.remove()

    ratio, cold_ratio = first_ms / floor_ms, cold_ms / floor_ms
    figures = {
        "sittings": args.sittings,
        "feed_bytes": size,
        "floor_bytes": len(floor_bytes),
        "first_full_get_ms": round(first_ms, 2),
        "cold_full_get_ms": round(cold_ms, 2),
        "repeated_full_get_ms": round(repeated_ms, 2),
        "not_modified_get_ms": round(not_modified_ms, 2),
        "floor_icalendar_ms": round(floor_ms, 2),
        "ratio_full_to_floor": round(ratio, 3),
        "ratio_cold_to_floor": round(cold_ratio, 3),
        "targets_met": cold_ratio <= 1.5 and ratio <= 1.5 and repeated_ms <= 10 and not_modified_ms <= 10,
    }
    rows = [
        ("full GET, first after a change", first_ms, "<= 1.5 x floor"),
        ("full GET, cold (empty caches)", cold_ms, "<= 1.5 x floor"),
        ("full GET, repeated", repeated_ms, "<= 10 ms"),
        ("conditional GET, 304", not_modified_ms, "<= 10 ms"),
        ("floor: icalendar alone", floor_ms, ""),
    ]
    print(f"Member feed of {args.sittings} sittings ({size:,} bytes), median of {args.rounds}+ runs")
    print(f"{'measure':<34}{'ms':>10}  target")
    for label, value, target in rows:
        print(f"{label:<34}{value:>10.2f}  {target}")
    print(f"{'ratio first after a change / floor':<34}{ratio:>10.3f}  <= 1.5")
    print(f"{'ratio cold / floor':<34}{cold_ratio:>10.3f}  <= 1.5")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
