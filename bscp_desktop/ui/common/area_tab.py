"""What every area's tab is made of: its sections as the pages of a tab widget filling the tab,
under the OFFICIAL-SENSITIVE banner where the area's records are sensitive."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

BANNER_STYLE = "background: #fff4d6; color: #5c3d00; padding: 4px; border: 1px solid #e0c27a;"


def sensitive_banner(text: str, parent: QWidget) -> QLabel:
    """The security marking shown across the top of a sensitive area."""
    banner = QLabel(text, parent)
    banner.setWordWrap(True)
    banner.setAccessibleName("Security marking")
    banner.setStyleSheet(BANNER_STYLE)
    return banner


def area_sections(tab: QWidget, pages: Sequence[tuple[QWidget, str]], banner: str = "") -> QTabWidget:
    """The tab's layout: `pages` as (page, title) sections, below `banner` when given."""
    sections = QTabWidget(tab)
    sections.setDocumentMode(True)
    for page, title in pages:
        sections.addTab(page, title)
    layout = QVBoxLayout(tab)
    layout.setContentsMargins(4, 4, 4, 4)
    if banner:
        layout.addWidget(sensitive_banner(banner, tab))
    layout.addWidget(sections, 1)
    return sections
