"""The change log of a team database read by an officer outside the case reviews group: every
entry they may read is shown, and a link to a case review, a case review's recommendation or a
case audit's recommendation (records the server keeps from them) is named as a record they may
not open, as the action log names such an action's source.

Runs on the test server (tests/postgres_cluster.py), on the demo records.
"""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action
from bscp_desktop.services import actions as action_log
from bscp_desktop.services import history as hs
from bscp_desktop.services.history_names import record_names


@pytest.fixture
def officer(pg_demo_template, capsys):
    """The demo team database with its groups and grants, and the address of an officer's login
    outside the case reviews group."""
    address = pg_demo_template.copy()
    assert main(["team", "roles", "--apply", "--db", address]) == 0
    role = f"p_{uuid.uuid4().hex[:10]}"
    assert main(["team", "person", role, "--name", "Carl Officer", "--group", "officer", "--db", address]) == 0
    capsys.readouterr()
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


def _all_pages(db: Database, query: hs.ChangeQuery) -> list[hs.ChangeDTO]:
    rows, cursor = [], None
    while True:
        page = hs.change_page(db, query, cursor)
        rows += page.rows
        cursor = page.cursor
        if cursor is None:
            return rows


def test_an_officer_outside_the_case_reviews_group_reads_the_whole_change_log(officer, tmp_path, capsys):
    with Database.open_target(officer) as db:
        with db.unit_of_work() as s:
            audit_action = s.scalar(select(Action.id).where(Action.audit_recommendation_id.is_not(None)).limit(1))
            case_action = s.scalar(select(Action.id).where(Action.recommendation_id.is_not(None)).limit(1))
            # an expense's case review is named by its own column, as closed to the login
            assert record_names(s, "case_review", {1, 2}) == {1: action_log.NOT_OPEN, 2: action_log.NOT_OPEN}
        assert audit_action and case_action

        rows = _all_pages(db, hs.ChangeQuery())
        linked = {(r.table_name, r.field): r.new_text for r in rows if r.new_value and r.field in (
            "audit_recommendation_id", "recommendation_id", "case_review_id")}
        assert linked[("action", "audit_recommendation_id")] == action_log.NOT_OPEN
        assert linked[("action", "recommendation_id")] == action_log.NOT_OPEN

        for action_id in (audit_action, case_action):  # a record's History
            history = _all_pages(db, hs.ChangeQuery(record=("action", action_id)))
            assert history and hs.record_name(db, "action", action_id)
        assert _all_pages(db, hs.ChangeQuery(search="recommendation"))  # names searched too

    assert main(["report", "change-log", "--db", officer, "-o", str(tmp_path / "log.xlsx")]) == 0, capsys.readouterr()
    assert (tmp_path / "log.xlsx").stat().st_size > 0
