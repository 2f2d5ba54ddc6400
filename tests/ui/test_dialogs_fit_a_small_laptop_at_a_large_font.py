"""A 1280 x 720 laptop at 150% (853 x 480 points) with a 14-point system font: a dialog whose
content is taller than the screen scrolls its content, its Save and Cancel in view below it,
instead of growing past the bottom of the screen (Training settings, Case review settings); the
yearly report window's least height fits the screen, its checklist scrolling in its own pane."""

from __future__ import annotations

import gc
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTableWidget, QVBoxLayout, QWidget

from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.dialog_fit import largest_on_screen, screen_room, shortfalls
from bscp_desktop.ui.common.page_scroll import PageScroller

ROOM = QRect(0, 0, 853, 480)  # 1280 x 720 at 150%


@pytest.fixture
def small_laptop_large_font(qapp, monkeypatch):
    """The laptop's screen as the program counts it, and the application's font at 14 points."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(ROOM))
    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(14)
    qapp.setFont(font)
    yield ROOM
    qapp.setFont(before)


def _fitted(qtbot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dc.settle(dialog)
    qtbot.wait(50)  # the fitter's later turns
    dc.settle(dialog)


def _on_screen_with_buttons_in_view(dialog: QDialog) -> None:
    most = largest_on_screen(dialog)
    assert dialog.height() <= most.height() and dialog.width() <= most.width()
    assert dialog.minimumSize().height() <= most.height()  # and it can be made no taller than the screen
    assert screen_room(dialog).contains(dialog.frameGeometry())
    boxes = [box for box in dialog.findChildren(QDialogButtonBox) if box.isVisible()]
    assert boxes
    for box in boxes:
        assert dialog.rect().contains(QRect(box.mapTo(dialog, QPoint(0, 0)), box.size()))
        assert not any(isinstance(w, QScrollArea) for w in _ancestors(box, dialog))  # not scrolled out of view


def _ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    found, parent = [], widget.parentWidget()
    while parent is not None and parent is not top:
        found.append(parent)
        parent = parent.parentWidget()
    return found


def _shows_rows(table: QTableWidget, rows: int) -> bool:
    header = table.horizontalHeader().height()
    return table.height() >= header + rows * table.verticalHeader().defaultSectionSize()


def test_a_dialog_taller_than_the_screen_scrolls_its_content_and_keeps_its_buttons_in_view(
        qtbot, small_laptop_large_font):
    dialog = QDialog()
    dialog.setWindowTitle("Rules")
    hint = QLabel(" ".join(["Each rule is worked out in working days, skipping weekends and bank holidays."] * 12))
    hint.setWordWrap(True)
    table = QTableWidget(12, 3)
    row = QHBoxLayout()
    add = QPushButton("Add rule")
    row.addWidget(add)
    row.addStretch(1)
    why = QLabel("")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    layout = QVBoxLayout(dialog)
    layout.addWidget(hint)
    layout.addWidget(table, 1)
    layout.addLayout(row)
    layout.addWidget(why)
    layout.addWidget(buttons)
    _fitted(qtbot, dialog)
    gc.collect()  # what was moved into the scrolling content is kept there
    _on_screen_with_buttons_in_view(dialog)
    (content,) = dialog.findChildren(PageScroller)
    assert content.isAncestorOf(hint) and content.isAncestorOf(table) and content.isAncestorOf(add)
    assert add.isVisible() and add.focusPolicy() & Qt.FocusPolicy.TabFocus and not content.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert not content.isAncestorOf(why)  # why nothing was saved stays in view beside the buttons
    assert hint.height() >= hint.heightForWidth(hint.width())  # the hint whole, scrolled to
    assert _shows_rows(table, 3)


def test_a_dialog_that_fits_is_left_as_it_was_laid_out(qtbot, small_laptop_large_font):
    dialog = QDialog()
    label = QLabel("A short hint.")
    layout = QVBoxLayout(dialog)
    layout.addWidget(label)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok))
    _fitted(qtbot, dialog)
    assert dialog.findChildren(PageScroller) == [] and label.parentWidget() is dialog


def test_training_settings_fit_the_screen_with_save_and_cancel_in_view(qtbot, db, small_laptop_large_font):
    from bscp_desktop.ui.training.settings_dialog import TrainingSettingsDialog

    dialog = TrainingSettingsDialog(db)
    _fitted(qtbot, dialog)
    _on_screen_with_buttons_in_view(dialog)
    assert shortfalls(dialog) == []  # no hint cut mid-line
    dialog.refuse("The late cancellation notice must be a whole number of working days.", "general")
    qtbot.wait(50)  # the layout changed: fitted again, and still on the screen
    dc.settle(dialog)
    _on_screen_with_buttons_in_view(dialog)
    assert dialog.error.isVisible() and dialog.rect().contains(dialog.error.geometry())


def test_case_review_settings_fit_the_screen_and_show_a_few_rules(qtbot, db, small_laptop_large_font):
    from bscp_desktop.ui.case_reviews.settings_dialog import CaseReviewSettingsDialog

    dialog = CaseReviewSettingsDialog(db)
    _fitted(qtbot, dialog)
    _on_screen_with_buttons_in_view(dialog)
    tables = [t for t in dialog.findChildren(QTableWidget) if t.isVisible()]
    assert tables  # the deadline rules: room for their heading and a few rows, the page scrolling beyond
    assert all(t.height() >= t.minimumHeight() >= 3 * t.verticalHeader().defaultSectionSize() for t in tables)


def test_the_yearly_report_window_is_no_taller_than_the_screen(qtbot, db, small_laptop_large_font):
    from bscp_desktop.ui.yearly_report.window import YearlyReportWindow

    yr.create_report(db, yr.ReportFields("Yearly report 2023/24", date(2023, 4, 1), date(2024, 3, 31)))
    window = YearlyReportWindow(db, None)
    _fitted(qtbot, window)
    qtbot.waitUntil(lambda: window.splitter.isVisible())
    dc.settle(window)
    most = largest_on_screen(window)
    assert window.minimumSize().height() <= most.height() and window.height() <= most.height()
    assert screen_room(window).contains(window.frameGeometry())
    assert not any(isinstance(w, QScrollArea) for w in _ancestors(window.choice, window))  # the window itself does not scroll
    assert window.editor.isVisible() and window.sections.isVisible() and window.checklist.isVisible()
