"""Revision 0022: a decision has an owner, a due date and evidence of impact. Decisions already
recorded keep their text and have none of them (flagged), and the owner links to a person and
an organisation on record."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import create_engine, inspect, text

from bscp_desktop.db import migrate
from bscp_desktop.db.database import Database
from bscp_desktop.services import meetings as mt
from tests.meetings_world import build_world, meeting

NEW_COLUMNS = {"owner_person_id", "owner_organisation_id", "due_date", "evidence"}


@pytest.mark.slow
def test_decisions_recorded_before_keep_their_text_and_are_flagged(tmp_path):
    from alembic import command

    path = tmp_path / "decisions.sqlite3"
    with Database.open(path) as db:
        world = build_world(db)
        m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
        decision = mt.add_decision(db, item.id, "Adopt the neglect strategy")
        mt.save_item_minutes(db, item.id, "The strategy was presented.")
        mt.approve_minutes(db, m.id, meeting(db, world.forum, datetime(2024, 5, 14, 10)).id)
        mt.update_decision(db, decision.id, "Adopt the neglect strategy", reason="Nothing changed")  # no amendment
        mt.update_decision(db, decision.id, "Adopt the neglect strategy", reason=None)
        decision = mt.update_decision(db, decision.id, "Adopt the neglect strategy for 2024",
                                      reason="The year was missed")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0021")
        columns = {c["name"] for c in inspect(conn).get_columns("decision")}
    engine.dispose()
    assert not columns & NEW_COLUMNS

    with Database.open(path) as db:  # upgrades to the head
        with db.engine.connect() as conn:
            links = {(fk["constrained_columns"][0], fk["referred_table"]) for fk in inspect(conn).get_foreign_keys("decision")}
            evidence = conn.execute(text("SELECT evidence FROM decision")).scalars().all()
            broken = conn.execute(text("PRAGMA foreign_key_check")).all()
        assert broken == []  # the amendment still names its decision
        assert [a.decision_id for a in mt.list_amendments(db, m.id)] == [decision.id]
        assert {("owner_person_id", "person"), ("owner_organisation_id", "organisation")} <= links
        assert evidence == [""]
        (kept,) = mt.list_decisions(db, m.id)
        assert (kept.id, kept.text, kept.owner, kept.due_date) == (decision.id, "Adopt the neglect strategy for 2024",
                                                                   "", None)
        assert kept.gaps_text == "No owner, no due date"
        assert mt.get_agenda_item(db, item.id).minutes == "The strategy was presented."
        given = mt.update_decision(db, kept.id, mt.DecisionFields(kept.text, world.chair.id, None, date(2024, 4, 30)),
                                   reason="The owner was agreed later")
        assert given.owner == world.chair.name
