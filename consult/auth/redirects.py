"""Where to send a person after an action: paths on this site only (no open redirect)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import url_for

# Control characters (CR and LF above all) cannot go in a Location header: Werkzeug refuses them with an error.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_next(target: str | None) -> str:
    """Return `target` when it is a path on this site, else the home page's path (also for a target holding a
    line break or another control character, which no header may carry: review finding #7)."""
    if (target and target.startswith("/") and not target.startswith("//") and not _CONTROL.search(target)
            and not urlsplit(target).netloc):
        return target
    return url_for("meetings.home")
