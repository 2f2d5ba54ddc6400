"""Section 11 self-assessments, multi-agency case audits, and the hash-chained history

Adds Section 11 cycles, standards, agencies taking part and their ratings; case audits with
their meetings, sample of cases, agency returns, learning log and recommendations; links
actions in the action log to Section 11 ratings and audit recommendations. The change
history gains each record's readable name, indexes and a full-text index (SQLite FTS5) for
the change log view, and a SHA-256 hash chain: existing history is labelled and chained here,
in order.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from bscp_desktop.db.history import chain_hashes

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

LABEL_COLUMNS = ("name", "title", "reference", "alias", "key", "description", "text", "theme")


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
    ]


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}'))


def _indexes(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def upgrade() -> None:
    op.create_table('s11_cycle',
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('opens_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('compare_with_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('s11_cycle', 'compare_with_id', 's11_cycle'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_s11_cycle')),
    sa.UniqueConstraint('name', name=op.f('uq_s11_cycle_name'))
    )
    op.create_table('s11_standard',
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('s11_standard', 'cycle_id', 's11_cycle'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_s11_standard'))
    )
    _indexes('s11_standard', 'cycle_id')
    op.create_table('s11_agency',
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('contact', sa.String(length=200), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('returned_on', sa.Date(), nullable=True),
    sa.Column('moderated_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('s11_agency', 'cycle_id', 's11_cycle'),
    _fk('s11_agency', 'organisation_id', 'organisation'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_s11_agency')),
    sa.UniqueConstraint('cycle_id', 'organisation_id', name=op.f('uq_s11_agency_cycle_id'))
    )
    _indexes('s11_agency', 'cycle_id', 'organisation_id')
    op.create_table('s11_rating',
    sa.Column('s11_agency_id', sa.Integer(), nullable=False),
    sa.Column('standard_id', sa.Integer(), nullable=False),
    sa.Column('self_rating', sa.String(length=20), nullable=False),
    sa.Column('not_applicable_reason', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('moderated_rating', sa.String(length=20), nullable=False),
    sa.Column('moderation_note', sa.Text(), nullable=False),
    *_stamps(),
    _fk('s11_rating', 's11_agency_id', 's11_agency'),
    _fk('s11_rating', 'standard_id', 's11_standard'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_s11_rating')),
    sa.UniqueConstraint('s11_agency_id', 'standard_id', name=op.f('uq_s11_rating_s11_agency_id'))
    )
    _indexes('s11_rating', 's11_agency_id', 'standard_id')

    op.create_table('case_audit',
    sa.Column('reference', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=100), nullable=False),
    sa.Column('questions', sa.Text(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('audit_date', sa.Date(), nullable=False),
    sa.Column('returns_due', sa.Date(), nullable=True),
    sa.Column('discussed_on', sa.Date(), nullable=True),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('findings', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_audit')),
    sa.UniqueConstraint('reference', name=op.f('uq_case_audit_reference'))
    )
    _indexes('case_audit', 'audit_date')
    op.create_table('case_audit_meeting',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    *_stamps(),
    _fk('case_audit_meeting', 'audit_id', 'case_audit'),
    _fk('case_audit_meeting', 'meeting_id', 'meeting'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_audit_meeting')),
    sa.UniqueConstraint('audit_id', 'meeting_id', 'role', name=op.f('uq_case_audit_meeting_audit_id'))
    )
    _indexes('case_audit_meeting', 'audit_id', 'meeting_id')
    op.create_table('audit_case',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('alias', sa.String(length=60), nullable=False),
    sa.Column('age_band', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('agreed_grading', sa.String(length=30), nullable=False),
    sa.Column('agreed_note', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('audit_case', 'audit_id', 'case_audit'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_case')),
    sa.UniqueConstraint('audit_id', 'number', name=op.f('uq_audit_case_audit_id'))
    )
    _indexes('audit_case', 'audit_id')
    op.create_table('audit_return',
    sa.Column('audit_case_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('requested_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('good_practice', sa.Text(), nullable=False),
    sa.Column('areas_for_development', sa.Text(), nullable=False),
    sa.Column('grading', sa.String(length=30), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('audit_return', 'audit_case_id', 'audit_case'),
    _fk('audit_return', 'organisation_id', 'organisation'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_return')),
    sa.UniqueConstraint('audit_case_id', 'organisation_id', name=op.f('uq_audit_return_audit_case_id'))
    )
    _indexes('audit_return', 'audit_case_id', 'organisation_id')
    op.create_table('audit_learning',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('theme', sa.String(length=100), nullable=False),
    sa.Column('shared_via', sa.String(length=20), nullable=False),
    sa.Column('shared_on', sa.Date(), nullable=True),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('shared_detail', sa.String(length=300), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('audit_learning', 'audit_id', 'case_audit'),
    _fk('audit_learning', 'meeting_id', 'meeting'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_learning'))
    )
    _indexes('audit_learning', 'audit_id', 'meeting_id')
    op.create_table('audit_recommendation',
    sa.Column('audit_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('lead_organisation_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('archived_at', sa.DateTime(), nullable=True),
    *_stamps(),
    _fk('audit_recommendation', 'audit_id', 'case_audit'),
    _fk('audit_recommendation', 'lead_organisation_id', 'organisation'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_recommendation'))
    )
    _indexes('audit_recommendation', 'audit_id')

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.add_column(sa.Column('s11_rating_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('audit_recommendation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_action_s11_rating_id'), ['s11_rating_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_audit_recommendation_id'), ['audit_recommendation_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_action_s11_rating_id_s11_rating'), 's11_rating', ['s11_rating_id'], ['id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_action_audit_recommendation_id_audit_recommendation'), 'audit_recommendation',
            ['audit_recommendation_id'], ['id'],
        )

    # The history table is altered in place (never rebuilt), so its protecting triggers stay.
    op.add_column('change_record', sa.Column('record_label', sa.String(length=200), nullable=False, server_default=''))
    op.add_column('change_record', sa.Column('hash', sa.String(length=64), nullable=True))
    op.drop_index('ix_change_record_table_name', table_name='change_record')
    op.create_index('ix_change_record_changed_at', 'change_record', ['changed_at'], unique=False)
    op.create_index('ix_change_record_table_id', 'change_record', ['table_name', 'id'], unique=False)
    op.create_index('ix_change_record_changed_by_id', 'change_record', ['changed_by', 'id'], unique=False)
    op.create_index('ix_change_record_record', 'change_record', ['table_name', 'record_id', 'id'], unique=False)
    _label_and_chain_existing_history()
    _search_index()


SEARCH_COLUMNS = "record_label, field, old_value, new_value, changed_by"


def _search_index() -> None:
    """The change log's full-text search (SQLite FTS5): an index over the history, filled now
    and kept by an insert trigger (history is never updated or deleted)."""
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE history_search USING fts5({SEARCH_COLUMNS}, content='change_record', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    conn.exec_driver_sql("INSERT INTO history_search(history_search) VALUES ('rebuild')")
    conn.exec_driver_sql(
        "CREATE TRIGGER history_search_add AFTER INSERT ON change_record BEGIN "
        f"INSERT INTO history_search(rowid, {SEARCH_COLUMNS}) VALUES "
        "(new.id, new.record_label, new.field, new.old_value, new.new_value, new.changed_by); END"
    )


def _history_triggers(conn) -> list[tuple[str, str]]:
    """The triggers guarding the history (not the search index's own)."""
    if conn.dialect.name != "sqlite":
        return []
    return [
        (name, sql)
        for name, sql in conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='change_record' "
            "AND name != 'history_search_add'"
        )
        if sql
    ]


def _label_and_chain_existing_history() -> None:
    """Name every existing entry's record (as it is named now) and chain the entries in order.

    The triggers that stop anyone editing history are lifted for this one pass, inside the
    upgrade's transaction, and put back exactly as they were.
    """
    conn = op.get_bind()
    triggers = _history_triggers(conn)
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    inspector = sa.inspect(conn)
    tables = set(inspector.get_table_names())
    used = [r[0] for r in conn.exec_driver_sql("SELECT DISTINCT table_name FROM change_record")]
    for table in used:
        if table not in tables:
            continue
        columns = {c["name"] for c in inspector.get_columns(table)}
        names = [c for c in LABEL_COLUMNS if c in columns]
        if "id" not in columns or not names:
            continue
        label = "COALESCE(" + ", ".join(f"NULLIF(TRIM(t.\"{c}\"), '')" for c in names) + ", '')"
        conn.execute(
            sa.text(
                f"UPDATE change_record SET record_label = "
                f"(SELECT SUBSTR({label}, 1, 200) FROM \"{table}\" t WHERE t.id = change_record.record_id) "
                "WHERE table_name = :table AND EXISTS "
                f"(SELECT 1 FROM \"{table}\" t WHERE t.id = change_record.record_id)"
            ),
            {"table": table},
        )
    history = sa.table(
        'change_record',
        sa.column('id', sa.Integer), sa.column('changed_at', sa.DateTime), sa.column('changed_by', sa.String),
        sa.column('table_name', sa.String), sa.column('record_id', sa.Integer), sa.column('action', sa.String),
        sa.column('field', sa.String), sa.column('old_value', sa.Text), sa.column('new_value', sa.Text),
        sa.column('record_label', sa.String), sa.column('hash', sa.String),
    )
    previous = None
    last_id = 0
    while True:
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                sa.select(history).where(history.c.id > last_id).order_by(history.c.id).limit(5000)
            )
        ]
        if not rows:
            break
        previous = chain_hashes(previous, rows)
        conn.execute(
            history.update().where(history.c.id == sa.bindparam('entry_id')).values(hash=sa.bindparam('entry_hash')),
            [{'entry_id': r['id'], 'entry_hash': r['hash']} for r in rows],
        )
        last_id = rows[-1]['id']
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS history_search_add")
        conn.exec_driver_sql("DROP TABLE IF EXISTS history_search")
    op.drop_index('ix_change_record_record', table_name='change_record')
    op.drop_index('ix_change_record_changed_by_id', table_name='change_record')
    op.drop_index('ix_change_record_table_id', table_name='change_record')
    op.drop_index('ix_change_record_changed_at', table_name='change_record')
    op.create_index('ix_change_record_table_name', 'change_record', ['table_name'], unique=False)
    triggers = _history_triggers(conn)
    for name, _sql in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    op.drop_column('change_record', 'hash')
    op.drop_column('change_record', 'record_label')
    for _name, sql in triggers:
        conn.exec_driver_sql(sql)

    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_action_audit_recommendation_id_audit_recommendation'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_action_s11_rating_id_s11_rating'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_action_audit_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_action_s11_rating_id'))
        batch_op.drop_column('audit_recommendation_id')
        batch_op.drop_column('s11_rating_id')

    for table in ('audit_recommendation', 'audit_learning', 'audit_return', 'audit_case', 'case_audit_meeting',
                  'case_audit', 's11_rating', 's11_agency', 's11_standard', 's11_cycle'):
        op.drop_table(table)
