"""Laying widgets out in a line: `in_a_column(parent, ...)` one above the other, `in_a_row(...)`
side by side. Each part is a widget, a layout, `(widget_or_layout, stretch)`, or a number (a
stretch: empty space that takes that share). `captioned` puts a caption before each field."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget


def _fill(layout: QBoxLayout, parts) -> QBoxLayout:
    for part in parts:
        part, stretch = part if isinstance(part, tuple) else (part, 0)
        if isinstance(part, int):
            layout.addStretch(part)
        elif isinstance(part, QLayout):
            layout.addLayout(part, stretch)
        else:
            layout.addWidget(part, stretch)
    return layout


def in_a_column(parent: QWidget, *parts, margins: bool = False) -> QVBoxLayout:
    """`parent`'s layout: `parts` one above the other (without margins unless asked)."""
    layout = QVBoxLayout(parent)
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    return _fill(layout, parts)


def in_a_row(*parts) -> QHBoxLayout:
    """`parts` side by side, to place in a column or another layout."""
    return _fill(QHBoxLayout(), parts)


def captioned(parent: QWidget, *pairs: tuple[str, QWidget]) -> list[QWidget]:
    """For each (caption, field): the caption, the field's buddy (its Alt+letter goes there),
    then the field; to lay out in a row."""
    parts: list[QWidget] = []
    for text, field in pairs:
        caption = QLabel(text, parent)
        caption.setBuddy(field)
        parts += [caption, field]
    return parts
