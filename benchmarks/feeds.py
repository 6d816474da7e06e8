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
Then the bytes on the wire of the all-sittings feed and of the member feed, plain and gzipped; and, in a
second database of 400 members in six organs (five sittings each, invitees the organ's members), how many
of the 400 member feeds (and of the organ feeds) get a new ETag after one edit to one organ's sitting:
only that sitting's invitees' should (target: changed member feeds == invitees of the sitting).
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

from benchmarks._data import standard_organs  # noqa: E402
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


def one_edit_spread(path: Path, members: int = 400) -> dict:
    """Return how many feeds change (ETag) after one edit to one organ's sitting, in a new database at
    `path` of `members` members spread over six organs, five sittings each, invitees the organ's members."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    app.config["CONSULT_CLOCK"] = lambda: datetime(2026, 1, 1, tzinfo=UTC)
    with app.app_context():
        db.create_all()
        get_committee().term = 8
        sector = Sector(name="经济界")
        organs = standard_organs()
        people = [Member(name=f"委员{n:03d}", sector=sector) for n in range(members)]
        for n, person in enumerate(people):
            person.organs.append(organs[n % len(organs)])
        db.session.add_all([sector, *organs, *people])
        start = datetime(2026, 2, 2, 1, 30, tzinfo=UTC)
        sittings = []
        for o, organ in enumerate(organs):
            for n in range(5):
                meeting = Meeting(
                    organ=organ, title=f"{organ.name}协商会{n + 1}", starts_at=start + timedelta(days=7 * n, hours=o),
                    ends_at=start + timedelta(days=7 * n, hours=o + 2), location="区政协会议室", status="published",
                    consultation_form="thematic",
                )
                meeting.invitations.extend(Invitation(member=person) for person in organ.members)
                sittings.append(meeting)
        db.session.add_all(sittings)
        db.session.commit()
        client = app.test_client()
        member_urls = [f"/feeds/member/{person.feed_token}.ics" for person in people]
        organ_urls = [f"/feeds/organ/{organ.slug}.ics" for organ in organs]

        def etags() -> dict[str, str]:
            return {url: client.get(url).headers["ETag"] for url in (*member_urls, *organ_urls)}

        before = etags()
        edited = next(m for m in sittings if m.organ.slug == "economy")
        edited.location = "区行政中心二号会议室"
        edited.revision += 1
        db.session.commit()
        started = time.perf_counter()
        after = {url: client.get(url).headers["ETag"] for url in member_urls}
        polls_ms = (time.perf_counter() - started) * 1000
        after.update({url: client.get(url).headers["ETag"] for url in organ_urls})
        figures = {
            "member_feeds": len(member_urls),
            "member_feeds_changed": sum(before[url] != after[url] for url in member_urls),
            "invitees_of_edited_sitting": len(edited.invitations),
            "organ_feeds": len(organ_urls),
            "organ_feeds_changed": sum(before[url] != after[url] for url in organ_urls),
            "edited_organ": edited.organ.name,
            "polls_after_edit_ms": round(polls_ms, 1),
        }
        db.session.remove()
    return figures


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
            wire = {
                name: (len(client.get(feed).data), len(client.get(feed, headers={"Accept-Encoding": "gzip"}).data))
                for name, feed in (("all", "/feeds/all.ics"), ("member", url))
            }
            db.session.remove()
        spread = one_edit_spread(Path(tmp) / "spread.db")

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
        "all_feed_bytes_plain": wire["all"][0],
        "all_feed_bytes_gzip": wire["all"][1],
        "member_feed_bytes_plain": wire["member"][0],
        "member_feed_bytes_gzip": wire["member"][1],
        **spread,
        "targets_met": cold_ratio <= 1.5 and ratio <= 1.5 and repeated_ms <= 10 and not_modified_ms <= 10
        and spread["member_feeds_changed"] == spread["invitees_of_edited_sitting"]
        and spread["organ_feeds_changed"] == 1,
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
    print(f"{'bytes on the wire':<34}{'plain':>10}  {'gzip':>8}")
    for name, (plain, packed) in wire.items():
        print(f"{name + ' feed':<34}{plain:>10,}  {packed:>8,}  ({packed / plain:.0%})")
    print(
        f"One edit to one sitting of {spread['edited_organ']}: {spread['member_feeds_changed']} of "
        f"{spread['member_feeds']} member feeds changed (its invitees: {spread['invitees_of_edited_sitting']}), "
        f"{spread['organ_feeds_changed']} of {spread['organ_feeds']} organ feeds; the {spread['member_feeds']} "
        f"polls after the edit took {spread['polls_after_edit_ms']:.0f} ms in all"
    )
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
