"""Change history: refuse an insert that reuses an existing id (REPLACE INTO, INSERT OR REPLACE)

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # REPLACE deletes the old row without firing the delete trigger: refuse it before it can.
        op.execute(
            "CREATE TRIGGER change_record_no_replace BEFORE INSERT ON change_record "
            "WHEN EXISTS (SELECT 1 FROM change_record WHERE id = NEW.id) "
            "BEGIN SELECT RAISE(ABORT, 'The change history cannot be edited.'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":  # the trigger upgrade() made on SQLite only
        op.execute("DROP TRIGGER IF EXISTS change_record_no_replace")
