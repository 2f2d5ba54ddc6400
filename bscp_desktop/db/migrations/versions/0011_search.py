"""Full-text search

Adds the full-text index of what people wrote (SQLite FTS5): `search_entry` names the record
each row of `search_text` holds. It is filled when the database is next opened and then kept
in step by every unit of work (see `db.search`). Databases without FTS5 search without it.

Revision ID: 0011
Revises: 0010
"""
from alembic import op

from bscp_desktop.db import search

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    search.create(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for table in (search.INDEX, search.ENTRIES, search.META):
            bind.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
