"""Lighter feeds and what a notice holds: the feed_version table (each feed's ETag, when its content last
changed, and the data it was built from, shared by every app server), a member's reminder for their own
feed, a sitting's contact person and phone (会务联系人及电话), and the committee's leave deadline (请假:
how many days before the start).

Revision ID: 1c0a53c50c8f
Revises: 58cb167995bb
Create Date: 2026-11-26 16:26:08.551152

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '1c0a53c50c8f'
down_revision = '58cb167995bb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feed_version',
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('variant', sa.String(length=64), nullable=False),
    sa.Column('source_version', sa.String(length=64), nullable=False),
    sa.Column('etag', sa.String(length=64), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'subject_id', 'variant', name=op.f('pk_feed_version'))
    )
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('leave_deadline_days', sa.Integer(), server_default='2', nullable=False))
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_name', sa.String(length=50), server_default='', nullable=False))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=40), server_default='', nullable=False))
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_reminder', sa.String(length=10), server_default='', nullable=False))



def downgrade():
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('feed_reminder')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('contact_name')
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.drop_column('leave_deadline_days')
    op.drop_table('feed_version')
