"""The learning log: every learning point from the case audits, and where it was shared."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.ui.audits.audit_dialogs import LearningDialog
from bscp_desktop.ui.common.editors import refill_combo
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.table_model import Column

AREA = "audits"


class LearningPage(RecordListPage):
    def __init__(self, db, parent=None):
        self.db = db
        self.audit_filter = QComboBox()
        self.audit_filter.setAccessibleName("Audit filter")
        super().__init__(
            noun="learning point",
            area=AREA,
            columns=[
                Column("Audit", lambda p: p.audit_reference),
                Column("Learning point", lambda p: p.text.replace("\n", " "), tooltip=lambda p: p.text),
                Column("Theme", lambda p: p.theme),
                Column("Where shared", lambda p: p.where_shared or "Not shared yet"),
                Column("Shared on", lambda p: p.shared_on),
            ],
            load=lambda archived: le.list_learning(db, self.audit_filter.currentData(), include_archived=archived),
            empty_text="No learning recorded yet: press New learning point after an audit's joint discussion.",
            new_dialog=lambda p: LearningDialog(db, None, p, audit_id=self.audit_filter.currentData()),
            edit_dialog=lambda p, row: LearningDialog(db, row, p),
            archive=lambda row: le.archive_learning(db, row.id),
            restore=lambda row: le.restore_learning(db, row.id),
            parent=parent,
        )
        self.add_filter_widget(self.audit_filter, "Audit:")
        self.audit_filter.currentIndexChanged.connect(lambda _i: self.reload())

    def reload(self) -> None:
        refill_combo(self.audit_filter, ca.audit_choices(self.db), ("All audits", None))
        super().reload()
