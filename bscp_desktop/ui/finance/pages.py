"""The lists of the Finance tab after contributions (`contributions.py`): expenditure, other
income, financial years and budgets.

Each list says what its rows add up to under the table, from the same Decimal amounts the
database holds (`domain.money.total`), for the rows shown (after the year filter and search).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QPushButton, QTableWidget, QWidget

from bscp_desktop.domain.finance import year_label, year_of
from bscp_desktop.domain.finance_summary import BudgetTotal
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money, total
from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance.income_checks import CHARGES_COUNT_BY_THEMSELVES
from bscp_desktop.ui.common.file_import import FileImporter
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import captioned, in_a_column, in_a_row
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import confirm, done, show_error, tell
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.table_model import Column, attribute_columns, opens_on_enter, tab_moves_on
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.finance.dialogs import BudgetsDialog, ExpenseDialog, FinanceSettingsDialog, IncomeDialog, SessionCostsDialog, YearDialog
from bscp_desktop.ui.finance.tables import FINANCE_KINDS, ArchivedKeptAsIs, TotalsMixin, fill_table, fill_year_combo, table_texts, year_filter, years_to_offer

# --------------------------------------------------------------------------- expenditure


def category_filter(db) -> list[tuple[str, int]]:
    return [(c.name, c.id) for c in fin.list_categories(db, include_archived=True)]


EXPENDITURE = PageSpec(
    noun="expense",
    kinds=(*FINANCE_KINDS, RecordKind.TRAINING, RecordKind.CASE_REVIEWS),
    columns=[
        *attribute_columns(
            ("Date", "spent_on"), ("Year", "year_label"), ("Category", "category"),
            ("Payee", "payee"),
        ),
        Column("Description", lambda e: e.description.replace("\n", " "), tooltip=lambda e: e.description),
        Column("Amount", lambda e: e.amount, align_right=True),
        Column("For", lambda e: e.linked_to),
    ],
    load=lambda db, q: [
        e for e in fin.list_expenses(db, q["year"], include_archived=q.include_archived)
        if q["category"] is None or e.category_id == q["category"]
    ],
    empty_text="No expenditure yet: press New expense to record a payment, or import a list (Import expenditure).",
    dialog=ExpenseDialog,
    archive=fin.archive_expense,
    restore=fin.restore_expense,
    filters=(Filter("year", "Year:", year_filter, "All years"),
             Filter("category", "Category:", category_filter, "All categories")),
)


#: Why Training session costs… is not offered.
NO_SESSION_COSTS = ("No training session has a cost that is not in the expenditure yet "
                    "(up to the end of next financial year).")


class ExpenditurePage(ArchivedKeptAsIs, TotalsMixin, RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, EXPENDITURE, parent, today=today)
        self.toolbar.addSeparator()
        self.importer = FileImporter(db, self, "expenditure", "Import expenditure", ("expense", "expenses"),
                                     "Blank expenditure template", "Expenditure import template.xlsx")
        self.add_tool("Import expenditure…", self.importer.choose_file,
                 "Add expenditure from a spreadsheet: checked first, all or nothing")
        self.add_tool("Blank template…", self.importer.save_template,
                 "Save an empty expenditure file with the columns the import reads")
        self.add_tool("Categories and settings…", lambda: FinanceSettingsDialog(db, self).exec(),
                 "Add, rename, reorder or archive expense categories")
        self.toolbar.addSeparator()
        self.session_costs_action = self.add_tool(
            "Training session costs…", lambda: self.session_costs_dialog().exec(),
            "Record the costs of training sessions (Training tab) that are not in the expenditure yet",
        )
        self.session_note = QLabel(self)
        self.session_note.setWordWrap(True)
        self.layout().insertWidget(2, self.session_note)
        self.add_totals_line(lambda rows: f"{len(rows):,} expense{'s' if len(rows) != 1 else ''}: "
                             f"{format_money(total(e.amount for e in rows))}.")

    def read_more(self, db, shown):
        return fin.session_costs_to_record(db, self.today)  # in the load's worker thread

    def loaded(self) -> None:
        costs = self.more or []
        self.session_note.setText(
            f"{len(costs)} training session{'s have' if len(costs) != 1 else ' has'} a cost that is not in the "
            f"expenditure yet ({format_money(total(c.cost for c in costs))}): see Training session costs."
            if costs else ""
        )
        self.session_note.setVisible(bool(costs))
        if self.more is not None:  # read (a load that failed read none): offered only with a cost to record
            self.offer_tool(self.session_costs_action, "" if costs else NO_SESSION_COSTS)

    def session_costs_dialog(self) -> SessionCostsDialog:
        return SessionCostsDialog(self.db, self, today=self.today)

    def edit_dialog(self, parent, row):
        return ExpenseDialog(self.db, row, parent, today=self.today)

    def new_dialog(self, parent):
        return ExpenseDialog(self.db, None, parent, today=self.today)


# --------------------------------------------------------------------------- other income


INCOME = PageSpec(
    noun="income line",
    kinds=FINANCE_KINDS,
    columns=[
        *attribute_columns(
            ("Date", "received_on"), ("Year", "year_label"), ("From", "organisation_name"),
            ("Description", "description"), ("Amount", "amount"),
            right=("Amount",),
        ),
    ],
    load=lambda db, q: fin.list_income(db, q["year"], include_archived=q.include_archived),
    empty_text="No other income recorded. Training charges come from the Training tab by themselves; "
    "press New income line for anything else (a grant, a refund).",
    dialog=IncomeDialog,
    archive=fin.archive_income,
    restore=fin.restore_income,
    filters=(Filter("year", "Year:", year_filter, "All years"),),
)


class IncomePage(ArchivedKeptAsIs, TotalsMixin, RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, INCOME, parent, today=today)
        # said with or without lines: a charge's payment entered here would count it twice
        self.charges_note = plain_label(f"{CHARGES_COUNT_BY_THEMSELVES} Record here any other income (see the "
                                        "Summary for the charges).", self, wrap=True, name="Training charges")
        self.layout().insertWidget(2, self.charges_note)
        self.add_totals_line(lambda rows: f"{len(rows)} line{'s' if len(rows) != 1 else ''}: "
                             f"{format_money(total(i.amount for i in rows))}.")


# --------------------------------------------------------------------------- years


YEARS = PageSpec(
    noun="financial year",
    kinds=(*FINANCE_KINDS, RecordKind.TRAINING),
    columns=[
        Column("Year", lambda y: y.label),
        Column("Carried forward", lambda y: y.carried_forward, align_right=True),
        Column("Adjustment", lambda y: y.adjustment or None, align_right=True,
               tooltip=lambda y: y.adjustment_reason),
        *attribute_columns(
            ("Opening balance", "opening"), ("Contributions agreed", "contributions_agreed"), ("Still owed", "outstanding"),
            ("Other income", "other_income"), ("Expenditure", "spending"),
            right=("Opening balance", "Contributions agreed", "Still owed", "Other income", "Expenditure"),
        ),
        Column("Underspend (overspend)", lambda y: y.balance.net, align_right=True),
        *attribute_columns(
            ("Closing balance", "closing"), ("Budget", "budget_total"), ("Reason for the adjustment", "adjustment_reason"),
            right=("Closing balance", "Budget"),
        ),
    ],
    load=lambda db, q: fin.list_years(db),
    empty_text="No financial years yet: they are added as money is recorded, or press New financial year.",
    dialog=YearDialog,
)


class YearsPage(RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, YEARS, parent, today=today)
        note = QLabel(
            "Each year opens with the reserves the year before closed with, plus any adjustment; an underspend "
            "is carried into the reserves, an overspend comes out of them. Income counts contributions as agreed "
            "(what is still owed is shown beside it).", self,
        )
        note.setWordWrap(True)
        self.layout().insertWidget(2, note)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.remove_action = self.add_tool(
            "Remove year…", self.remove_year,
            "Remove a year with nothing recorded in it (one made by a date typed wrong, say)")

    def update_actions(self, row: fin.YearDTO | None) -> None:
        self.offer_tool(self.remove_action, "Choose a year first." if row is None else
                        "" if holds_nothing(row) else f"{row.stays_because}.")

    def remove_year(self) -> None:
        year = self.selected()
        if year is None or not holds_nothing(year):
            return
        if confirm(self, "Remove financial year", f"Remove the financial year {year.label}? Nothing is recorded in "
                   "it; its change history keeps it. It comes back on its own if money is recorded in it."):
            if done(self, "Could not remove the financial year", lambda: fin.remove_year(self.db, year.id)):
                tell(self, f"Removed the financial year {year.label}.")


def holds_nothing(year: fin.YearDTO) -> bool:
    """Nothing recorded in the year, archived records included: the service's own rule for
    removing it (`YearDTO.stays_because`, what `fin.remove_year` refuses with)."""
    return not year.stays_because


# --------------------------------------------------------------------------- budgets


class BudgetsPage(ReloadsWhenShown, QWidget):
    """Budget against actual per category for one year, with the variance."""

    HEADERS = ["Category", "Budget", "Actual", "Variance", "Against budget"]

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today
        self.year = QComboBox(self)
        self.year.setAccessibleName("Financial year of the budgets")
        self.year.currentIndexChanged.connect(lambda _i: self.reload())
        self.edit_button = QPushButton("Edit budgets…", self)
        self.edit_button.setAccessibleName("Edit budgets")
        self.edit_button.clicked.connect(self.edit_budgets)
        self.heading = plain_label("", self, wrap=True)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setAccessibleName("Budget against actual")
        tab_moves_on(self.table)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(self.HEADERS)):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        opens_on_enter(self.table, "Edit budgets", lambda _index: self.edit_budgets())
        self.table.setToolTip("Double-click a category, or press Enter on it, to edit the year's budgets")
        in_a_column(self, in_a_row(*captioned(self, ("Year:", self.year)), self.edit_button, 1), self.heading,
                    (self.table, 1), margins=True)
        self.reading = LatestRead(self, "budgets", self._arrived, lambda exc: show_error(self, "Could not load the budgets", exc))
        self.watch(db, RecordKind.FINANCE, RecordKind.SETTINGS)
        self._stale = True

    def start_year(self) -> int:
        value = self.year.currentData()
        return value if value is not None else fin.latest_year(self.db, self.today)

    def loading(self) -> bool:
        """True while the budgets are being read."""
        return self.reading.loading()

    def reload(self) -> None:
        """Read the years and the budgets in a worker thread (which years have money in them
        adds up every year's records); shown when they arrive, unless asked again since."""
        self._stale = False
        db, today, wanted = self.db, self.today, self.year.currentData()
        this_year = year_of(today or date.today())

        def read():
            years, chosen = years_to_offer(db, wanted, today, also=(this_year, this_year + 1))
            return years, chosen, fin.budget_lines(db, chosen)

        self.reading.start(read)

    def _arrived(self, answer) -> None:
        years, chosen, lines = answer
        fill_year_combo(self.year, years, chosen)
        rows = [[ln.category, ln.budget_text, format_money(ln.actual),
                 format_money(ln.variance), ln.variance_text] for ln in lines]
        t = BudgetTotal.of(lines)  # no budget when no category has one, as the summary and the PDF say it
        if t.budget is not None:  # the amount is in the Variance column beside it
            against = "Under budget" if t.variance > 0 else ("Over budget" if t.variance < 0 else "On budget")
        else:  # a year without budgets is not on or over one: said as each row says it
            against = t.variance_text
        rows.append(["Total", t.budget_text, format_money(t.actual), format_money(t.variance), against])
        fill_table(self.table, rows)
        label = year_label(self.start_year())
        self.heading.setText(
            f"Budgets for {label} against what was spent in each category (a positive variance is an underspend)."
            if t.budget is not None else f"No budgets set for {label} yet: press Edit budgets to set one for each category."
        )

    def edit_budgets(self) -> None:
        BudgetsDialog(self.db, self.start_year(), self).exec()

    def cell_texts(self) -> list[list[str]]:
        return table_texts(self.table)

