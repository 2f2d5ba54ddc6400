"""What every area's tab is made of: its sections as the pages of a tab widget filling the tab,
under the OFFICIAL-SENSITIVE banner where the area's records are sensitive, each page made the
first time it is shown (given as makers; see `Sections`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

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


def _lay_out(tab: QWidget, sections: QTabWidget, banner: str) -> None:
    sections.setDocumentMode(True)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(4, 4, 4, 4)
    if banner:
        layout.addWidget(sensitive_banner(banner, tab))
    layout.addWidget(sections, 1)
