"""badges

Revision ID: b4d9e1a20c11
Revises: e5f1a7c39d04
Create Date: 2026-11-25 12:07:03.878396

Badge codes (conference.badge_key, registration.badge_version), printed marks and bulk badge runs.

"""
import secrets

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b4d9e1a20c11'
down_revision = 'e5f1a7c39d04'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('badge_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='badge_run_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=True),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_badge_run_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_badge_run_created_by_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_badge_run'))
    )
    with op.batch_alter_table('badge_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_badge_run_conference_id'), ['conference_id'], unique=False)

    # Every existing conference gets its own random key before the column becomes NOT NULL.
    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_key', sa.String(length=64), nullable=True))
    conference = sa.table('conference', sa.column('id', sa.Integer()), sa.column('badge_key', sa.String(64)))
    bind = op.get_bind()
    for (conference_id,) in bind.execute(sa.select(conference.c.id)).all():
        bind.execute(
            conference.update()
            .where(conference.c.id == conference_id)
            .values(badge_key=secrets.token_hex(32))
        )
    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.alter_column('badge_key', existing_type=sa.String(length=64), nullable=False)

    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.add_column(sa.Column('badge_version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('badge_printed_at', sa.DateTime(timezone=True), nullable=True))



def downgrade():
    with op.batch_alter_table('registration', schema=None) as batch_op:
        batch_op.drop_column('badge_printed_at')
        batch_op.drop_column('badge_version')

    with op.batch_alter_table('conference', schema=None) as batch_op:
        batch_op.drop_column('badge_key')

    with op.batch_alter_table('badge_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_badge_run_conference_id'))

    op.drop_table('badge_run')
