"""Opinions (意见建议) on the topics of a sitting, by members or guests, with a unique submission key per
sitting (a form sent twice is stored once), the original text kept when staff correct it

Revision ID: 44f561b0632a
Revises: b9512a500ebb
Create Date: 2026-11-26 17:19:10.885256

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '44f561b0632a'
down_revision = 'b9512a500ebb'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opinion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('guest_name', sa.String(length=50), server_default='', nullable=False),
    sa.Column('guest_organisation', sa.String(length=200), server_default='', nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('original_text', sa.Text(), nullable=True),
    sa.Column('corrected_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('corrected_by_id', sa.Integer(), nullable=True),
    sa.Column('named', sa.Boolean(), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=12), server_default='active', nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('duplicate_of_id', sa.Integer(), nullable=True),
    sa.Column('excluded_from_minutes', sa.Boolean(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['corrected_by_id'], ['user.id'], name=op.f('fk_opinion_corrected_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['duplicate_of_id'], ['opinion.id'], name=op.f('fk_opinion_duplicate_of_id_opinion'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_opinion_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_opinion_member_id_member'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user.id'], name=op.f('fk_opinion_recorded_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_opinion_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion')),
    sa.UniqueConstraint('meeting_id', 'submission_key', name=op.f('uq_opinion_meeting_id'))
    )
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_member_id'), ['member_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_topic_id'), ['topic_id'], unique=False)

    op.create_table('opinion_distinct_pair',
    sa.Column('first_id', sa.Integer(), nullable=False),
    sa.Column('second_id', sa.Integer(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_opinion_distinct_pair_decided_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['first_id'], ['opinion.id'], name=op.f('fk_opinion_distinct_pair_first_id_opinion'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['second_id'], ['opinion.id'], name=op.f('fk_opinion_distinct_pair_second_id_opinion'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('first_id', 'second_id', name=op.f('pk_opinion_distinct_pair'))
    )


def downgrade():
    op.drop_table('opinion_distinct_pair')
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_topic_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_member_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_meeting_id'))

    op.drop_table('opinion')
