"""Where to send a person after an action: paths on this site only (no open redirect)."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None) -> str:
    """Return `target` when it is a path on this site, else the home page's path (also for a target with control
    characters, which no header may carry)."""
    if (
        target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc
        and target.isprintable()
    ):
        return target
    return url_for("meetings.home")
