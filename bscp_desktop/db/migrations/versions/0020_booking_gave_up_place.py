"""Whether a cancelled training booking gave up a place

Adds `training_booking.gave_up_place`: false only for a cancellation of a delegate who was on
the waiting list, who held no place. Such a cancellation is never late and never charged, even
when the session is saved again or the notice or closure days change, and the training figures
do not count it among the bookings and cancellations.

For the bookings already there it is true, except a cancelled booking whose latest change of
outcome in the change history is from waitlisted to cancelled: that delegate left the waiting
list. A booking whose history shows nothing of the kind (added as cancelled, or given a place
before it was cancelled) keeps true. Whether such a booking was marked late is left as it is:
saving it again, or changing the notice, works it out anew.

Revision ID: 0020
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a column with a constant default: no table is rewritten, on either engine
    op.add_column("training_booking", sa.Column("gave_up_place", sa.Boolean(), nullable=False, server_default=sa.true()))
    booking = sa.table("training_booking", sa.column("id", sa.Integer()), sa.column("outcome", sa.String()),
                       sa.column("gave_up_place", sa.Boolean()))
    change = sa.table("change_record", sa.column("id", sa.Integer()), sa.column("table_name", sa.String()),
                      sa.column("record_id", sa.Integer()), sa.column("field", sa.String()),
                      sa.column("old_value", sa.Text()), sa.column("new_value", sa.Text()))
    outcomes = change.alias("outcome_change")
    latest = (
        sa.select(sa.func.max(outcomes.c.id))
        .where(outcomes.c.table_name == "training_booking", outcomes.c.record_id == booking.c.id,
               outcomes.c.field == "outcome")
        .correlate(booking)
        .scalar_subquery()
    )
    left_the_waiting_list = (
        sa.select(change.c.id)
        .where(change.c.id == latest, change.c.old_value == "waitlisted", change.c.new_value == "cancelled")
        .correlate(booking)
        .exists()
    )
    op.execute(
        booking.update()
        .where(booking.c.outcome == "cancelled", left_the_waiting_list)
        .values(gave_up_place=sa.false())
    )


def downgrade() -> None:
    op.drop_column("training_booking", "gave_up_place")
