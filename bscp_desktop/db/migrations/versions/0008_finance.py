"""Finance: financial years, contributions and payments, other income, expenditure, budgets

Adds financial years (opening balance adjustment and its reason), partner contributions (cash
or in kind) with their payments, other income, expense categories (seeded with the usual
seven), expenditure (optionally for a training session or a case review) and budgets per
category per year. Every amount is whole pence in an INTEGER column.

Revision ID: 0008
Revises: 0007
"""
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CATEGORIES = (
    "Independent Chair fees",
    "Learning management system and website",
    "External training facilitators",
    "Events",
    "Practice reviews",
    "Section 11 and quality assurance",
    "Other",
)


def upgrade() -> None:
    op.create_table('expense_category',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense_category')),
    sa.UniqueConstraint('name', name=op.f('uq_expense_category_name'))
    )
    op.create_table('financial_year',
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('opening_adjustment', sa.Integer(), nullable=False),
    sa.Column('adjustment_reason', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_financial_year')),
    sa.UniqueConstraint('start_year', name=op.f('uq_financial_year_start_year'))
    )
    op.create_table('budget',
    sa.Column('financial_year_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['expense_category.id'], name=op.f('fk_budget_category_id_expense_category')),
    sa.ForeignKeyConstraint(['financial_year_id'], ['financial_year.id'], name=op.f('fk_budget_financial_year_id_financial_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget')),
    sa.UniqueConstraint('financial_year_id', 'category_id', name=op.f('uq_budget_financial_year_id'))
    )
    with op.batch_alter_table('budget', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_financial_year_id'), ['financial_year_id'], unique=False)

    op.create_table('expense',
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('financial_year_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('payee', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('case_review_id', sa.Integer(), nullable=True),
    sa.Column('training_session_id', sa.Integer(), nullable=True),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['case_review_id'], ['case_review.id'], name=op.f('fk_expense_case_review_id_case_review')),
    sa.ForeignKeyConstraint(['category_id'], ['expense_category.id'], name=op.f('fk_expense_category_id_expense_category')),
    sa.ForeignKeyConstraint(['financial_year_id'], ['financial_year.id'], name=op.f('fk_expense_financial_year_id_financial_year')),
    sa.ForeignKeyConstraint(['training_session_id'], ['training_session.id'], name=op.f('fk_expense_training_session_id_training_session')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expense'))
    )
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expense_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_expense_financial_year_id'), ['financial_year_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_expense_spent_on'), ['spent_on'], unique=False)

    op.create_table('other_income',
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('financial_year_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['financial_year_id'], ['financial_year.id'], name=op.f('fk_other_income_financial_year_id_financial_year')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_other_income_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_other_income'))
    )
    with op.batch_alter_table('other_income', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_other_income_financial_year_id'), ['financial_year_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_other_income_received_on'), ['received_on'], unique=False)

    op.create_table('contribution',
    sa.Column('financial_year_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('contributor_class', sa.String(length=30), nullable=False),
    sa.Column('agreed', sa.Integer(), nullable=False),
    sa.Column('agreed_meeting_id', sa.Integer(), nullable=True),
    sa.Column('invoice_reference', sa.String(length=60), nullable=False),
    sa.Column('invoiced_on', sa.Date(), nullable=True),
    sa.Column('in_kind_description', sa.Text(), nullable=False),
    sa.Column('notional_value', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agreed_meeting_id'], ['meeting.id'], name=op.f('fk_contribution_agreed_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['financial_year_id'], ['financial_year.id'], name=op.f('fk_contribution_financial_year_id_financial_year')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_contribution_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution'))
    )
    with op.batch_alter_table('contribution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_financial_year_id'), ['financial_year_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_contribution_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('contribution_payment',
    sa.Column('contribution_id', sa.Integer(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['contribution_id'], ['contribution.id'], name=op.f('fk_contribution_payment_contribution_id_contribution')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contribution_payment'))
    )
    with op.batch_alter_table('contribution_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contribution_payment_contribution_id'), ['contribution_id'], unique=False)

    category = sa.table(
        "expense_category",
        sa.column("name", sa.String),
        sa.column("position", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("updated_at", sa.DateTime),
    )
    now = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    op.bulk_insert(
        category,
        [{"name": name, "position": i, "created_at": now, "updated_at": now} for i, name in enumerate(CATEGORIES)],
    )


def downgrade() -> None:
    with op.batch_alter_table('contribution_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contribution_payment_contribution_id'))

    op.drop_table('contribution_payment')
    with op.batch_alter_table('contribution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contribution_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_contribution_financial_year_id'))

    op.drop_table('contribution')
    with op.batch_alter_table('other_income', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_other_income_received_on'))
        batch_op.drop_index(batch_op.f('ix_other_income_financial_year_id'))

    op.drop_table('other_income')
    with op.batch_alter_table('expense', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expense_spent_on'))
        batch_op.drop_index(batch_op.f('ix_expense_financial_year_id'))
        batch_op.drop_index(batch_op.f('ix_expense_category_id'))

    op.drop_table('expense')
    with op.batch_alter_table('budget', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_financial_year_id'))
        batch_op.drop_index(batch_op.f('ix_budget_category_id'))

    op.drop_table('budget')
    op.drop_table('financial_year')
    op.drop_table('expense_category')
