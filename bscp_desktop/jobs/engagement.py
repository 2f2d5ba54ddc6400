"""Partner engagement outputs: one organisation's own workbook
(`export xlsx --partner ORG --from DATE --to DATE`, also `report partner`), and the sheets
"Partner engagement" and "Yearly reports" in the yearly report workbook
(`export xlsx --area yearly-report`), which is part of the workbook of everything.

The partner workbook holds that organisation's engagement, its people's attendance, its
bookings and charges, its Section 11 ratings and actions, and its contributions: nothing about
any other organisation, and nothing from any case review."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.dates import financial_year_bounds, financial_year_of
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.percent import half_up
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs import Output, Progress, no_progress, report, workbook
from bscp_desktop.reports.xlsx_cells import Column
from bscp_desktop.services import engagement as en
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr

if TYPE_CHECKING:
    from bscp_desktop.reports.xlsx import WorkbookBuilder

#: An organisation below the attendance threshold at one of its groups or more (its overall rate
#: may be above it: the attendance report judges that rate, the "Meetings by group" sheet each group).
BELOW_IN_A_GROUP = "Below the threshold in a group"

#: Its contributions in kind in words, and their notional value: not cash, never in the agreed or received figures.
IN_KIND = "Contribution in kind"
IN_KIND_VALUE = "In kind notional value"
#: Said under the figures of an organisation that contributes in kind.
IN_KIND_NOTE = "A contribution in kind is not cash: its notional value is not in the agreed or received figures."

ENGAGEMENT_COLUMNS = [
    Column("Organisation", width=40), Column("Meetings expected", "int"), Column("Meetings attended", "int"),
    Column("Attendance rate", "percent"), Column(BELOW_IN_A_GROUP, "bool"), Column("Training bookings", "int"),
    Column("Training attended", "int"), Column("No-shows", "int"), Column("Late cancellations", "int"),
    Column("Charges due", "money"), Column("Section 11 return", width=36),
    Column("Audit returns on time", "int"), Column("Audit returns late", "int"),
    Column("Audit returns outstanding", "int"), Column("Contribution agreed", "money"),
    Column("Contribution received", "money"), Column(IN_KIND, width=48), Column(IN_KIND_VALUE, "money"),
]


#: The partner workbook's Engagement sheet: its figures in small tables, one row each, every
#: figure in a cell of its kind (dates, counts, a percentage, pounds) as in the full workbook.
PARTNER_FIGURES = (
    ("Organisation and period", ("Organisation", "From", "To")),
    ("Meetings", ("Meetings expected", "Meetings attended", "Attendance rate", BELOW_IN_A_GROUP)),
    ("Training", ("Training bookings", "Training attended", "No-shows", "Late cancellations", "Charges due")),
    ("Section 11 and audits", ("Section 11 return", "Audit returns on time", "Audit returns late",
                               "Audit returns outstanding")),
    ("Contribution", ("Contribution agreed", "Contribution received", IN_KIND, IN_KIND_VALUE)),
)


def partner_figures(start: date, end: date, row: en.Engagement) -> list:
    """The Engagement sheet's tables (`PARTNER_FIGURES`): the full workbook's columns and cells."""
    from bscp_desktop.reports.xlsx import Section
    columns = [Column("From", "date"), Column("To", "date"), *ENGAGEMENT_COLUMNS]
    by_header = {c.header: c for c in columns}
    values = dict(zip(by_header, [start, end, *engagement_cells(row)], strict=True))
    notes = {"Audit returns on time": _audits_note(row), IN_KIND: IN_KIND_NOTE if row.in_kind else ""}
    return [Section(title, [by_header[h] for h in headers], [[values[h] for h in headers]],
                    note=next((notes[h] for h in headers if h in notes), ""))
            for title, headers in PARTNER_FIGURES]


def _audits_note(row: en.Engagement) -> str:
    """The note under blank audit return cells: the login may not read audits (never a false 0)."""
    return "" if row.audit_returns_counted else f"Audit returns: {en.AUDITS_NOT_READ}."


def default_period(db, today: date | None = None) -> tuple[date, date]:
    """The latest yearly report's period, else the financial year that contains today."""
    reports = yr.list_reports(db)
    if reports:
        return reports[0].period_start, reports[0].period_end
    return financial_year_bounds(financial_year_of(today or date.today()))


def engagement_cells(row: en.Engagement) -> list:
    """A row's cells; the audit return cells blank when the login may not read audits (`_audits_note`)."""
    # to one decimal place, a half rounded up, as the "Meetings by group" sheet's rates (`rate_percent`)
    rate = None if row.attendance_rate is None else float(half_up(Decimal(str(row.attendance_rate)), "0.1")) / 100
    return [row.organisation, row.meetings_expected, row.meetings_attended, rate, row.below_threshold, row.bookings,
            row.attended, row.no_shows, row.late_cancellations, row.charges_due, row.s11_text,
            row.audit_returns_on_time, row.audit_returns_late, row.audit_returns_outstanding,
            row.contribution_agreed, row.contribution_received, *_in_kind_cells(row)]


def _in_kind_cells(row: en.Engagement) -> list:
    """Its contributions in kind and their notional value; both blank when it gave none, the
    value blank when none was given for them (the text says so)."""
    if not row.in_kind:
        return ["", None]
    return [row.in_kind_text, row.in_kind_value]


@workbook(RecordKind.YEARLY_REPORT, "Yearly reports and partner engagement", sensitive=False,
          outputs=(Output("Partner engagement (Excel)…", "Partner engagement.xlsx"),))
def engagement_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    """Every organisation's engagement over the latest yearly report's period (else this
    financial year), one archived since included where it took part in anything, and the yearly
    reports on record."""
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    start, end = default_period(db, today)
    progress(0, 2, "Partner engagement…")
    every = en.engagement(db, start, end, today)
    rows = [r for r in every if r.has_anything]
    wb = WorkbookBuilder(title="Partner engagement", subject=f"Partner engagement {start:%d/%m/%Y} to {end:%d/%m/%Y}")
    wb.add_sheet("Partner engagement", [Column("From", "date"), Column("To", "date"), *ENGAGEMENT_COLUMNS],
                 ([start, end, *engagement_cells(r)] for r in rows))
    if any(not r.audit_returns_counted for r in every):  # the audit return columns are blank, not 0
        wb.add_notes_sheet([f"Partner engagement, audit returns on time, late and outstanding: {en.AUDITS_NOT_READ}."],
                           name="Audit returns not counted")
    progress(1, 2, "Yearly reports…")
    wb.add_sheet("Yearly reports", [Column("Title", width=60), Column("From", "date"), Column("To", "date"),
                                    Column("Status"), Column("Marked final on", "date")],
                 ([r.title, r.period_start, r.period_end, r.status, r.finalised_on] for r in yr.published_reports(db)))
    return wb


def find_partner(db, text: str | int | None) -> ms.OrganisationDTO:
    """An organisation by id, name, short name or other name; an archived one where no current
    one has the name (its engagement before it was archived is kept)."""
    wanted = str(text or "").strip()
    if not wanted:
        raise ValidationError({"organisation": "Say which organisation: its name, short name or id (--organisation NAME with report partner, "
                                               "--partner NAME with export xlsx)"})
    if wanted.isascii() and wanted.isdigit():
        for o in ms.list_organisations(db, include_archived=True):
            if o.id == int(wanted):
                return o
    found = en.partner_named(db, wanted)
    if found is None:
        raise ValidationError({"organisation": en.partner_not_named(db, wanted)})
    return found


def partner_workbook(db, organisation, date_from: date | None, date_to: date | None,
                     today: date | None = None, progress: Progress = no_progress) -> WorkbookBuilder:
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    org = find_partner(db, organisation)
    if date_from is None and date_to is None:
        date_from, date_to = default_period(db, today)
    name = f"{org.name} (archived)" if org.archived else org.name
    progress(0, 2, f"{name}…")
    d = en.partner_details(db, org.id, date_from, date_to, today)
    start, end = d.period
    e = d.engagement
    wb = WorkbookBuilder(title=f"{name}: engagement", subject=f"{name}, {start:%d/%m/%Y} to {end:%d/%m/%Y}")
    wb.add_sections_sheet("Engagement", partner_figures(start, end, e))
    wb.add_sheet("Meetings by group", [Column("Group", width=40), Column("Expected", "int"), Column("Attended", "int"),
                                       Column("Apologies", "int"), Column("Rate", "percent"),
                                       Column("Below the threshold", "bool")],
                 ([g.group, g.expected, g.attended, g.apologies,
                   None if g.rate_percent is None else g.rate_percent / 100, g.below_threshold] for g in e.groups))
    wb.add_sheet("Attendance", [Column("Date", "date"), Column("Meeting", width=44), Column("Person", width=30),
                                Column("Attended"), Column("Deputy", width=30)], d.attendance)
    progress(1, 2, "Training, Section 11 and finance…")
    wb.add_sheet("Bookings", [Column("Date", "date"), Column("Course", width=44), Column("Delegate", width=30),
                              Column("Outcome")], d.bookings)
    wb.add_sheet("Charges", [Column("Date", "date"), Column("Course", width=44), Column("Delegate", width=30),
                             Column("Charge for"), Column("Amount", "money"), Column("Waived", "bool")], d.charges)
    wb.add_sheet("Section 11", [Column("Cycle", width=30), Column("Standard", width=50), Column("Self-assessed"),
                                Column("Moderated")], d.s11_ratings)
    wb.add_sheet("Section 11 actions", [Column("Cycle", width=30), Column("Standard", width=50),
                                        Column("Action", width=60), Column("Due", "date"), Column("Status")],
                 d.s11_actions)
    wb.add_sheet("Contribution", [Column("Contribution", width=44), Column("Financial year", width=24),
                                  Column("Agreed", "money"), Column("Received", "money"),
                                  Column("Notional value (in kind, not cash)", "money")], d.contributions)
    return wb


@report("partner", "Partner workbook", options=("organisation", "date_from", "date_to"), needs="organisation",
        sensitive=False, outputs=(Output("Partner workbook (Excel)…", "Partner workbook.xlsx"),))
def partner_report(db, path: Path, progress: Progress = no_progress, organisation=None,
                   date_from: date | None = None, date_to: date | None = None, today: date | None = None) -> Path:
    if Path(path).suffix.lower() != ".xlsx":
        raise ValidationError({"output": "Give a file name ending .xlsx for the partner workbook"})
    book = partner_workbook(db, organisation, date_from, date_to, today, progress)
    progress(2, 2, "Saving…")
    return book.save(path)
