"""Quorum rules, minutes approved by chair's action or e-mail, and the attendance escalation log

A group's quorum rule is a head count or each of the three safeguarding partners represented
(the Working Together default for the executive group). Minutes record how they were approved
(at a later meeting, by chair's action or by e-mail) and by whom. Poor attendance raised with
an organisation is logged with the reply.

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attendance_escalation',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('raised_on', sa.Date(), nullable=False),
    sa.Column('raised_with', sa.String(length=200), nullable=False),
    sa.Column('raised_by', sa.String(length=200), nullable=False),
    sa.Column('concern', sa.Text(), nullable=False),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['partnership_group.id'], name=op.f('fk_attendance_escalation_group_id_partnership_group')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_attendance_escalation_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance_escalation'))
    )
    with op.batch_alter_table('attendance_escalation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_escalation_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_approval_method', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('minutes_approved_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('partnership_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quorum_rule', sa.String(length=30), nullable=False, server_default='head_count'))

    # minutes approved before now were approved at a later meeting
    op.execute("UPDATE meeting SET minutes_approval_method = 'meeting' WHERE approved_at_meeting_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('partnership_group', schema=None) as batch_op:
        batch_op.drop_column('quorum_rule')

    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_column('minutes_approved_by')
        batch_op.drop_column('minutes_approval_method')

    with op.batch_alter_table('attendance_escalation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_escalation_organisation_id'))

    op.drop_table('attendance_escalation')
