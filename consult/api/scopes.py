"""What an API token may do: its scopes, each with the words an admin reads when ticking it. Pure."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

SITTINGS_READ = "sittings:read"
MEMBERS_READ = "members:read"
MEMBERS_CONTACT = "members:contact"
ATTENDANCE_READ = "attendance:read"
OPINIONS_READ = "opinions:read"
OPINIONS_WRITE = "opinions:write"

# In the order the admin page lists them.
SCOPES = {
    SITTINGS_READ: _l("Sittings as staff see them: drafts, members-only and internal sittings, staff notes"),
    MEMBERS_READ: _l("Members: names, sectors, organs and posts"),
    MEMBERS_CONTACT: _l("Members' mobile numbers and e-mail addresses (needs the members scope)"),
    ATTENDANCE_READ: _l("Attendance and leave requests of sittings"),
    OPINIONS_READ: _l("Opinions of sittings, with their authors"),
    OPINIONS_WRITE: _l("Giving opinions for members and guests, under the phone form's rules"),
}
# A scope that means nothing without another.
NEEDS = {MEMBERS_CONTACT: MEMBERS_READ}


def parse_scopes(text: str | None) -> frozenset[str]:
    """Return the known scopes in a space-separated `text` (as stored); unknown words are dropped."""
    return frozenset(word for word in (text or "").split() if word in SCOPES)


def stored_scopes(scopes) -> str:
    """Return `scopes` as stored: the known ones, space-separated, in SCOPES order."""
    chosen = set(scopes)
    return " ".join(scope for scope in SCOPES if scope in chosen)


def missing_companions(scopes) -> dict[str, str]:
    """Return, for each scope in `scopes` that needs another one not in `scopes`, the scope it needs."""
    chosen = set(scopes)
    return {scope: needed for scope, needed in NEEDS.items() if scope in chosen and needed not in chosen}
