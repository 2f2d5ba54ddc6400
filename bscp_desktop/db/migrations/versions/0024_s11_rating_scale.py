"""A Section 11 cycle's rating scale

Adds to `s11_cycle` the scale its standards are rated on (`rating_scale`): "rag" (red, amber,
green) or "score" (0 to 3). Both ratings of an answer (`s11_rating.self_rating` and
`moderated_rating`) keep their one column each: a score is held there as "score_0" to
"score_3", as a colour is held as "red", "amber" or "green".

Cycles already there were all rated red, amber, green: they keep it.

Revision ID: 0024
Revises: 0023
"""
import sqlalchemy as sa
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a constant default: every cycle already there is on red, amber, green
    with op.batch_alter_table('s11_cycle', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rating_scale', sa.String(length=10), nullable=False, server_default='rag'))


def downgrade() -> None:
    # a scored cycle's ratings have no colour to go back to: they are kept as they are, and the
    # program before this revision reads them as unknown values (its file check names them)
    with op.batch_alter_table('s11_cycle', schema=None) as batch_op:
        batch_op.drop_column('rating_scale')
