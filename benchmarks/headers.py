"""What the security headers cost a page: the same pages with the headers hook and without it, in one process,
in alternating rounds (so that a busy machine slows both alike), and the hook alone on a response.

Run: .venv/bin/python benchmarks/headers.py [--requests 30] [--rounds 6]
Builds the 1,000-sitting data of benchmarks/pages.py in a temporary SQLite database, prints a table, and as the
last line one JSON object of the same figures (milliseconds; the hook alone in microseconds).
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask import Response  # noqa: E402

from benchmarks._timing import measure, report  # noqa: E402
from benchmarks.pages import build  # noqa: E402
from consult import create_app  # noqa: E402
from consult.extensions import db  # noqa: E402
from consult.security.headers import add_security_headers  # noqa: E402

NOW = datetime.now(UTC)
PAGES = [
    ("home", "/"),
    ("list (upcoming)", "/meetings?tab=upcoming"),
    ("meeting page", "/meetings/{meeting_id}"),
    ("stylesheet", "/static/css/app.css"),
    ("page not found", "/no-such-page"),
]


def hook_alone(calls: int = 20_000) -> float:
    """Return the microseconds add_security_headers takes on a fresh HTML response (median of 5 batches)."""
    batches = []
    for _ in range(5):
        responses = [Response("x", mimetype="text/html") for _ in range(calls)]
        began = time.perf_counter()
        for response in responses:
            add_security_headers(response, https=True)
        batches.append((time.perf_counter() - began) / calls * 1e6)
    return statistics.median(batches)


def main() -> None:
    """Measure every page with and without the hook, alternating; print a table and then one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.db'}", "TESTING": False,
                          "SERVER_NAME": None})
        with app.app_context():
            db.create_all()
            meeting_id = build(app)
            db.session.remove()
        hooks = app.after_request_funcs[None]
        hook = next(f for f in hooks if f.__name__ == "security_headers")
        client = app.test_client()
        timings: dict[str, dict[str, list[float]]] = {label: {"with": [], "without": []} for label, _ in PAGES}
        for _ in range(args.rounds):
            for state in ("with", "without"):
                if state == "without":
                    hooks.remove(hook)
                for label, page in PAGES:
                    url = page.format(meeting_id=meeting_id)
                    with app.app_context():
                        timings[label][state].append(_measure(client, url, args.requests))
                if state == "without":
                    hooks.append(hook)
        with app.app_context():
            db.drop_all()
            db.engine.dispose()
    results, figures = {}, {}
    for label, by_state in timings.items():
        with_ms, without_ms = statistics.median(by_state["with"]), statistics.median(by_state["without"])
        results[f"{label}: with headers"] = round(with_ms, 3)
        results[f"{label}: without"] = round(without_ms, 3)
        results[f"{label}: difference"] = round(with_ms - without_ms, 3)
        figures[label] = {"with": round(with_ms, 3), "without": round(without_ms, 3),
                          "difference": round(with_ms - without_ms, 3)}
    alone = hook_alone()
    report(
        f"security headers: {len(PAGES)} pages, {args.rounds} alternating rounds of {args.requests} requests each "
        f"(medians); the hook alone on a response: {alone:.1f} µs",
        results,
        {"rounds": args.rounds, "requests": args.requests, "median_ms": figures, "hook_alone_us": round(alone, 2)},
    )


def _measure(client, url: str, requests: int) -> float:
    """Return the median ms of `requests` GETs of `url`, closing each response (the stylesheet is a stream)."""
    if url.startswith("/no-such-page"):
        times = []
        for _ in range(requests):
            began = time.perf_counter()
            client.get(url).close()
            times.append((time.perf_counter() - began) * 1000)
        return statistics.median(times)
    return measure(client, url, requests)


if __name__ == "__main__":
    main()
