"""A session's register in one grid, kept by keyboard alone.

Up and Down move between delegates; A marks attended, N no-show, Space switches between the
two, Delete (or U) leaves the delegate unmarked; Ctrl+Shift+A marks everyone not yet marked as
attended; Ctrl+S saves the register in one transaction; Escape closes, asking first once a mark
was changed (`closing.AsksBeforeClosing`).

Only the marks the officer changed are saved, each from the booking as it was read when the
register opened: a delegate another officer has marked (or whose booking was changed) since is
refused, naming the delegate and who changed it when, and every mark stays on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common.closing import AsksBeforeClosing
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.labels import heading_label, plain_label
from bscp_desktop.ui.common.messages import done

MARKS = {
    Outcome.ATTENDED: ("Attended", "#c6e8c6"),
    Outcome.NO_SHOW: ("No-show", "#f4b6b6"),
    Outcome.BOOKED: ("Not marked", "#ffffff"),
}
HELP = ("A: attended   N: no-show   Space: switch   Delete: not marked   "
        "Ctrl+Shift+A: everyone not marked attended   Ctrl+S: save")


class RegisterGrid(QTableWidget):
    """Delegate, organisation and mark; the mark keys act on the current row and move down."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels(["Delegate", "Organisation", "Attendance"])
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the grid, as everywhere else
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName("Register")
        self.setAccessibleDescription(HELP)
        self.booking_ids: list[int] = []
        self.marks: list[Outcome] = []
        self.read: list[Outcome] = []  # each mark as it was read
        self.versions: list[int] = []  # each booking's version as it was read

    def set_bookings(self, bookings) -> None:
        rows = [b for b in bookings if b.outcome in MARKS]
        self.setRowCount(len(rows))
        self.booking_ids = [b.id for b in rows]
        self.marks = [b.outcome for b in rows]
        self.read = list(self.marks)
        self.versions = [b.version for b in rows]
        for r, b in enumerate(rows):
            self.setItem(r, 0, QTableWidgetItem(b.delegate_name))
            self.setItem(r, 1, QTableWidgetItem(b.organisation))
            self._show(r)
        if rows:
            self.setCurrentCell(0, 0)

    def wanted_width(self) -> int:
        """The width that shows each delegate, organisation and mark whole."""
        header = self.horizontalHeader()
        columns = sum(max(self.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(self.columnCount()))
        return columns + 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width()

    def _show(self, row: int) -> None:
        text, colour = MARKS[self.marks[row]]
        item = QTableWidgetItem(text)
        item.setBackground(QBrush(QColor(colour)))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{self.item(row, 0).text()}: {text}")
        self.setItem(row, 2, item)

    def mark(self, row: int, outcome: Outcome) -> None:
        if 0 <= row < len(self.marks):
            self.marks[row] = outcome
            self._show(row)

    def mark_all_unmarked_attended(self) -> None:
        for row, outcome in enumerate(self.marks):
            if outcome is Outcome.BOOKED:
                self.mark(row, Outcome.ATTENDED)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        row = self.currentRow()
        key = event.key()
        chosen = None
        if key == Qt.Key.Key_A and not event.modifiers():
            chosen = Outcome.ATTENDED
        elif key == Qt.Key.Key_N and not event.modifiers():
            chosen = Outcome.NO_SHOW
        elif key == Qt.Key.Key_Space and 0 <= row < len(self.marks):
            chosen = Outcome.NO_SHOW if self.marks[row] is Outcome.ATTENDED else Outcome.ATTENDED
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_U) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            chosen = Outcome.BOOKED
        if chosen is None:
            super().keyPressEvent(event)
            return
        self.mark(row, chosen)
        if key != Qt.Key.Key_Space and row + 1 < self.rowCount():
            self.setCurrentCell(row + 1, self.currentColumn())

    def outcomes(self) -> dict[int, Outcome]:
        return dict(zip(self.booking_ids, self.marks, strict=True))

    def changed_marks(self) -> dict[int, Outcome]:
        """The marks the officer changed, by booking (a mark put back as it was is not changed)."""
        return {b_id: mark for b_id, mark, was in zip(self.booking_ids, self.marks, self.read, strict=True)
                if mark is not was}

    def versions_read(self) -> dict[int, int]:
        return dict(zip(self.booking_ids, self.versions, strict=True))


class RegisterDialog(AsksBeforeClosing, QDialog):
    """Mark attendance for a whole session and save it in one go."""

    def __init__(self, db, session_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.session = cs.get_session(db, session_id)
        self.setWindowTitle(f"Register: {self.session.name}")
        self.grid = RegisterGrid(self)
        self.grid.set_bookings(bk.list_bookings(db, session_id=session_id))
        heading = heading_label(self, name="Course")  # a long title or venue goes on to more lines
        heading.setText(self.session.course_title)
        when = plain_label(f"{self.session.times}{' — ' + self.session.where if self.session.where else ''}", self, wrap=True)
        keys = QLabel(HELP, self)
        keys.setWordWrap(True)
        keys.setStyleSheet("color: #555555;")
        self.empty = QLabel("No delegate holds a place on this session, so there is no register to mark.", self)
        self.empty.setVisible(self.grid.rowCount() == 0)
        self.all_button = QPushButton("Mark everyone not marked as attended", self)
        self.all_button.clicked.connect(self.grid.mark_all_unmarked_attended)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, activated=self.grid.mark_all_unmarked_attended)
        layout = QVBoxLayout(self)
        for widget in (heading, when, keys, self.grid, self.empty, self.all_button, self.buttons):
            layout.addWidget(widget)
        self.grid.setFocus()
        # every mark in view, if the screen allows; resized here even when that is the size Qt
        # gives a new window, which Qt would otherwise shrink to the dialog's least on showing it
        self.resize(fit_to_screen(self, QSize(max(640, self.grid.wanted_width() + 2 * 12), 480)))

    def shown_state(self) -> dict[str, object]:
        return {"the register": tuple(self.grid.marks)}

    def save(self) -> None:
        changed = self.grid.changed_marks()
        read_at = self.grid.versions_read()
        if not done(self, "The register was not saved", lambda: bk.mark_register(
                self.db, self.session.id, changed, {b_id: read_at[b_id] for b_id in changed})):
            return  # refused: the marks stay as the officer made them
        self.accept()
