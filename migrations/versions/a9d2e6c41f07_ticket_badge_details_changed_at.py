"""ticket type: when the details printed on badges last changed (scanners' delta sync)

Revision ID: a9d2e6c41f07
Revises: f3b8c2d6a417
Create Date: 2026-12-05 10:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a9d2e6c41f07'
down_revision = 'f3b8c2d6a417'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('ticket_type', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_details_changed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('ticket_type', schema=None) as batch_op:
        batch_op.drop_column('badge_details_changed_at')
