"""The demo's meeting materials: a 征求意见稿 and an agenda, as small PDFs written here byte by byte (A4, one
page, Chinese text in the standard Adobe font STSong-Light, which every PDF reader has or substitutes), attached
to the next published sitting that has topics."""

from __future__ import annotations

import io
from datetime import datetime

from sqlalchemy import select

from consult.extensions import db
from consult.materials.models import INVITEES, PUBLIC
from consult.materials.services import attach_material
from consult.meetings.models import Meeting


def _pdf_text(text: str) -> str:
    return "<" + text.encode("utf-16-be").hex().upper() + ">"


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """Return a one-page A4 PDF showing `title` (large) and `lines` (each at most ~38 Chinese characters)."""
    content = ["BT", "/F1 20 Tf", "72 770 Td", f"{_pdf_text(title)} Tj", "/F1 12 Tf", "0 -36 Td"]
    for line in lines:
        content += [f"{_pdf_text(line)} Tj", "0 -22 Td"]
    content.append("ET")
    stream = "\n".join(content).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [6 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>",
        b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def load_materials(now: datetime, by_user_id: int | None) -> int:
    """Attach the demo's materials to the next published sitting with topics; return how many were attached."""
    candidates = db.session.scalars(
        select(Meeting).where(Meeting.status == "published", Meeting.ends_at > now).order_by(Meeting.starts_at)
    )
    meeting = next((m for m in candidates if m.topics), None)
    if meeting is None:
        return 0
    topic = meeting.topics[0]
    # The draft under discussion: its title says 征求意见稿 once, whether or not the topic already does.
    draft_title = topic.title if "征求意见稿" in topic.title else f"{topic.title}（征求意见稿）"
    draft = simple_pdf(
        draft_title,
        ["一、基本情况", "近年来，我区围绕这一议题开展了大量工作，取得了阶段性成效。",
         "二、存在的问题", "工作机制尚需完善，部门协同有待加强，基层落实仍有差距。",
         "三、下一步工作建议", "请各位委员结合界别特点和调研情况提出意见建议。",
         "（本稿仅供会议讨论，请勿外传）"],
    )
    agenda = simple_pdf(
        "会议议程",
        [f"{i}. {t.title}" for i, t in enumerate(meeting.topics, 1)] + ["委员发言、协商讨论", "领导讲话"],
    )
    for content, name, topic_id, visibility in (
        (agenda, "会议议程.pdf", None, PUBLIC),
        (draft, f"{draft_title}.pdf", topic.id, INVITEES),
    ):
        attach_material(
            meeting_id=meeting.id, topic_id=topic_id, source=io.BytesIO(content), file_name=name, title="",
            visibility=visibility, max_bytes=len(content), by_user_id=by_user_id,
        )
    return 2
