"""The audit log's page for admins: filter, page through, read each change before and after, open its subject;
and the filtered entries as CSV. Nothing here writes: no route changes or removes an entry."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from consult.audit import labels, queries
from consult.audit.actors import ACTOR_KINDS
from consult.audit.changes import loads
from consult.audit.filters import KEYS, read_filters
from consult.audit.filters import page_number as clamp_page
from consult.audit.links import LINKS
from consult.audit.presentation import Words, changes_line, field_changes
from consult.auth.permissions import admin_required
from consult.committee import clock
from consult.csv_files import csv_download

bp = Blueprint("audit", __name__)

PROBLEMS = {
    "by": _l("“By” was not understood and is ignored."),
    "type": _l("There is no such kind of subject; that filter is ignored."),
    "action": _l("There is no such action; that filter is ignored."),
    "subject": _l("The subject's number must be a whole number above 0; that filter is ignored."),
    "sitting": _l("The sitting's number must be a whole number above 0; that filter is ignored."),
    "from": _l("Give the first day as a date such as 2030-03-01; that filter is ignored."),
    "to": _l("Give the last day as a date such as 2030-03-31; that filter is ignored."),
    "range": _l("The last day comes before the first; the dates are ignored."),
}
# The CSV's columns, in Chinese for the office (the columns of the page, one line per entry).
CSV_HEADER = ["时间", "操作人类型", "操作人", "操作", "动作代码", "对象类型", "对象编号", "对象", "会议编号",
              "变更内容", "说明", "来源地址"]


def _plain(mapping) -> dict[str, str]:
    """Return the labels of `mapping` as plain text, translated once: a page of 50 entries (and a CSV of 50,000)
    would translate them again for every entry."""
    return {key: str(label) for key, label in mapping.items()}


def _words() -> Words:
    zone = clock.zone()
    return Words(
        fields=_plain(labels.FIELDS), values={field: _plain(v) for field, v in labels.value_labels().items()},
        yes=_("Yes"), no=_("No"),
        # Digits only, the same in both languages: strftime rather than Babel's formatter, 50,000 times over.
        moment=lambda moment: moment.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        separator=_(", "),
    )


def _criteria():
    read = read_filters(request.args, clock.zone(), labels.SUBJECT_TYPES, ACTOR_KINDS)
    return read.criteria, read.problems


def _subject_url(entry, targets: dict) -> tuple[str | None, str | None]:
    """Return the URL of the entry's subject (None when it is gone or has no page) and its name today."""
    row_id = queries.target_id(entry)
    found = targets.get((entry.subject_type, row_id)) if row_id is not None else None
    if found is None:
        return None, None
    link = LINKS[entry.subject_type]
    extra, name = found
    url = url_for(link.endpoint, **link.args(row_id, extra))
    if link.anchor is not None:
        url += "#" + link.anchor(entry.subject_id)
    return url, name


@bp.route("/audit")
@admin_required
def log():
    """The audit log, newest first, 50 a page (through the newest 10,000 that match): filter by who (kind,
    account or name), kind of subject, action, subject number, sitting, dates and words; each entry with its fields
    before and after and a link to its subject while it exists. Values that cannot be understood are named and
    ignored."""
    criteria, problems = _criteria()
    total = queries.count_entries(criteria)
    shown = min(total, queries.COUNT_MAX)
    pages = max((shown + queries.PER_PAGE - 1) // queries.PER_PAGE, 1)
    page = clamp_page(request.args.get("page"), pages)
    on_page = min(queries.PER_PAGE, shown - (page - 1) * queries.PER_PAGE)  # the last page stops at the limit
    entries = queries.entries_page(criteria, page, on_page) if on_page > 0 else []
    targets = queries.existing_targets(entries)
    words = _words()
    rows = []
    for entry in entries:
        url, name = _subject_url(entry, targets)
        rows.append({
            "entry": entry, "url": url, "name_now": name,
            "gone": url is None and entry.subject_type in LINKS and queries.target_id(entry) is not None,
            "changes": field_changes(entry.subject_type, entry.before, entry.after, words),
            "when": words.moment(entry.at),
        })
    filter_args = {k: v for k, v in request.args.items() if k in KEYS and v}
    return render_template(
        "audit/log.html", rows=rows, total=shown, more=total > queries.COUNT_MAX, page=page, pages=pages,
        criteria=criteria,
        problems=[PROBLEMS[key] for key in problems],
        filter_args=filter_args, without_sitting={k: v for k, v in filter_args.items() if k != "sitting"},
        action_labels=_plain(labels.ACTIONS), subject_types=_plain(labels.SUBJECT_TYPES), actions=_grouped_actions(),
        actor_kinds=_plain(labels.ACTOR_KINDS),
    )


def _grouped_actions() -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the actions for the filter, grouped under their kind of subject."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for action, label in labels.ACTIONS.items():
        groups.setdefault(action.split(".")[0], []).append((action, str(label)))
    return [(str(labels.SUBJECT_TYPES.get(kind, kind)), items) for kind, items in groups.items()]


@bp.route("/audit.csv")
@admin_required
def export():
    """The entries the filters choose (the newest 50,000 at most) as CSV for Excel, one line each, in Chinese."""
    criteria, problems = _criteria()
    if problems:  # a file is no place for a warning: the export answers what the page would have named
        abort(400, description=PROBLEMS[problems[0]])
    with force_locale("zh_CN"):  # a file for the office: in Chinese whatever the page's language
        rows = _csv_rows(queries.entries_for_export(criteria))
    return csv_download(rows, f"audit-{clock.today().isoformat()}.csv")


def _csv_rows(entries) -> list[list]:
    """Return the CSV's header and one line per entry."""
    words = _words()
    actions, kinds, actors = _plain(labels.ACTIONS), _plain(labels.SUBJECT_TYPES), _plain(labels.ACTOR_KINDS)
    rows = [CSV_HEADER]
    for entry in entries:
        rows.append([
            words.moment(entry.at), actors.get(entry.actor_kind, entry.actor_kind), entry.actor_label,
            actions.get(entry.action, entry.action), entry.action, kinds.get(entry.subject_type, entry.subject_type),
            entry.subject_id or "", entry.subject_label, entry.meeting_id or "",
            changes_line(
                field_changes(entry.subject_type, loads(entry.before_values), loads(entry.after_values), words),
                created=entry.before_values is None, removed=entry.after_values is None),
            entry.note,
            entry.address,
        ])
    return rows
