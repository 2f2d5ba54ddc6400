"""Not a test: a real app window that types minutes, for test_meetings_crash.

Run as ``python -m tests.ui.meetings_typing_helper DB MEETING_ID SEGMENTS_JSON``. It opens the
database in the real main window (offscreen), opens the meeting's live minutes, types each
segment into one agenda item (pressing Alt+Down between segments to move to the next item),
one key event every few milliseconds, prints "typed" after the last keystroke and then waits
to be killed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    db_path, meeting_id, segments = Path(argv[0]), int(argv[1]), json.loads(argv[2])
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    app = make_application()
    db = open_database(db_path)
    window = MainWindow(db, open_database)
    window.show()
    tab = window.tab("Meetings")
    window.tabs.setCurrentWidget(tab)
    workspace = tab.open_meeting(meeting_id)
    workspace.pages.setCurrentWidget(workspace.minutes)
    editor = workspace.minutes.editor
    steps: list[str | None] = []
    for n, segment in enumerate(segments):
        if n:
            steps.append(None)  # next item
        steps.extend(segment)
    state = {"i": 0}

    def step() -> None:
        if state["i"] >= len(steps):
            timer.stop()
            print("typed", flush=True)
            return
        ch = steps[state["i"]]
        state["i"] += 1
        editor.setFocus()
        if ch is None:
            QTest.keyClick(editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
            return
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(step)
    QTimer.singleShot(200, timer.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
