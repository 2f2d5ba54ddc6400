"""The Audits tab's Change log page: the change log view with its filtered rows saved as Excel
or PDF (marked OFFICIAL-SENSITIVE as the area it is narrowed to is, as the record's own area is
for one record's history, and when it covers every area). The tab builds the two outputs from the
registered change-log job and gives them to the page's buttons."""

from __future__ import annotations

from PySide6.QtGui import QAction

from bscp_desktop.ui.common.area_tab import output_button
from bscp_desktop.ui.common.history import ChangeLogView
from bscp_desktop.ui.common.messages import tell


class ChangeLogPage(ChangeLogView):
    def add_output_buttons(self, excel: QAction, pdf: QAction) -> None:
        for action, text in ((excel, "Save as Excel…"), (pdf, "Save as PDF…")):
            button = output_button(action, self, text)
            button.setToolTip("Every change that matches the filters, newest first")
            self.footer.addWidget(button)

    def output_options(self) -> dict | None:
        """The filters as the change-log job's options (so the file holds what is shown); None,
        saying why, while the dates typed cannot be read."""
        if self.filter_problem:
            tell(self, f"{self.filter_problem} Correct the dates first: the file holds the changes shown.")
            return None
        q = self.query  # with a record, its area is the record's own (`hs.ChangeQuery`), as the Area box shows
        options = {"date_from": q.date_from, "date_to": q.date_to, "area": q.area, "person": q.person,
                   "record": list(q.record) if q.record else None, "search": q.search}
        return {k: v for k, v in options.items() if v}
