"""Kinds and forms by function; plan items with an organising organ, counterpart department, expected
result and half-year; the plan's approval; sittings with guests (出席) and an assembly time and place.

Data: responsible_department (the government side, despite its name) becomes counterpart_department; every
item's organising organ starts as the organ that sits; forms whose meaning changes are moved: the old
"focused" (主席会议重点协商) becomes a thematic consultation, items and sittings that are 视察 or 民主评议
become supervision, 督查 follow-up supervision, and the 调研 of the old counterpart/thematic forms research.

Revision ID: 58cb167995bb
Revises: 6d834bbd976f
Create Date: 2026-11-26 11:21:25.461542

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '58cb167995bb'
down_revision = '6d834bbd976f'
branch_labels = None
depends_on = None

# Per table: (SQL condition, new form), applied in order; the first match wins because later
# conditions only see rows still holding an old form.
_FORM_MOVES = (
    ("sitting_kind = 'inspection' AND consultation_form <> 'none'", "inspection"),
    ("sitting_kind = 'appraisal' AND consultation_form <> 'none'", "appraisal"),
    ("sitting_kind = 'research_visit' AND consultation_form IN ('counterpart', 'thematic', 'focused')", "research"),
    ("consultation_form = 'focused'", "thematic"),
)


def upgrade():
    with op.batch_alter_table('consultation_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_by', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('approved_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('document_number', sa.String(length=60), server_default='', nullable=False))

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('guests', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('assembly_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('assembly_place', sa.String(length=200), server_default='', nullable=False))

    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organising_organ_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('planned_half', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('counterpart_department', sa.String(length=200), server_default='', nullable=False))
        batch_op.add_column(sa.Column('expected_result', sa.String(length=20), server_default='', nullable=False))
        batch_op.add_column(sa.Column('report_to', sa.String(length=200), server_default='', nullable=False))

    op.execute("UPDATE plan_item SET organising_organ_id = organ_id, counterpart_department = responsible_department")
    for table in ('plan_item', 'meeting'):
        for condition, form in _FORM_MOVES:
            op.execute(f"UPDATE {table} SET consultation_form = '{form}' WHERE {condition} "
                       "AND consultation_form IN ('general', 'thematic', 'focused', 'counterpart', 'sector', "
                       "'proposal_handling')")
    op.execute("UPDATE plan_item SET consultation_form = 'follow_up' WHERE topic LIKE '%督查%' "
               "AND consultation_form IN ('inspection', 'thematic', 'counterpart')")

    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.alter_column('organising_organ_id', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index(batch_op.f('ix_plan_item_organising_organ_id'), ['organising_organ_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_plan_item_organising_organ_id_organ'), 'organ', ['organising_organ_id'], ['id'])
        batch_op.create_check_constraint('planned_half', 'planned_half IS NULL OR (planned_half BETWEEN 1 AND 2)')
        batch_op.drop_column('responsible_department')


def downgrade():
    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.add_column(sa.Column('responsible_department', sa.VARCHAR(length=200), server_default='', nullable=False))
    op.execute("UPDATE plan_item SET responsible_department = counterpart_department")
    # The new forms fold back into the nearest old one (the old list had no supervision or research).
    for table in ('plan_item', 'meeting'):
        op.execute(f"UPDATE {table} SET consultation_form = 'counterpart' "
                   "WHERE consultation_form IN ('inspection', 'appraisal', 'follow_up', 'research')")
        op.execute(f"UPDATE {table} SET consultation_form = 'thematic' "
                   "WHERE consultation_form IN ('symposium', 'online', 'other_consultation')")
    with op.batch_alter_table('plan_item', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_plan_item_planned_half'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_plan_item_organising_organ_id_organ'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_plan_item_organising_organ_id'))
        batch_op.drop_column('report_to')
        batch_op.drop_column('expected_result')
        batch_op.drop_column('counterpart_department')
        batch_op.drop_column('planned_half')
        batch_op.drop_column('organising_organ_id')

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('assembly_place')
        batch_op.drop_column('assembly_at')
        batch_op.drop_column('guests')

    with op.batch_alter_table('consultation_plan', schema=None) as batch_op:
        batch_op.drop_column('document_number')
        batch_op.drop_column('approved_on')
        batch_op.drop_column('approved_by')
