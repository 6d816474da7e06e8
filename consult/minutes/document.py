"""The minutes as a Word file: a MinutesContent laid out by the one layout module (consult.documents.layout) in the
纪要 format of GB/T 9704-2012. This module decides what goes where; the layout module decides how it looks.

Pure: no Flask, no database. Every text is cleaned (control characters, lone surrogates) before it reaches
python-docx, so any input gives a valid file, never an exception halfway through.
"""

from __future__ import annotations

from datetime import datetime

from consult.documents.layout import OfficialDocument, clean_text
from consult.meetings.numbering import chinese_numeral
from consult.minutes.content import MinutesContent, OpinionLine, counts_line, opinion_paragraph

NAME_SEPARATOR = "、"
NO_OPINIONS = "本议题未收到意见建议。"


def paragraphs(text: str) -> list[str]:
    """Return the non-empty paragraphs of a text typed with one paragraph a line, cleaned."""
    return [line for line in (clean_text(raw).strip() for raw in (text or "").splitlines()) if line]


def one_line(text: str) -> str:
    """Return `text` cleaned for a one-line place (a title, a name, a heading): line breaks and tabs removed."""
    return "".join(part.strip() for part in clean_text(text).replace("\t", " ").splitlines())


def build_minutes(content: MinutesContent, *, draft: bool, created: datetime) -> bytes:
    """Return the bytes of the minutes' .docx: the same bytes for the same content, draft flag and `created`.

    Order: masthead, issue line (第N期, office, date, red rule), title, opening, one part per topic (一、title, the
    staff summary, then the opinions by sector under （一）sector), the 议定事项 as a numbered list, then the
    出席 / 请假 / 列席 lines and the 应到 / 实到 counts. A draft is marked 草稿 by the layout module.
    """
    title = one_line(content.title)
    doc = OfficialDocument(draft=draft, title=title, created=created)
    doc.masthead(one_line(content.masthead))
    doc.issue_block(issue=one_line(content.issue), office=one_line(content.office),
                    date_text=one_line(content.date_text), rule=content.red_rule)
    doc.title(title)
    for text in paragraphs(content.opening):
        doc.paragraph(text)
    part = 0
    for topic in content.topics:
        part += 1
        doc.heading(f"{chinese_numeral(part)}、{one_line(topic.title)}", level=1)
        summary = paragraphs(topic.summary)
        for text in summary:
            doc.paragraph(text)
        if topic.sectors:
            doc.paragraph("与会人员提出的意见建议如下：")
        elif not summary:
            doc.paragraph(NO_OPINIONS)
        for position, group in enumerate(topic.sectors, start=1):
            doc.heading(f"（{chinese_numeral(position)}）{one_line(group.sector)}", level=2)
            for line in group.opinions:
                line = OpinionLine(one_line(line.author), one_line(line.sector), line.text)
                for text in paragraphs(opinion_paragraph(line)):
                    doc.paragraph(text)
    if content.decisions:
        part += 1
        doc.heading(f"{chinese_numeral(part)}、议定事项", level=1)
        doc.numbered([clean_text(item) for item in content.decisions])
    _attendance(doc, content)
    return doc.to_bytes()


def _names(names) -> str:
    return NAME_SEPARATOR.join(one_line(name) for name in names if one_line(name))


def _attendance(doc: OfficialDocument, content: MinutesContent) -> None:
    people = content.attendance
    doc.paragraph("")  # GB/T 9704 §10.3: the attendance lines follow the body after one blank line
    doc.labelled("出席", _names(people.present) or "无")
    if people.guests:
        doc.labelled("应邀出席", _names(people.guests))
    if people.on_leave:
        doc.labelled("请假", _names(people.on_leave))
    if people.observers:
        doc.labelled("列席", _names(people.observers))
    if people.expected:
        doc.paragraph(counts_line(people.expected, people.present_count, len(people.on_leave)))
