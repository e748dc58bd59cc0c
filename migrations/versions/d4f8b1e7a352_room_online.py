"""rooms: online-only (virtual) rooms

Revision ID: d4f8b1e7a352
Revises: a9d2e6c41f07
Create Date: 2026-12-05 10:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4f8b1e7a352'
down_revision = 'a9d2e6c41f07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.add_column(sa.Column('online', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('room', schema=None) as batch_op:
        batch_op.drop_column('online')
