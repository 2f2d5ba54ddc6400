"""Training finds an organisation by the name it had before a rename, as Memberships does: a
booking, a bookings import and the charges report of one organisation count the delegate for
it under its name now, in one row of the figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.importers import run_import
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st
from tests.importers.test_training_import_matching import write_csv

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

YEAR = (date(2024, 4, 1), date(2025, 3, 31))


def _session(db):
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    return cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 6, 3, 9, 30), 10))


def _renamed(db, name="Metropolitan Police", now="Metropolitan Police Service"):
    org = ms.create_organisation(db, ms.OrganisationFields(name, OrganisationKind.OTHER))
    return ms.update_organisation(db, org.id, ms.OrganisationFields(now, OrganisationKind.OTHER))


def _book(db, session, name, organisation_name):
    return bk.create_booking(db, bk.BookingFields(session.id, name, organisation_name=organisation_name,
                                                  booked_on=date(2024, 5, 1))).booking


def test_a_booking_naming_an_organisations_former_name_counts_for_it_in_one_row(db):
    met = _renamed(db)
    session = _session(db)
    now = _book(db, session, "Ann Able", "Metropolitan Police Service")
    before = _book(db, session, "Ivy Ink", "Metropolitan Police")
    assert bk.get_booking(db, before.id).organisation_id == met.id
    assert st.unmatched_organisation_names(db) == []
    bk.mark_register(db, session.id, {now.id: Outcome.ATTENDED, before.id: Outcome.ATTENDED})
    report = fg.figures_report(db, *YEAR, today=date(2025, 5, 1))
    assert [(r.label, r.figures.bookings, r.figures.attended) for r in report.by_organisation] == [
        ("Metropolitan Police Service", 2, 2)]


def test_the_charges_of_an_organisation_asked_for_by_its_former_name_are_its_own(db):
    met = _renamed(db)
    session = _session(db)
    ivy = _book(db, session, "Ivy Ink", "Metropolitan Police")
    st.save_charge_rates(db, [ChargeRates(2024, Decimal("50.00"))])
    bk.mark_register(db, session.id, {ivy.id: Outcome.NO_SHOW})
    charges = ch.charges_report(db, *YEAR, organisation="Metropolitan Police")
    assert [(s.organisation, [ln.delegate_name for ln in s.lines], s.total_due) for s in charges.statements] == [
        ("Metropolitan Police Service", ["Ivy Ink"], Decimal("50.00"))]
    assert bk.get_booking(db, ivy.id).organisation_id == met.id


def test_a_former_name_of_an_archived_organisation_still_counts_for_it(db):
    met = _renamed(db)
    session = _session(db)
    ms.archive_organisation(db, met.id)
    ivy = _book(db, session, "Ivy Ink", "Metropolitan Police")
    assert bk.get_booking(db, ivy.id).organisation_id == met.id


def test_a_former_name_is_said_to_be_matched_under_the_name_now_as_in_memberships(db):
    met = _renamed(db)
    notes: list[str] = []
    with db.unit_of_work() as session:
        found = st.matched_id(st.matcher_in(session), "Metropolitan Police", 4, notes)
    assert found == met.id
    assert notes == ["Row 4: 'Metropolitan Police' is now called 'Metropolitan Police Service'; the row is matched to it."]


def test_a_bookings_import_naming_a_former_name_links_the_booking(db, tmp_path):
    met = _renamed(db)
    rows = [["Neglect basics", "03/06/2024 09:30", "10", "Ivy Ink", "ivy@met.police.uk", "PC",
             "Metropolitan Police", "01/05/2024", "Attended", ""]]
    report = run_import(db, "bookings", write_csv(tmp_path / "lms.csv", rows))
    assert report.added == 1
    (booking,) = bk.list_bookings(db)
    assert (booking.organisation_name, booking.organisation_id) == ("Metropolitan Police", met.id)
    assert not any("did not match an organisation" in n for n in report.notes)
