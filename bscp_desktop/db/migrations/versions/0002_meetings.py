"""Meetings, agendas, attendance, minutes and decisions

Adds the meeting tables, links actions to meetings and agenda items, and an optional quorum
per group.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_series',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('financial_year', sa.Integer(), nullable=False),
    sa.Column('rule', sa.String(length=200), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['partnership_group.id'], name=op.f('fk_meeting_series_group_id_partnership_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_series'))
    )
    with op.batch_alter_table('meeting_series', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_series_group_id'), ['group_id'], unique=False)

    op.create_table('standing_item_template',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('minutes_allotted', sa.Integer(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['partnership_group.id'], name=op.f('fk_standing_item_template_group_id_partnership_group')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standing_item_template'))
    )
    with op.batch_alter_table('standing_item_template', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_standing_item_template_group_id'), ['group_id'], unique=False)

    op.create_table('meeting',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('online_link', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('chair_person_id', sa.Integer(), nullable=True),
    sa.Column('minute_taker_person_id', sa.Integer(), nullable=True),
    sa.Column('minutes_status', sa.String(length=20), nullable=False),
    sa.Column('minutes_circulated_on', sa.Date(), nullable=True),
    sa.Column('minutes_approved_on', sa.Date(), nullable=True),
    sa.Column('approved_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approved_at_meeting_id'], ['meeting.id'], name=op.f('fk_meeting_approved_at_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['chair_person_id'], ['person.id'], name=op.f('fk_meeting_chair_person_id_person')),
    sa.ForeignKeyConstraint(['group_id'], ['partnership_group.id'], name=op.f('fk_meeting_group_id_partnership_group')),
    sa.ForeignKeyConstraint(['minute_taker_person_id'], ['person.id'], name=op.f('fk_meeting_minute_taker_person_id_person')),
    sa.ForeignKeyConstraint(['series_id'], ['meeting_series.id'], name=op.f('fk_meeting_series_id_meeting_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_starts_at'), ['starts_at'], unique=False)

    op.create_table('agenda_item',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('presenter', sa.String(length=200), nullable=False),
    sa.Column('paper_ref', sa.String(length=100), nullable=False),
    sa.Column('minutes_allotted', sa.Integer(), nullable=True),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('key_focus', sa.Boolean(), nullable=False),
    sa.Column('key_focus_summary', sa.String(length=500), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('attendance',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('expected', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('deputy_person_id', sa.Integer(), nullable=True),
    sa.Column('deputy_name', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.String(length=500), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['deputy_person_id'], ['person.id'], name=op.f('fk_attendance_deputy_person_id_person')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_attendance_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attendance_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('decision',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_decision_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_decision_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision'))
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('minutes_amendment',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('old_text', sa.Text(), nullable=False),
    sa.Column('new_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], name=op.f('fk_minutes_amendment_agenda_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_minutes_amendment_decision_id_decision')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_minutes_amendment_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_amendment'))
    )
    with op.batch_alter_table('minutes_amendment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_amendment_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('meeting_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('agenda_item_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_action_meeting_id_meeting'), 'meeting', ['meeting_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_action_agenda_item_id_agenda_item'), 'agenda_item', ['agenda_item_id'], ['id'])

    with op.batch_alter_table('partnership_group', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quorum', sa.Integer(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('partnership_group', schema=None) as batch_op:
        batch_op.drop_column('quorum')

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_action_agenda_item_id_agenda_item'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_action_meeting_id_meeting'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_action_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_action_agenda_item_id'))
        batch_op.drop_column('agenda_item_id')
        batch_op.drop_column('meeting_id')

    with op.batch_alter_table('minutes_amendment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_amendment_meeting_id'))

    op.drop_table('minutes_amendment')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_decision_agenda_item_id'))

    op.drop_table('decision')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_starts_at'))
        batch_op.drop_index(batch_op.f('ix_meeting_series_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_group_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('standing_item_template', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_standing_item_template_group_id'))

    op.drop_table('standing_item_template')
    with op.batch_alter_table('meeting_series', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_series_group_id'))

    op.drop_table('meeting_series')
