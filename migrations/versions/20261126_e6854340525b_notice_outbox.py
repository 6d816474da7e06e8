"""The notice outbox: one batch per notification staff confirmed (unique idempotency key), one notice per
(member, channel) with its delivery status, attempts, next attempt and last error.

Revision ID: e6854340525b
Revises: 1c0a53c50c8f
Create Date: 2026-11-26 16:29:30.829384

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e6854340525b'
down_revision = '1c0a53c50c8f'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notice_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('event', sa.String(length=12), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('channels', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sender_name', sa.String(length=120), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('calendar_method', sa.String(length=10), nullable=False),
    sa.Column('calendar', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user.id'], name=op.f('fk_notice_batch_created_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_notice_batch_meeting_id_meeting'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice_batch')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_notice_batch_idempotency_key'))
    )
    with op.batch_alter_table('notice_batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_batch_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('notice',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('member_name', sa.String(length=50), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('address', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['notice_batch.id'], name=op.f('fk_notice_batch_id_notice_batch'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_notice_member_id_member'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notice'))
    )
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notice_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index('ix_notice_due', ['status', 'next_attempt_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notice_member_id'), ['member_id'], unique=False)



def downgrade():
    with op.batch_alter_table('notice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_member_id'))
        batch_op.drop_index('ix_notice_due')
        batch_op.drop_index(batch_op.f('ix_notice_batch_id'))

    op.drop_table('notice')
    with op.batch_alter_table('notice_batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notice_batch_meeting_id'))

    op.drop_table('notice_batch')
