"""Change history on PostgreSQL: the server refuses to change, delete or empty an entry

SQLite files have had this protection since 0001 and 0015 (triggers that raise an error); a
team database on a PostgreSQL server gets the same from one trigger function. On SQLite this
revision changes nothing.

Revision ID: 0016
Revises: 0015
"""
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

REFUSE = (
    "CREATE FUNCTION change_record_refuse_edit() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN RAISE EXCEPTION 'The change history cannot be edited.'; END $$"
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(REFUSE)
    op.execute(
        "CREATE TRIGGER change_record_refuse_edit BEFORE UPDATE OR DELETE ON change_record "
        "FOR EACH ROW EXECUTE FUNCTION change_record_refuse_edit()"
    )
    op.execute(
        "CREATE TRIGGER change_record_refuse_truncate BEFORE TRUNCATE ON change_record "
        "FOR EACH STATEMENT EXECUTE FUNCTION change_record_refuse_edit()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS change_record_refuse_truncate ON change_record")
    op.execute("DROP TRIGGER IF EXISTS change_record_refuse_edit ON change_record")
    op.execute("DROP FUNCTION IF EXISTS change_record_refuse_edit()")
