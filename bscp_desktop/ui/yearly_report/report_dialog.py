"""A new yearly report, or its title and period (Title and period… in the yearly report window)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from bscp_desktop.domain.dates import EARLIEST_YEAR, LATEST_YEAR
from bscp_desktop.domain.validation import Checker
from bscp_desktop.domain.yearly_report import MAX_TITLE_CHARS, check_period
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
                                    f"The first day the report covers (any date from {EARLIEST_YEAR} to {LATEST_YEAR}).")
        self.end = self.add_field("period_end", "To", DateEdit(self, record.period_end if record else None),
                                  "The last day it covers, for example 31/03/2024; a report covers at most three years.")

    def check(self) -> dict[str, str]:
        """The service's own rules: the title's length, then the period (both days given, the
        end not before the start, at most three years), each beside its field as it is typed."""
        errors: dict[str, str] = {}
        start = self.date_value("period_start", errors)
        end = self.date_value("period_end", errors)
        c = Checker()
        c.optional("title", self.title_edit.text(), "Title", MAX_TITLE_CHARS)
        for name, message in check_period(start, end).items():
            if name not in errors:  # a date that could not be read says so rather than "give it"
                c.add(name, message)
        return {**errors, **c.errors}

    def save(self):
        fields = yr.ReportFields(self.title_edit.text(), self.start.value(), self.end.value())
        if self.record is None:
            return yr.create_report(self.db, fields)
        return yr.update_report(self.db, self.record.id, fields)
