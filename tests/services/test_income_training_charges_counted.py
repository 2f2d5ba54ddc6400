"""Training charges already counted as income, read for the income dialog's warning: an
organisation's no-show and late-cancellation charges of the financial year of the date received
and the year before, as Finance counts them (waived ones are not). Saving is unchanged: a line
that reads as a training charge is still saved, as it may be other money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.finance import Period
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance.income_checks import ChargesCounted, charges_counted, double_count_warning
from bscp_desktop.services.training import bookings, courses, settings
from tests.built_once import database_with

pytestmark = pytest.mark.both_engines

D = date
M = Decimal
PAID = "Training charges invoice paid: no-shows/late cancellations"


def build_charges(db) -> dict[str, int]:
    """Brent Council: two no-shows in 2023/24 (one waived) and one in 2024/25; the ICB: one
    late cancellation in 2023/24; the police: none."""
    ids = {
        key: ms.create_organisation(db, ms.OrganisationFields(name, kind)).id
        for key, name, kind in (("council", "Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                                ("icb", "NHS North West London ICB", OrganisationKind.ICB),
                                ("police", "Metropolitan Police", OrganisationKind.POLICE))
    }
    course = courses.create_course(db, courses.CourseFields("Safer sleep"))
    settings.set_charge_rate(db, 2023, M("50.00"), M("25.00"))
    settings.set_charge_rate(db, 2024, M("60.00"), M("30.00"))
    autumn = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 7, 10), 30))
    spring = courses.create_session(db, courses.SessionFields(course.id, datetime(2024, 4, 10, 10), 30))
    for session, name, org, outcome in (
        (autumn, "Ada Obi", "Brent Council", "no_show"),
        (autumn, "Ben Ng", "Brent Council", "no_show"),
        (autumn, "Cy Roe", "NHS North West London ICB", "cancelled"),
        (autumn, "Di Wu", "Metropolitan Police", "attended"),
        (spring, "Ed Fox", "Brent Council", "no_show"),
    ):
        made = bookings.create_booking(db, bookings.BookingFields(
            session.id, name, organisation_name=org, booked_on=session.starts_at.date().replace(day=1),
            outcome=outcome, **({"cancelled_on": D(2023, 11, 6)} if outcome == "cancelled" else {})))
        if name == "Ben Ng":
            bookings.waive_charge(db, made.booking.id, "Family emergency")
    return ids


db, orgs = database_with("income-training-charges", build_charges, records="orgs")


def test_an_organisations_charges_are_read_for_the_year_received_and_the_year_before(db, orgs):
    assert charges_counted(db, orgs["council"], D(2024, 5, 1)) == ChargesCounted(
        "Brent Council", ((2023, M("50.00")), (2024, M("60.00"))))  # the waived no-show not counted
    assert charges_counted(db, orgs["council"], D(2024, 3, 31)) == ChargesCounted("Brent Council", ((2023, M("50.00")),))
    assert charges_counted(db, orgs["council"], D(2025, 6, 1)) == ChargesCounted("Brent Council", ((2024, M("60.00")),))
    assert charges_counted(db, orgs["icb"], D(2024, 1, 15)) == ChargesCounted(
        "NHS North West London ICB", ((2023, M("25.00")),))


def test_no_charges_are_read_without_an_organisation_or_date_or_charges_in_those_years(db, orgs):
    assert charges_counted(db, orgs["police"], D(2024, 5, 1)) is None  # attended: no charge
    assert charges_counted(db, orgs["council"], D(2026, 4, 1)) is None  # 2026/27 and 2025/26: none
    assert charges_counted(db, orgs["council"], None) is None
    assert charges_counted(db, None, D(2024, 5, 1)) is None


def test_the_warning_names_the_organisation_and_the_amounts_counted_each_year(db, orgs):
    counted = charges_counted(db, orgs["council"], D(2024, 5, 1))
    assert double_count_warning(PAID, counted) == (
        "Brent Council's training charges of £50.00 for 2023/24 and £60.00 for 2024/25 are already counted as "
        "income from the Training tab: save this line as well only if it is other money.")
    assert double_count_warning("Home Office grant", counted) == ""  # other income: no warning
    assert double_count_warning(PAID, None) == ""  # nothing counted for it


def test_a_line_that_reads_as_a_training_charge_is_still_saved_and_counted(db, orgs):
    """The warning is the dialog's: the service (an import, the command line) saves as before."""
    saved = fin.create_income(db, fin.IncomeFields(D(2024, 5, 1), PAID, "110.00", orgs["council"]))
    assert saved.amount == M("110.00")
    other = {r.label: r.amount for r in fin.summary(db, Period(D(2023, 4, 1), D(2025, 3, 31))).other_income}
    assert other["Training charges: Brent Council"] == M("110.00")
    assert other["Other income: Brent Council"] == M("110.00")
