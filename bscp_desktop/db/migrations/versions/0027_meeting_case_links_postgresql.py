"""Meetings a case review takes a date from, counted for every login on PostgreSQL

A case review takes a stage date from a meeting (where it was considered, its rapid review
meeting): the date follows the meeting when it moves, and the meeting is not archived while a
live case takes a date from it. On a team database the server's grants keep case reviews from
officers outside the case reviews group (`bscp-desktop team roles`), so such an officer's move
could not see the cases, and they kept the old date. This function, run with its owner's rights,
counts the case reviews linked to one meeting (the live ones and all of them) and says nothing
else of them: such a move or archive is then refused and left to the case reviews group. On
SQLite this revision changes nothing (a file has no grants).

Revision ID: 0027
Revises: 0026
"""
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

LINKS = (
    "CREATE FUNCTION bscp_meeting_case_links(meeting integer) RETURNS TABLE (live bigint, every bigint) "
    "LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$ "
    "SELECT count(*) FILTER (WHERE c.archived_at IS NULL), count(*) FROM case_review c "
    "WHERE c.considered_meeting_id = meeting OR c.rapid_review_meeting_id = meeting $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(LINKS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS bscp_meeting_case_links(integer)")
