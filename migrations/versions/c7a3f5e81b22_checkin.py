"""check-in: check-ins per scan point, scans, scanning tokens

Revision ID: c7a3f5e81b22
Revises: b4d9e1a20c11
Create Date: 2026-11-26 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7a3f5e81b22'
down_revision = 'b4d9e1a20c11'
branch_labels = None
depends_on = None

RESULTS = (
    'ok', 'already_checked_in', 'room_full', 'unknown_code', 'forged_code', 'other_conference',
    'revoked_badge', 'cancelled', 'unpaid', 'not_confirmed', 'no_in_person_access',
)


def upgrade():
    op.create_table('scanning_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paired_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_scanning_token_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['user_account.id'], name=op.f('fk_scanning_token_created_by_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_scanning_token'))
    )
    with op.batch_alter_table('scanning_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scanning_token_conference_id'), ['conference_id'], unique=False)

    op.create_table('checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=False),
    sa.Column('point', sa.String(length=32), nullable=False),
    sa.Column('checked_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('checked_in_by', sa.String(length=120), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_checkin_by_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_checkin_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_checkin_registration_id_registration'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin')),
    sa.UniqueConstraint('registration_id', 'point', name='uq_checkin_registration_point')
    )
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.create_index('ix_checkin_conference_point', ['conference_id', 'point'], unique=False)

    op.create_table('checkin_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('conference_id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('registration_id', sa.Integer(), nullable=True),
    sa.Column('point', sa.String(length=32), nullable=False),
    sa.Column('result', sa.Enum(*RESULTS, name='checkin_result', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('scanned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_user_id', sa.Integer(), nullable=True),
    sa.Column('by_device', sa.String(length=120), nullable=False),
    sa.Column('scanning_token_id', sa.Integer(), nullable=True),
    sa.Column('undone_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['by_user_id'], ['user_account.id'], name=op.f('fk_checkin_scan_by_user_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['conference_id'], ['conference.id'], name=op.f('fk_checkin_scan_conference_id_conference'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['registration_id'], ['registration.id'], name=op.f('fk_checkin_scan_registration_id_registration'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['scanning_token_id'], ['scanning_token.id'], name=op.f('fk_checkin_scan_scanning_token_id_scanning_token'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_scan')),
    sa.UniqueConstraint('conference_id', 'client_id', name='uq_scan_conference_client')
    )
    with op.batch_alter_table('checkin_scan', schema=None) as batch_op:
        # Partial: recording a scan (undone_at NULL) never writes to it.
        batch_op.create_index(
            'ix_checkin_scan_undone', ['conference_id', 'undone_at'], unique=False,
            sqlite_where=sa.text('undone_at IS NOT NULL'), postgresql_where=sa.text('undone_at IS NOT NULL'),
        )


def downgrade():
    with op.batch_alter_table('checkin_scan', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_scan_undone')

    op.drop_table('checkin_scan')
    with op.batch_alter_table('checkin', schema=None) as batch_op:
        batch_op.drop_index('ix_checkin_conference_point')

    op.drop_table('checkin')
    with op.batch_alter_table('scanning_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scanning_token_conference_id'))

    op.drop_table('scanning_token')
