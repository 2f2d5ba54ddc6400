"""A Section 11 return is not sent or returned before its cycle opens: the agency's return
dialog (update_participant), Write an agency's return… (mark_sent) and an imported return keep
the one rule that stops Opens moving after a return went out or came back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import check_return_dates, opening_problems, opens_problem
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

TODAY = date.today()
OPENS = TODAY + timedelta(days=30)  # a cycle still to open
D = date

OPEN_SOONER = "if it opened sooner, move its Opens date earlier (Audits tab, Section 11: Edit cycle…)"


def _agency(db, opens_on: date, due_on: date, name: str = "Metropolitan Police"):
    org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.POLICE))
    cycle = s11.create_cycle(db, s11.CycleFields("2027-29", opens_on, due_on))
    return cycle, s11.add_agencies(db, cycle.id, [org.id])[0]


def test_the_rule_from_the_return_and_from_the_cycle_is_one_rule():
    opens = D(2027, 1, 5)
    for day in (D(2026, 12, 6), D(2027, 1, 4), opens, D(2027, 1, 6)):
        refused = bool(opening_problems(opens, day, day))
        assert refused == (day < opens)
        assert refused == bool(opens_problem(opens, [("Brent Council", day, None)]))
        assert refused == bool(opens_problem(opens, [("Brent Council", None, day)]))
    assert check_return_dates(D(2026, 12, 1), D(2026, 12, 6), None, D(2026, 12, 6), opens) == {
        "sent_on": f"Sent (01/12/2026) cannot be before the cycle opens (05/01/2027): a return goes out once the "
                   f"cycle has opened; {OPEN_SOONER}",
        "returned_on": f"Returned (06/12/2026) cannot be before the cycle opens (05/01/2027): a return comes back once "
                       f"the cycle has opened; {OPEN_SOONER}"}
    assert opens_problem(D(2027, 1, 6), [("Brent Council", D(2027, 1, 5), None)]) == (
        "Opens (06/01/2027) cannot be after the day the return was sent to Brent Council (05/01/2027): the cycle had "
        "opened by then")


def test_the_returns_dialog_refuses_sent_or_returned_before_the_cycle_opens(db):
    cycle, part = _agency(db, OPENS, OPENS + timedelta(days=60))
    early = TODAY - timedelta(days=5)
    with pytest.raises(ValidationError) as err:
        s11.update_participant(db, part.id, s11.ParticipantFields("", early, TODAY))
    assert err.value.errors == {
        "sent_on": f"Sent ({early:%d/%m/%Y}) cannot be before the cycle opens ({OPENS:%d/%m/%Y}): a return goes out "
                   f"once the cycle has opened; {OPEN_SOONER}",
        "returned_on": f"Returned ({TODAY:%d/%m/%Y}) cannot be before the cycle opens ({OPENS:%d/%m/%Y}): a return "
                       f"comes back once the cycle has opened; {OPEN_SOONER}"}
    with pytest.raises(ValidationError) as err:
        s11.update_participant(db, part.id, s11.ParticipantFields("", None, TODAY))  # came in unasked, early
    assert set(err.value.errors) == {"returned_on"}
    after = s11.get_participant(db, part.id)
    assert (after.sent_on, after.returned_on, after.status.label) == (None, None, "Not sent")  # nothing saved
    s11.update_cycle(db, cycle.id, replace(cycle.to_fields(), opens_on=early))  # it opened sooner: Opens moved
    saved = s11.update_participant(db, part.id, s11.ParticipantFields("", early, TODAY))  # on the day it opens: kept
    assert (saved.sent_on, saved.returned_on) == (early, TODAY)


def test_writing_a_return_before_the_cycle_opens_records_no_sent_date(db):
    cycle, part = _agency(db, OPENS, OPENS + timedelta(days=60), "Brent Council")
    with pytest.raises(ValidationError) as err:
        s11.mark_sent(db, [part.id], TODAY)
    assert err.value.errors == {
        "sent_on": f"Sent ({TODAY:%d/%m/%Y}) cannot be before the cycle opens ({OPENS:%d/%m/%Y}): a return goes out "
                   f"once the cycle has opened; {OPEN_SOONER}. Brent Council's return is not recorded as sent: record "
                   "Sent on its row once it goes out"}
    assert s11.get_participant(db, part.id).sent_on is None
    s11.update_cycle(db, cycle.id, replace(cycle.to_fields(), opens_on=TODAY))  # opens today: it goes out today
    assert s11.mark_sent(db, [part.id], TODAY) == [part.id]
    assert s11.get_participant(db, part.id).sent_on == TODAY


@pytest.mark.slow
def test_a_return_imported_before_the_cycle_opens_is_refused_naming_opens(db, tmp_path):
    cycle, part = _agency(db, D(2024, 4, 1), D(2024, 6, 28))
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Amber"}})
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as err:
            imp.import_s11(db, out, dry_run=dry_run, today=D(2024, 3, 20))
        assert str(err.value) == (
            "Metropolitan Police's return is recorded as returned on the day it is imported. Returned (20/03/2024) "
            "cannot be before the cycle opens (01/04/2024): a return comes back once the cycle has opened; "
            f"{OPEN_SOONER}, then import the return again. Nothing was imported from return.xlsx.")
    assert s11.get_participant(db, part.id).returned_on is None
    assert not [r for r in sr.list_ratings(db, cycle.id) if r.self_rating]  # nothing imported
    s11.update_cycle(db, cycle.id, replace(cycle.to_fields(), opens_on=D(2024, 3, 1)))
    assert imp.import_s11(db, out, today=D(2024, 3, 20)).added == 1
    assert s11.get_participant(db, part.id).returned_on == D(2024, 3, 20)


def test_a_return_held_from_before_the_rule_still_saves_its_other_fields(db):
    # a date recorded before this rule stands until the officer changes it: notes still save
    from bscp_desktop.db.models.audits import S11Agency

    _cycle, part = _agency(db, OPENS, OPENS + timedelta(days=60))
    early = TODAY - timedelta(days=3)
    with db.unit_of_work() as session:
        session.get(S11Agency, part.id).returned_on = early
    held = s11.get_participant(db, part.id)
    saved = s11.update_participant(db, part.id, replace(held.to_fields(), notes="Chased by phone"))
    assert (saved.returned_on, saved.notes) == (early, "Chased by phone")
    with pytest.raises(ValidationError) as err:  # a date changed is checked
        s11.update_participant(db, part.id, replace(held.to_fields(), returned_on=early + timedelta(days=1)))
    assert set(err.value.errors) == {"returned_on"}
