"""personal calendar feed address version

Revision ID: e5f1a7c39d04
Revises: eef4b8732ca1
Create Date: 2026-11-25 12:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5f1a7c39d04'
down_revision = 'eef4b8732ca1'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_feed_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('calendar_feed_version')
