"""Change history on PostgreSQL: the newest entry's hash, for every writer of the chain

On a team database whose grants hide case reviews' and case audits' history from officers
outside the case reviews group (row-level security, set by `bscp-desktop team roles`), the
newest entry may be one a writer cannot see; yet each new entry chains from it. This function,
run with its owner's rights, gives every writer the newest entry's hash and time, and nothing
else of it. On SQLite this revision changes nothing (a file has no grants).

Revision ID: 0019
Revises: 0018
"""
from alembic import op

revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None

HEAD = (
    "CREATE FUNCTION bscp_history_head() RETURNS TABLE (hash varchar, changed_at timestamp) "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ "
    "SELECT c.hash, c.changed_at FROM change_record c ORDER BY c.id DESC LIMIT 1 $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(HEAD)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS bscp_history_head()")
