"""The yearly report window's side panes, whole at any text size: the list of sections and the
checklist each at least as wide as their longest word needs (a list wraps its entries between
words, never inside one), and the checklist's legend one mark a line, each mark beside its
meaning."""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QListWidget, QStyle, QWidget

from bscp_desktop.domain.yearly_report import EXPECTATIONS, SECTIONS, CheckState
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.ui.common.labels import note_label

#: The checklist's marks and what each means; a line marked "!" says why after its dash.
LEGEND = (("✓", "has content"), ("○", "empty"), ("!", "needs attention: the line says why"))


def section_entries() -> list[str]:
    """Every entry the list of sections may show, numbered as the window numbers them."""
    return [f"{number:02d} {s.title}" + (" (built)" if s.built else "") for number, s in enumerate(SECTIONS, start=1)]


def checklist_texts() -> list[str]:
    """Every word the checklist may show: its expectations and what a line may say of a section."""
    states = [state.label.lower() for state in CheckState] + [yr.WordsState.TO_CHECK.label.lower()]
    return [e.text for e in EXPECTATIONS] + [s.title for s in SECTIONS] + states


def words_room(items: QListWidget, texts: Iterable[str]) -> int:
    """The least width of a list that wraps its entries (`labels.wrapped_list`) at which every
    word of `texts` shows whole: the widest word, after the number a numbered entry's later
    lines start beyond ("03 Partnership arrangements"), with the margin the list leaves either
    side of an entry's text, its frame and its scroll bar."""
    metrics = QFontMetricsF(items.font())
    widest = 0.0
    for text in texts:
        first, *rest = text.split() or [""]
        numbered = bool(rest) and first.rstrip(".)").isdigit()
        indent = metrics.horizontalAdvance(first + " ") if numbered else 0.0
        words = rest if numbered else [first, *rest]
        widest = max(widest, indent + max(metrics.horizontalAdvance(word) for word in words))
    style = items.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, items) + 1
    bar = style.pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, items)
    return math.ceil(widest) + 1 + 2 * margin + 2 * items.frameWidth() + bar


def legend(parent: QWidget) -> QLabel:
    """The checklist's legend: one mark a line, the mark kept on the line of its meaning's first word."""
    label = note_label("\n".join(f"{mark}\u00a0{meaning}" for mark, meaning in LEGEND), parent, small=True)
    label.setAccessibleName("What the checklist's marks mean")
    return label
