"""The quorum rule approved minutes were judged by

Adds `meeting.approved_quorum_rule` and `meeting.approved_quorum`: the group's quorum rule and
number when the meeting's minutes were approved. The quorum line of approved minutes (their
PDF, the register) is then worked out by the rule of that day, not by whatever rule the group
has later.

Minutes already approved take their group's rule and number as they are now: the rule of the
day they were approved was not kept before, and this is the rule they have been shown by.

Revision ID: 0021
Revises: 0020
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # columns with a constant default (or none): no table is rewritten, on either engine
    op.add_column("meeting", sa.Column("approved_quorum_rule", sa.String(length=30), nullable=False, server_default=""))
    op.add_column("meeting", sa.Column("approved_quorum", sa.Integer(), nullable=True))
    meeting = sa.table("meeting", sa.column("id", sa.Integer()), sa.column("group_id", sa.Integer()),
                       sa.column("minutes_status", sa.String()), sa.column("approved_quorum_rule", sa.String()),
                       sa.column("approved_quorum", sa.Integer()))
    group = sa.table("partnership_group", sa.column("id", sa.Integer()), sa.column("quorum", sa.Integer()),
                     sa.column("quorum_rule", sa.String()))

    def of_its_group(column):
        return sa.select(column).where(group.c.id == meeting.c.group_id).correlate(meeting).scalar_subquery()

    op.execute(
        meeting.update()
        .where(meeting.c.minutes_status == "approved")
        .values(approved_quorum_rule=of_its_group(group.c.quorum_rule), approved_quorum=of_its_group(group.c.quorum))
    )


def downgrade() -> None:
    op.drop_column("meeting", "approved_quorum")
    op.drop_column("meeting", "approved_quorum_rule")
