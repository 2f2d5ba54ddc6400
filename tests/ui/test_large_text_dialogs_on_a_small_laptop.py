"""Every dialog of the program on a 1366 x 768 laptop, the commonest council laptop screen: with
the Windows "make text bigger" setting (the program's text at 14 points), and at 150% display
scaling (911 x 512 points, the task bar taking 40 of them). Each opens wholly on the screen, no
larger than it, with its buttons in view (never scrolled away with its content) and nothing in
it cut short, plain and with every field's error showing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFont, QScreen
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QScrollArea, QWidget

from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.dialog_fit import largest_on_screen, screen_room

LAPTOPS = {
    "1366 x 768 at 14 points": (QRect(0, 0, 1366, 728), 14.0),
    "1366 x 768 at 150%": (QRect(0, 0, 911, 472), 9.0),
}


def _scrolled_away(widget: QWidget, top: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _out_of_view(dialog) -> list[str]:
    """What keeps the dialog's buttons out of reach: larger than the screen, off it, or its
    buttons outside it or in its scrolling content."""
    found = []
    most = largest_on_screen(dialog)
    if dialog.width() > most.width() or dialog.height() > most.height():
        found.append(f"{dialog.width()} x {dialog.height()}, larger than the screen's {most.width()} x {most.height()}")
    if dialog.minimumSize().height() > most.height() or dialog.minimumSize().width() > most.width():
        found.append("cannot be made as small as the screen")
    if not screen_room(dialog).contains(dialog.frameGeometry()):
        found.append("not wholly on the screen")
    for box in (b for b in dialog.findChildren(QDialogButtonBox) if b.isVisible()):
        if not dialog.rect().contains(QRect(box.mapTo(dialog, QPoint(0, 0)), box.size())):
            found.append("buttons outside the dialog")
        if _scrolled_away(box, dialog):
            found.append("buttons scrolled with the content")
    return found


@pytest.mark.slow  # every dialog of the program, twice
@pytest.mark.parametrize("laptop", list(LAPTOPS))
def test_every_dialog_fits_a_small_laptop_with_its_buttons_in_view(qtbot, demo_db, monkeypatch, laptop):
    room, points = LAPTOPS[laptop]
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    app = QApplication.instance()
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSizeF(points)
    app.setFont(font)
    demo = dc.Demo(demo_db)
    problems: dict[str, list[str]] = {}
    try:
        for entry in dc.catalogue():
            dialog = entry.open(demo)
            try:
                dialog.show()
                dc.settle(dialog)
                found = _out_of_view(dialog) + dc.clipped(dialog)
                dc.with_errors(dialog)
                dc.settle(dialog)
                found += [f"with errors showing: {p}" for p in _out_of_view(dialog) + dc.clipped(dialog)]
                if found:
                    problems[entry.name] = found
            finally:
                dc.finish_background_work()
                dialog.close()
                dialog.deleteLater()
        QApplication.processEvents()
    finally:
        app.setFont(before)
    assert problems == {}
