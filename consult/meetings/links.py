"""Addresses built once per page: a long page links hundreds of sittings, and url_for costs ~40 µs a call."""

from __future__ import annotations

from flask import url_for

# A value no id, year or page number takes; it marks where the varying value goes in the built address.
_MARK = 918273645


class UrlPattern:
    """The address of one endpoint in which one integer value varies, e.g. meetings.detail by meeting_id.

    Built with a single url_for call, so it carries the application's prefix (SCRIPT_NAME), the
    converters and the query string exactly as url_for would; calling it with a value returns the same
    text as url_for(endpoint, **{name: value}, **fixed).
    """

    __slots__ = ("_head", "_tail")

    def __init__(self, endpoint: str, name: str, **fixed):
        """Build the pattern; raise ValueError when the address does not show the value exactly once,
        and werkzeug's BuildError when the endpoint cannot be built."""
        url = url_for(endpoint, **{name: _MARK}, **fixed)
        mark = str(_MARK)
        if url.count(mark) != 1:
            raise ValueError(f"{endpoint}: the address {url!r} does not show {name} exactly once")
        self._head, _, self._tail = url.partition(mark)

    def __call__(self, value: int) -> str:
        """Return the address for `value` (an int, or a string of digits)."""
        return f"{self._head}{int(value)}{self._tail}"


def url_patterns(**patterns: tuple) -> dict[str, UrlPattern]:
    """Return {key: UrlPattern(endpoint, name, **fixed)} for keyword arguments key=(endpoint, name[, fixed])."""
    return {key: UrlPattern(spec[0], spec[1], **(spec[2] if len(spec) > 2 else {})) for key, spec in patterns.items()}
