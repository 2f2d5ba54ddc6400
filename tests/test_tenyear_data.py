"""The ten-year benchmark data set, built at a thousandth of its size: proves its builder still
runs against the current schema, through the services, with the history it should produce."""

from __future__ import annotations

import sqlite3

import pytest

from benchmarks import tenyear
from tests.built_once import built_once

pytestmark = pytest.mark.slow  # builds the ten-year data set (a thousandth of it)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Built once for the run (by one worker of a parallel run), in a folder of its own."""
    folder = built_once(tmp_path_factory, "tenyear", lambda f: tenyear.cached(0.001, f.mkdir() or f))
    return folder, tenyear.cached(0.001, folder)


def test_every_area_has_records(tiny):
    _folder, path = tiny
    counts = tenyear.row_counts(path)
    for table in ("meeting", "agenda_item", "person", "case_review", "training_booking", "s11_cycle", "s11_rating",
                  "case_audit", "audit_case", "audit_return", "contribution", "expense", "change_record"):
        assert counts.get(table, 0) > 0, table
    assert counts["person"] >= 5  # 5,000 at full size


def test_records_inserted_in_bulk_have_their_history(tiny):
    from bscp_desktop.db.history import verify_chain

    _folder, path = tiny
    con = sqlite3.connect(path)
    try:
        for table in ("agenda_item", "training_booking", "case_review", "person", "expense", "s11_rating"):
            without = con.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM change_record c WHERE "
                f"c.table_name = '{table}' AND c.record_id = t.id AND c.action = 'insert')"
            ).fetchone()[0]
            assert without == 0, f"{without} {table} rows have no history"
        minutes = con.execute("SELECT count(*) FROM change_record WHERE table_name = 'agenda_item' "
                              "AND field = 'minutes'").fetchone()[0]
        assert minutes == con.execute("SELECT count(*) FROM agenda_item WHERE minutes <> ''").fetchone()[0]
        broken, checked = verify_chain(con)
    finally:
        con.close()
    assert broken is None
    assert checked == tenyear.row_counts(path)["change_record"]


def test_built_once_and_keyed(tiny):
    folder, path = tiny
    built = path.stat().st_mtime_ns
    assert tenyear.cached(0.001, folder) == path
    assert path.stat().st_mtime_ns == built  # not built again
    assert tenyear.cache_key(0.001) != tenyear.cache_key(1.0)
    assert path.name.endswith(f"-{tenyear.cache_key(0.001)}.sqlite3")
    assert not list(folder.glob("*.partial*"))
    facts = tenyear.build_facts(path)
    assert facts["seconds"] > 0 and facts["scale"] == 0.001
    assert facts["rows"] == sum(tenyear.row_counts(path).values())


def test_other_benchmarks_run_on_a_copy_of_it(tiny, monkeypatch, tmp_path):
    _folder, path = tiny
    monkeypatch.setattr(tenyear, "cached", lambda *args, **kwargs: path)
    counts = tenyear.or_build(tmp_path / "copy.sqlite3", ["--tenyear"], lambda p: pytest.fail("built its own"))
    assert counts["meetings"] == tenyear.row_counts(path)["meeting"] > 0
    assert counts["bookings"] == tenyear.row_counts(path)["training_booking"] > 0
    assert tenyear.row_counts(tmp_path / "copy.sqlite3") == tenyear.row_counts(path)
    assert tenyear.or_build(tmp_path / "own.sqlite3", [], lambda p: {"rows": 3}) == {"rows": 3}
