"""Training programme

Adds courses, series, sessions, bookings (delegate as typed or a person, with the organisation
matched), evaluations and their confidence scores, monthly LMS registrations, charge rates per
financial year (whole pence) and other names for organisations. Topics, the late-cancellation
notice and saved import mappings are team settings (the setting table).

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('training_charge_rate',
    sa.Column('financial_year', sa.Integer(), nullable=False),
    sa.Column('no_show', sa.Integer(), nullable=False),
    sa.Column('late_cancellation', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_charge_rate')),
    sa.UniqueConstraint('financial_year', name=op.f('uq_training_charge_rate_financial_year'))
    )
    op.create_table('training_course',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=100), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=True),
    sa.Column('learning_outcomes', sa.Text(), nullable=False),
    sa.Column('facilitator', sa.String(length=20), nullable=False),
    sa.Column('facilitator_name', sa.String(length=200), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_course'))
    )
    with op.batch_alter_table('training_course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_course_title'), ['title'], unique=False)

    op.create_table('training_registrations',
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_registrations')),
    sa.UniqueConstraint('month', name=op.f('uq_training_registrations_month'))
    )
    op.create_table('training_series',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_series'))
    )
    op.create_table('training_organisation_alias',
    sa.Column('alias', sa.String(length=200), nullable=False),
    sa.Column('alias_key', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_training_organisation_alias_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_organisation_alias')),
    sa.UniqueConstraint('alias_key', name=op.f('uq_training_organisation_alias_alias_key'))
    )
    with op.batch_alter_table('training_organisation_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_organisation_alias_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('training_session',
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('series_id', sa.Integer(), nullable=True),
    sa.Column('starts_at', sa.DateTime(), nullable=False),
    sa.Column('ends_at', sa.DateTime(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('facilitator', sa.String(length=200), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['training_course.id'], name=op.f('fk_training_session_course_id_training_course')),
    sa.ForeignKeyConstraint(['series_id'], ['training_series.id'], name=op.f('fk_training_session_series_id_training_series')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_session'))
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_starts_at'), ['starts_at'], unique=False)

    op.create_table('training_booking',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('delegate_name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('organisation_name', sa.String(length=200), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('delegate_key', sa.String(length=260), nullable=False),
    sa.Column('booked_on', sa.Date(), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('cancelled_on', sa.Date(), nullable=True),
    sa.Column('late_cancellation', sa.Boolean(), nullable=False),
    sa.Column('non_attendance_reason', sa.Text(), nullable=False),
    sa.Column('followed_up_on', sa.Date(), nullable=True),
    sa.Column('charge_waived', sa.Boolean(), nullable=False),
    sa.Column('waiver_reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_training_booking_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_training_booking_person_id_person')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_training_booking_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_booking')),
    sa.UniqueConstraint('session_id', 'delegate_key', name=op.f('uq_training_booking_session_id'))
    )
    with op.batch_alter_table('training_booking', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_booking_delegate_key'), ['delegate_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_booking_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_booking_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_booking_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_booking_session_id'), ['session_id'], unique=False)

    op.create_table('training_evaluation',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('delegate_name', sa.String(length=200), nullable=False),
    sa.Column('delegate_key', sa.String(length=260), nullable=False),
    sa.Column('comments', sa.Text(), nullable=False),
    sa.Column('delegate_follow_up', sa.Text(), nullable=False),
    sa.Column('delegate_follow_up_on', sa.Date(), nullable=True),
    sa.Column('manager_follow_up', sa.Text(), nullable=False),
    sa.Column('manager_follow_up_on', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['training_booking.id'], name=op.f('fk_training_evaluation_booking_id_training_booking')),
    sa.ForeignKeyConstraint(['session_id'], ['training_session.id'], name=op.f('fk_training_evaluation_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_evaluation')),
    sa.UniqueConstraint('session_id', 'delegate_key', name=op.f('uq_training_evaluation_session_id'))
    )
    with op.batch_alter_table('training_evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_evaluation_booking_id'), ['booking_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_evaluation_session_id'), ['session_id'], unique=False)

    op.create_table('training_score',
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('outcome_number', sa.Integer(), nullable=False),
    sa.Column('before', sa.Integer(), nullable=True),
    sa.Column('after', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['training_evaluation.id'], name=op.f('fk_training_score_evaluation_id_training_evaluation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_score')),
    sa.UniqueConstraint('evaluation_id', 'outcome_number', name=op.f('uq_training_score_evaluation_id'))
    )
    with op.batch_alter_table('training_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_score_evaluation_id'), ['evaluation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('training_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_score_evaluation_id'))

    op.drop_table('training_score')
    with op.batch_alter_table('training_evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_evaluation_session_id'))
        batch_op.drop_index(batch_op.f('ix_training_evaluation_booking_id'))

    op.drop_table('training_evaluation')
    with op.batch_alter_table('training_booking', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_booking_session_id'))
        batch_op.drop_index(batch_op.f('ix_training_booking_person_id'))
        batch_op.drop_index(batch_op.f('ix_training_booking_outcome'))
        batch_op.drop_index(batch_op.f('ix_training_booking_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_training_booking_delegate_key'))

    op.drop_table('training_booking')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_starts_at'))
        batch_op.drop_index(batch_op.f('ix_training_session_series_id'))
        batch_op.drop_index(batch_op.f('ix_training_session_course_id'))

    op.drop_table('training_session')
    with op.batch_alter_table('training_organisation_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_organisation_alias_organisation_id'))

    op.drop_table('training_organisation_alias')
    op.drop_table('training_series')
    op.drop_table('training_registrations')
    with op.batch_alter_table('training_course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_course_title'))

    op.drop_table('training_course')
    op.drop_table('training_charge_rate')
