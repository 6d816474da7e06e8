"""Built feeds kept in process memory, keyed by the data they were built from (their source version).

A repeated GET of an unchanged feed is then a dictionary lookup, and a conditional one is answered 304
without building. Each entry holds the body, its gzip form and its validators: the ETag is a hash of the
body's content, so it changes only when the feed's own content changes. Bounded by entries and bytes;
each app has its own store, so two apps in one process (tests) never share feeds.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime

from flask import Flask

# Raise when the feed format changes, so that every feed is built again (and its ETag recomputed).
FEED_FORMAT = 2


def source_version(*parts: object) -> str:
    """Return the key (hex) of the data a feed is built from: its kind, subject, variant, data version …"""
    text = "\x1f".join(str(part) for part in (FEED_FORMAT, *parts))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def content_etag(body: bytes) -> str:
    """Return the strong ETag (unquoted) of a feed body: a hash of its bytes."""
    return hashlib.sha256(body).hexdigest()[:32]


def gzipped(body: bytes) -> bytes:
    """Return `body` compressed with gzip, the same bytes on every server (no time stamp in the header)."""
    return gzip.compress(body, compresslevel=6, mtime=0)


class CachedFeed:
    """A built feed: its body, its ETag and when its content last changed; the gzipped body is made on
    the first request that accepts gzip and then kept."""

    __slots__ = ("body", "etag", "last_modified", "_gzip_body")

    def __init__(self, body: bytes, etag: str, last_modified: datetime) -> None:
        self.body = body
        self.etag = etag
        self.last_modified = last_modified
        self._gzip_body: bytes | None = None

    @property
    def gzip_body(self) -> bytes:
        """Return the body gzipped (two threads may both compress it once: the same bytes)."""
        if self._gzip_body is None:
            self._gzip_body = gzipped(self.body)
        return self._gzip_body

    @property
    def size(self) -> int:
        """Return the bytes the entry holds, counting the gzipped body as a tenth of the body."""
        return len(self.body) + len(self.body) // 10


class FeedStore:
    """A thread-safe LRU of built feeds by source version, plus the committee's zone as last seen."""

    def __init__(self, max_entries: int = 512, max_bytes: int = 64 * 1024 * 1024) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.zone_hint: str | None = None
        self._feeds: OrderedDict[str, CachedFeed] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, source: str) -> CachedFeed | None:
        """Return the feed built from `source`, or None."""
        with self._lock:
            feed = self._feeds.get(source)
            if feed is not None:
                self._feeds.move_to_end(source)
            return feed

    def get_or_build(self, source: str, build: Callable[[], CachedFeed]) -> CachedFeed:
        """Return the feed stored under `source`, building and storing it with `build()` when missing."""
        feed = self.get(source)
        if feed is not None:
            return feed
        feed = build()
        with self._lock:
            if source not in self._feeds and feed.size <= self.max_bytes:
                self._feeds[source] = feed
                self._size += feed.size
                while len(self._feeds) > self.max_entries or self._size > self.max_bytes:
                    _, dropped = self._feeds.popitem(last=False)
                    self._size -= dropped.size
        return feed

    def __len__(self) -> int:
        return len(self._feeds)

    def clear(self) -> None:
        """Forget every stored feed."""
        with self._lock:
            self._feeds.clear()
            self._size = 0


def feed_store(app: Flask) -> FeedStore:
    """Return the feed store of `app`, creating it on first use."""
    store = app.extensions.get("consult_feeds")
    if store is None:
        store = app.extensions.setdefault("consult_feeds", FeedStore())
    return store
