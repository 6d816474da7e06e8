"""Built feeds kept in process memory, keyed by their ETag (which encodes the data version).

A repeated full GET of an unchanged feed is then a dictionary lookup. Bounded by entries and bytes;
each app has its own store, so two apps in one process (tests) never share feeds.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import Flask

# Raise when the feed format changes, so that clients holding an old ETag get the new bytes.
FEED_FORMAT = 1


def feed_etag(*parts: object) -> str:
    """Return a strong ETag (unquoted) for a feed identified by `parts` (kind, key, version, …)."""
    text = "\x1f".join(str(part) for part in (FEED_FORMAT, *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


class FeedStore:
    """A thread-safe LRU of built feed bodies, plus the committee's zone as last seen."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.zone_hint: str | None = None
        self._bodies: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get_or_build(self, etag: str, build: Callable[[], bytes]) -> bytes:
        """Return the body stored under `etag`, building and storing it with `build()` when missing."""
        with self._lock:
            body = self._bodies.get(etag)
            if body is not None:
                self._bodies.move_to_end(etag)
                return body
        body = build()
        with self._lock:
            if etag not in self._bodies and len(body) <= self.max_bytes:
                self._bodies[etag] = body
                self._size += len(body)
                while len(self._bodies) > self.max_entries or self._size > self.max_bytes:
                    _, dropped = self._bodies.popitem(last=False)
                    self._size -= len(dropped)
        return body

    def __len__(self) -> int:
        return len(self._bodies)

    def clear(self) -> None:
        """Forget every stored body."""
        with self._lock:
            self._bodies.clear()
            self._size = 0


def feed_store(app: Flask) -> FeedStore:
    """Return the feed store of `app`, creating it on first use."""
    store = app.extensions.get("consult_feeds")
    if store is None:
        store = app.extensions.setdefault("consult_feeds", FeedStore())
    return store
