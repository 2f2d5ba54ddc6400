"""Training figures keep what stopped (a topic no longer run, an agency that stopped
attending) beside the period before; an organisation name not matched is one name however
it is written, in the statements and Finance as in the figures; linking a name leaves the
bookings linked by hand; charges are set up to next financial year, as Finance records years."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs.training import figures_data
from bscp_desktop.reports import training as out
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st
from bscp_desktop.services.yearly_report import sections as ys

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

YEAR = (date(2025, 4, 1), date(2026, 3, 31))
AFTER = date(2026, 5, 1)  # the period and the one before have both run


def _session(db, title, topic, when):
    course = cs.create_course(db, cs.CourseFields(title, topic=topic))
    return cs.create_session(db, cs.SessionFields(course.id, when, 10))


def _book(db, session, name, booked_on, **kw):
    return bk.create_booking(db, bk.BookingFields(session.id, name, booked_on=booked_on, **kw)).booking


def _attended_then_stopped(db):
    """Agency A's five attended Neglect last year; this year only Agency B came, to Exploitation."""
    a = ms.create_organisation(db, ms.OrganisationFields("Agency A", OrganisationKind.OTHER))
    b = ms.create_organisation(db, ms.OrganisationFields("Agency B", OrganisationKind.OTHER))
    before = _session(db, "Neglect basics", "Neglect", datetime(2024, 6, 10, 10))
    now = _session(db, "Exploitation basics", "Exploitation", datetime(2025, 6, 10, 10))
    ids = [_book(db, before, f"A person {i}", date(2024, 6, 1), organisation_id=a.id).id for i in range(5)]
    bk.mark_register(db, before.id, dict.fromkeys(ids, Outcome.ATTENDED))
    came = _book(db, now, "B person", date(2025, 6, 1), organisation_id=b.id)
    bk.mark_register(db, now.id, {came.id: Outcome.ATTENDED})


def _compared(rows):
    return [(r.label, r.figures.attended, r.previous.attended) for r in rows]


@pytest.mark.slow
def test_a_topic_and_an_agency_that_stopped_attending_are_shown_beside_the_period_before(db):
    _attended_then_stopped(db)
    report = fg.figures_report(db, *YEAR, today=AFTER)
    assert (report.total.figures.attended, report.total.previous.attended) == (1, 5)
    assert _compared(report.by_organisation) == [("Agency B", 1, 0), ("Agency A", 0, 5)]
    assert _compared(report.by_topic) == [("Exploitation", 1, 0), ("Neglect", 0, 5)]
    assert _compared(report.by_course) == [("Exploitation basics", 1, 0), ("Neglect basics", 0, 5)]
    assert _compared(report.by_sector) == [("Other", 1, 5)]
    dropped = report.by_course[1].figures
    assert (dropped.sessions, dropped.places, dropped.bookings) == (0, 0, 0)

    data = figures_data(report)
    chart = out.topic_chart(data)  # the window's and the PDF's chart
    assert chart.categories == ("Exploitation", "Neglect")
    assert [(s.name, s.values) for s in chart.series] == [("2024/25", (0, 5)), ("2025/26", (1, 0))]
    # the chart of this period alone is of the agencies that booked in it
    assert out.organisation_chart(data).categories == ("Agency B",)

    section = ys.training(db, *YEAR, AFTER)
    charts = {b.title: b for b in section.blocks if hasattr(b, "series")}
    topics = charts["Attendance by course topic"]
    assert topics.categories == ("Exploitation", "Neglect")
    assert topics.series == (("The period before", (0.0, 5.0)), ("This period", (1.0, 0.0)))
    assert charts["Attendance by partner agency"].categories == ("Agency B",)


@pytest.mark.slow
def test_linking_a_name_leaves_a_booking_linked_by_hand_to_another_organisation(db):
    clch = ms.create_organisation(db, ms.OrganisationFields("Central London Community Healthcare NHS Trust",
                                                             OrganisationKind.OTHER))
    icb = ms.create_organisation(db, ms.OrganisationFields("NHS North West London ICB", OrganisationKind.OTHER))
    session = _session(db, "Neglect basics", "Neglect", datetime(2025, 6, 10, 10))
    by_hand = _book(db, session, "Health Visitor One", date(2025, 6, 1), organisation_name="Health",
                    organisation_id=clch.id)
    unmatched = _book(db, session, "Someone Else", date(2025, 6, 1), organisation_name="health")
    assert st.unmatched_organisation_names(db) == [("health", 1)]
    assert st.map_organisation_name(db, "health", icb.id) == 1  # as many as the list showed
    assert bk.get_booking(db, by_hand.id).organisation_id == clch.id
    assert bk.get_booking(db, unmatched.id).organisation_id == icb.id
    assert st.unmatched_organisation_names(db) == []


@pytest.mark.slow
def test_one_name_written_in_different_cases_is_one_statement_and_one_line_of_income(db):
    st.set_charge_rate(db, 2025, Decimal("40"), Decimal("20"))
    session = _session(db, "Neglect basics", "Neglect", datetime(2025, 6, 10, 10))
    ids = [_book(db, session, name, date(2025, 6, 1), organisation_name=given).id
           for name, given in (("A", "Acme Nursery"), ("B", "ACME NURSERY"), ("C", "Acme  Nursery"))]
    bk.mark_register(db, session.id, dict.fromkeys(ids, Outcome.NO_SHOW))
    assert st.unmatched_organisation_names(db) == [("Acme Nursery", 3)]
    figures = fg.figures_report(db, *YEAR, today=AFTER)
    assert [(r.label, r.figures.no_shows) for r in figures.by_organisation] == [("Acme Nursery", 3)]
    report = ch.charges_report(db, *YEAR)
    assert [(s.organisation, s.no_shows, s.total_due) for s in report.statements] == [
        ("Acme Nursery", 3, Decimal("120.00"))]
    assert {line.organisation for line in report.lines} == {"Acme Nursery"}
    income = fin.year_summary(db, "2025/26").other_income
    assert [(r.label, r.amount) for r in income] == [("Training charges: Acme Nursery", Decimal("120.00"))]


@pytest.mark.slow
def test_charges_for_a_year_after_next_are_refused_as_finance_refuses_the_year(db):
    far = financial_year_of(date.today()) + 2
    with pytest.raises(ValidationError) as finance_says:
        fin.create_year(db, far)
    with pytest.raises(ValidationError) as refused:
        st.save_charge_rates(db, [ChargeRates(far, Decimal("10"), Decimal("5"))])
    assert refused.value.errors == {f"rates.{far}": finance_says.value.errors["financial_year"]}
    with pytest.raises(ValidationError) as refused:
        st.save_all(db, st.load_settings(db), [ChargeRates(2150, Decimal("0"), Decimal("0"))])
    assert "Financial year 2150/51 begins after the end of next financial year" in refused.value.errors["rates.2150"]
    assert st.list_charge_rates(db) == [] and fin.year_choices(db) == []
    next_year = financial_year_of(date.today()) + 1  # next financial year: as far as Finance goes
    assert st.set_charge_rate(db, next_year, Decimal("10"), Decimal("5")) == [
        ChargeRates(next_year, Decimal("10.00"), Decimal("5.00"))]
    assert [y for _label, y in fin.year_choices(db)] == [next_year]
