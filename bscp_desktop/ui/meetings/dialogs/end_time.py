"""An end time that may be left out: "Ends at" with "No end time" ticked beside it, as the
meeting and series dialogs show it.

Ticked, the end shows "--:--", cannot be changed, and the meeting (or each meeting of the series)
is saved with no end. Unticked by the officer, the end starts two hours after the start (at most
23:59), and must be after the start."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from bscp_desktop.domain.validation import Checker
from bscp_desktop.ui.common.editors import TimeEdit
from bscp_desktop.ui.common.form import FormDialog

#: What the end time shows when the meeting has none (a series may be set up without one).
NO_END_TIME = "No end time"
NO_END_SHOWN = "--:--"  # in the end's box while "No end time" is ticked beside it
#: How long a meeting given an end runs, until the officer changes it (a new meeting's 10:00 to 12:00).
USUAL_LENGTH = timedelta(hours=2)
LATEST_END = time(23, 59)


def beside(field: QWidget, extra: QWidget) -> QWidget:
    """Put `extra` on the line of `field` (in its form row), both to the left: the row they
    share, which stands where `field` stood."""
    box = field.parentWidget()
    row = QWidget(box)
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    box.layout().replaceWidget(field, row)
    line.addWidget(field)
    line.addWidget(extra)
    line.addStretch(1)
    return row


def end_after(start: time) -> time:
    """The end of a meeting starting at `start` that runs the usual two hours, at most 23:59."""
    begun = datetime.combine(date.min, start)
    return min(begun + USUAL_LENGTH, datetime.combine(date.min, LATEST_END)).time()


class EndTime:
    """The "Ends at" field of `form` (named `name`) with "No end time" beside it, following the
    form's `start`. `end` is the end shown; None opens it with "No end time" ticked."""

    def __init__(self, form: FormDialog, name: str, start: TimeEdit, end: time | None, label: str = "Ends at"):
        self.form = form
        self.name = name
        self.start = start
        edit = TimeEdit(time(0, 0) if end is None else end)
        edit.setSpecialValueText(NO_END_SHOWN)  # shown at 00:00, which never ends a meeting after its start
        edit.setEnabled(end is not None)
        self.edit = form.add_field(name, label, edit)
        self.no_end = QCheckBox(NO_END_TIME)
        self.no_end.setAccessibleName(NO_END_TIME)
        self.no_end.setChecked(end is None)
        self.row = beside(self.edit, self.no_end)  # the line the end and its box share
        self.no_end.toggled.connect(self._toggled)

    def show_no_end(self, no_end: bool) -> None:
        """Tick "No end time" (the end shows it, and cannot be changed) or untick it, the end
        time kept."""
        self.no_end.blockSignals(True)  # not the officer's choice: the end is not moved
        self.no_end.setChecked(no_end)
        self.no_end.blockSignals(False)
        if no_end:
            self.edit.setTime(self.edit.minimumTime())
        self.edit.setEnabled(not no_end)

    def _toggled(self, no_end: bool) -> None:
        """The officer ticked "No end time", or gave an end: two hours after the start."""
        self.show_no_end(no_end)
        if not no_end:
            self.edit.set_value(end_after(self.start.value()))
        self.form.touched.add(self.name)
        self.form.revalidate()

    def value(self) -> time | None:
        """The end time; None when "No end time" is ticked."""
        return None if self.no_end.isChecked() else self.edit.value()

    def on(self, day: date) -> datetime | None:
        """The end on `day`; None when there is no end time."""
        end = self.value()
        return None if end is None else datetime.combine(day, end)

    def check(self, c: Checker) -> None:
        """Refuse an end given that is not after the start."""
        end = self.value()
        if end is not None and end <= self.start.value():
            c.add(self.name, "The end must be after the start")
