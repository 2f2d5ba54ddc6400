"""One claim per editor in `editing`

Each editor (`session_key`) editing a record holds a claim of its own, so that every officer
editing the minutes of an item sees all the others. The unique key was one claim per record
(`uq_editing_record`: table, record), which left a second officer without one; it becomes one
per editor of a record (`uq_editing_editor`: table, record, editor). The claims already there
are one per record, so they all fit the new key.

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('editing', schema=None) as batch_op:
        batch_op.drop_constraint('uq_editing_record', type_='unique')
        batch_op.create_unique_constraint('uq_editing_editor', ['table_name', 'record_id', 'session_key'])


def downgrade() -> None:
    # one claim per record again: the latest of each record's claims is kept (a claim lasts
    # a minute without its heartbeat, so nothing else is lost)
    latest = sa.text(
        "DELETE FROM editing WHERE id NOT IN (SELECT MAX(id) FROM editing GROUP BY table_name, record_id)"
    )
    op.execute(latest)
    with op.batch_alter_table('editing', schema=None) as batch_op:
        batch_op.drop_constraint('uq_editing_editor', type_='unique')
        batch_op.create_unique_constraint('uq_editing_record', ['table_name', 'record_id'])
