"""The window's thread on the ten-year file: no stall over 100 ms.

A 10 ms timer ticks on the window's thread throughout (`training_window.Ticks`): the longest
gap between two ticks is the longest the window was held up, whatever held it. The benchmark
opens the window on a copy of the ten-year database as the program does (frame, then the tab
on screen, then the others one per turn), then walks it as an officer would: every tab and
every page inside it; on every list, a search, each filter and back, and sorting by two
columns; a meeting opened, its Minutes tab chosen, a line typed into an item's minutes and the
autosave waited for; a case review opened; the dialogs for a new financial year, expense (a
training session chosen in it, its cost read) and membership opened from their pages;
the window's search (Ctrl+K, Ctrl+F); 5,000 people imported from the Memberships tab; and
every entry of File > Export started (each is written by a child process: the step covers
its start and its first seconds, then it is cancelled). Each step waits for the work it
started in the background to finish.

Prints one line per step (time inside the call, longest pause while it and its background
work ran, and the window thread's own processor time within that pause) and the summary: the
longest pause of all, the median of the steps' longest pauses, and every step over the limit.
A step the walk expects and cannot do (no meeting whose minutes can be typed into, a page that
never shows) is said at once and again under the summary as NOT DONE, never skipped silently.
`main()` returns the figures for RESULTS.md: for each area (the window, each tab, opening
records, the outputs) its worst step against the 100 ms goal, with how many of its steps were
over it, and the count of steps over the goal in the whole walk.

Each pause is wall-clock time, so on a machine shared with other work it includes the time the
process waited for a core; "own" is the window thread's processor time inside that pause (what
the program itself did there, whatever the load), and "in the call" the time the step's call took.

Run: `python -m benchmarks.bench_stalls` (ten-year file; `BSCP_TENYEAR_FILE` names an existing
one, see benchmarks/tenyear.py); `--quick` on a small slice; `--only Training` walks one tab, `--only "File > Export"` (or
"Imports", "Searching the window", "Opening records, saving minutes") one of the walks after
the tabs.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.training_window import LIMIT_MS, Ticks

OUTPUT_SECONDS = 3.0  # how long each output is watched before it is cancelled
RECORDS = "Opening records, saving minutes"
SEARCHING = "Searching the window"
IMPORTS = "Imports"
EXPORTS = "File > Export"


@dataclass
class Step:
    area: str  # "Meetings", "File > Export", ...
    label: str
    call_ms: float  # inside the step's call
    pause_ms: float  # the longest gap between two heartbeats while it and its background work ran
    own_ms: float  # the window thread's processor time within that gap

    @property
    def slow(self) -> bool:
        return self.pause_ms >= LIMIT_MS


class Walk:
    def __init__(self, ticks: Ticks):
        self.ticks = ticks
        self.results: list[Step] = []
        self.area = ""  # the area the next steps count for (else the start of their label)
        self.loaders: list = []  # the widgets last seen loading
        self.not_done: list[str] = []  # the steps the walk expected and could not do, with why

    def idle(self) -> bool:
        """No background work left on screen. The pages found still loading are remembered, so
        that while they load each look asks only them; every widget (a few thousand, tens of
        milliseconds of the window's thread) is looked over only to confirm that none is loading
        any more, and that look is left out of the pause measured (`Ticks.not_counted`): it often
        comes straight after a step's call, before the window has had a turn."""
        from PySide6.QtWidgets import QApplication

        from bscp_desktop.ui.common.worker import BackgroundTask

        if BackgroundTask._running:
            return False
        if any(_still_loading(widget) for widget in self.loaders):
            return False
        started, cpu = time.perf_counter(), time.thread_time()
        self.loaders = [widget for widget in QApplication.allWidgets() if _still_loading(widget)]
        self.ticks.not_counted(time.perf_counter() - started, time.thread_time() - cpu)
        return not self.loaders

    def wait(self, condition, timeout_s: float = 120.0) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > end:
                print(f"  (gave up waiting after {timeout_s:.0f} s)", flush=True)
                return
            QApplication.processEvents()
            time.sleep(0.002)

    def missed(self, label: str, why: str) -> None:
        """A step the walk expected could not be done: said now and again in the summary."""
        self.not_done.append(f"{label}: {why}")
        print(f"  COULD NOT {label}: {why}", flush=True)

    def step(self, label: str, action, done=None, settle_ms: int = 40, area: str = "") -> None:
        area = area or self.area or label.split(">")[0].split(":")[0].strip()
        self.ticks.reset()
        started = time.perf_counter()
        try:
            action()
        except Exception as exc:  # a step that cannot run is reported, the walk goes on
            self.missed(label, f"{type(exc).__name__}: {exc}")
            return
        ui_ms = (time.perf_counter() - started) * 1000
        self.wait(done or self.idle)
        self.ticks.settle(settle_ms)
        self.wait(self.idle)
        gap = self.ticks.longest()
        step = Step(area, label, ui_ms, gap, self.ticks.worst_cpu)
        self.results.append(step)
        verdict = "SLOW" if step.slow else "ok  "
        print(f"{ui_ms:8.1f} ms in the call, longest pause {gap:6.1f} ms ({step.own_ms:5.1f} own)  {verdict} {label}",
              flush=True)


def _still_loading(widget) -> bool:
    try:
        loading = getattr(widget, "loading", None)
        return callable(loading) and widget.isVisible() and bool(loading())
    except (TypeError, RuntimeError):  # a `loading` that is not the page's; a widget since deleted
        return False


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
        walk_pages(walk, title, sections)


def walk_pages(walk: Walk, where: str, sections) -> None:
    """Each page of a tab widget shown in turn, its lists walked, and the pages of any tab
    widget inside it (attendance monitoring's views) likewise."""
    from benchmarks.window_pages import _visible_tab_widgets

    area = where.split(" > ")[0]
    for j in range(sections.count()):
        if not sections.isTabEnabled(j):
            continue
        here = f"{where} > {sections.tabText(j).replace('&', '')}"
        if j:
            walk.step(f"{here}: shown", lambda s=sections, j=j: s.setCurrentIndex(j), area=area)
        page = sections.widget(j)
        walk_lists(walk, here, page)
        for inner in _visible_tab_widgets(page):
            walk_pages(walk, here, inner)
    sections.setCurrentIndex(0)


def open_records(walk: Walk, window) -> None:
    from bscp_desktop.ui.common.list_page import RecordListPage

    walk.area = RECORDS
    meetings = window.tab("Meetings")
    window.tabs.setCurrentWidget(meetings)
    walk.wait(walk.idle)
    page = meetings.list_page if hasattr(meetings, "list_page") else None
    page = page or next(p for p in meetings.findChildren(RecordListPage) if p.isVisible())
    take_minutes(walk, meetings, page)

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
    else:
        walk.missed("Case reviews: open a case", "no case on the Case reviews list")
    open_new_records(walk, window)
    walk.area = ""


NEW_RECORDS = (("Finance", "years", "New financial year"), ("Finance", "expenditure", "New expense"),
               ("Memberships", "memberships", "New membership"))


def open_new_records(walk: Walk, window) -> None:
    """The dialogs for a new record that suggest what is typed from the records on file, each
    opened from its page as its New button does; in New expense a training session is chosen
    (its cost is read to fill in the amount)."""
    from PySide6.QtWidgets import QDialog

    opened = []
    original = QDialog.exec
    QDialog.exec = lambda self: (opened.append(self), self.show(), 0)[-1]
    try:
        for title, name, what in NEW_RECORDS:
            tab = window.tab(title)
            window.tabs.setCurrentWidget(tab)
            page = tab.sections.page(name)
            walk.wait(walk.idle)
            walk.step(f"{title}: open {what}", page.on_new)
            if not opened:
                walk.missed(f"{title}: open {what}", "no dialog opened")
                continue
            sessions = getattr(opened[-1], "session", None)  # New expense's training session
            if sessions is not None and sessions.count() > 1:
                walk.step(f"{title}: {what}, a training session chosen", lambda s=sessions: s.setCurrentIndex(1))
            elif sessions is not None:
                walk.missed(f"{title}: {what}, a training session chosen", "no training session to choose")
            for dialog in opened:
                dialog.close()
            opened.clear()
    finally:
        QDialog.exec = original


MINUTES_LINE = "Noted by the chair. "


def take_minutes(walk: Walk, meetings, page) -> None:
    """As an officer takes minutes: open a meeting whose minutes are still a draft (one with an
    agenda, held or not yet due, so nothing asks whether it was held), choose its Minutes tab,
    wait for it to be read, type a line into the first item's minutes and wait for the save."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus

    today = date.today()
    place = next((i for i, r in ((i, page.proxy.row_at(i)) for i in range(page.proxy.rowCount()))
                  if not r.archived and r.item_count and r.minutes_status is MinutesStatus.DRAFT
                  and (r.status is MeetingStatus.HELD or r.date > today)), None)
    if place is None:
        walk.missed("Meetings: open a meeting's workspace", "no meeting with an agenda and draft minutes on the list")
        return
    page.table.selectRow(place)
    walk.step("Meetings: open a meeting's workspace", lambda: page.activate(page.selected()),
              done=lambda: _workspace(meetings) is not None and _workspace(meetings).data is not None)
    workspace = _workspace(meetings)
    if workspace is None or workspace.data is None:
        walk.missed("Meetings: open a meeting's workspace", "the meeting did not open")
        return
    bar = workspace.pages.tabBar()
    place = next((i for i in range(bar.count()) if bar.tabText(i) == "Minutes"), None)
    if place is None:
        walk.missed("Meetings: go to the Minutes page", "the workspace has no Minutes tab")
        return
    walk.step("Meetings: go to the Minutes page",
              lambda: QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(place).center()),
              done=lambda: workspace.pages.built_page("minutes") is not None)
    minutes = workspace.pages.built_page("minutes")
    if minutes is None or not minutes.isVisible():
        walk.missed("Meetings: type a line of minutes", "the Minutes page did not show")
    elif minutes.editor.isReadOnly() or minutes.current_item() is None:
        walk.missed("Meetings: type a line of minutes",
                    f"the minutes cannot be typed into ({minutes.state.text() or 'no agenda item chosen'})")
    else:
        editor, saves = minutes.editor, minutes.save_count
        editor.setFocus()
        walk.step("Meetings: type a line of minutes", lambda: QTest.keyClicks(editor, MINUTES_LINE),
                  done=lambda: True)
        if MINUTES_LINE not in editor.toPlainText():
            walk.missed("Meetings: minutes saved", "the line typed is not in the editor")
        else:
            # nothing is called: the step is the autosave's own timer firing, the save and the
            # meeting read again after it
            walk.step("Meetings: minutes saved", lambda: None,
                      done=lambda: minutes.save_count > saves and not minutes.dirty(), settle_ms=200)
            if minutes.save_count <= saves or minutes.dirty():
                walk.missed("Meetings: minutes saved", f"not saved ({minutes.state.text()})")
    walk.step("Meetings: back to the list", meetings.close_meeting)


def _workspace(meetings):
    return getattr(meetings, "workspace", None)


SEARCHES = ("safeguarding", "chair", "Adébáyọ̀ neglect")  # common words, and words found nowhere together
IMPORTED_PEOPLE = 5_000


def search_window(walk: Walk, window) -> None:
    """Ctrl+K and Ctrl+F: the window's search over every record (minutes included)."""
    walk.area = SEARCHING
    try:
        for words in SEARCHES:
            walk.step(f"Search everything for {words!r}", lambda w=words: window.search(None, w))
        window.tabs.setCurrentWidget(window.tab("Meetings"))
        walk.step("Search this tab (Meetings) for 'agreed'", lambda: window.search(window.current_area(), "agreed"))
        if window.search_dialog is not None:
            window.search_dialog.close()
    finally:
        walk.area = ""


def run_imports(walk: Walk, window, folder: Path) -> None:
    """An import from the window on the ten-year file: its worker, then every page reloading."""
    from PySide6.QtWidgets import QFileDialog

    from benchmarks.bench_imports import write_people

    source = write_people(folder / "people.csv", IMPORTED_PEOPLE)
    memberships = window.tab("Memberships")
    window.tabs.setCurrentWidget(memberships)
    walk.wait(walk.idle)
    original = QFileDialog.getOpenFileName
    QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (str(source), ""))
    walk.area = IMPORTS
    try:
        bar = memberships.import_bar
        walk.step(f"Memberships: import {IMPORTED_PEOPLE:,} people (and the pages reloading)",
                  lambda: bar.import_file("people"),
                  done=lambda: bar.importing is not None and not bar.importing.working and bar.result_dialog is not None)
        if bar.result_dialog is not None:
            print(f"  {bar.result_dialog.windowTitle()}: imported", flush=True)
            bar.result_dialog.close()
    finally:
        walk.area = ""
        QFileDialog.getOpenFileName = original


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
    walk.area = EXPORTS
    window.export_menu.aboutToShow.emit()  # as opening the menu does: it lists every tab's outputs
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
        walk.area = ""
        QFileDialog.getSaveFileName = original
        QDialog.exec = dialog_exec
        for name, method in asked.items():
            setattr(QMessageBox, name, method)


def figures(results: list[Step]) -> list:
    """For RESULTS.md: each area's worst step against the goal (with how many of its steps were
    over it), and the count of steps over the goal in the whole walk."""
    from benchmarks.results import Figure

    found = []
    for area in dict.fromkeys(r.area for r in results):
        steps = [r for r in results if r.area == area]
        worst = max(steps, key=lambda r: r.pause_ms)
        over = [r for r in steps if r.slow]
        note = f"worst: {worst.label} ({worst.own_ms:.0f} ms of it the window thread's own work)"
        if over:
            note += f"; {len(over)} of {len(steps)} steps over {LIMIT_MS:.0f} ms: " + "; ".join(
                f"{r.label} {r.pause_ms:.0f} ms ({r.own_ms:.0f} own)" for r in sorted(over, key=lambda r: -r.pause_ms))
        found.append(Figure(f"longest pause of the window's thread: {area} ({len(steps)} steps)", worst.pause_ms, "ms",
                            goal=LIMIT_MS, runs=len(steps), note=note))
    slow = [r for r in results if r.slow]
    own = [r for r in results if r.own_ms >= LIMIT_MS]
    found.append(Figure(f"steps with a pause over {LIMIT_MS:.0f} ms, of {len(results)} on the ten-year file", len(slow),
                        "steps", goal=0, runs=len(results),
                        note=f"{len(own)} of them with over {LIMIT_MS:.0f} ms of the window thread's own work: "
                        + ("; ".join(r.label for r in own) or "none")))
    return found


def main(argv: list[str] | None = None) -> list:
    """The walk; returns its figures for RESULTS.md (`benchmarks.results.Figure`)."""
    return figures(walk_window(sys.argv[1:] if argv is None else argv))


def walk_window(argv: list[str]) -> list[Step]:
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
        from bscp_desktop.app import _prepare, fill_window, make_application, open_database
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
        # As the program does in the thread that opens the file (app.open_in_frame, timed by
        # bench_startup): the code of the tab on screen is loaded, and the settings' writer
        # started, before the window builds it.
        _prepare(window.tabs.currentIndex())
        walk.step("window: the tab on screen built and filled", lambda: fill_window(window, db),
                  done=lambda: window.started)
        freeze_long_lived()
        walk_tabs(walk, window, only)
        if only in (None, RECORDS):
            open_records(walk, window)
        if only in (None, SEARCHING):
            search_window(walk, window)
        if only in (None, IMPORTS):
            run_imports(walk, window, folder)
        if only in (None, EXPORTS):
            (folder / "out").mkdir()
            start_outputs(walk, window, folder / "out")
        window.close()
        db.close()
        ticks.timer.stop()
    results = walk.results
    gaps = [r.pause_ms for r in results]
    print()
    print(f"{len(results)} steps on the ten-year file; longest pause {max(gaps):.0f} ms, "
          f"median of the steps' longest pauses {statistics.median(gaps):.0f} ms (limit {LIMIT_MS:.0f} ms)")
    for r in sorted((r for r in results if r.slow), key=lambda r: -r.pause_ms):
        print(f"  over the limit: {r.pause_ms:7.0f} ms ({r.own_ms:5.0f} ms own)  {r.label}")
    for line in walk.not_done:
        print(f"  NOT DONE: {line}")
    return results


if __name__ == "__main__":
    main()
