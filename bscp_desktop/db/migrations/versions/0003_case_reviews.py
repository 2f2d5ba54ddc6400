"""Case reviews, recommendations and deadline rules

Adds case reviews (reference and alias, stage dates of the statutory route, decision), their
themes and agencies, recommendations, and links actions in the action log to recommendations.
Deadline rules, themes and local closure days are team settings (the setting table).

Revision ID: 0003
Revises: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('case_review',
    sa.Column('reference', sa.String(length=30), nullable=False),
    sa.Column('alias', sa.String(length=60), nullable=False),
    sa.Column('age_band', sa.String(length=20), nullable=False),
    sa.Column('incident_type', sa.String(length=20), nullable=False),
    sa.Column('looked_after', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('incident_date', sa.Date(), nullable=True),
    sa.Column('became_aware', sa.Date(), nullable=False),
    sa.Column('notification_sent', sa.Date(), nullable=True),
    sa.Column('partners_told', sa.Date(), nullable=True),
    sa.Column('rapid_review_meeting', sa.Date(), nullable=True),
    sa.Column('rapid_review_sent', sa.Date(), nullable=True),
    sa.Column('panel_response', sa.Date(), nullable=True),
    sa.Column('decision', sa.String(length=30), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('reviewer', sa.String(length=200), nullable=False),
    sa.Column('tor_agreed', sa.Date(), nullable=True),
    sa.Column('family_involvement', sa.Text(), nullable=False),
    sa.Column('draft_report', sa.Date(), nullable=True),
    sa.Column('final_report', sa.Date(), nullable=True),
    sa.Column('sent_to_panel_sos', sa.Date(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('not_published_reason', sa.Text(), nullable=False),
    sa.Column('closed', sa.Date(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_review')),
    sa.UniqueConstraint('reference', name=op.f('uq_case_review_reference'))
    )
    with op.batch_alter_table('case_review', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_review_became_aware'), ['became_aware'], unique=False)

    op.create_table('case_review_agency',
    sa.Column('case_review_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_review_id'], ['case_review.id'], name=op.f('fk_case_review_agency_case_review_id_case_review')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_case_review_agency_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_review_agency')),
    sa.UniqueConstraint('case_review_id', 'organisation_id', name=op.f('uq_case_review_agency_case_review_id'))
    )
    with op.batch_alter_table('case_review_agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_review_agency_case_review_id'), ['case_review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_review_agency_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('case_review_theme',
    sa.Column('case_review_id', sa.Integer(), nullable=False),
    sa.Column('theme', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_review_id'], ['case_review.id'], name=op.f('fk_case_review_theme_case_review_id_case_review')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_review_theme')),
    sa.UniqueConstraint('case_review_id', 'theme', name=op.f('uq_case_review_theme_case_review_id'))
    )
    with op.batch_alter_table('case_review_theme', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_review_theme_case_review_id'), ['case_review_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_case_review_theme_theme'), ['theme'], unique=False)

    op.create_table('recommendation',
    sa.Column('case_review_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lead_organisation_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_review_id'], ['case_review.id'], name=op.f('fk_recommendation_case_review_id_case_review')),
    sa.ForeignKeyConstraint(['lead_organisation_id'], ['organisation.id'], name=op.f('fk_recommendation_lead_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendation'))
    )
    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendation_case_review_id'), ['case_review_id'], unique=False)

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('recommendation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_recommendation_id'), ['recommendation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_action_recommendation_id_recommendation'), 'recommendation', ['recommendation_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_action_recommendation_id_recommendation'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_action_recommendation_id'))
        batch_op.drop_column('recommendation_id')

    with op.batch_alter_table('recommendation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendation_case_review_id'))

    op.drop_table('recommendation')
    with op.batch_alter_table('case_review_theme', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_review_theme_theme'))
        batch_op.drop_index(batch_op.f('ix_case_review_theme_case_review_id'))

    op.drop_table('case_review_theme')
    with op.batch_alter_table('case_review_agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_review_agency_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_case_review_agency_case_review_id'))

    op.drop_table('case_review_agency')
    with op.batch_alter_table('case_review', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_review_became_aware'))

    op.drop_table('case_review')
