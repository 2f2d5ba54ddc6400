"""The application's screen is never handed to a widget: a window asking which screen it is on
must not make itself the owner of the screen's wrapper, or collecting that window as garbage
deletes the screen and the next window opened crashes the program."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout
from shiboken6 import Shiboken

import bscp_desktop
from bscp_desktop.ui.common.dialog_fit import fit_to_screen, largest_on_screen, screen_of, screen_room


def _owner_of_the_screen() -> str | None:
    """The Python owner of the screen's wrapper, as shiboken records it (None: the application)."""
    screen = QGuiApplication.primaryScreen()
    lines = [line for line in Shiboken.dump(screen).splitlines() if line.startswith("parent")]
    return lines[0] if lines else None


def test_fitting_a_window_to_its_screen_leaves_the_screen_to_the_application(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    QVBoxLayout(dialog).addWidget(QLabel("Apologies were received from the police.", dialog))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert screen_of(dialog) is not None and screen_room(dialog).isValid()
    largest_on_screen(dialog)
    fit_to_screen(dialog)
    assert _owner_of_the_screen() is None


def test_a_window_placed_on_a_screen_is_given_that_screen(qtbot):
    dialog = QDialog()
    qtbot.addWidget(dialog)
    screen = QGuiApplication.primaryScreen()
    dialog.setGeometry(QRect(screen.geometry().center(), dialog.sizeHint()))
    assert screen_of(dialog) == screen


@pytest.mark.slow
def test_the_program_never_asks_a_widget_for_its_screen():
    """`widget.screen()` and `window.screen()` make the widget the screen's owner (see
    `dialog_fit.screen_of`, which asks the application instead)."""
    root = Path(bscp_desktop.__file__).parent
    asking = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "screen" and not node.args):
                asking.append(f"{path.relative_to(root)}:{node.lineno}")
    assert asking == []
