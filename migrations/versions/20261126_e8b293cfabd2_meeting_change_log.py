"""The change log of sittings (时间变更记录): each move of a published or postponed sitting's time or place,
with the old and new values, who made it and why. A table of its own: the meeting row, which calendar feeds
read, gets no new columns.

Revision ID: e8b293cfabd2
Revises: e6854340525b
Create Date: 2026-11-26 16:27:08.963310

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8b293cfabd2'
down_revision = 'e6854340525b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('meeting_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('old_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('old_ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('old_location', sa.String(length=200), nullable=False),
    sa.Column('new_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('new_location', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('late_notice_confirmed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['user.id'], name=op.f('fk_meeting_change_changed_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_meeting_change_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_change'))
    )
    with op.batch_alter_table('meeting_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_change_meeting_id'), ['meeting_id'], unique=False)



def downgrade():
    with op.batch_alter_table('meeting_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_change_meeting_id'))

    op.drop_table('meeting_change')
