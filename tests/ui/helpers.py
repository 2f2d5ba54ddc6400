"""Typing helpers: qtbot.keyClicks takes ASCII only, so other text goes in as key events."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6 import QtGui
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type any Unicode text into a widget, one key event per character."""
    widget.setFocus()
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, 0, Qt.KeyboardModifier.NoModifier, ch))


def settled(page, seconds: float = 30) -> None:
    """Let the page's background reading finish (events processed), failing after `seconds`."""
    deadline = time.monotonic() + seconds
    while page.loading() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not page.loading()


def table_texts(page, column: int = 0) -> list[str]:
    proxy = page.proxy
    return [proxy.data(proxy.index(r, column)) for r in range(proxy.rowCount())]


def kill_after_typing(argv: list[str], root, pause: float = 2.0) -> int:
    """Run a typing helper (`python -m ...`) offscreen until it prints "typed", wait `pause`
    seconds, SIGKILL it and return its exit code (-SIGKILL when killed as meant)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(root))
    proc = subprocess.Popen([sys.executable, "-m", *argv], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.strip() == "typed" or not line:
                break
        assert line.strip() == "typed", f"the app did not finish typing: {proc.stderr.read() if proc.poll() is not None else ''}"
        time.sleep(pause)
        assert proc.poll() is None, "the app ended by itself"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    return proc.returncode


#: Bumped as each test ends (tests/conftest.py): a `when_modal` still waiting then gives up, so
#: it never handles a dialog of a later test.
WAITING_FOR_MODALS = [0]


def when_modal(handle, title_starts: str = "") -> None:
    """Run `handle(dialog)` on the next modal dialog that opens (dialogs call exec()), or the
    next one whose window title starts with `title_starts`, during this test."""
    from PySide6.QtCore import QTimer

    test = WAITING_FOR_MODALS[0]

    def poll():
        if WAITING_FOR_MODALS[0] != test:  # the test that asked has ended
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.windowTitle().startswith(title_starts):
            QTimer.singleShot(20, poll)
            return
        handle(dialog)

    QTimer.singleShot(0, poll)


def click_button(text: str, seen: list | None = None):
    """A `when_modal` handler that clicks the message box button labelled `text` (recording the
    box's text in `seen`)."""

    def handle(box):
        if seen is not None:
            seen.append(box.text())
        next(b for b in box.buttons() if b.text().replace("&", "") == text).click()

    return handle


def saved_box():
    """The newest 'Saved …' box (Open, Print, Show in folder) on screen, or None."""
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.ui.common.saved_file import SavedFileBox

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, SavedFileBox) and w.isVisible()]
    return boxes[-1] if boxes else None


def start_window(qtbot, db, opener=None, size: tuple[int, int] | None = None):
    """The main window on `db` as the program starts it (`app.show_frame`, then
    `app.fill_window`): the frame is shown, the tab on screen is built and fills, and once it
    has the other areas' code joins and the set-up checklist is added. Every other tab is built
    when first shown, as for a user: switch to it (`window.tabs.setCurrentIndex`) or ask
    `window.tab(title)`, which builds it."""
    from bscp_desktop.app import fill_window, make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    make_application()
    name = db.path.name if db.path is not None else "the team database"
    window = MainWindow(None, opener or open_database, opening=name)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    fill_window(window, db)
    qtbot.waitUntil(lambda: window.started and window.checklist is not None, timeout=60_000)
    return window


def shown_tab(qtbot, widget, size: tuple[int, int] = (1200, 800)):
    """An area's tab (`widget`) on its own, at `size`, shown as in the window."""
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    return widget


def open_workspace(qtbot, db, meeting_id: int):
    """The meeting's workspace, open in a Meetings tab of its own and read."""
    from bscp_desktop.ui.meetings.tab import MeetingsTab

    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    workspace = tab.open_meeting(meeting_id)
    qtbot.waitUntil(lambda: workspace.data is not None, timeout=5000)
    return workspace


def minutes_page(qtbot, db, group, titles: tuple[str, ...]):
    """The Minutes page of a held meeting of `group` (14/03/2024) with an agenda item for each of
    `titles` ("Noted the report." minuted under each), the first chosen; saves are made by
    flush() or a reload, not by the timer."""
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import meetings as mt
    from tests.meetings_world import meeting

    m = meeting(db, group, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    for title in titles:
        item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields(title))
        mt.save_item_minutes(db, item.id, "Noted the report.")
    workspace = open_workspace(qtbot, db, m.id)
    workspace.pages.setCurrentWidget(workspace.minutes)
    workspace.minutes.timer.setInterval(60_000)
    workspace.minutes.item_list.setCurrentRow(0)
    return workspace


def reread(qtbot, workspace) -> None:
    """The meeting read again, as after a change notice."""
    workspace.reload()
    qtbot.waitUntil(lambda: not workspace.loading(), timeout=5000)


def held_meeting_open(qtbot, db, world):
    """A held Forum meeting of 14/03/2024 with two agenda items and its register filled, open in
    the Meetings tab: its workspace, once read."""
    from datetime import datetime

    from bscp_desktop.domain.meetings import MeetingStatus
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.ui.meetings.tab import MeetingsTab
    from tests.meetings_world import meeting

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10), status=MeetingStatus.HELD)
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Welcome"))
    mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Neglect strategy"))
    at.prefill_attendance(db, m.id)
    tab = MeetingsTab(db)
    qtbot.addWidget(tab)
    tab.resize(1200, 760)
    tab.show()
    tab.activateWindow()
    ws = tab.open_meeting(m.id)
    qtbot.waitUntil(lambda: ws.data is not None and ws.toolbar.isEnabled(), timeout=5000)
    return ws


@dataclass(frozen=True)
class Named:
    """A row a list shows by its name (the row protocol: id, name, archived)."""

    id: int
    name: str
    archived: bool = False


def named_list(names, prepared: bool = False):
    """(model, proxy) of a one-column list of `names`; `prepared`: its rows' search texts made
    first, as a page's load worker does."""
    from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel

    model = RecordTableModel([Column("Name", lambda r: r.name)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    rows = [Named(n, name) for n, name in enumerate(names, start=1)]
    model.set_rows(model.prepared_rows()(rows) if prepared else rows)
    return model, proxy


def shown_names(proxy) -> list[str]:
    """The names the list shows, in order."""
    return [proxy.row_at(r).name for r in range(proxy.rowCount())]


def _ink_left(image, left: int, right: int, top: int, bottom: int) -> int | None:
    """The leftmost column from `left` to before `right` with text drawn in rows `top` to
    `bottom`: a pixel unlike the background at the band's right edge."""
    for x in range(left, right):
        for y in range(top, bottom):
            background = QtGui.QColor(image.pixel(right, y))
            pixel = QtGui.QColor(image.pixel(x, y))
            if abs(pixel.lightness() - background.lightness()) > 60:
                return x
    return None


def line_starts(items) -> list[tuple[str, list[int]]]:
    """Each entry's text and where each of its lines on screen starts (from the list's picture)."""
    image = items.viewport().grab().toImage()
    one_line = QtGui.QFontMetrics(items.font()).lineSpacing()
    out = []
    for row in range(items.count()):
        rect = items.visualItemRect(items.item(row))
        starts = []
        for line in range(rect.height() // one_line):
            top = rect.top() + line * one_line
            right = min(rect.right(), image.width() - 1)
            ink = _ink_left(image, rect.left(), right, top + one_line // 4, top + 3 * one_line // 4)
            assert ink is not None, (items.item(row).text(), line)  # no empty room: the whole title shows
            starts.append(ink)
        out.append((items.item(row).text(), starts))
    return out
