"""Materials (会议材料): one file attached to a sitting, or to one of its topics (议题).

Not versioned (committee.versioning): calendar feeds do not carry materials, so adding or removing one never
makes a feed rebuild.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from consult.db_types import UTCDateTime, utcnow
from consult.extensions import db

INVITEES = "invitees"
PUBLIC = "public"
# Who may open a material. Invitees: the sitting's invitees (their page, the on-site page once recognised)
# and staff. Public: also everyone who can see the sitting (its public page, or the on-site page /m/<code>).
MATERIAL_VISIBILITIES = {
    INVITEES: _l("Invitees only"),
    PUBLIC: _l("Everyone who can see the sitting"),
}
TITLE_MAX = 200
FILE_NAME_MAX = 200


class Material(db.Model):
    """One file of a sitting: the report under discussion, a 征求意见稿, a map. Its bytes live in the storage
    (consult.materials.storage) under `storage_key`."""

    __tablename__ = "material"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    # None: the sitting as a whole. A topic that no longer exists counts as None (queries.materials_of).
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    file_name: Mapped[str] = mapped_column(String(FILE_NAME_MAX))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(100))
    visibility: Mapped[str] = mapped_column(String(10), default=INVITEES)
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    @property
    def public(self) -> bool:
        """True when everyone who can see the sitting may open it."""
        return self.visibility == PUBLIC

    def __repr__(self) -> str:
        return f"<Material {self.id} of meeting {self.meeting_id} {self.file_name!r}>"
