"""The one action log: every action of the program, filtered by group, owner, status, overdue."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.meetings.dialogs import AREA, ActionDialog, ProgressUpdateDialog

OPEN_OR_IN_PROGRESS = "not_closed"


class ActionLogPage(RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        self.db = db
        self.today = today or date.today()
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName("Group filter")
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Owner filter")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        self.status_filter.addItem("Open or in progress", OPEN_OR_IN_PROGRESS)
        self.status_filter.addItem("All statuses", None)
        for s in ActionStatus:
            self.status_filter.addItem(s.label, s)
        self.overdue_only = QCheckBox("Overdue only")
        self.overdue_only.setAccessibleName("Overdue only")
        super().__init__(
            noun="action",
            area=AREA,
            areas=("actions", "case_reviews", "audits", "memberships"),
            columns=[
                Column("Action", lambda r: r.action.description.replace("\n", " ")),
                Column("From", lambda r: r.source),
                Column("Owner", lambda r: r.action.owner),
                Column("Due", lambda r: r.action.due_date),
                Column("Status", lambda r: r.action.status),
                Column(
                    "Overdue", lambda r: "Overdue" if r.action.overdue_on(self.today) else "",
                    background=lambda r: WARNING_BACKGROUND if r.action.overdue_on(self.today) else None,
                ),
                Column("Completed on", lambda r: r.action.completed_on),
                Column("Evidence of impact", lambda r: r.action.evidence.replace("\n", " ")),
            ],
            load=self._load,
            empty_text="No actions yet: actions recorded against agenda items in the minutes appear here, "
            "or press New action.",
            new_dialog=lambda parent: ActionDialog(db, None, parent),
            edit_dialog=lambda parent, row: ActionDialog(db, row.action, parent),
            archive=lambda row: al.archive_action(db, row.id),
            restore=lambda row: al.restore_action(db, row.id),
            parent=parent,
        )
        self.update_action = self._action("Progress update…", self.progress_update)
        self.update_action.setToolTip("Record dated progress on the chosen action")
        self.add_filter_widget(self.group_filter, "Group:")
        self.add_filter_widget(self.owner_filter, "Owner:")
        self.add_filter_widget(self.status_filter, "Status:")
        self.add_filter_widget(self.overdue_only)
        for combo in (self.group_filter, self.owner_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue_only.toggled.connect(lambda _c: self.reload())
        self.table.sortByColumn(3, self.table.horizontalHeader().sortIndicatorOrder())

    def _fill_filters(self) -> None:
        group = self.group_filter.currentData()
        owner = self.owner_filter.currentData()
        for combo in (self.group_filter, self.owner_filter):
            combo.blockSignals(True)
            combo.clear()
        self.group_filter.addItem("All groups", None)
        for g in ms.list_groups(self.db):
            self.group_filter.addItem(g.name, g.id)
        self.owner_filter.addItem("Anyone", None)
        people, orgs = mt.owner_choices(self.db)
        for label, pid in people:
            self.owner_filter.addItem(label, f"person:{pid}")
        for label, oid in orgs:
            self.owner_filter.addItem(f"{label} (organisation)", f"organisation:{oid}")
        self.group_filter.setCurrentIndex(max(self.group_filter.findData(group), 0))
        self.owner_filter.setCurrentIndex(max(self.owner_filter.findData(owner), 0))
        for combo in (self.group_filter, self.owner_filter):
            combo.blockSignals(False)

    def reload(self) -> None:
        self._fill_filters()
        super().reload()

    def _load(self, archived: bool):
        kind, _, owner = (self.owner_filter.currentData() or "").partition(":")
        status = self.status_filter.currentData()
        rows = mt.list_action_log(
            self.db,
            group_id=self.group_filter.currentData(),
            owner_person_id=int(owner) if kind == "person" else None,
            owner_organisation_id=int(owner) if kind == "organisation" else None,
            status=status if isinstance(status, ActionStatus) else None,
            overdue_on=self.today if self.overdue_only.isChecked() else None,
            include_archived=archived,
        )
        if status == OPEN_OR_IN_PROGRESS:
            rows = [r for r in rows if not r.action.status.closed]
        return rows

    def _update_actions(self) -> None:
        super()._update_actions()
        if hasattr(self, "update_action"):
            self.update_action.setEnabled(self.selected() is not None)

    def show_action(self, action_id: int) -> None:
        """Select one action whatever the filters, and open it."""
        for combo in (self.group_filter, self.owner_filter):
            combo.setCurrentIndex(0)
        self.status_filter.setCurrentIndex(self.status_filter.findData(None))
        self.overdue_only.setChecked(False)
        self.search.clear()
        self.reload()
        self.select_id(action_id)
        if self.selected() is not None and self.selected().id == action_id:
            self.on_edit()

    def progress_update(self) -> None:
        row = self.selected()
        if row is not None:
            ProgressUpdateDialog(self.db, row.action, self).exec()
