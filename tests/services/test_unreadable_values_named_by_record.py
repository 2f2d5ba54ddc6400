"""A record holding a value this version cannot read (written by another program: a date that
is not one, a sum too large for pounds and pence) is named when a read fails on it, by its
record and field as `check` names it, never in Python's words."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from decimal import InvalidOperation

import pytest

from bscp_desktop.domain.finance import Period
from bscp_desktop.services import failures
from bscp_desktop.services import finance as fin
from bscp_desktop.services.failures import database_words
from tests.safety.helpers import sql


def _expense(db, day: date = date(2023, 9, 1), amount: str = "100") -> int:
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    return fin.create_expense(db, fin.ExpenseFields(day, events, "Civic Centre", "Forum", amount)).id


def _failure_reading(db) -> Exception:
    """The failure of reading the finance summary's figures (the sums) or the expenses one by one."""
    with pytest.raises(Exception) as raised:
        fin.summary(db, Period.year(2023))
        fin.list_expenses(db)
    return raised.value


def _plain(words: str) -> None:
    for python in ("InvalidOperation", "<class", "decimal", "isoformat", "out of range", "Traceback", "SELECT"):
        assert python not in words


def test_a_sum_too_large_for_pounds_and_pence_names_the_expense_and_its_amount(db, db_path):
    expense = _expense(db)
    sql(db_path, f"UPDATE expense SET amount = 1e308 WHERE id = {expense}")
    failure = _failure_reading(db)
    assert not isinstance(failure, InvalidOperation)
    words = database_words(failure)
    assert words.startswith(f"A record in the database holds a value this version cannot read: Expense {expense}: "
                            "its Amount holds 1e+308 (not a whole number).")
    assert words.endswith("restore a backup from the File menu.")
    _plain(words)


def test_a_date_that_is_not_one_names_the_record_and_its_field(db, db_path):
    expense = _expense(db)
    sql(db_path, f"UPDATE expense SET spent_on = '2024-02-30' WHERE id = {expense}")
    words = database_words(_failure_reading(db))
    assert f"Expense {expense}: its Spent on holds '2024-02-30' (not a date)" in words
    _plain(words)


def test_several_such_values_are_named_a_few_at_a_time(db, db_path):
    ids = [_expense(db, date(2023, 9, day)) for day in range(1, 7)]
    sql(db_path, f"UPDATE expense SET spent_on = 'soon' WHERE id IN ({', '.join(map(str, ids))})")
    words = database_words(_failure_reading(db), check="Run check to name every such value.")
    assert words.startswith("Records in the database hold values this version cannot read: "
                            f"Expense {ids[0]}: its Spent on holds 'soon' (not a date); Expense {ids[1]}: ")
    assert f"Expense {ids[failures.NAMED - 1]}:" in words and f"Expense {ids[failures.NAMED]}:" not in words
    assert "; and more. They may have been changed by another program" in words
    assert words.endswith("Run check to name every such value.")


def test_a_search_that_runs_out_of_time_still_says_a_record_holds_such_a_value(db, db_path, monkeypatch):
    """A large file is searched for a while only: the sentence is said without the values."""
    _expense(db)
    with closing(sqlite3.connect(db_path)) as con:
        columns = [row[1] for row in con.execute("PRAGMA table_info(expense)") if row[1] != "id"]
    sql(db_path, f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000) "
                 f"INSERT INTO expense ({', '.join(columns)}) SELECT {', '.join(columns)} FROM expense, n",
        "UPDATE expense SET spent_on = 'soon' WHERE id = (SELECT max(id) FROM expense)")
    monkeypatch.setattr(failures, "SEARCHING", -1.0)  # out of time before the last expense is read
    words = database_words(_failure_reading(db))
    assert words.startswith("A record in the database holds a value this version cannot read (")
    assert words.endswith("); it may have been changed by another program: restore a backup from the File menu.")
    assert "Expense" not in words


def test_an_arithmetic_error_met_reading_is_never_said_by_its_kind(db, db_path, monkeypatch):
    expense = _expense(db)
    sql(db_path, f"UPDATE expense SET amount = 1e308 WHERE id = {expense}")
    failure = _failure_reading(db)
    monkeypatch.setattr(failures, "_search", lambda engine: [])  # nothing found to name
    arithmetic = InvalidOperation([InvalidOperation])
    arithmetic.__traceback__ = failure.__traceback__  # met where the amount was read
    assert database_words(arithmetic) == ("A record in the database holds a value this version cannot read; it may "
                                          "have been changed by another program: restore a backup from the File menu.")


def test_the_failure_is_searched_for_once_however_often_it_is_said(db, db_path, monkeypatch):
    expense = _expense(db)
    sql(db_path, f"UPDATE expense SET amount = 1e308 WHERE id = {expense}")
    failure = _failure_reading(db)
    searched = []
    search = failures._search
    monkeypatch.setattr(failures, "_search", lambda engine: searched.append(engine) or search(engine))
    assert database_words(failure) == database_words(failure)
    assert len(searched) == 1


@pytest.mark.slow
def test_a_team_database_names_a_choice_no_record_can_hold(pg_db):
    """On a team database (dates and numbers kept typed by its server) a choice written there by
    another program, as psql can, is named the same way."""
    from sqlalchemy import text

    from bscp_desktop.services import memberships as ms

    council = ms.create_organisation(pg_db, ms.OrganisationFields("Brent Council", "local_authority")).id
    with pg_db.engine.begin() as conn:
        conn.execute(text("UPDATE organisation SET kind = 'bogus'"))
    with pytest.raises(Exception) as raised:
        ms.list_organisations(pg_db)
    words = database_words(raised.value)
    assert words.startswith(f"A record in the database holds a value this version cannot read: Organisation {council}: "
                            "its Kind holds 'bogus' (not one of its choices).")
    _plain(words)
