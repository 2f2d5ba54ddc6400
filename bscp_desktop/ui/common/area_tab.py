"""What every area's tab is made of: its sections as the pages of a tab widget filling the tab,
under the OFFICIAL-SENSITIVE banner where the area's records are sensitive, each page made the
first time it is shown (given as makers; see `Sections`), and what the window asks of every tab
(`AreaTab`: its outputs for File > Export, reading again, saving what is held back)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QTabBar, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.ui.common.sections import Sections

BANNER_STYLE = "background: #fff4d6; color: #5c3d00; padding: 4px; border: 1px solid #e0c27a;"


def sensitive_banner(text: str, parent: QWidget) -> QLabel:
    """The security marking shown across the top of a sensitive area."""
    banner = QLabel(text, parent)
    banner.setWordWrap(True)
    banner.setAccessibleName("Security marking")
    banner.setStyleSheet(BANNER_STYLE)
    return banner


def output_keys() -> tuple[QKeySequence, QKeySequence]:
    """The workbook's keys and the printed report's (made once the application runs)."""
    return QKeySequence("Ctrl+E"), QKeySequence(QKeySequence.StandardKey.Print)  # Ctrl+P


class AreaTab(QWidget):
    """An area's tab, as the window asks of it: `export_actions()` for File > Export, `reload()`
    and `flush()`. The tab sets `self.sections` (`area_sections_made_when_shown`), and either
    sets `self._outputs` as it is made or gives `make_outputs()`, called when the outputs are
    first asked for (a tab built at start then loads no output's code)."""

    def __init__(self, db, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self._outputs: list[QAction] = []  # File > Export's entries

    def make_outputs(self) -> list[QAction]:
        """The area's outputs, for a tab making them when first asked for."""
        return []

    def export_actions(self) -> list[QAction]:
        """File > Export: the area's outputs (the registered jobs of the area)."""
        if not self._outputs:
            self._outputs = self.make_outputs()
        return list(self._outputs)

    def output(self, job_name: str, index: int = 0) -> QAction:
        """The entry of File > Export for one output of the job `job_name`."""
        from bscp_desktop.ui.common.outputs import find_action  # the output code, loaded when first used

        return find_action(self.export_actions(), job_name, index)

    def reload(self) -> None:
        """Every page made reads again: at once if on screen, else when next shown; a page not
        made yet reads when it is."""
        for page in self.sections.built():
            page.refresh()

    def flush(self) -> None:
        """Nothing is held back: every dialog saves as it closes."""


Output = QAction | Callable[[], QAction]  # an output's entry, or what makes it when first used


def tab_shortcuts(tab: QWidget, workbook: Output, printed: Output | None = None) -> None:
    """The area's workbook on Ctrl+E and its printed report (when it has one) on Ctrl+P, while
    the tab or anything in it has the focus: each tab's keys are its own. The keys are on actions
    of the tab's own, named as the outputs and in no menu, so that File > Export, listing every
    tab's outputs, shows no key beside them: File's "… of the tab in front" entries show the keys
    once (`FrontTabKeys`). An output given as a function is made when first used: a tab built at
    start loads no output's code."""
    for output, keys in zip((workbook, printed), output_keys(), strict=True):
        if output is None:
            continue
        key = QAction(output.text() if isinstance(output, QAction) else "", tab)
        key.setShortcut(keys)
        key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        key.triggered.connect(lambda _checked=False, output=output: _made(output).trigger())
        tab.addAction(key)


def output_button(action: QAction, parent: QWidget, text: str = "") -> QPushButton:
    """A button beside what an output is about, pressing its entry `action`: showing `text`
    (else the entry's own words), named as the entry without its "…"."""
    button = QPushButton(text or action.text(), parent)
    button.setAccessibleName(action.text().rstrip("…"))
    button.clicked.connect(action.trigger)
    return button


def _made(output: Output) -> QAction:
    return output if isinstance(output, QAction) else output()


def keyed_output(tab: QWidget | None, keys: QKeySequence) -> QAction | None:
    """The action `tab_shortcuts` put on `keys` in `tab`, or None (the tab has no such output)."""
    actions = tab.actions() if tab is not None else []
    return next((a for a in actions if a.shortcut() == keys), None)


class FrontTabKeys(QObject):
    """File's entries "Workbook of the tab in front" and "Printed report of the tab in front",
    with Ctrl+E and Ctrl+P beside them: the only entries showing those keys (File > Export lists
    each output without one). The keys themselves are each tab's (`tab_shortcuts`); on the
    window's row of tabs, where the focus sits once a tab is clicked, they reach the tab in front
    too. Each entry names the tab in front, and is not offered when that tab has no such output."""

    def __init__(self, tabs: QTabWidget, menu: QMenu, parent: QWidget):
        super().__init__(parent)
        self.tabs = tabs
        self.entries: list[QAction] = []
        for what, keys in zip(("Workbook", "Printed report"), output_keys(), strict=True):
            entry = QAction(what, parent)
            entry.setData(keys)
            entry.triggered.connect(lambda _checked=False, keys=keys: self.trigger(keys))
            self.entries.append(entry)
            on_the_bar = QShortcut(keys, tabs.tabBar(), lambda keys=keys: self.trigger(keys))
            on_the_bar.setContext(Qt.ShortcutContext.WidgetShortcut)
        menu.addActions(self.entries)
        menu.aboutToShow.connect(self.update)
        self.update()

    def trigger(self, keys: QKeySequence) -> None:
        output = keyed_output(self.tabs.currentWidget(), keys)
        if output is not None and output.isEnabled():
            output.trigger()

    def update(self) -> None:
        """Name the tab in front in each entry, which is not offered when the tab has no such output."""
        title = self.tabs.tabText(self.tabs.currentIndex()).replace("&", "")
        for entry, what in zip(self.entries, ("Workbook", "Printed report"), strict=True):
            output = keyed_output(self.tabs.currentWidget(), entry.data())
            # the key after a tab is shown as a menu shows a shortcut, but is not set on the
            # entry: it never competes with the tab's own
            keys = entry.data().toString(QKeySequence.SequenceFormat.NativeText)
            # "&W", "&P": Alt, F and the letter reach it as they reach every File entry
            entry.setText(f"&{what} of the tab in front{f' ({title})' if title else ''}…\t{keys}")
            entry.setEnabled(output is not None)
            entry.setToolTip((output.text().rstrip("…") or f"The {title} tab's {what.lower()}") if output is not None else
                             f"The {title} tab has no {what.lower()} of its own: File > Export lists its outputs")


def new_from_the_tab_bar(bar: QTabBar, front: Callable[[], QWidget | None]) -> None:
    """Ctrl+N on a row of tabs (where the focus sits when the window opens or a tab is clicked)
    adds one on the page in front (`front()`), as it does once the focus is in the page: its
    New action is triggered, when it has one shown and enabled. The page's own keys hold only
    inside it, so the two never compete."""

    def add() -> None:
        page = front()
        if page is None:
            return
        for action in page.findChildren(QAction):
            owner = action.parent()
            if (action.shortcut() == QKeySequence(QKeySequence.StandardKey.New) and action.isEnabled()
                    and isinstance(owner, QWidget) and owner.isVisible()):
                action.trigger()
                return

    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), bar, add)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)


class SubTabKeys(QObject):
    """Ctrl+Tab and Ctrl+Shift+Tab move the sub-tabs of the page in front, wherever the focus is
    in the window: on the window's own row of tabs (where it sits when the window opens or a tab
    is clicked) and beside it (Search…), as already inside the page. Qt's tab widget would move
    the window's tabs from there; those move on Ctrl+PgDown and Ctrl+PgUp (View > Next tab).

    Given `sections`, the keys no widget inside `host` used move those instead: in an open
    meeting its own pages, wherever the focus is in it (Qt would move the Meetings tab's pages
    from its heading, leaving the meeting)."""

    def __init__(self, host: QWidget, sections: Callable[[], QTabWidget | None] | None = None):
        super().__init__(host)
        self.sections = sections or (lambda: getattr(host.currentWidget(), "sections", None))
        host.installEventFilter(self)  # the keys no widget inside used come up to it

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() != QEvent.Type.KeyPress or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                or not event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            return False
        back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        sections = self.sections()
        if isinstance(sections, QTabWidget) and not sections.isHidden():
            step_sub_tab(sections, -1 if back else 1)
        return True  # never the tabs around it


def step_sub_tab(sections: QTabWidget, step: int) -> None:
    """Show the next sub-tab on (or back) that is offered, round from the last to the first."""
    count, index = sections.count(), sections.currentIndex()
    for _ in range(count):
        index = (index + step) % count
        if sections.isTabEnabled(index) and sections.isTabVisible(index):
            sections.setCurrentIndex(index)
            return


def area_sections_made_when_shown(
    tab: QWidget, pages: Mapping[str, tuple[str, Callable[[], QWidget]]], banner: str = "",
    on_built: Callable[[str, QWidget], None] | None = None,
) -> Sections:
    """The tab's layout with each page made the first time it is shown (or asked for): `pages`
    maps a page's name to its title and its maker; `on_built` is told of each page once made.
    Opening the tab costs one page, not all of them."""
    sections = Sections(dict(pages), tab)
    sections.on_built = on_built
    _lay_out(tab, sections, banner)
    return sections


def furnish(sections: QTabWidget) -> None:
    """What every tab's row of sub-tabs has: drawn flat, and Ctrl+N on it adding a record of the
    page shown. A tab laying its sections out itself (Training, with its buttons above) calls it."""
    sections.setDocumentMode(True)
    new_from_the_tab_bar(sections.tabBar(), sections.currentWidget)


def named_pages(tab: QWidget, title: str) -> QWidget:
    """`tab` (an area's, titled `title`) with its row of sub-tabs named for a screen reader: the
    tab widget "<title> pages" unless it has a name of its own, and its tab bar as the tab widget."""
    sections = getattr(tab, "sections", None)
    if isinstance(sections, QTabWidget):
        if not sections.accessibleName():
            sections.setAccessibleName(f"{title} pages")
        sections.tabBar().setAccessibleName(sections.accessibleName())
    return tab


def _lay_out(tab: QWidget, sections: QTabWidget, banner: str) -> None:
    furnish(sections)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(4, 4, 4, 4)
    if banner:
        layout.addWidget(sensitive_banner(banner, tab))
    layout.addWidget(sections, 1)
