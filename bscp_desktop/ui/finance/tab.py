"""The Finance tab: the summary with its charts, partner contributions and the payments
against them, the chase list of overdue invoices, expenditure, other income, budgets and
financial years with their reserves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.ui.common.area_tab import area_sections
from bscp_desktop.ui.common.outputs import area_actions, find_action
from bscp_desktop.ui.finance.contributions import ChaseListPage, ContributionsPage
from bscp_desktop.ui.finance.pages import BudgetsPage, ExpenditurePage, IncomePage, YearsPage
from bscp_desktop.ui.finance.summary import SummaryPage


class FinanceTab(QWidget):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.summary = SummaryPage(db, self, today)
        self.contributions = ContributionsPage(db, self, today)
        self.chase = ChaseListPage(db, self, today)
        self.expenditure = ExpenditurePage(db, self, today)
        self.income = IncomePage(db, self, today)
        self.budgets = BudgetsPage(db, self, today)
        self.years = YearsPage(db, self, today)
        self.sections = area_sections(self, [
            (self.summary, "Summary"), (self.contributions, "Contributions"), (self.chase, "Chase list"),
            (self.expenditure, "Expenditure"), (self.income, "Other income"), (self.budgets, "Budgets"),
            (self.years, "Years and reserves"),
        ])

        self._outputs = area_actions(
            self, db, RecordKind.FINANCE, ask={"finance": self.summary.options},
            file_names={"finance": lambda o: "Finance " + (o.get("year") or
                        f"{o['date_from']:%d-%m-%Y} to {o['date_to']:%d-%m-%Y}").replace("/", "-")},
        )
        # the workbook and the report share the area's name ("finance"): the workbook comes first
        workbook = self._outputs[0]
        self.report_pdf, self.report_xlsx = (find_action(self._outputs[1:], "finance", i) for i in (0, 1))
        report_pdf = self.report_pdf
        workbook.setShortcut(QKeySequence("Ctrl+E"))
        report_pdf.setShortcut(QKeySequence.StandardKey.Print)
        for action in (workbook, report_pdf):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        for page in (self.contributions, self.expenditure):
            page.toolbar.addSeparator()
            page.toolbar.addAction(workbook)

    def export_actions(self) -> list[QAction]:
        """File > Export: the finance workbook and the summary for the year or period shown."""
        return list(self._outputs)

    def reload(self) -> None:
        for page in (self.summary, self.contributions, self.chase, self.expenditure, self.income, self.budgets,
                     self.years):
            page.refresh()

    def flush(self) -> None:
        """Nothing is held back: every dialog saves as it closes."""
