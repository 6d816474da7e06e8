"""The on-site side of a sitting: its code (/m/<code>) and when attendance and opinions were closed

Revision ID: 2184e9879ff6
Revises: e8b293cfabd2
Create Date: 2026-11-26 17:10:29.181857

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2184e9879ff6'
down_revision = 'e8b293cfabd2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('onsite_sitting',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('attendance_closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('attendance_closed_by_id', sa.Integer(), nullable=True),
    sa.Column('opinions_close_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opinions_closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opinions_closed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['attendance_closed_by_id'], ['user.id'], name=op.f('fk_onsite_sitting_attendance_closed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_onsite_sitting_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['opinions_closed_by_id'], ['user.id'], name=op.f('fk_onsite_sitting_opinions_closed_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('meeting_id', name=op.f('pk_onsite_sitting')),
    sa.UniqueConstraint('code', name=op.f('uq_onsite_sitting_code'))
    )


def downgrade():
    op.drop_table('onsite_sitting')
