"""A decision's owner, due date and evidence of impact

Adds to `decision` the person and/or organisation who owns it (`owner_person_id`,
`owner_organisation_id`), the date it is due by (`due_date`) and the evidence of its impact
(`evidence`), as an action has them: every decision, recommendation and action needs an owner,
a due date and evidence of impact. A decision may still be recorded with its text alone while
the minutes are taken; it is then flagged as missing an owner and a due date until edited.

Decisions already there have none of them: empty, and flagged so.

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # columns with a constant default (or none), as the link columns were added to `action`
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_person_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('owner_organisation_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('due_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('evidence', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_decision_owner_person_id_person'), 'person', ['owner_person_id'], ['id'])
        batch_op.create_foreign_key(batch_op.f('fk_decision_owner_organisation_id_organisation'), 'organisation', ['owner_organisation_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_decision_owner_organisation_id_organisation'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_decision_owner_person_id_person'), type_='foreignkey')
        batch_op.drop_column('evidence')
        batch_op.drop_column('due_date')
        batch_op.drop_column('owner_organisation_id')
        batch_op.drop_column('owner_person_id')
