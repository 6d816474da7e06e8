"""成果跟踪: the decisions (议定事项) of approved minutes as rows with their follow-up (承办单位, 办理期限,
办理情况, outcome) and history, and what each approved version of the minutes says (for the year's compilation)

Minutes approved before this revision: when the draft is still the approved one (status approved), its text and
decisions are copied for the latest version; minutes edited since their last approval get theirs at the next
approval (the draft may no longer say what was approved).

Revision ID: 91337129ca49
Revises: 184d38a13c11
Create Date: 2026-12-06 21:04:46.923295

"""
import re
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '91337129ca49'
down_revision = '184d38a13c11'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('first_version', sa.Integer(), nullable=False),
    sa.Column('last_version', sa.Integer(), nullable=False),
    sa.Column('in_minutes', sa.Boolean(), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_decision_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_decision_minutes_id_minutes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_decision_updated_by_id_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_minutes_id'), ['minutes_id'], unique=False)

    op.create_table('approved_minutes_text',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('minutes_version_id', sa.Integer(), nullable=False),
    sa.Column('minutes_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('opening', sa.Text(), nullable=False),
    sa.Column('topics', sa.JSON(), nullable=False),
    sa.Column('decisions', sa.JSON(), nullable=False),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_approved_minutes_text_meeting_id_meeting'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_id'], ['minutes.id'], name=op.f('fk_approved_minutes_text_minutes_id_minutes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['minutes_version_id'], ['minutes_version.id'], name=op.f('fk_approved_minutes_text_minutes_version_id_minutes_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approved_minutes_text')),
    sa.UniqueConstraint('minutes_id', 'version', name='uq_approved_minutes_text_minutes_version'),
    sa.UniqueConstraint('minutes_version_id', name=op.f('uq_approved_minutes_text_minutes_version_id'))
    )
    with op.batch_alter_table('approved_minutes_text', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approved_minutes_text_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_approved_minutes_text_minutes_id'), ['minutes_id'], unique=False)

    op.create_table('decision_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('decision_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('by_name', sa.String(length=50), nullable=False),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['user.id'], name=op.f('fk_decision_event_by_id_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_event_decision_id_decision'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_event'))
    )
    with op.batch_alter_table('decision_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_event_decision_id'), ['decision_id'], unique=False)

    _copy_approved_minutes()


# The rule of consult.minutes.content.numbered_decisions as it stood when this revision was written.
_MARKER = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．)）])\s*")


def _decisions(text):
    lines = [_MARKER.sub("", line).strip() for line in (text or "").splitlines()]
    return [line for line in lines if line]


def _copy_approved_minutes():
    bind = op.get_bind()
    minutes = sa.table("minutes", sa.column("id"), sa.column("meeting_id"), sa.column("status"),
                       sa.column("revision"), sa.column("title"), sa.column("opening"), sa.column("decisions"))
    versions = sa.table("minutes_version", sa.column("id"), sa.column("minutes_id"), sa.column("number"),
                        sa.column("revision"), sa.column("approved_at"), sa.column("approved_by_id"))
    summaries = sa.table("minutes_topic_summary", sa.column("minutes_id"), sa.column("topic_id"), sa.column("text"))
    topics = sa.table("topic", sa.column("id"), sa.column("meeting_id"), sa.column("position"), sa.column("title"))
    texts = sa.table("approved_minutes_text", sa.column("minutes_version_id"), sa.column("minutes_id"),
                     sa.column("meeting_id"), sa.column("version"), sa.column("title"), sa.column("opening"),
                     sa.column("topics", sa.JSON), sa.column("decisions", sa.JSON), sa.column("approved_at"))
    decisions = sa.table(
        "decision", sa.column("meeting_id"), sa.column("minutes_id"), sa.column("position"), sa.column("text"),
        sa.column("first_version"), sa.column("last_version"), sa.column("in_minutes"), sa.column("department"),
        sa.column("answer"), sa.column("outcome"), sa.column("revision"), sa.column("created_at"),
        sa.column("updated_at"), sa.column("updated_by_id"))
    latest = sa.select(versions.c.minutes_id, sa.func.max(versions.c.number).label("number")).group_by(
        versions.c.minutes_id).subquery()
    rows = bind.execute(
        sa.select(minutes, versions.c.id.label("version_id"), versions.c.number, versions.c.approved_at,
                  versions.c.approved_by_id)
        .join(latest, latest.c.minutes_id == minutes.c.id)
        .join(versions, (versions.c.minutes_id == minutes.c.id) & (versions.c.number == latest.c.number))
        .where(minutes.c.status == "approved", versions.c.revision == minutes.c.revision)
    ).all()
    now = datetime.now(timezone.utc)
    for row in rows:
        said = dict(bind.execute(sa.select(summaries.c.topic_id, summaries.c.text).where(
            summaries.c.minutes_id == row.id)).all())
        agenda = bind.execute(sa.select(topics.c.id, topics.c.title).where(topics.c.meeting_id == row.meeting_id)
                              .order_by(topics.c.position, topics.c.id)).all()
        items = _decisions(row.decisions)
        bind.execute(texts.insert().values(
            minutes_version_id=row.version_id, minutes_id=row.id, meeting_id=row.meeting_id, version=row.number,
            title=row.title or "", opening=row.opening or "", topics=[[t.title, said.get(t.id, "")] for t in agenda],
            decisions=items, approved_at=row.approved_at))
        for position, text in enumerate(items, start=1):
            bind.execute(decisions.insert().values(
                meeting_id=row.meeting_id, minutes_id=row.id, position=position, text=text,
                first_version=row.number, last_version=row.number, in_minutes=True, department="", answer="",
                outcome="", revision=1, created_at=now, updated_at=now, updated_by_id=row.approved_by_id))


def downgrade():
    with op.batch_alter_table('decision_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_event_decision_id'))

    op.drop_table('decision_event')
    with op.batch_alter_table('approved_minutes_text', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approved_minutes_text_minutes_id'))
        batch_op.drop_index(batch_op.f('ix_approved_minutes_text_meeting_id'))

    op.drop_table('approved_minutes_text')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_minutes_id'))
        batch_op.drop_index(batch_op.f('ix_decision_meeting_id'))

    op.drop_table('decision')
