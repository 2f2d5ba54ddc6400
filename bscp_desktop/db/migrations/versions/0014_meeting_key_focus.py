"""A meeting's key areas of focus

Adds `meeting.key_focus`: a short summary, one area a line, of what a meeting focussed on, for
the yearly report's activity table (beside the agenda items marked as key areas of focus).

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.add_column(sa.Column("key_focus", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch_op:
        batch_op.drop_column("key_focus")
