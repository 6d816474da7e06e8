"""accounts: organ limits and session version

user_organ: the organs a staff account is limited to (none: every organ). user.session_version: part of every
session and remember cookie; sessions made before this revision (a bare id) are no longer accepted, so everyone
logs in once more after the upgrade.

Revision ID: 2430f322d0d4
Revises: 0ba7bb8aa073
Create Date: 2026-12-06 21:07:04.050397

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2430f322d0d4'
down_revision = '0ba7bb8aa073'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user_organ',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organ_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['organ_id'], ['organ.id'], name=op.f('fk_user_organ_organ_id_organ')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_organ_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'organ_id', name=op.f('pk_user_organ'))
    )
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='1', nullable=False))



def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')

    op.drop_table('user_organ')
