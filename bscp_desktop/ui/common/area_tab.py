"""What every area's tab is made of: its sections as the pages of a tab widget filling the tab,
under the OFFICIAL-SENSITIVE banner where the area's records are sensitive, each page made the
first time it is shown (given as makers; see `Sections`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QTabBar, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.ui.common.sections import Sections

BANNER_STYLE = "background: #fff4d6; color: #5c3d00; padding: 4px; border: 1px solid #e0c27a;"


def sensitive_banner(text: str, parent: QWidget) -> QLabel:
    """The security marking shown across the top of a sensitive area."""
    banner = QLabel(text, parent)
    banner.setWordWrap(True)
    banner.setAccessibleName("Security marking")
    banner.setStyleSheet(BANNER_STYLE)
    return banner


def tab_shortcuts(tab: QWidget, workbook: QAction, printed: QAction | None = None) -> None:
    """The area's workbook on Ctrl+E and its printed report (when it has one) on Ctrl+P, while
    the tab or anything in it has the focus: each tab's keys are its own."""
    keyed = [(workbook, QKeySequence("Ctrl+E"))]
    if printed is not None:
        keyed.append((printed, QKeySequence(QKeySequence.StandardKey.Print)))
    for action, keys in keyed:
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        tab.addAction(action)


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


def _lay_out(tab: QWidget, sections: QTabWidget, banner: str) -> None:
    furnish(sections)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(4, 4, 4, 4)
    if banner:
        layout.addWidget(sensitive_banner(banner, tab))
    layout.addWidget(sections, 1)
