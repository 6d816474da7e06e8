"""What a set of minutes says, as plain values, and the rules that shape it: opinions grouped by topic and then by
sector (excluded ones left out, duplicates once, anonymous ones without a name), the 出席 / 请假 / 列席 lines in
protocol order, the default title and opening paragraph.

Pure: no Flask, no database. The document builder (consult.minutes.document) turns a MinutesContent into bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from consult.members.posts import ROLE_WORDS

# Opinions of people who are not members (guests) are grouped under this heading, after every sector.
GUESTS_GROUP = "其他参会人员"


@dataclass(frozen=True)
class OpinionLine:
    """One opinion as the minutes print it: the author's name ("" when they chose not to be named), their
    sector (or a guest's organisation) and the text."""

    author: str
    sector: str
    text: str


@dataclass(frozen=True)
class SectorOpinions:
    """The opinions given on one topic by the members of one sector (or by guests)."""

    sector: str
    opinions: tuple[OpinionLine, ...]


@dataclass(frozen=True)
class TopicSection:
    """One topic of the sitting: its title, the staff's summary and the opinions by sector."""

    title: str
    summary: str
    sectors: tuple[SectorOpinions, ...]

    @property
    def opinion_count(self) -> int:
        """Return how many opinions the section prints."""
        return sum(len(group.opinions) for group in self.sectors)


@dataclass(frozen=True)
class Attendance:
    """The attendance block: names in protocol order, 列席 units and people, invited leaders, the counts."""

    present: tuple[str, ...] = ()
    on_leave: tuple[str, ...] = ()
    observers: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    expected: int = 0
    present_count: int = 0


@dataclass(frozen=True)
class MinutesContent:
    """Everything one set of minutes prints, in the order it prints it."""

    masthead: str
    red_rule: bool
    issue: str  # 第3期
    office: str
    date_text: str  # 2026年11月26日
    title: str
    opening: str
    topics: tuple[TopicSection, ...]
    decisions: tuple[str, ...]
    attendance: Attendance = field(default_factory=Attendance)
    # The ids of the opinions printed (printed_opinion_ids): recorded with an approved version, for the duty records.
    printed_opinion_ids: tuple[int, ...] = ()

    @property
    def opinion_count(self) -> int:
        """Return how many opinions the minutes print."""
        return sum(topic.opinion_count for topic in self.topics)


@dataclass(frozen=True)
class OpinionRow:
    """An opinion as the gathering reads it from the opinions domain, with its author's name and sector."""

    id: int
    topic_id: int
    text: str
    named: bool
    active: bool
    excluded: bool
    duplicate_of_id: int | None
    member_id: int | None
    author: str  # the member's name, or the guest's
    sector: str  # the member's sector; "" for a guest
    sector_rank: tuple = ()  # where the sector stands in the committee's order
    organisation: str = ""  # a guest's organisation


def opinions_in_minutes(rows: Iterable[OpinionRow]) -> list[OpinionRow]:
    """Return the opinions the minutes print, in the order given: active ones not excluded, each duplicate left out
    when the opinion it repeats is printed (so a point made twice appears once)."""
    rows = list(rows)
    kept = {row.id for row in rows if row.active and not row.excluded}
    return [row for row in rows if row.id in kept and (row.duplicate_of_id is None or row.duplicate_of_id not in kept)]


def printed_opinion_ids(topic_ids: Iterable[int], rows: Iterable[OpinionRow]) -> tuple[int, ...]:
    """Return the ids of the opinions the minutes print under the topics `topic_ids` (those group_opinions places),
    in ascending order."""
    wanted = set(topic_ids)
    return tuple(sorted(row.id for row in opinions_in_minutes(rows) if row.topic_id in wanted))


def group_opinions(topics: Iterable[tuple[int, str]], rows: Iterable[OpinionRow],
                   summaries: dict[int, str] | None = None) -> tuple[TopicSection, ...]:
    """Return one section per topic ((id, title) pairs, in agenda order) with its summary and its printed opinions
    grouped by sector in the sectors' order (guests last), each group in the order the opinions were given."""
    summaries = summaries or {}
    by_topic: dict[int, dict[tuple, list[OpinionRow]]] = {}
    names: dict[tuple, str] = {}
    for row in opinions_in_minutes(rows):
        key = (1,) if row.member_id is None else (0, *row.sector_rank, row.sector)
        names[key] = GUESTS_GROUP if row.member_id is None else row.sector
        by_topic.setdefault(row.topic_id, {}).setdefault(key, []).append(row)
    sections = []
    for topic_id, title in topics:
        groups = by_topic.get(topic_id, {})
        sections.append(TopicSection(
            title=title,
            summary=summaries.get(topic_id, ""),
            sectors=tuple(
                SectorOpinions(names[key], tuple(_line(row) for row in groups[key])) for key in sorted(groups)
            ),
        ))
    return tuple(sections)


def _line(row: OpinionRow) -> OpinionLine:
    if row.member_id is None:
        return OpinionLine(row.author if row.named else "", row.organisation, row.text)
    return OpinionLine(row.author if row.named else "", row.sector, row.text)


def opinion_paragraph(line: OpinionLine) -> str:
    """Return an opinion as the minutes print it: 张三（教育界）：text, or （教育界委员）：text when unnamed."""
    if line.author and line.sector:
        return f"{line.author}（{line.sector}）：{line.text}"
    if line.author:
        return f"{line.author}：{line.text}"
    if line.sector:
        return f"（{line.sector}，未署名）：{line.text}"
    return f"（未署名）：{line.text}"


def numbered_decisions(text: str) -> tuple[str, ...]:
    """Return the 议定事项 typed one per line, blank lines and a leading "1." / "一、" / "（一）" left out."""
    marker = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．)）])\s*")
    return tuple(marker.sub("", line).strip() for line in (text or "").splitlines() if marker.sub("", line).strip())


def time_of_day(moment: datetime) -> str:
    """Return 上午, 下午 or 晚上 for a local time."""
    if moment.hour < 12:
        return "上午"
    return "下午" if moment.hour < 18 else "晚上"


def chinese_day(day) -> str:
    """Return a date as documents write it: 2026年11月26日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def default_title(numbered_name: str, short_name: str, title: str) -> str:
    """Return the minutes' default title: the numbered name + 纪要 (区政协八届十二次常委会议纪要), or for a sitting
    without a number (视察, 调研, 座谈) its own title with the committee's short name first (区政协…视察纪要)."""
    if numbered_name:
        return f"{numbered_name}纪要"
    title = (title or "").strip()
    if short_name and not title.startswith(short_name):
        title = f"{short_name}{title}"
    return title if title.endswith("纪要") else f"{title}纪要"


def default_opening(*, local_start: datetime, location: str, sitting: str, activity: bool, leader: str,
                    topics: Iterable[str]) -> str:
    """Return the opening paragraph staff start from: when, where, who presided (带队 for an activity) and the
    topics. `sitting` is the numbered name or the title, `leader` e.g. 区政协主席周林勇 ("" when none)."""
    when = f"{chinese_day(local_start)}{time_of_day(local_start)}"
    topics = [t.strip() for t in topics if t and t.strip()]
    quoted = "".join(f"“{t}”" for t in topics)
    if activity:
        text = f"{when}，{sitting}{'在' + location if location else ''}开展。"
        if leader:
            text += f"活动由{leader}带队。"
        if quoted:
            text += f"围绕{quoted}进行了视察调研。" if len(topics) > 1 else f"主要内容为{quoted}。"
        return text
    text = f"{when}，{sitting}{'在' + location if location else ''}召开。"
    if leader:
        text += f"会议由{leader}主持。"
    if quoted:
        text += f"会议围绕{quoted}进行了协商讨论。"
    return text


def leader_text(short_name: str, role: str | None, name: str) -> str:
    """Return how the opening names the presiding person: 区政协主席周林勇, or the name alone for a member
    without a leadership role."""
    if not name:
        return ""
    word = ROLE_WORDS.get(role or "")
    return f"{short_name}{word}{name}" if word else name


def attendance_order_key(leader_key: tuple, sector_rank: tuple) -> tuple:
    """Return the key that lists a person in the 出席 / 请假 lines: leaders first in protocol order (主席, 副主席,
    秘书长; `leader_key` is members.queries.member_order_key), then members by sector, in member order within it."""
    if leader_key[0] == 0:
        return (0, (), leader_key)
    return (1, sector_rank, leader_key)


def counts_line(expected: int, present: int, on_leave: int) -> str:
    """Return the counts printed under the attendance lines: 应到41人，实到35人，请假4人。"""
    text = f"应到{expected}人，实到{present}人"
    if on_leave:
        text += f"，请假{on_leave}人"
    return text + "。"
