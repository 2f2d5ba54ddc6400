"""The tabs, one per area of the registry (`bscp_desktop/areas.py`), in its order."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from bscp_desktop.areas import AREAS
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.ui.common.labels import empty_state, plain_label


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
    """One sentence in place of a tab or page: not built yet, or closed to the connected user."""

    def __init__(self, sentence: str, parent=None):
        super().__init__(parent)
        label = plain_label(sentence, self, wrap=True, name="Why this is empty")  # may name a file or a login
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_state(label)
        self.sentence = label
        layout = QVBoxLayout(self)
        layout.addWidget(label)

    def reload(self) -> None:
        pass

    def refresh(self) -> None:
        pass


class RefusedTab(NotBuiltTab):
    """A tab or page whose records the team database's grants keep from the connected user."""


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
    from bscp_desktop.services import access  # the database code loads after the window's frame

    refused = access.area_refusal(db, RecordKind(spec.area), spec.title.lower())
    if refused:
        return RefusedTab(refused, parent)
    cls = getattr(importlib.import_module(spec.module), spec.cls)
    return cls(db, parent)
