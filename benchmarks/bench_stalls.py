"""The window's thread on the ten-year file: no stall over 100 ms.

A 10 ms timer ticks on the window's thread throughout (`training_window.Ticks`): the longest
gap between two ticks is the longest the window was held up, whatever held it. The benchmark
opens the window on a copy of the ten-year database as the program does (frame, then the tab
on screen, then the others one per turn), then walks it as an officer would: every tab and
every page inside it; on every list, a search, each filter and back, and sorting by two
columns; a meeting's workspace opened and its minutes typed and saved; a case review opened;
and every entry of File > Export started (each is written by a child process: the step covers
its start and its first seconds, then it is cancelled). Each step waits for the work it
started in the background to finish.

Prints one line per step (time inside the call, longest pause while it and its background
work ran) and the summary: the longest pause of all, the median of the steps' longest pauses,
and every step over the limit.

Each pause is wall-clock time, so on a machine shared with other work it includes the time the
process waited for a core; "in the call" is the window thread's own work.

Run: `python -m benchmarks.bench_stalls` (ten-year file; `BSCP_TENYEAR_FILE` names an existing
one, see benchmarks/tenyear.py); `--quick` on a small slice; `--only Training` walks one tab.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.training_window import LIMIT_MS, Ticks

OUTPUT_SECONDS = 3.0  # how long each output is watched before it is cancelled


class Walk:
    def __init__(self, ticks: Ticks):
        self.ticks = ticks
        self.results: list[tuple[str, float, float]] = []  # (label, ms in the call, longest pause)

    def idle(self) -> bool:
        from PySide6.QtWidgets import QApplication

        from bscp_desktop.ui.common.worker import BackgroundTask

        if BackgroundTask._running:
            return False
        for widget in QApplication.allWidgets():
            loading = getattr(widget, "loading", None)
            if callable(loading) and widget.isVisible():
                try:
                    if loading():
                        return False
                except TypeError:
                    continue
        return True

    def wait(self, condition, timeout_s: float = 120.0) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > end:
                print(f"  (gave up waiting after {timeout_s:.0f} s)", flush=True)
                return
            QApplication.processEvents()
            time.sleep(0.002)

    def step(self, label: str, action, done=None, settle_ms: int = 40) -> None:
        self.ticks.reset()
        started = time.perf_counter()
        try:
            action()
        except Exception as exc:  # a step that cannot run is reported, the walk goes on
            print(f"  could not {label}: {type(exc).__name__}: {exc}", flush=True)
            return
        ui_ms = (time.perf_counter() - started) * 1000
        self.wait(done or self.idle)
        self.ticks.settle(settle_ms)
        self.wait(self.idle)
        gap = self.ticks.longest()
        self.results.append((label, ui_ms, gap))
        verdict = "ok  " if gap < LIMIT_MS else "SLOW"
        print(f"{ui_ms:9.1f} ms in the call, longest pause {gap:7.1f} ms  {verdict} {label}", flush=True)


def _sections(tab):
    """The pages inside a tab: its QTabWidget's pages, else the tab itself."""
    from PySide6.QtWidgets import QTabWidget

    inner = getattr(tab, "sections", None)
    if not isinstance(inner, QTabWidget):
        found = tab.findChildren(QTabWidget)
        inner = found[0] if found else None
    return inner


def walk_lists(walk: Walk, where: str, container) -> None:
    """Search, filter and sort every list on screen in `container`."""
    from PySide6.QtCore import Qt

    from bscp_desktop.ui.common.list_page import RecordListPage

    for page in [p for p in container.findChildren(RecordListPage) if p.isVisible()]:
        name = f"{where} / {page.spec.plural or page.noun + 's'}"
        walk.step(f"{name}: search", lambda p=page: p.search.setText("a"))
        walk.step(f"{name}: clear the search", lambda p=page: p.search.clear())
        for fname, combo in page.filters.items():
            if combo.count() > 1:
                walk.step(f"{name}: filter {fname}", lambda c=combo: c.setCurrentIndex(1))
                walk.step(f"{name}: filter {fname} back", lambda c=combo: c.setCurrentIndex(0))
        if page.model.columnCount() > 1:
            walk.step(f"{name}: sort by column 2", lambda p=page: p.table.sortByColumn(1, Qt.SortOrder.DescendingOrder))
            walk.step(f"{name}: sort by column 1", lambda p=page: p.table.sortByColumn(0, Qt.SortOrder.AscendingOrder))


def walk_tabs(walk: Walk, window, only: str | None) -> None:
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        if only and title != only:
            continue
        walk.step(f"{title}: tab shown", lambda i=index: window.tabs.setCurrentIndex(i))
        tab = window.tabs.widget(index)
        sections = _sections(tab)
        if sections is None:
            walk_lists(walk, title, tab)
            continue
        for j in range(sections.count()):
            where = f"{title} > {sections.tabText(j)}"
            if j:
                walk.step(f"{where}: shown", lambda s=sections, j=j: s.setCurrentIndex(j))
            walk_lists(walk, where, sections.widget(j))
        sections.setCurrentIndex(0)


def open_records(walk: Walk, window) -> None:
    from PySide6.QtWidgets import QApplication

    meetings = window.tab("Meetings")
    window.tabs.setCurrentWidget(meetings)
    walk.wait(walk.idle)
    page = meetings.list_page if hasattr(meetings, "list_page") else None
    from bscp_desktop.ui.common.list_page import RecordListPage

    page = page or next(p for p in meetings.findChildren(RecordListPage) if p.isVisible())
    page.table.selectRow(0)
    walk.step("Meetings: open a meeting's workspace", lambda: page.activate(page.selected()))
    workspace = getattr(meetings, "workspace", None)
    editor = _minutes_editor(workspace) if workspace is not None else None
    if editor is not None:
        walk.step("Meetings: type a line of minutes", lambda: editor.insertPlainText("Noted by the chair. "))
        walk.step("Meetings: minutes saved", lambda: (time.sleep(0), QApplication.processEvents()),
                  done=lambda: True, settle_ms=1500)
    if workspace is not None and hasattr(meetings, "close_meeting"):
        walk.step("Meetings: back to the list", meetings.close_meeting)

    cases = window.tab("Case reviews")
    window.tabs.setCurrentWidget(cases)
    walk.wait(walk.idle)
    page = next((p for p in cases.findChildren(RecordListPage) if p.isVisible()), None)
    if page is not None and page.proxy.rowCount():
        page.table.selectRow(0)
        opened = []

        def open_case():
            from PySide6.QtWidgets import QDialog

            original = QDialog.exec
            QDialog.exec = lambda self: (opened.append(self), self.show(), 0)[-1]
            try:
                page.activate(page.selected())
            finally:
                QDialog.exec = original

        walk.step("Case reviews: open a case", open_case)
        for dialog in opened:
            dialog.close()


def _minutes_editor(workspace):
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    for cls in (QPlainTextEdit, QTextEdit):
        found = [e for e in workspace.findChildren(cls) if e.isVisible() and not e.isReadOnly()]
        if found:
            return found[0]
    return None


def start_outputs(walk: Walk, window, folder: Path) -> None:
    """Every File > Export entry started; each watched for OUTPUT_SECONDS, then cancelled."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

    from bscp_desktop.ui.common.outputs import OutputProcess

    original = QFileDialog.getSaveFileName
    counter = iter(range(1000))
    QFileDialog.getSaveFileName = staticmethod(
        lambda parent, title, name, *a, **k: (str(folder / f"{next(counter)}-{Path(name).name}"), "")
    )
    # an output that first asks something (a choice, a message) is answered at once: nobody is
    # there to press a button, and a modal dialog would wait for ever
    asked = {name: getattr(QMessageBox, name) for name in ("information", "warning", "critical", "question")}
    for name in asked:
        setattr(QMessageBox, name, staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok))
    dialog_exec = QDialog.exec
    QDialog.exec = lambda self: (self.close(), 0)[-1]
    try:
        for action in window.export_menu.actions():
            if action.isSeparator() or not action.isEnabled():
                continue
            deadline = []

            def started(a=action, deadline=deadline):
                a.trigger()
                deadline.append(time.perf_counter() + OUTPUT_SECONDS)

            walk.step(f"File > Export > {action.text().replace('&', '')}: started", started,
                      done=lambda d=deadline: not OutputProcess._running or time.perf_counter() > d[0])
            for task in list(OutputProcess._running):
                task.cancel()
                if task.dialog is not None:
                    task.dialog.close()
    finally:
        QFileDialog.getSaveFileName = original
        QDialog.exec = dialog_exec
        for name, method in asked.items():
            setattr(QMessageBox, name, method)


def main(argv: list[str] | None = None) -> list:
    """The walk; returns its figures for RESULTS.md (`benchmarks.results.Figure`)."""
    from benchmarks.results import Figure

    results = walk_window(sys.argv[1:] if argv is None else argv)
    gaps = [gap for _label, _ui, gap in results]
    calls = [ui for _label, ui, _gap in results]
    worst = max(results, key=lambda r: r[2])
    slow = [label for label, _ui, gap in results if gap >= LIMIT_MS]
    return [
        Figure("longest pause of the window's thread, every step on the ten-year file", max(gaps), "ms",
               goal=LIMIT_MS, runs=len(results), note=f"worst step: {worst[0]}; {len(slow)} steps over {LIMIT_MS:.0f} ms"),
        Figure("median of the steps' longest pauses", statistics.median(gaps), "ms", goal=LIMIT_MS, runs=len(results)),
        Figure("longest time inside one step's call on the window's thread", max(calls), "ms", goal=LIMIT_MS,
               runs=len(results), note=max(results, key=lambda r: r[1])[0]),
    ]


def walk_window(argv: list[str]) -> list[tuple[str, float, float]]:
    only = argv[argv.index("--only") + 1] if "--only" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["BSCP_DATA_DIR"] = str(folder / "data")
        from benchmarks.results import tenyear_file

        source = tenyear_file()  # a small slice with --quick
        path = folder / "tenyear.sqlite3"
        shutil.copy(source, path)
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder / "settings"))
        from bscp_desktop.app import fill_window, make_application, open_database
        from bscp_desktop.db.database import Database
        from bscp_desktop.ui.common.worker import freeze_long_lived
        from bscp_desktop.ui.main_window import MainWindow

        app = make_application()
        db = Database.open(path, create=False, backup_folder=None)  # the open is timed by bench_startup
        ticks = Ticks()
        walk = Walk(ticks)
        window = MainWindow(None, open_database, opening=path.name)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        walk.step("window: the tabs built (the one on screen filled)", lambda: fill_window(window, db),
                  done=lambda: not window._pending)
        freeze_long_lived()
        walk_tabs(walk, window, only)
        if not only:
            open_records(walk, window)
            (folder / "out").mkdir()
            start_outputs(walk, window, folder / "out")
        window.close()
        db.close()
        ticks.timer.stop()
    results = walk.results
    gaps = [gap for _label, _ui, gap in results]
    print()
    print(f"{len(results)} steps on the ten-year file; longest pause {max(gaps):.0f} ms, "
          f"median of the steps' longest pauses {statistics.median(gaps):.0f} ms (limit {LIMIT_MS:.0f} ms)")
    slow = sorted((r for r in results if r[2] >= LIMIT_MS), key=lambda r: -r[2])
    for label, _ui, gap in slow:
        print(f"  over the limit: {gap:7.0f} ms  {label}")
    return results


if __name__ == "__main__":
    main()
