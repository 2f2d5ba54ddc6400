"""Confirmed name warnings on case reviews

Adds `case_review.name_warnings`: each time an officer saves a case although the program warned
that the alias or the summary looked like a real name, the warning is kept there (when, who,
what), and so in the change history.

Revision ID: 0012
Revises: 0011
"""
import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_review") as batch_op:
        batch_op.add_column(sa.Column("name_warnings", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("case_review") as batch_op:
        batch_op.drop_column("name_warnings")
