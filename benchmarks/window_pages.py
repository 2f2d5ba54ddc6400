"""Going through every tab and sub-page of the main window, as a user clicking through it does,
waiting on each until it has loaded what it shows (pages that read in the background answer
`loading()` meanwhile). For benchmarks that measure the window over the whole program.

    for where in every_page(window):   # "Meetings", "Meetings > Action log", ...
        ...                            # the page is shown and loaded
"""

from __future__ import annotations

import time
from collections.abc import Iterator

TIMEOUT_S = 300.0


def settled(window) -> bool:
    """Nothing still loading: no background read running, no page on screen waiting to reload
    and no page saying it is loading."""
    from PySide6.QtWidgets import QWidget

    from bscp_desktop.ui.common.notices import ReloadsWhenShown
    from bscp_desktop.ui.common.worker import BackgroundTask

    if BackgroundTask._running:
        return False
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, ReloadsWhenShown) and widget._stale:
            return False
        loading = getattr(widget, "loading", None)
        if callable(loading) and loading():
            return False
    return True


def wait_until_settled(window, timeout_s: float = TIMEOUT_S) -> float:
    """Process events until the window has settled; returns the seconds it took."""
    from PySide6.QtWidgets import QApplication

    started = time.perf_counter()
    quiet = 0
    while quiet < 3:  # settled for three turns in a row: a finished read may start the next
        QApplication.processEvents()
        quiet = quiet + 1 if settled(window) else 0
        if time.perf_counter() - started > timeout_s:
            raise TimeoutError(f"the window was still loading after {timeout_s:.0f} s")
        time.sleep(0.005)
    return time.perf_counter() - started


def _visible_tab_widgets(root) -> list:
    """The tab widgets shown inside `root` (not inside one another), in layout order."""
    from PySide6.QtWidgets import QTabWidget

    found = [t for t in root.findChildren(QTabWidget) if t.isVisible()]
    outermost = []
    for tabs in found:
        parent = tabs.parentWidget()
        nested = False
        while parent is not None and parent is not root:
            if isinstance(parent, QTabWidget) and parent in found:
                nested = True
                break
            parent = parent.parentWidget()
        if not nested:
            outermost.append(tabs)
    return outermost


def _walk(tabs, trail: tuple[str, ...], window) -> Iterator[str]:
    for index in range(tabs.count()):
        if not tabs.isTabEnabled(index):
            continue
        tabs.setCurrentIndex(index)
        wait_until_settled(window)
        here = (*trail, tabs.tabText(index).replace("&", ""))
        yield " > ".join(here)
        page = tabs.widget(index)
        for inner in _visible_tab_widgets(page):
            yield from _walk(inner, here, window)


def every_page(window) -> Iterator[str]:
    """Show each tab of the window and each sub-page inside it in turn (depth first), waiting
    for each to load; yields where it is ("Training > Bookings")."""
    wait_until_settled(window)
    yield from _walk(window.tabs, (), window)
