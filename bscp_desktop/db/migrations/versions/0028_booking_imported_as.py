"""What the bookings import last gave a training booking

Adds `training_booking.imported_as`: the course, session start and delegate of the row of the
learning management system's file that last described the booking, and the values it gave. A
later import of the file keeps what the team corrected in the program where the file still says
what it said then, and finds a booking the team moved to another session. It is empty for every
booking already there: those are imported as before until an import fills it in.

Revision ID: 0028
Revises: 0027
"""
import sqlalchemy as sa
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a column with no default: no table is rewritten, on either engine
    op.add_column("training_booking", sa.Column("imported_as", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("training_booking", "imported_as")
