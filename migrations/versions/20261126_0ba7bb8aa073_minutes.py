"""Minutes (会议纪要) of a sitting with per-topic summaries and approved versions (exact bytes and SHA-256,
version numbers unique per minutes, issue numbers unique per committee and year); the committee's masthead,
issuing office and red rule of the minutes

Revision ID: 0ba7bb8aa073
Revises: 44f561b0632a
Create Date: 2026-11-26 23:27:57.216752

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0ba7bb8aa073'
down_revision = '44f561b0632a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('minutes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('issue_number', sa.Integer(), nullable=False),
    sa.Column('office', sa.String(length=100), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('opening', sa.Text(), nullable=False),
    sa.Column('decisions', sa.Text(), nullable=False),
    sa.Column('shared_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['committee_id'], ['committee.id'], name=op.f('fk_minutes_committee_id_committee'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_minutes_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes')),
    sa.UniqueConstraint('committee_id', 'year', 'issue_number', name='uq_minutes_committee_year_issue'),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_minutes_meeting_id'))
    )
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_committee_id'), ['committee_id'], unique=False)

    op.create_table('minutes_topic_summary',
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_minutes_topic_summary_minutes_id_minutes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], name=op.f('fk_minutes_topic_summary_topic_id_topic'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('minutes_id', 'topic_id', name=op.f('pk_minutes_topic_summary'))
    )
    op.create_table('minutes_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user.id'], name=op.f('fk_minutes_version_approved_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_minutes_version_minutes_id_minutes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_version')),
    sa.UniqueConstraint('minutes_id', 'number', name='uq_minutes_version_minutes_number')
    )
    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_version_minutes_id'), ['minutes_id'], unique=False)

    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_masthead', sa.String(length=60), server_default='', nullable=False))
        batch_op.add_column(sa.Column('minutes_office', sa.String(length=100), server_default='', nullable=False))
        batch_op.add_column(sa.Column('minutes_red_rule', sa.Boolean(), server_default=sa.true(), nullable=False))



def downgrade():
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.drop_column('minutes_red_rule')
        batch_op.drop_column('minutes_office')
        batch_op.drop_column('minutes_masthead')

    with op.batch_alter_table('minutes_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_version_minutes_id'))

    op.drop_table('minutes_version')
    op.drop_table('minutes_topic_summary')
    with op.batch_alter_table('minutes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_committee_id'))

    op.drop_table('minutes')
