"""Acceptance: one partner's own workbook holds its figures and nothing about any other
organisation, any other organisation's people, or any case review; partner engagement for
every organisation is a sheet of the full workbook."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.cli import main
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs.engagement import ENGAGEMENT_COLUMNS
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.training import bookings as tb

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

PERIOD = (date(2022, 10, 1), date(2024, 3, 31))
PARTNER = "London North West University Healthcare NHS Trust"


def cells(path) -> list[str]:
    book = load_workbook(path)
    return [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]


@pytest.mark.slow
def test_engagement_counts_each_area_for_each_organisation(demo_db):
    rows = {r.organisation: r for r in en.engagement(demo_db, *PERIOD)}
    trust = rows[PARTNER]
    assert trust.meetings_expected == 8 and trust.meetings_attended == 5 and trust.below_threshold
    assert trust.contribution_agreed == Decimal("11000.00") == trust.contribution_received
    assert trust.bookings > 0 and trust.attended + trust.no_shows <= trust.bookings
    assert rows["NHS North West London ICB"].contribution_agreed == Decimal("45900.00")
    assert rows["Metropolitan Police (North West BCU)"].bookings == 0
    later = [r for r in en.engagement(demo_db, date(2024, 4, 1), date(2026, 3, 31)) if r.s11]
    assert later and all("green" in r.s11_text for r in later if r.s11[0].green + r.s11[0].amber + r.s11[0].red)
    with pytest.raises(ValidationError) as e:
        en.engagement(demo_db, date(2024, 3, 31), date(2023, 4, 1))
    assert "date_to" in e.value.errors


def test_the_partner_details_list_the_bookings_the_figure_counts(demo_db):
    brent = next(o for o in ms.list_organisations(demo_db) if o.name == "Brent Council")
    details = en.partner_details(demo_db, brent.id, *PERIOD)
    assert len(details.bookings) == details.engagement.bookings
    assert all(outcome != "Waitlisted" for *_rest, outcome in details.bookings)


def test_a_new_organisation_of_an_archived_ones_name_is_not_credited_with_its_money(demo_db):
    old = next(o for o in ms.list_organisations(demo_db) if o.name == "Probation Service")
    ms.archive_organisation(demo_db, old.id)
    new = ms.create_organisation(demo_db, ms.OrganisationFields("Probation Service (new)", "other"))
    from bscp_desktop.db.models import Organisation

    with demo_db.unit_of_work() as session:  # as saved before a new name could not be an archived one's
        session.get(Organisation, new.id).name = "Probation Service"
    rows = {r.organisation_id: r for r in en.engagement(demo_db, *PERIOD, include_archived=True)}
    assert rows[new.id].contribution_agreed == Decimal("0.00") == rows[new.id].contribution_received
    assert rows[old.id].contribution_agreed == Decimal("3719.75")


@pytest.mark.slow
def test_the_partner_workbook_holds_nothing_about_anyone_else(demo_db, tmp_path):
    out = tmp_path / "partner.xlsx"
    path = jobs.write_report(demo_db, "partner", out, organisation=PARTNER, date_from=PERIOD[0], date_to=PERIOD[1])
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["Engagement", "Meetings by group", "Attendance"]
    text = cells(path)
    joined = "\n".join(text)
    assert PARTNER in joined and "11000" in joined.replace(",", "")
    assert len([r for r in book["Bookings"].iter_rows(min_row=2) if r[0].value]) > 0
    partner = ms.find_organisation(demo_db, PARTNER)
    others = [o for o in ms.list_organisations(demo_db, include_archived=True) if o.id != partner.id]
    for o in others:
        if o.name in PARTNER:
            continue  # a name inside the partner's own name
        assert o.name not in joined, o.name
    for p in ms.list_people(demo_db, include_archived=True):
        if p.organisation_id not in (None, partner.id):
            assert not re.search(rf"\b{re.escape(p.name)}\b", joined), p.name
    own = {b.delegate_name for b in tb.list_bookings(demo_db, include_archived=True) if b.organisation_id == partner.id}
    for b in tb.list_bookings(demo_db, include_archived=True):
        if b.organisation_id != partner.id and b.delegate_name not in own:
            assert b.delegate_name not in text, b.delegate_name
    for case in cr.list_case_reviews(demo_db, include_archived=True):
        assert case.reference not in joined and not re.search(rf"\b{re.escape(case.alias)}\b", joined)
    for audit in ca.list_audits(demo_db, include_archived=True):
        for c in sa.list_cases(demo_db, audit.id, include_archived=True):
            assert c.reference not in joined and not re.search(rf"\b{re.escape(c.alias)}\b", joined)


@pytest.mark.slow
def test_the_engagement_sheet_writes_dates_counts_rates_and_money_as_such(demo_db, tmp_path):
    """The figures were text ("01/04/2023", "50%") and pounds plain numbers: each is now a cell
    of its kind, as in the full workbook's Partner engagement sheet."""
    path = jobs.write_report(demo_db, "partner", tmp_path / "probation.xlsx", organisation="Probation Service",
                             date_from=date(2023, 4, 1), date_to=date(2024, 3, 31))
    sheet = load_workbook(path)["Engagement"]
    rows = list(sheet.iter_rows())
    cells = {}
    for headers, values in zip(rows, rows[1:], strict=False):  # each table: its header row, then its row of figures
        named = [(h, v) for h, v in zip(headers, values, strict=False) if h.value is not None]
        if named and all(h.data_type == "s" for h, _ in named) and any(v.value is not None for _, v in named):
            cells.update({h.value: v for h, v in named if h.value not in cells})
    assert cells["Organisation"].value == "Probation Service"
    assert cells["From"].value == datetime(2023, 4, 1) and cells["From"].number_format == "dd/mm/yyyy"
    assert cells["To"].value == datetime(2024, 3, 31) and cells["To"].number_format == "dd/mm/yyyy"
    assert cells["Attendance rate"].value == 0.5 and cells["Attendance rate"].number_format == "0.0%"
    assert cells["Meetings expected"].value == 2 and cells["Meetings expected"].data_type == "n"
    for money in ("Charges due", "Contribution agreed", "Contribution received"):
        assert cells[money].data_type == "n" and "£" in cells[money].number_format, money
    assert cells["Contribution agreed"].value == 3719.75
    assert {c.header for c in ENGAGEMENT_COLUMNS} <= set(cells)  # every figure of the full workbook
    # it gave nothing in kind: both cells blank, never "None" or £0.00 as if it were a figure
    assert (cells["Contribution in kind"].value, cells["In kind notional value"].value) == (None, None)


@pytest.mark.slow  # every area's workbook from the whole demo; the tests above cover the partner sheet
@pytest.mark.sqlite_only  # the file itself
def test_the_command_line_and_the_full_workbook(demo_db, tmp_path):
    db_path = demo_db.path
    demo_db.close()
    out = tmp_path / "trust.xlsx"
    assert main(["export", "xlsx", "--partner", PARTNER, "--from", "01/10/2022", "--to", "31/03/2024",
                 "--db", str(db_path), "-o", str(out)]) == 0
    assert load_workbook(out)["Engagement"]["A3"].value == PARTNER
    everything = tmp_path / "all.xlsx"
    assert main(["export", "xlsx", "--area", "all", "--db", str(db_path), "-o", str(everything)]) == 0
    sheet = load_workbook(everything)["Partner engagement"]
    names = [r[2].value for r in sheet.iter_rows(min_row=2)]
    assert PARTNER in names and "NHS North West London ICB" in names
    assert main(["export", "xlsx", "--partner", "Nobody at all", "--db", str(db_path), "-o", str(tmp_path / "x.xlsx")]) != 0
    assert not (tmp_path / "x.xlsx").exists()


def test_engagement_counts_the_bookings_the_training_figures_count(db):
    """Bookings on a session still to come are not yet attended or missed: the engagement
    figure, like the Training tab's figures, counts sessions that have run."""
    from datetime import timedelta

    from bscp_desktop.services.training import courses as cs
    from bscp_desktop.services.training import figures as fg

    today = date(2024, 1, 10)
    trust = ms.create_organisation(db, ms.OrganisationFields(PARTNER, "relevant_agency"))
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    past = cs.create_session(db, cs.SessionFields(course.id, datetime(2023, 12, 4, 10), 10))
    ahead = cs.create_session(db, cs.SessionFields(course.id, datetime.combine(today + timedelta(days=20), datetime.min.time()), 10))
    tb.create_booking(db, tb.BookingFields(past.id, "Ann Lee", organisation_name=PARTNER, booked_on=date(2023, 11, 1),
                                           outcome="attended"))
    for name in ("Bo Chan", "Cy Diaz", "Dee Eve"):
        tb.create_booking(db, tb.BookingFields(ahead.id, name, organisation_name=PARTNER, booked_on=date(2023, 11, 1)))
    year = (date(2023, 4, 1), date(2024, 3, 31))
    figures = next(r for r in fg.figures_report(db, *year, today=today).by_organisation if r.label == PARTNER).figures
    row = next(r for r in en.engagement(db, *year, today=today) if r.organisation_id == trust.id)
    assert (row.bookings, row.attended) == (figures.bookings, figures.attended) == (1, 1)
    details = en.partner_details(db, trust.id, *year, today=today)
    assert [b[2] for b in details.bookings] == ["Ann Lee"]
    assert en.engagement(db, date(2024, 1, 11), date(2024, 3, 31), today=today)[0].bookings == 0  # nothing run yet


def test_a_partners_details_name_no_child_whatever_a_course_was_called(db):
    from datetime import datetime

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services.training import courses as cs

    trust = ms.create_organisation(db, ms.OrganisationFields(PARTNER, "relevant_agency"))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    course = cs.create_course(db, cs.CourseFields(f"Learning from the Child A review ({case.reference})",
                                                  topic="Child A review briefing"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2023, 12, 4, 10), 10))
    tb.create_booking(db, tb.BookingFields(session.id, "Ann Lee", organisation_name=PARTNER, booked_on=date(2023, 11, 1),
                                           outcome="attended"))
    details = en.partner_details(db, trust.id, date(2023, 4, 1), date(2024, 3, 31), today=date(2024, 6, 1))
    [(_day, title, delegate, _outcome)] = details.bookings
    assert (title, delegate) == ("Learning from the child review (the child)", "Ann Lee")


def test_the_threshold_flag_says_it_is_a_groups_beside_the_overall_rate():
    """92% over all groups, one group below the threshold: the flag beside the overall rate says
    "in a group" (the attendance report judges the overall rate, and does not flag it)."""
    from bscp_desktop.jobs.engagement import partner_figures

    groups = (en.GroupAttendance("Executive Group", 12, 12, 0, 100.0, False),
              en.GroupAttendance("Learning Group", 1, 0, 1, 0.0, True))
    row = en.Engagement(1, "Brent Council", False, groups, 0, 0, 0, 0, Decimal("0.00"), (), 0, 0, 0,
                        Decimal("0.00"), Decimal("0.00"))
    meetings = next(s for s in partner_figures(date(2023, 4, 1), date(2024, 3, 31), row) if s.title == "Meetings")
    figures = dict(zip((c.header for c in meetings.columns), meetings.rows[0], strict=True))
    assert figures["Attendance rate"] == pytest.approx(0.923) and figures["Below the threshold in a group"] is True
    assert "Below the threshold" not in figures
    assert "Below the threshold in a group" in {c.header for c in ENGAGEMENT_COLUMNS}


def test_a_partners_workbook_of_more_than_three_years_is_refused_in_its_own_words(db):
    with pytest.raises(ValidationError) as refused:
        en.partner_details(db, 1, date(2020, 1, 1), date(2024, 12, 31))
    assert refused.value.errors == {"date_to": "A partner's workbook covers at most three years: the end of the period can be "
                                                "31/12/2022 at the latest"}
    with pytest.raises(ValidationError) as refused:
        en.engagement(db, date(2020, 1, 1), date(2024, 12, 31))
    assert refused.value.errors == {"date_to": "Partner engagement covers at most three years: the end of the period can be "
                                                "31/12/2022 at the latest"}


@pytest.mark.slow
def test_an_organisation_archived_since_is_in_the_engagement_of_a_period_it_took_part_in(db, tmp_path):
    """Agreed a contribution for 2023/24, then archived: the yearly report's finance table lists
    it, so partner engagement does too, and its own workbook is found by its name."""
    from bscp_desktop.jobs.engagement import engagement_workbook, find_partner
    from bscp_desktop.services import yearly_report as yr
    from bscp_desktop.services.finance import contributions as fc
    from bscp_desktop.services.finance import summaries as fs

    year = (date(2023, 4, 1), date(2024, 3, 31))
    live = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    gone = ms.create_organisation(db, ms.OrganisationFields("Archived Children's Centre Ltd", "voluntary"))
    idle = ms.create_organisation(db, ms.OrganisationFields("Idle Trust", "voluntary"))
    fs.create_year(db, 2023)
    fc.create_contribution(db, fc.ContributionFields(2023, gone.id, agreed="1234.56"))
    for o in (gone, idle):
        ms.archive_organisation(db, o.id)
    rows = {r.organisation_id: r for r in en.engagement(db, *year, today=date(2024, 6, 1))}
    assert set(rows) == {live.id, gone.id}  # the archived one that took part, not the one that did not
    assert rows[gone.id].archived and rows[gone.id].contribution_agreed == Decimal("1234.56")
    assert set(r.organisation_id for r in en.engagement(db, *year, include_archived=True)) == {live.id, gone.id, idle.id}

    assert find_partner(db, "archived children's centre ltd").id == gone.id  # no current one has the name
    assert find_partner(db, str(gone.id)).id == gone.id

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", *year))
    book = load_workbook(engagement_workbook(db, today=date(2024, 6, 1)).save(tmp_path / "all.xlsx"))
    names = [row[2] for row in book["Partner engagement"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Archived Children's Centre Ltd"]  # the only one that took part in anything


@pytest.mark.slow
def test_the_workbook_of_an_archived_partner_says_it_is_archived(db, tmp_path):
    from bscp_desktop.jobs.engagement import partner_workbook

    gone = ms.create_organisation(db, ms.OrganisationFields("Archived Children's Centre Ltd", "voluntary"))
    ms.archive_organisation(db, gone.id)
    path = partner_workbook(db, "Archived Children's Centre Ltd", date(2023, 4, 1), date(2024, 3, 31),
                            today=date(2024, 6, 1)).save(tmp_path / "gone.xlsx")
    book = load_workbook(path)
    assert book.properties.title == "Archived Children's Centre Ltd (archived): engagement"
    assert book["Engagement"]["A3"].value == "Archived Children's Centre Ltd"
