"""Not a test: a real app window that types into a yearly report section, for
test_yearly_report_crash.

Run as ``python -m tests.ui.yearly_typing_helper DB REPORT_ID SECTION_KEY TEXT``. It opens the
database in the real main window (offscreen), opens Reports > Yearly report…, chooses the
section, types the text one key event every few milliseconds, prints "typed" after the last
keystroke and then waits to be killed.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    db_path, report_id, key, text = Path(argv[0]), int(argv[1]), argv[2], argv[3]
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.main_window import MainWindow

    app = make_application()
    db = open_database(db_path)
    window = MainWindow(db, open_database)
    window.show()
    window.yearly_action.trigger()
    report = window.yearly_window
    report.choice.setCurrentIndex(report.choice.findData(report_id))
    keys = [report.sections.item(r).data(Qt.ItemDataRole.UserRole) for r in range(report.sections.count())]
    report.sections.setCurrentRow(keys.index(key))
    editor = report.editor.text
    state = {"i": 0}

    def step() -> None:
        if state["i"] >= len(text):
            timer.stop()
            print("typed", flush=True)
            return
        ch = text[state["i"]]
        state["i"] += 1
        editor.setFocus()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(step)
    QTimer.singleShot(300, timer.start)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
