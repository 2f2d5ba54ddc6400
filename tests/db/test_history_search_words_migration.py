"""Revision 0025: the change log's index reads a word as its letters and their combining marks,
so a Hindi name is one word there, not its separate letters."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import history as hs
from bscp_desktop.services import memberships as ms

NAME = "सेवा प्रिया ट्रस्ट"  # "Seva Priya Trust"
LETTER = "र"  # a letter inside "प्रिया", not a word of the name


def _hits(path, word: str) -> int:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM history_search WHERE history_search MATCH :w"),
                                {"w": f'"{word}"'}).scalar()
    finally:
        engine.dispose()


def _revision(path, revision: str) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as conn:
            command.downgrade(migrate.alembic_config(conn), revision)
    finally:
        engine.dispose()


@pytest.mark.slow
def test_a_hindi_name_is_one_word_in_the_change_log_after_the_upgrade(tmp_path):
    path = tmp_path / "words.sqlite3"
    with Database.open(path) as db:
        ms.create_organisation(db, ms.OrganisationFields(NAME, OrganisationKind.VOLUNTARY))
    assert _hits(path, "प्रिया") and not _hits(path, LETTER)

    _revision(path, "0024")  # the index as revision 0004 made it: the name's letters one by one
    assert _hits(path, LETTER)

    with Database.open(path) as db:  # upgraded to the head: the index made again
        assert _hits(path, "प्रिया") and not _hits(path, LETTER)
        assert hs.count_changes(db, hs.ChangeQuery(search="प्रिया")) > 0
        assert hs.count_changes(db, hs.ChangeQuery(search=LETTER)) == 0
        ms.create_organisation(db, ms.OrganisationFields("प्रिया फ़ाउंडेशन", OrganisationKind.VOLUNTARY))
    assert _hits(path, "फ़ाउंडेशन")  # new entries are indexed by the trigger made again
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.execute(text("INSERT INTO history_search(history_search) VALUES ('integrity-check')"))  # raises if not whole
    engine.dispose()


def test_the_change_log_splits_words_as_the_search_index_does(tmp_path):
    from bscp_desktop.db import search

    path = tmp_path / "rule.sqlite3"
    Database.open(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        made = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'history_search'")).scalar()
    engine.dispose()
    assert f"tokenize='{search.TOKENIZER.replace(chr(39), chr(39) * 2)}'" in made
