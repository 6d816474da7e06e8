"""From plan to meeting: what the meeting form starts with when staff schedule a plan item."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from consult.plans.models import PlanItem

# Meeting.title holds 200 characters; a plan topic may hold 300.
MAX_TITLE_LENGTH = 200

# Offices list departments one per line, or separated by 、，,；; in one cell.
_DEPARTMENT_SEPARATORS = re.compile(r"[\n\r、，,；;]+")


def split_departments(text: str) -> list[str]:
    """Return the department names in free `text`, in order, stripped, without blanks or repeats."""
    names: list[str] = []
    for part in _DEPARTMENT_SEPARATORS.split(text or ""):
        name = part.strip()
        if name and name not in names:
            names.append(name)
    return names


def observers_from_departments(counterpart: str, participating: str) -> str:
    """Return the observers (列席) text: the counterpart department, then the participating ones,
    one per line, each once.
    """
    return "\n".join(split_departments("\n".join((counterpart or "", participating or ""))))


def meeting_defaults_from_item(item: PlanItem) -> dict[str, Any]:
    """Return the meeting form's initial values for scheduling `item`.

    Keys: organ_id, consultation_form, sitting_kind, title (the topic cut to 200 characters),
    topics (list of agenda items, the topic first), observers (counterpart and participating
    departments, one per line) and plan_item_id. Raises nothing.
    """
    topic = (item.topic or "").strip()
    return {
        "organ_id": item.organ_id,
        "consultation_form": item.consultation_form,
        "sitting_kind": item.sitting_kind or "meeting",
        "title": topic[:MAX_TITLE_LENGTH],
        "topics": [topic] if topic else [],
        "observers": observers_from_departments(item.counterpart_department, item.participating_departments),
        "plan_item_id": item.id,
    }
