"""The six tabs, in the order the team asked for. Each entry builds its tab for a database."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from bscp_desktop.modules import module_exists


@dataclass(frozen=True)
class TabSpec:
    """`module` holds a class `cls(db, parent)`; until the module exists the tab says so."""

    title: str
    area: str
    module: str
    cls: str
    not_built: str = ""

    @property
    def available(self) -> bool:
        return module_exists(self.module)


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
    TabSpec("Meetings", "meetings", "bscp_desktop.ui.meetings.tab", "MeetingsTab",
            "Meetings, agendas, attendance and minutes are not in this version yet."),
    TabSpec("Memberships", "memberships", "bscp_desktop.ui.memberships.tab", "MembershipsTab"),
    TabSpec("Case reviews", "case_reviews", "bscp_desktop.ui.case_reviews.tab", "CaseReviewsTab",
            "The case review tracker is not in this version yet."),
    TabSpec("Audits", "audits", "bscp_desktop.ui.audits.tab", "AuditsTab",
            "Multi-agency audits and Section 11 self-assessments are not in this version yet."),
    TabSpec("Training", "training", "bscp_desktop.ui.training.tab", "TrainingTab",
            "The training programme is not in this version yet."),
    TabSpec("Finance", "finance", "bscp_desktop.ui.finance.tab", "FinanceTab",
            "Partner contributions and expenditure are not in this version yet."),
]


def build_tab(spec: TabSpec, db, parent: QWidget) -> QWidget:
    if not spec.available:
        return NotBuiltTab(spec.not_built, parent)
    cls = getattr(importlib.import_module(spec.module), spec.cls)
    return cls(db, parent)
