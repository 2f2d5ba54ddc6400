"""A new yearly report, or its title and period (Title and period… in the yearly report window)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.form import FormDialog


class ReportDialog(FormDialog):
    """A new yearly report, or its title and period."""

    def __init__(self, db, record: yr.ReportDTO | None, parent=None):
        super().__init__("New yearly report" if record is None else "Title and period", parent, db=db, record=record)
        self.title_edit = self.add_field("title", "Title", QLineEdit(record.title if record else ""),
                                         "Leave empty for the partnership's name and the period.")
        self.start = self.add_field("period_start", "From", DateEdit(self, record.period_start if record else None),
                                    "The first day the report covers (any date).")
        self.end = self.add_field("period_end", "To", DateEdit(self, record.period_end if record else None),
                                  "The last day it covers, for example 31/03/2024.")

    def check(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        start = self.date_value("period_start", errors)
        end = self.date_value("period_end", errors)
        if "period_start" not in errors and start is None:
            errors["period_start"] = "Give the first day the report covers"
        if "period_end" not in errors and end is None:
            errors["period_end"] = "Give the last day the report covers"
        if start and end and end < start:
            errors["period_end"] = "The end of the period is before its start"
        return errors

    def save(self):
        fields = yr.ReportFields(self.title_edit.text(), self.start.value(), self.end.value())
        if self.record is None:
            return yr.create_report(self.db, fields)
        return yr.update_report(self.db, self.record.id, fields)
