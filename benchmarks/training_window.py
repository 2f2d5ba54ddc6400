"""The Training tab on the UI thread, over the benchmark's ten years of bookings.

A 10 ms timer ticks on the UI thread throughout: the longest gap between two ticks is the
longest the window was held up, whatever held it (building a page, a filter, the rows of a
worker's result arriving, change notices after an import). Each step reports the time it took
on the UI thread and the longest gap while it (and any worker it started) ran.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

LIMIT_MS = 100.0


class Ticks:
    """Timestamps of a 10 ms timer on the UI thread; `longest()` is the worst gap since `reset()`."""

    def __init__(self):
        from PySide6.QtCore import QTimer

        self.last = time.perf_counter()
        self.worst = 0.0
        self.cpu = time.thread_time()
        self.worst_cpu = 0.0  # the window thread's own processor time within the worst gap
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = (now - self.last) * 1000
        if gap > self.worst:
            self.worst, self.worst_cpu = gap, (cpu - self.cpu) * 1000
        self.last, self.cpu = now, cpu

    def reset(self) -> None:
        self.settle(30)
        self.last, self.cpu = time.perf_counter(), time.thread_time()
        self.worst = self.worst_cpu = 0.0

    def not_counted(self, wall_s: float, cpu_s: float) -> None:
        """Leave out of the gap now open the time the measuring itself just took (`wall_s`, of
        which `cpu_s` the window thread's processor time): it is no part of the program."""
        self.last += wall_s
        self.cpu += cpu_s

    def longest(self) -> float:
        self._tick()  # a gap still open counts too
        return self.worst

    @staticmethod
    def settle(ms: int) -> None:
        from PySide6.QtWidgets import QApplication

        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            QApplication.processEvents()
            time.sleep(0.002)


def _wait(condition, timeout_s: float = 120.0) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not finish in time")
        QApplication.processEvents()
        time.sleep(0.002)


def measure(db, folder: Path, figures: list[tuple[str, float]],
            steps: list[tuple[str, float, float, float]] | None = None, with_import: bool = True) -> list[str]:
    """Walk the tab; each step's (label, ms in the call, longest pause, the window thread's own
    processor time in that pause) goes into `steps`."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_training import IMPORT_ROWS, write_import_file
    from bscp_desktop.domain.training import Period
    from bscp_desktop.ui.common.import_result import ImportResultDialog
    from bscp_desktop.ui.common.worker import freeze_long_lived
    from bscp_desktop.ui.training.period import EVERY_YEAR
    from bscp_desktop.ui.training.tab import TrainingTab

    _app = QApplication.instance() or QApplication([])  # kept while the tab lives
    freeze_long_lived()  # as the program does once its window is up
    ticks = Ticks()
    lines: list[str] = []
    steps = [] if steps is None else steps

    def step(label: str, action, done=lambda: True) -> None:
        ticks.reset()
        started = time.perf_counter()
        action()
        ui_ms = (time.perf_counter() - started) * 1000
        _wait(done)
        ticks.settle(50)
        gap = ticks.longest()
        steps.append((label, ui_ms, gap, ticks.worst_cpu))
        verdict = "ok" if max(ui_ms, gap) < LIMIT_MS else "SLOW"
        lines.append(f"{ui_ms:9.1f} ms on the UI thread, longest pause {gap:6.1f} ms ({ticks.worst_cpu:5.1f} own)  "
                     f"{verdict}  {label}")

    tab = None

    def open_tab():
        nonlocal tab
        tab = TrainingTab(db, None)
        tab.resize(1280, 800)
        tab.show()  # painted, and its first page made, in the turns that follow

    names = ["sessions", "bookings", "courses", "evaluations", "figures", "charges"]  # in the order of the bar

    def shown(name: str):  # as a click on the page's title does
        return lambda: tab.sections.setCurrentIndex(names.index(name))

    def idle(name: str):  # the page is made, and its rows are shown
        return lambda: tab.sections.built_page(name) is not None and not tab.sections.built_page(name).loading()

    step("open the tab (Sessions, recent and upcoming)", open_tab, idle("sessions"))
    sessions = tab.sessions
    year = Period(date(2023, 4, 1), date(2024, 3, 31))
    step("Sessions: choose a financial year (240 sessions)", lambda: sessions.period_bar.show_dates(year), idle("sessions"))
    step("Sessions: every year (2,400 sessions)", lambda: sessions.period_bar.choice.setCurrentText(EVERY_YEAR),
         idle("sessions"))
    step("Sessions: filter by one course", lambda: sessions.course_filter.setCurrentIndex(3))
    step("Sessions: search", lambda: sessions.search.setText("Course 1"))
    step("Sessions: sort by course", lambda: sessions.table.sortByColumn(1, Qt.SortOrder.DescendingOrder))

    step("Bookings page shown", shown("bookings"), idle("bookings"))
    bookings = tab.bookings
    step("Bookings: choose a financial year (about 6,000)", lambda: bookings.period_bar.show_dates(year),
         idle("bookings"))
    step("Bookings: every year (60,000)", lambda: bookings.period_bar.choice.setCurrentText(EVERY_YEAR),
         idle("bookings"))
    step("Bookings: show no-shows", lambda: bookings.outcome_filter.setCurrentText("No-shows"), idle("bookings"))
    step("Bookings: show late cancellations", lambda: bookings.outcome_filter.setCurrentText("Late cancellations"),
         idle("bookings"))
    step("Bookings: one session", lambda: bookings.session_filter.setCurrentIndex(5), idle("bookings"))
    step("Bookings: all sessions, search a delegate", lambda: (bookings.session_filter.setCurrentIndex(0),
                                                             bookings.outcome_filter.setCurrentIndex(0),
                                                             bookings.search.setText("Delegate 4711")), idle("bookings"))
    step("Bookings: sort by delegate", lambda: bookings.table.sortByColumn(2, Qt.SortOrder.AscendingOrder))
    step("Courses shown", shown("courses"), idle("courses"))
    step("Evaluations shown", shown("evaluations"), idle("evaluations"))
    step("Figures and charts shown", shown("figures"), idle("figures"))
    figures_page = tab.figures
    step("Figures: another financial year", lambda: figures_page.period_bar.show_dates(year), idle("figures"))
    step("Figures: the chart by organisation", lambda: figures_page.charts.setCurrentIndex(1))
    step("Charges shown", shown("charges"), idle("charges"))
    step("Charges: another financial year", lambda: tab.charges.period_bar.show_dates(year), idle("charges"))
    step("Charges: one organisation", lambda: tab.charges.organisation.setCurrentIndex(2))

    if not with_import:
        _close(tab, ticks)
        return lines
    # The import, as the window runs it: the check, then the import, each in a worker.
    tab.sections.show_page("bookings")
    _wait(lambda: not bookings.loading())
    source = write_import_file(folder / "import.csv")
    ticks.reset()
    started = time.perf_counter()
    tab.importer.start("bookings", path=source)
    _wait(lambda: isinstance(tab.importer.dialog, ImportResultDialog), 300)
    checked = time.perf_counter()
    check_gap, check_own = ticks.longest(), ticks.worst_cpu
    check_dialog = tab.importer.dialog
    ticks.reset()
    imported_at = time.perf_counter()
    check_dialog.accept()
    _wait(lambda: tab.importer.dialog is not check_dialog, 300)
    _wait(lambda: not bookings.loading(), 300)
    ticks.settle(200)
    done = time.perf_counter()
    import_gap, import_own = ticks.longest(), ticks.worst_cpu
    figures.append((f"check {IMPORT_ROWS:,} bookings from the window (worker)", (checked - started) * 1000))
    figures.append((f"import {IMPORT_ROWS:,} bookings from the window (worker, and the pages reloading)",
                    (done - imported_at) * 1000))
    steps.append((f"Import: check {IMPORT_ROWS:,} bookings (the dry run)", 0.0, check_gap, check_own))
    steps.append((f"Import: import {IMPORT_ROWS:,} bookings, the pages reloading", 0.0, import_gap, import_own))
    lines.append(f"longest pause of the UI thread while checking the file: {check_gap:.1f} ms; while importing "
                 f"and reloading: {import_gap:.1f} ms; {tab.importer.dialog.summary.text()}")
    _close(tab, ticks)
    return lines


def _close(tab, ticks: Ticks) -> None:
    tab.close()
    ticks.timer.stop()
    tab.deleteLater()
    ticks.timer.deleteLater()
    ticks.settle(50)
