"""A training session moved or given another cost after its cost was recorded in Finance says,
once saved, that what Finance records for it no longer matches (another total or another
financial year), and its list row says so; one that still matches, or has nothing in Finance,
says nothing about Finance."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

import pytest

from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import sessions as ts

pytestmark = pytest.mark.both_engines

MARCH = datetime(2026, 3, 30, 10, 0)  # in 2025/26
APRIL = datetime(2026, 4, 2, 10, 0)  # in 2026/27


def _session_in_finance(db, record: bool = True):
    """A £500 session on 30/03/2026 whose cost is recorded in Finance (unless not `record`)."""
    course = cs.create_course(db, cs.CourseFields("Neglect awareness", facilitator="external", facilitator_name="Ann Trainer"))
    session = cs.create_session(db, cs.SessionFields(course.id, MARCH, 20, facilitator="Ann Trainer", cost="500"))
    if record:
        category = fin.default_training_category(db) or fin.create_category(db, fin.TRAINING_CATEGORY).id
        fin.record_session_costs(db, [session.id], category)
    return session


@pytest.mark.slow
def test_moving_and_recosting_a_session_in_finance_says_what_to_correct_there(db):
    session = _session_in_finance(db)
    fields = cs.get_session(db, session.id).to_fields()
    saved = ts.save_session_saying(db, session.id, replace(fields, starts_at=APRIL, cost="650"))
    assert saved.note == ("The cost recorded in Finance for this session (£500.00 on 30/03/2026, 2025/26) does not match "
                          "it: it now costs £650.00 and is on 02/04/2026, in 2026/27. Correct the expense in the Finance "
                          "tab (Expenditure).")
    assert saved.session.finance_differs and saved.session.finance_difference in saved.note
    assert cs.get_session(db, session.id).finance_differs  # the list reads it too
    # details Finance does not record say nothing more; putting it back as Finance has it matches again
    assert ts.save_session_saying(db, session.id, replace(saved.session.to_fields(), venue="Room 2")).note == ""
    back = ts.save_session_saying(db, session.id, replace(fields, starts_at=MARCH, cost="500"))
    assert back.note == "" and not back.session.finance_differs and back.session.finance_difference == ""


@pytest.mark.slow
def test_another_cost_or_another_year_each_stops_it_matching(db):
    session = _session_in_finance(db)
    fields = cs.get_session(db, session.id).to_fields()
    recosted = ts.save_session_saying(db, session.id, replace(fields, cost="650"))
    assert "(£500.00 on 30/03/2026, 2025/26) does not match it: it now costs £650.00 and is on 30/03/2026, in 2025/26" in recosted.note
    moved = ts.save_session_saying(db, session.id, replace(fields, starts_at=APRIL))
    assert "it now costs £500.00 and is on 02/04/2026, in 2026/27" in moved.note
    free = ts.save_session_saying(db, session.id, replace(fields, cost=""))
    assert "it now has no cost and is on 30/03/2026" in free.note
    # a move within the financial year at the same cost still matches what Finance records
    assert ts.save_session_saying(db, session.id, replace(fields, starts_at=MARCH.replace(day=27))).note == ""
    assert cs.get_session(db, session.id).spent == Decimal("500.00")


@pytest.mark.slow
def test_a_session_with_nothing_in_finance_says_nothing_about_it(db):
    session = _session_in_finance(db, record=False)
    fields = cs.get_session(db, session.id).to_fields()
    saved = ts.save_session_saying(db, session.id, replace(fields, starts_at=APRIL, cost="650"))
    assert saved.note == "" and not saved.session.finance_differs
