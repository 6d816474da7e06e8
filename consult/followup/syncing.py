"""How the decisions of a newly approved version of the minutes meet the decisions already followed.

Pure: no Flask, no database. A decision whose text is unchanged keeps its follow-up (and moves to its new place);
a new text is a new decision; a decision the version no longer holds is kept, marked as no longer in the minutes;
one that comes back in a later version is the same decision again, with its follow-up. "Unchanged" ignores white
space and a full stop or semicolon at the end (a retyped line is the same decision); any other edit makes a new
decision, since the department was asked to do what the old text said.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_SPACES = re.compile(r"\s+")
_ENDING = re.compile(r"[。．.；;，,]+$")


def decision_key(text: str) -> str:
    """Return what two decision texts must share to be the same decision: the text without white space and
    without a closing 。．.；;，, mark."""
    return _ENDING.sub("", _SPACES.sub("", text or ""))


@dataclass(frozen=True)
class Known:
    """A decision already followed: its id, text, and whether the latest approved version holds it."""

    id: int
    text: str
    in_minutes: bool


@dataclass(frozen=True)
class SyncPlan:
    """What approving a version does to the decisions: (id, new position, text) of those kept and of those back
    after a version without them, (position, text) of the new ones, and the ids of those no longer in it."""

    kept: tuple[tuple[int, int, str], ...] = ()
    restored: tuple[tuple[int, int, str], ...] = ()
    added: tuple[tuple[int, str], ...] = ()
    removed: tuple[int, ...] = ()


def plan_sync(known: Sequence[Known], texts: Sequence[str]) -> SyncPlan:
    """Return how the decisions `texts` of a new version (in their order; positions from 1) meet the `known`
    decisions of the sitting. A text matches one known decision of the same key, those still in the minutes
    first, then the earliest; a text given twice needs two decisions. Blank texts are skipped. Raises nothing."""
    pool: dict[str, list[Known]] = {}
    for decision in sorted(known, key=lambda d: (not d.in_minutes, d.id)):
        pool.setdefault(decision_key(decision.text), []).append(decision)
    kept, restored, added = [], [], []
    matched: set[int] = set()
    position = 0
    for text in texts:
        text = (text or "").strip()
        if not decision_key(text):
            continue
        position += 1
        candidates = pool.get(decision_key(text))
        if candidates:
            decision = candidates.pop(0)
            matched.add(decision.id)
            (kept if decision.in_minutes else restored).append((decision.id, position, text))
        else:
            added.append((position, text))
    removed = tuple(d.id for d in sorted(known, key=lambda d: d.id) if d.in_minutes and d.id not in matched)
    return SyncPlan(tuple(kept), tuple(restored), tuple(added), removed)
