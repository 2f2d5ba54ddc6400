"""The case audits' recommendations with their action counts, and below them the actions of
the selected one (the same actions the action log shows)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from bscp_desktop.domain.audits import AUDIT_ALIAS_REMINDER
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.actions.pages import LinkedActionsPage
from bscp_desktop.ui.audits.audit_dialogs import AuditRecommendationDialog
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column

REMINDER = "Use the alias, never a name."

RECOMMENDATIONS = PageSpec(
    noun="recommendation",
    kinds=(RecordKind.AUDITS, RecordKind.ACTIONS, RecordKind.MEMBERSHIPS),
    columns=[
        Column("Audit", lambda r: r.audit_reference),
        Column("No.", lambda r: r.number, align_right=True),
        Column("Lead agency", lambda r: r.lead_organisation_name),
        Column("Actions", lambda r: r.actions_total, align_right=True),
        Column("Open", lambda r: r.actions_open, align_right=True),
        Column("Overdue", lambda r: r.actions_overdue, align_right=True,
               background=lambda r: WARNING_BACKGROUND if r.actions_overdue else None),
        Column("Recommendation", lambda r: r.text.replace("\n", " "), tooltip=lambda r: r.text),
    ],
    load=lambda db, q: le.list_recommendations(db, q["audit_id"], include_archived=q.include_archived, today=q.today),
    empty_text="No recommendations yet: select an audit and press New recommendation to record what it recommends.",
    dialog=lambda db, record, parent: AuditRecommendationDialog(db, None, record, parent),
    archive=le.archive_recommendation,
    restore=le.restore_recommendation,
    filters=(Filter("audit_id", "Audit:", ca.audit_choices, "All audits"),),
)


class AuditRecommendationsPage(RecordListPage):
    """Recommendations of the case audits; the selected one's actions below."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, RECOMMENDATIONS, parent, today=today)
        self.audit_filter = self.filters["audit_id"]
        self.actions = LinkedActionsPage(
            db, self, kinds=(RecordKind.AUDITS,), today=today, reminder=REMINDER,
            load=lambda rec, archived: le.recommendation_actions(db, rec.id, include_archived=archived),
            new_action=lambda parent, rec: ActionDialog(
                db, None, parent, source=f"Case audit {rec.audit_reference}: recommendation {rec.number}. {rec.text}",
                owner_organisation_id=rec.lead_organisation_id, reminder=REMINDER,
                create=lambda fields: le.add_recommendation_action(db, rec.id, fields),
            ),
        )
        heading = QLabel("Actions for the selected recommendation (they also appear in the action log):")
        heading.setWordWrap(True)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(heading)
        lower_layout.addWidget(self.actions)
        layout = self.layout()
        layout.removeWidget(self.stack)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(lower)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.actions.refresh())
        self.new_action.setToolTip(AUDIT_ALIAS_REMINDER)

    def new_dialog(self, parent):
        """A new recommendation starts with the audit the list is filtered to."""
        return AuditRecommendationDialog(self.db, self.audit_filter.currentData(), None, parent)
