"""The change log's search reads a word as its letters and their combining marks

The change log's full-text index (`history_search`, SQLite only, made by revision 0004) split
text at every character that is not a letter or a digit. The vowel signs and viramas of Hindi,
Gujarati or Tamil are combining marks, so "प्रिया" was indexed as the separate letters प, र
and य: a name typed was found, but so was every entry holding one of its letters. The index is
made again here splitting words as the program's other search does (`db/search.TOKENIZER`):
a word is a run of letters, digits and combining marks. Accents on Latin letters still fold
away ("José" is the word "jose").

The index only reads the history (it is an external-content index over `change_record`), so
making it again changes no entry, nor the chain of entries. Its insert trigger is made again
with it.

Revision ID: 0025
Revises: 0024
"""
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

COLUMNS = "record_label, field, old_value, new_value, changed_by"
WORDS_WITH_MARKS = "unicode61 remove_diacritics 2 categories ''L* N* Co Mn Mc''"
LETTERS_AND_DIGITS = "unicode61 remove_diacritics 2"


def _index(tokenizer: str) -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    made = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history_search'"
    ).first()
    if made is None:  # a file whose index was never made keeps searching without it
        return
    conn.exec_driver_sql("DROP TRIGGER IF EXISTS history_search_add")
    conn.exec_driver_sql("DROP TABLE history_search")
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE history_search USING fts5({COLUMNS}, content='change_record', "
        f"content_rowid='id', tokenize='{tokenizer}')"
    )
    conn.exec_driver_sql("INSERT INTO history_search(history_search) VALUES ('rebuild')")
    conn.exec_driver_sql(
        "CREATE TRIGGER history_search_add AFTER INSERT ON change_record BEGIN "
        f"INSERT INTO history_search(rowid, {COLUMNS}) VALUES "
        "(new.id, new.record_label, new.field, new.old_value, new.new_value, new.changed_by); END"
    )


def upgrade() -> None:
    _index(WORDS_WITH_MARKS)


def downgrade() -> None:
    _index(LETTERS_AND_DIGITS)
