"""Helpers shared by the page benchmarks: median timing and the printed report."""

from __future__ import annotations

import json
import statistics
import time


def measure(client, url: str, requests: int) -> float:
    """Return the median time in milliseconds of `requests` GETs of `url` (after one warm-up).

    Raises SystemExit when the page does not answer 200.
    """
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    times = []
    for _ in range(requests):
        began = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def median_seconds(work, rounds: int) -> float:
    """Return the median wall time in seconds of `rounds` runs of `work()` after one warm-up."""
    work()
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def report(heading: str, results: dict[str, float], figures: dict) -> None:
    """Print `heading`, a table of page → median ms, and as the last line one JSON object of `figures`."""
    print(heading)
    width = max(len(label) for label in results)
    print(f"{'page'.ljust(width)}  median ms")
    for label, ms in results.items():
        print(f"{label.ljust(width)}  {ms:9.2f}")
    print(json.dumps(figures, ensure_ascii=False))
