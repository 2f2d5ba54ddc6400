"""The tabs, one per area of the registry (`bscp_desktop/areas.py`), in its order."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from bscp_desktop.areas import AREAS


@dataclass(frozen=True)
class TabSpec:
    """`module` holds a class `cls(db, parent)`; a planned area's tab says `not_built`."""

    title: str
    area: str
    module: str
    cls: str
    not_built: str = ""
    planned: bool = False

    @property
    def available(self) -> bool:
        return not self.planned


class NotBuiltTab(QWidget):
    def __init__(self, sentence: str, parent=None):
        super().__init__(parent)
        label = QLabel(sentence, self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #555555; font-size: 12pt; padding: 24px;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def reload(self) -> None:
        pass


TABS: list[TabSpec] = [
    TabSpec(a.title, a.key, a.tab_module, a.tab_class, a.not_built, a.planned) for a in AREAS
]


def preload(specs: list[TabSpec]) -> None:
    """Load the tabs' code (from a worker thread while the window opens its database)."""
    for spec in specs:
        if spec.available:
            importlib.import_module(spec.module)


def build_tab(spec: TabSpec, db, parent: QWidget) -> QWidget:
    if not spec.available:
        return NotBuiltTab(spec.not_built, parent)
    cls = getattr(importlib.import_module(spec.module), spec.cls)
    return cls(db, parent)
