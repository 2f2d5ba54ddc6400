"""A dialog handler armed by one test and never used does not answer a dialog of the next
(tests/conftest.py ends it with its test)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog

from tests.ui.helpers import when_modal

answered: list[str] = []


def test_a_handler_armed_for_a_dialog_that_never_opens():
    when_modal(lambda dialog: (answered.append(dialog.windowTitle()), dialog.reject()))


@pytest.mark.slow
def test_the_next_tests_dialog_is_left_to_it(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    dialog.setWindowTitle("Later test")
    QTimer.singleShot(300, dialog.accept)
    assert dialog.exec() == QDialog.DialogCode.Accepted  # closed by its own test, not answered (rejected)
    assert "Later test" not in answered  # (pytest-qt's events between tests may meet another test's box)
