"""The Audits tab's Change log page: the change log view with its filtered rows saved as Excel
or PDF (both OFFICIAL-SENSITIVE: the log records every area)."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from bscp_desktop.ui.common.history import ChangeLogView
from bscp_desktop.ui.common.outputs import PDF, XLSX, output_action

NOTE = "It is marked OFFICIAL-SENSITIVE: the change log records every area, case reviews and audits included."


class ChangeLogPage(ChangeLogView):
    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.export_actions = [
            output_action(self, db, "Change log as shown (Excel)…", "Change log.xlsx", XLSX, "report", "change-log",
                          self.output_options, note=NOTE),
            output_action(self, db, "Change log as shown (PDF)…", "Change log.pdf", PDF, "report", "change-log",
                          self.output_options, note=NOTE),
        ]
        for action, text in zip(self.export_actions, ("Save as Excel…", "Save as PDF…"), strict=True):
            button = QPushButton(text, self)
            button.setAccessibleName(action.text().rstrip("…"))
            button.setToolTip("Every change that matches the filters, newest first")
            button.clicked.connect(action.trigger)
            self.footer.addWidget(button)

    def output_options(self) -> dict:
        """The filters as the change-log job's options (so the file holds what is shown)."""
        q = self.query
        options = {"date_from": q.date_from, "date_to": q.date_to, "area": q.area, "person": q.person,
                   "record": list(q.record) if q.record else None, "search": q.search}
        return {k: v for k, v in options.items() if v}
