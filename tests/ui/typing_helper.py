"""Not a test: a real app window that types into an editor, one key event every few
milliseconds, prints "typed" after the last keystroke and then waits to be killed (the crash
tests kill it there and check nothing typed was lost).

Run as one of:

- ``python -m tests.ui.typing_helper minutes DB MEETING_ID SEGMENTS_JSON``: opens the meeting's
  live minutes and types each segment into one agenda item, pressing Alt+Down between segments
  to move to the next item (test_meetings_crash);
- ``python -m tests.ui.typing_helper yearly DB REPORT_ID SECTION_KEY TEXT``: opens Reports >
  Yearly report…, chooses the section and types the text (test_yearly_report_crash).

Both open the database in the real main window, offscreen.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def minutes_editor(window, meeting_id: str, segments_json: str):
    """The live minutes of the meeting, and the keys: each segment, Alt+Down (None) between."""
    tab = window.tab("Meetings")
    window.tabs.setCurrentWidget(tab)
    workspace = tab.open_meeting(int(meeting_id))
    workspace.pages.setCurrentWidget(workspace.minutes)
    steps: list[str | None] = []
    for n, segment in enumerate(json.loads(segments_json)):
        if n:
            steps.append(None)  # next item
        steps.extend(segment)
    return workspace.minutes.editor, steps


def yearly_section_editor(window, report_id: str, key: str, text: str):
    """The text editor of one section of a yearly report, and the keys."""
    from PySide6.QtCore import Qt

    window.yearly_action.trigger()
    report = window.yearly_window
    report.choice.setCurrentIndex(report.choice.findData(int(report_id)))
    keys = [report.sections.item(r).data(Qt.ItemDataRole.UserRole) for r in range(report.sections.count())]
    report.sections.setCurrentRow(keys.index(key))
    return report.editor.text, list(text)


EDITORS = {"minutes": minutes_editor, "yearly": yearly_section_editor}


def main(argv: list[str]) -> int:
    target, db_path, args = argv[0], Path(argv[1]), argv[2:]
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
    editor, steps = EDITORS[target](window, *args)
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
    QTimer.singleShot(300, timer.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
