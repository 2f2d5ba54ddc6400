"""A training session's venue or link holds up to 2,000 characters

`training_session.venue` held 200 characters: too few for the link of an online session, as a
Microsoft Teams join link is about 250 characters. It now holds 2,000. Nothing already saved
changes.

Revision ID: 0026
Revises: 0025
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.alter_column('venue', existing_type=sa.String(length=200), type_=sa.String(length=2000),
                              existing_nullable=False)


def downgrade() -> None:
    # the program before this revision holds 200 characters: a longer venue or link keeps its
    # first 200, as the column could not hold more
    op.execute(sa.text("UPDATE training_session SET venue = substr(venue, 1, 200) WHERE length(venue) > 200"))
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.alter_column('venue', existing_type=sa.String(length=2000), type_=sa.String(length=200),
                              existing_nullable=False)
