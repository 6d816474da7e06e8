"""visibility of sittings, postponed sittings, formal labels; only labelled organs are numbered

Revision ID: e848e95c8a11
Revises: 30d33dafbbc1
Create Date: 2026-11-26

Data: the standing committee's and chair meeting's sittings become members-only and the
secretary-general meeting's internal (the new defaults); sittings of organs that have no number label
and are not of a numbered kind lose the numbers the old rule made up from the organ's name.
"""

import sqlalchemy as sa
from alembic import op

revision = "e848e95c8a11"
down_revision = "30d33dafbbc1"
branch_labels = None
depends_on = None

NUMBERED_KINDS = ("plenary", "standing_committee", "chair_meeting", "secretary_general_meeting")


def upgrade():
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("visibility", sa.String(length=10), server_default="public", nullable=False))
        batch_op.add_column(sa.Column("postpone_reason", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("postponed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("organ", schema=None) as batch_op:
        batch_op.add_column(sa.Column("formal_label", sa.String(length=40), server_default="", nullable=False))

    op.execute(
        "UPDATE meeting SET visibility = 'members' WHERE organ_id IN "
        "(SELECT id FROM organ WHERE kind IN ('standing_committee', 'chair_meeting'))"
    )
    op.execute(
        "UPDATE meeting SET visibility = 'internal' WHERE organ_id IN "
        "(SELECT id FROM organ WHERE kind = 'secretary_general_meeting')"
    )
    kinds = ", ".join(f"'{k}'" for k in NUMBERED_KINDS)
    op.execute(
        "UPDATE meeting SET number = NULL, term = NULL WHERE organ_id IN "
        f"(SELECT id FROM organ WHERE kind NOT IN ({kinds}) AND COALESCE(number_label, '') = '')"
    )
    # The plenary's old default label: 八届三次全体委员会议 is 八届三次会议.
    op.execute("UPDATE organ SET number_label = '' WHERE kind = 'plenary' AND number_label = '全体委员会议'")


def downgrade():
    with op.batch_alter_table("organ", schema=None) as batch_op:
        batch_op.drop_column("formal_label")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("postponed_at")
        batch_op.drop_column("postpone_reason")
        batch_op.drop_column("visibility")
