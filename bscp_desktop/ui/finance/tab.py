"""The Finance tab: the summary with its charts, partner contributions and the payments
against them, the chase list of overdue invoices, expenditure, other income, budgets and
financial years with their reserves."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, tab_shortcuts
from bscp_desktop.ui.common.outputs import area_actions, find_action
from bscp_desktop.ui.common.sections import section_pages
from bscp_desktop.ui.finance.contributions import ChaseListPage, ContributionsPage
from bscp_desktop.ui.finance.pages import BudgetsPage, ExpenditurePage, IncomePage, YearsPage
from bscp_desktop.ui.finance.summary import SummaryPage, summary_file_name


@section_pages("summary", "contributions", "chase", "expenditure", "income", "budgets", "years")
class FinanceTab(AreaTab):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, parent)
        self.sections = area_sections_made_when_shown(self, {
            "summary": ("Summary", lambda: SummaryPage(db, self, today)),
            "contributions": ("Contributions", lambda: ContributionsPage(db, self, today)),
            "chase": ("Chase list", lambda: ChaseListPage(db, self, today)),
            "expenditure": ("Expenditure", lambda: ExpenditurePage(db, self, today)),
            "income": ("Other income", lambda: IncomePage(db, self, today)),
            "budgets": ("Budgets", lambda: BudgetsPage(db, self, today)),
            "years": ("Years and reserves", lambda: YearsPage(db, self, today)),
        }, on_built=self._built)

        # File > Export: the finance workbook and the summary for the year or period shown
        self._outputs = area_actions(
            self, db, RecordKind.FINANCE, ask={"finance": lambda: self.summary.options()},
            file_names={"finance": summary_file_name},
        )
        # the workbook and the report share the area's name ("finance"): the workbook comes first
        workbook = self._outputs[0]
        self.report_pdf, self.report_xlsx = (find_action(self._outputs[1:], "finance", i) for i in (0, 1))
        tab_shortcuts(self, workbook, self.report_pdf)

    def _built(self, name: str, page: QWidget) -> None:
        if name in ("contributions", "expenditure"):  # the area's workbook, beside their records
            page.toolbar.addSeparator()
            page.toolbar.addAction(self._outputs[0])

