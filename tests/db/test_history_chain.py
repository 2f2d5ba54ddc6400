"""The change history is hash-chained: `check` finds rows changed or removed outside the program."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, select

from bscp_desktop import cli
from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database, HistoryTampered
from bscp_desktop.db.file_check import check_file
from bscp_desktop.db.history import GENESIS, ChainVerifier, entry_hash, verify_chain
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from tests.examples import examples


def _fill(db) -> None:
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ms.update_organisation(db, council.id, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY, "BC"))
    person = ms.create_person(db, ms.PersonFields("Żółć Kowalska", "Designated nurse", council.id, "z@example.org"))
    ms.archive_person(db, person.id)


def _rows(db) -> list[ChangeRecord]:
    with db.unit_of_work() as s:
        return list(s.scalars(select(ChangeRecord).order_by(ChangeRecord.id)))


def _check(path, capsys) -> tuple[int, str, str]:
    code = cli.main(["check", "--db", str(path)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _tamper(path, *statements: str) -> None:
    con = sqlite3.connect(path)
    guards = [name for (name,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'change_record'")]
    assert guards, "the history is expected to be guarded by triggers"
    for name in guards:  # whatever guards the history, as someone editing the file would
        con.execute(f'DROP TRIGGER "{name}"')
    for sql in statements:
        con.execute(sql)
    con.commit()
    con.close()


def test_every_entry_is_chained_to_the_one_before(db):
    _fill(db)
    rows = _rows(db)
    assert len(rows) >= 8
    previous = None
    for row in rows:
        entry = {k: getattr(row, k) for k in (
            "changed_at", "changed_by", "table_name", "record_id", "action", "field", "old_value", "new_value",
            "record_label")}
        assert row.hash == entry_hash(previous, entry)
        previous = row.hash
    assert rows[0].hash != entry_hash(GENESIS + "x", {**entry, "changed_at": datetime(2020, 1, 1)})
    labels = {r.record_label for r in rows}
    assert {"Brent Council", "Żółć Kowalska"} <= labels


def test_a_refused_command_leaves_no_history_and_the_chain_intact(db):
    _fill(db)
    before = len(_rows(db))
    with pytest.raises(ValidationError):
        ms.create_person(db, ms.PersonFields("", "", None, "not an email"))
    assert len(_rows(db)) == before
    with db.engine.connect() as conn:
        broken, checked = verify_chain(conn.connection.dbapi_connection)
    assert broken is None and checked == before


def test_untouched_database_passes_check(db, db_path, capsys):
    _fill(db)
    db.close()
    code, out, err = _check(db_path, capsys)
    assert code == 0, err
    assert "change history intact" in out and err == ""


def test_changed_and_deleted_rows_are_found_and_check_exits_1(db, db_path, capsys):
    _fill(db)
    ids = [r.id for r in _rows(db)]
    db.close()
    changed, deleted = ids[3], ids[6]
    _tamper(
        db_path,
        f"UPDATE change_record SET new_value = 'Someone else' WHERE id = {changed}",
        f"DELETE FROM change_record WHERE id = {deleted}",
    )
    code, out, err = _check(db_path, capsys)
    assert code == 1
    assert f"entry {changed} " in err and "tampered" in err
    assert err.count("\n") == 1  # one sentence, no traceback
    with pytest.raises(HistoryTampered):
        check_file(db_path)


def test_a_removed_entry_is_named_by_the_gap_it_leaves(db, db_path, capsys):
    _fill(db)
    ids = [r.id for r in _rows(db)]
    db.close()
    _tamper(db_path, f"DELETE FROM change_record WHERE id = {ids[4]}")
    code, _out, err = _check(db_path, capsys)
    assert code == 1
    assert f"entry {ids[5]} " in err and f"number {ids[4]}" in err


def test_rehashing_a_changed_row_still_breaks_the_next_one(db, db_path, capsys):
    """Recomputing the changed row's own hash is not enough: the next row no longer follows."""
    _fill(db)
    rows = _rows(db)
    db.close()
    target = rows[2]
    entry = {k: getattr(target, k) for k in (
        "changed_at", "changed_by", "table_name", "record_id", "action", "field", "old_value", "new_value",
        "record_label")}
    entry["new_value"] = "forged"
    forged = entry_hash(rows[1].hash, entry)
    _tamper(db_path, f"UPDATE change_record SET new_value = 'forged', hash = '{forged}' WHERE id = {target.id}")
    code, _out, err = _check(db_path, capsys)
    assert code == 1 and f"entry {rows[3].id} " in err


@pytest.mark.slow  # a file of an early revision upgraded through every later migration
def test_the_upgrade_chains_history_written_before_the_chain_existed(tmp_path):
    from alembic import command

    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0003")
        conn.exec_driver_sql(
            "INSERT INTO organisation (id, name, short_name, kind, created_at, updated_at) "
            "VALUES (1, 'Brent Council', '', 'local_authority', '2023-01-01 09:00:00.000000', "
            "'2023-01-01 09:00:00.000000')"
        )
        for n, (field, value) in enumerate([("name", "Brent Council"), ("kind", "local_authority")], start=1):
            conn.exec_driver_sql(
                "INSERT INTO change_record (id, changed_at, changed_by, table_name, record_id, action, field, "
                f"old_value, new_value) VALUES ({n}, '2023-01-01 09:00:00.000000', 'officer', 'organisation', 1, "
                f"'insert', '{field}', NULL, '{value}')"
            )
    engine.dispose()
    with Database.open(path) as db:
        rows = _rows(db)
        assert [r.record_label for r in rows] == ["Brent Council", "Brent Council"]
        assert all(r.hash for r in rows)
        ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    assert "change history intact" in check_file(path)
    con = sqlite3.connect(path)
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    assert {"change_record_no_update", "change_record_no_delete"} <= triggers


HASHED = ("changed_at", "changed_by", "table_name", "record_id", "action", "field", "old_value", "new_value",
          "record_label")


@pytest.mark.slow
@given(st.data())
@settings(max_examples=examples(40), deadline=None)
def test_any_single_change_to_any_entry_is_found_at_that_entry(data):
    """Pure check of the chain: whichever entry and field is altered, that entry is the first broken."""
    entries = []
    previous = None
    for n in range(1, 9):
        entry = {"changed_at": datetime(2024, 1, 1, 9, n), "changed_by": "officer", "table_name": "person",
                 "record_id": n, "action": "update", "field": "name", "old_value": f"Old {n}",
                 "new_value": f"Żółć {n}", "record_label": f"Person {n}"}
        entry["hash"] = previous = entry_hash(previous, entry)
        entries.append(entry)
    target = data.draw(st.integers(0, len(entries) - 1))
    field = data.draw(st.sampled_from(HASHED))
    forged = dict(entries[target])
    if field == "changed_at":
        forged[field] = forged[field].replace(second=1)
    elif field == "record_id":
        forged[field] = forged[field] + 1000
    else:
        forged[field] = (forged[field] or "") + data.draw(st.text(min_size=1, max_size=3))
    rows = [(i + 1, *(e[k] for k in HASHED), e["hash"]) for i, e in enumerate(entries)]
    rows[target] = (target + 1, *(forged[k] for k in HASHED), forged["hash"])
    broken = ChainVerifier().feed(rows)
    assert broken is not None and broken.id == target + 1
    assert ChainVerifier().feed([(i + 1, *(e[k] for k in HASHED), e["hash"]) for i, e in enumerate(entries)]) is None
