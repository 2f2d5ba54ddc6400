"""The six tabs, in the order the team asked for. Each entry builds its tab for a database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


@dataclass(frozen=True)
class TabSpec:
    title: str
    area: str
    build: Callable[[object, QWidget], QWidget] | None
    not_built: str = ""


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


def _memberships(db, parent):
    from bscp_desktop.ui.memberships.tab import MembershipsTab

    return MembershipsTab(db, parent)


TABS: list[TabSpec] = [
    TabSpec("Meetings", "meetings", None,
            "Meetings, agendas, attendance and minutes are not in this version yet; they come next."),
    TabSpec("Memberships", "memberships", _memberships),
    TabSpec("Case reviews", "case_reviews", None,
            "The case review tracker is not in this version yet."),
    TabSpec("Audits", "audits", None,
            "Multi-agency audits and Section 11 self-assessments are not in this version yet."),
    TabSpec("Training", "training", None,
            "The training programme is not in this version yet."),
    TabSpec("Finance", "finance", None,
            "Partner contributions and expenditure are not in this version yet."),
]


def build_tab(spec: TabSpec, db, parent: QWidget) -> QWidget:
    if spec.build is None:
        return NotBuiltTab(spec.not_built, parent)
    return spec.build(db, parent)
