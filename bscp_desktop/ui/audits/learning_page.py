"""The learning log: every learning point from the case audits, and where it was shared."""

from __future__ import annotations

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.ui.audits.audit_dialogs import LearningDialog
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.table_model import Column

LEARNING = PageSpec(
    noun="learning point",
    kinds=(RecordKind.AUDITS, RecordKind.MEETINGS),
    columns=[
        Column("Audit", lambda p: p.audit_reference),
        Column("Learning point", lambda p: p.text.replace("\n", " "), tooltip=lambda p: p.text),
        Column("Theme", lambda p: p.theme),
        Column("Where shared", lambda p: p.where_shared or "Not shared yet"),
        Column("Shared on", lambda p: p.shared_on),
    ],
    load=lambda db, q: le.list_learning(db, q["audit_id"], include_archived=q.include_archived),
    empty_text="No learning recorded yet: press New learning point after an audit's joint discussion.",
    dialog=LearningDialog,
    archive=le.archive_learning,
    restore=le.restore_learning,
    filters=(Filter("audit_id", "Audit:", ca.audit_choices, "All audits"),),
)


class LearningPage(RecordListPage):
    def __init__(self, db, parent=None):
        super().__init__(db, LEARNING, parent)

    def new_dialog(self, parent):
        """A new learning point starts with the audit the list is filtered to."""
        return LearningDialog(self.db, None, parent, audit_id=self.filters["audit_id"].currentData())
