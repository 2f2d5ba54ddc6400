"""A list too wide for a laptop (Finance > Years and reserves at 1366 x 768, a partnership whose
contributions reach £1,000,000.00): the columns of amounts keep their headers and their widest
amounts whole, however long; only columns of words (names, descriptions) are cut short to make
room, whole on hover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel, fit_columns
from bscp_desktop.ui.finance.tab import FinanceTab
from tests.ui.helpers import settled

MONEY = ("Carried forward", "Opening balance", "Contributions agreed", "Still owed", "Other income", "Expenditure",
         "Underspend (overspend)", "Closing balance", "Budget")


def _cut_headers(view: QTableView, headers: tuple[str, ...]) -> list[tuple[str, int, int]]:
    """(header, column width, header text width) of each of `headers` narrower than its text."""
    model, metrics = view.model(), view.horizontalHeader().fontMetrics()
    named = {model.headerData(n, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole): n for n in range(model.columnCount())}
    return [(h, view.columnWidth(named[h]), metrics.horizontalAdvance(h)) for h in headers
            if view.columnWidth(named[h]) < metrics.horizontalAdvance(h)]


def test_the_years_money_headers_are_whole_at_1366_by_768_with_a_million_pounds(qtbot, db):
    trust = ms.create_organisation(db, ms.OrganisationFields("Hillside Learning Trust", OrganisationKind.OTHER)).id
    events = next(c.id for c in fin.list_categories(db) if c.name == "Events")
    for year in (2023, 2024, 2025, 2026):
        c = fin.create_contribution(db, fin.ContributionFields(year, trust, ContributionKind.CASH, "1000000"))
        fin.record_payment(db, fin.PaymentFields(c.id, date(year, 9, 1), "1"))
        fin.create_expense(db, fin.ExpenseFields(date(year, 6, 1), events, "Civic Centre", "Forum", "1311.50"))
    tab = FinanceTab(db, None, today=date(2026, 12, 6))
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    page = tab.years
    tab.sections.setCurrentWidget(page)
    settled(page)
    qtbot.wait(50)
    view = page.table
    assert page.proxy.rowCount() == 4
    assert "£1,000,000.00" in {page.proxy.index(r, 4).data() for r in range(4)}
    assert _cut_headers(view, MONEY) == []
    metrics = view.fontMetrics()
    for header in MONEY:
        column = [c.header for c in page.model.columns].index(header)
        widest = max(metrics.horizontalAdvance(page.proxy.index(r, column).data() or "") for r in range(4))
        assert view.columnWidth(column) >= widest, f"{header} cuts an amount short"


@dataclass(frozen=True)
class Line:
    id: int
    description: str
    agreed: str
    closing: str
    archived: bool = False


COLUMNS = [Column("Description", lambda r: r.description), Column("Contributions agreed", lambda r: r.agreed, align_right=True),
           Column("Closing balance", lambda r: r.closing, align_right=True), Column("Reference", lambda r: "BSCP/2026/000123")]
LINES = [Line(n, f"Contribution towards the Safeguarding Children Forum and the multi-agency training programme, part {n}",
              "£1,000,000.00", "£1,036,759.50") for n in range(3)]


def test_on_a_narrow_table_the_column_of_words_takes_the_squeeze_not_the_amounts(qtbot):
    model = RecordTableModel(COLUMNS)
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(LINES)
    view = QTableView()
    view.setModel(proxy)
    view.horizontalHeader().setStretchLastSection(True)
    view._keep = (model, proxy)
    qtbot.addWidget(view)
    view.resize(420, 200)
    view.show()
    qtbot.waitExposed(view)
    fit_columns(view, COLUMNS, LINES, 260)
    metrics, header = view.fontMetrics(), view.horizontalHeader().fontMetrics()
    for n in (1, 2, 3):  # the amounts and the reference (one word) whole, header and value
        assert view.columnWidth(n) >= max(header.horizontalAdvance(COLUMNS[n].header),
                                          metrics.horizontalAdvance(COLUMNS[n].value(LINES[0]))), COLUMNS[n].header
    assert view.columnWidth(0) < metrics.horizontalAdvance(LINES[0].description)  # the words are cut, whole on hover


def test_a_column_of_email_addresses_or_links_is_of_words_though_each_is_one_word():
    """An e-mail address or a link has no space, yet it is cut short on a narrow list like a
    name (whole on hover); a date, an amount or a reference keeps its width."""
    from bscp_desktop.ui.common.table_model import of_words

    column = Column("Email", lambda r: r)
    assert of_words(column, ["amara.okafor@brent.gov.uk"])
    assert of_words(column, ["https://teams.microsoft.com/l/meetup-join/19%3ameeting"])
    assert not of_words(column, ["BSCP-2024-01"])
    assert not of_words(column, ["31/03/2025"])
    assert not of_words(column, ["12/01/2027 09:30"])  # a session's start: its time is never the part cut
    assert of_words(column, ["Reviewed 12/01/2027"]) and of_words(column, ["Brent Council"])
    assert not of_words(column, ["Overdue"])  # a status of one word keeps its width, as before
    assert not of_words(Column("Amount", lambda r: r, align_right=True), ["£1,000,000.00 in total"])
