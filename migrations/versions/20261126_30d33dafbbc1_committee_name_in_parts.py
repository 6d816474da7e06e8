"""committee name in parts

Revision ID: 30d33dafbbc1
Revises: e3648c88f888
Create Date: 2026-11-26 11:18:11.236040

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '30d33dafbbc1'
down_revision = 'e3648c88f888'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('formal_prefix', sa.String(length=60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column('formal_suffix', sa.String(length=20), nullable=False, server_default="委员会"))



def downgrade():
    with op.batch_alter_table('committee', schema=None) as batch_op:
        batch_op.drop_column('formal_suffix')
        batch_op.drop_column('formal_prefix')

