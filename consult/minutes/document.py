"""The minutes as a Word file: a MinutesContent laid out by the one layout module (consult.documents.layout) in the
纪要 format of GB/T 9704-2012. This module decides what goes where; the layout module decides how it looks.

Pure: no Flask, no database. Every text is cleaned (control characters, lone surrogates) before it reaches
python-docx, so any input gives a valid file, never an exception halfway through.
"""

from __future__ import annotations

from datetime import datetime

from consult.documents.layout import OfficialDocument, clean_text
from consult.meetings.numbering import chinese_numeral
from consult.minutes.content import MinutesContent, counts_line, opinion_paragraph

NAME_SEPARATOR = "、"
NO_OPINIONS = "本议题未收到意见建议。"


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of a text typed with one paragraph a line, cleaned."""
    return [line for line in (clean_text(raw).strip() for raw in (text or "").splitlines()) if line]


def build_minutes(content: MinutesContent, *, draft: bool, created: datetime) -> bytes:
    """Return the bytes of the minutes' .docx: the same bytes for the same content, draft flag and `created`.

    Order: masthead, issue line (第N期, office, date, red rule), title, opening, one part per topic (一、title, the
    staff summary, then the opinions by sector under （一）sector), the 议定事项 as a numbered list, then the
    出席 / 请假 / 列席 lines and the 应到 / 实到 counts. A draft is marked 草稿 by the layout module.
    """
    doc = OfficialDocument(draft=draft, title=clean_text(content.title), created=created)
    doc.masthead(clean_text(content.masthead))
    doc.issue_block(issue=clean_text(content.issue), office=clean_text(content.office),
                    date_text=clean_text(content.date_text), rule=content.red_rule)
    doc.title(clean_text(content.title))
    for text in paragraphs(content.opening):
        doc.paragraph(text)
    part = 0
    for topic in content.topics:
        part += 1
        doc.heading(f"{chinese_numeral(part)}、{clean_text(topic.title)}", level=1)
        summary = paragraphs(topic.summary)
        for text in summary:
            doc.paragraph(text)
        if topic.sectors:
            doc.paragraph("与会人员提出的意见建议如下：")
        elif not summary:
            doc.paragraph(NO_OPINIONS)
        for position, group in enumerate(topic.sectors, start=1):
            doc.heading(f"（{chinese_numeral(position)}）{clean_text(group.sector)}", level=2)
            for line in group.opinions:
                for text in paragraphs(opinion_paragraph(line)):
                    doc.paragraph(text)
    if content.decisions:
        part += 1
        doc.heading(f"{chinese_numeral(part)}、议定事项", level=1)
        doc.numbered([clean_text(item) for item in content.decisions])
    _attendance(doc, content)
    return doc.to_bytes()


def _names(names) -> str:
    return NAME_SEPARATOR.join(clean_text(name) for name in names if clean_text(name).strip())


def _attendance(doc: OfficialDocument, content: MinutesContent) -> None:
    people = content.attendance
    doc.labelled("出席", _names(people.present) or "无")
    if people.guests:
        doc.labelled("应邀出席", _names(people.guests))
    if people.on_leave:
        doc.labelled("请假", _names(people.on_leave))
    if people.observers:
        doc.labelled("列席", _names(people.observers))
    if people.expected:
        doc.paragraph(counts_line(people.expected, people.present_count, len(people.on_leave)))
