"""Where an entry's subject can be seen today: the page of each kind of subject, and which of them still exist.

One registry, read by the audit page. A domain whose subjects get a page later (staff accounts) adds its kind with
register_link; a kind without an entry is shown without a link.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module


@dataclass(frozen=True)
class Link:
    """The page of one kind of subject.

    `model` names the model whose row must still exist ("consult.meetings.models:Meeting"); `by_meeting` says that
    row is the entry's sitting rather than its subject (attendance is seen on the sitting's panel). `label` and
    `extra` name columns read with it: the subject's name today, and what the URL needs besides the id (an organ's
    slug, a plan's year). `args` turns (id, extra) into the endpoint's arguments; `anchor` (of the subject's id)
    the place on the page."""

    model: str
    endpoint: str
    args: Callable[[int, str | None], dict]
    label: str | None = None
    extra: str | None = None
    by_meeting: bool = False
    anchor: Callable[[int | None], str] | None = None

    def model_class(self):
        """Return the model class named by `model`."""
        module, name = self.model.split(":")
        return getattr(import_module(module), name)


def _meeting(i, _extra):
    return {"meeting_id": i}


LINKS: dict[str, Link] = {
    "meeting": Link("consult.meetings.models:Meeting", "meetings.detail", _meeting, label="title"),
    "attendance": Link("consult.meetings.models:Meeting", "onsite.attendance_panel", _meeting, by_meeting=True),
    "leave": Link("consult.meetings.models:Meeting", "onsite.attendance_panel", _meeting, by_meeting=True,
                  anchor=lambda _i: "leave"),
    "opinion": Link("consult.opinions.models:Opinion", "opinions.desk", lambda _i, extra: {"meeting_id": extra},
                    extra="meeting_id", anchor=lambda i: f"opinion-{i}"),
    "minutes": Link("consult.meetings.models:Meeting", "minutes.edit", _meeting, by_meeting=True),
    "material": Link("consult.materials.models:Material", "meetings.detail",
                     lambda _i, extra: {"meeting_id": extra}, label="title", extra="meeting_id",
                     anchor=lambda _i: "materials"),
    "notice_batch": Link("consult.notices.models:NoticeBatch", "notices.batch", lambda i, _x: {"batch_id": i},
                         label="subject"),
    "member": Link("consult.members.models:Member", "members.detail", lambda i, _x: {"member_id": i}, label="name"),
    "organ": Link("consult.members.models:Organ", "members.organ_detail", lambda _i, slug: {"slug": slug},
                  label="name", extra="slug"),
    "sector": Link("consult.members.models:Sector", "members.rename_sector", lambda i, _x: {"sector_id": i},
                   label="name"),
    "user": Link("consult.auth.models:User", "auth.edit_account", lambda i, _x: {"user_id": i}, label="username"),
    "api_token": Link("consult.api.models:ApiToken", "api_tokens.tokens", lambda _i, _x: {}, label="name"),
    "committee": Link("consult.committee.models:Committee", "members.settings", lambda _i, _x: {}, label="name"),
    "plan": Link("consult.plans.models:ConsultationPlan", "plans.year", lambda _i, year: {"year": year},
                 extra="year"),
    "plan_item": Link("consult.plans.models:PlanItem", "plans.item_edit", lambda i, _x: {"item_id": i},
                      label="topic"),
}


def register_link(subject_type: str, link: Link) -> None:
    """Give a kind of subject its page on the audit log (e.g. "user" once staff accounts have one)."""
    LINKS[subject_type] = link
