"""The one action log: every action of the program, from wherever it was raised, filtered by
where it came from, group, owner, status and overdue."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.dialogs import ActionDialog, ProgressUpdateDialog
from bscp_desktop.ui.common.editors import refill_combo, refill_group_filter
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column

OPEN_OR_IN_PROGRESS = "not_closed"
ADDED_IN_LOG = "log"


def action_columns(today) -> list[Column]:
    """What every list of actions shows; `today()` is asked when the list loads."""
    return [
        Column("Action", lambda a: a.description.replace("\n", " ")),
        Column("Owner", lambda a: a.owner),
        Column("Due", lambda a: a.due_date),
        Column(
            "Status", lambda a: "Overdue" if a.overdue_on(today()) else a.status.label,
            background=lambda a: WARNING_BACKGROUND if a.overdue_on(today()) else None,
        ),
        Column("Completed on", lambda a: a.completed_on),
        Column("Evidence of impact", lambda a: a.evidence.replace("\n", " ")),
    ]


class ActionLogPage(RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        self.fixed_today = today
        self.today = today or date.today()
        self.from_filter = QComboBox()
        self.from_filter.setAccessibleName("From filter")
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName("Group filter")
        self.owner_filter = QComboBox()
        self.owner_filter.setAccessibleName("Owner filter")
        self.owner_filter.setMinimumContentsLength(18)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        self.status_filter.addItem("Open or in progress", OPEN_OR_IN_PROGRESS)
        self.status_filter.addItem("All statuses", None)
        for s in ActionStatus:
            self.status_filter.addItem(s.label, s)
        self.overdue_only = QCheckBox("Overdue only")
        self.overdue_only.setAccessibleName("Overdue only")
        columns = [
            Column("Action", lambda a: a.description.replace("\n", " ")),
            Column("From", lambda a: a.source),
            Column("Owner", lambda a: a.owner),
            Column("Due", lambda a: a.due_date),
            Column("Status", lambda a: a.status),
            Column(
                "Overdue", lambda a: "Overdue" if a.overdue_on(self.today) else "",
                background=lambda a: WARNING_BACKGROUND if a.overdue_on(self.today) else None,
            ),
            Column("Completed on", lambda a: a.completed_on),
            Column("Evidence of impact", lambda a: a.evidence.replace("\n", " ")),
        ]
        super().__init__(
            db=db,
            noun="action",
            kinds=(RecordKind.ACTIONS, RecordKind.MEMBERSHIPS, *sorted(al.linked_kinds())),
            columns=columns,
            load=self._load,
            empty_text="No actions yet: actions recorded in the minutes, or raised from a recommendation, "
            "appear here; or press New action.",
            new_dialog=lambda parent: ActionDialog(db, None, parent),
            edit_dialog=lambda parent, row: ActionDialog(db, row, parent),
            archive=lambda row: al.archive_action(db, row.id),
            restore=lambda row: al.restore_action(db, row.id),
            parent=parent,
        )
        self.search.setMinimumWidth(180)
        self.update_action = self._action("Progress update…", self.progress_update)
        self.update_action.setToolTip("Record dated progress on the chosen action")
        self.add_filter_widget(self.from_filter, "From:")
        self.add_filter_widget(self.group_filter, "Group:")
        self.add_filter_widget(self.owner_filter, "Owner:")
        self.add_filter_widget(self.status_filter, "Status:")
        self.add_filter_widget(self.overdue_only)
        for combo in (self.from_filter, self.group_filter, self.owner_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        self.overdue_only.toggled.connect(lambda _c: self.reload())
        self.table.sortByColumn(3, self.table.horizontalHeader().sortIndicatorOrder())

    def _fill_filters(self) -> None:
        linked = sorted(al.linked_kinds(), key=lambda k: k.label)
        refill_combo(
            self.from_filter, [(k.label, k.value) for k in linked] + [("Added in the action log", ADDED_IN_LOG)],
            ("Anywhere", None),
        )
        refill_group_filter(self.group_filter, ms.list_groups(self.db))
        owners = [(label, f"person:{pid}") for label, pid in ms.person_choices(self.db)]
        owners += [(f"{label} (organisation)", f"organisation:{oid}") for label, oid in ms.organisation_choices(self.db)]
        refill_combo(self.owner_filter, owners, ("Anyone", None))

    def reload(self) -> None:
        self.today = self.fixed_today or date.today()  # read when the list loads, not when built
        self._fill_filters()
        super().reload()

    def _load(self, archived: bool):
        kind, _, owner = (self.owner_filter.currentData() or "").partition(":")
        status = self.status_filter.currentData()
        origin = self.from_filter.currentData()
        rows = al.list_action_log(
            self.db,
            group_id=self.group_filter.currentData(),
            owner_person_id=int(owner) if kind == "person" else None,
            owner_organisation_id=int(owner) if kind == "organisation" else None,
            status=status if isinstance(status, ActionStatus) else None,
            open_only=status == OPEN_OR_IN_PROGRESS,
            overdue_on=self.today if self.overdue_only.isChecked() else None,
            kind=RecordKind(origin) if origin not in (None, ADDED_IN_LOG) else None,
            include_archived=archived,
        )
        if origin == ADDED_IN_LOG:
            rows = [r for r in rows if r.origin.kind is None]
        return rows

    def _update_actions(self) -> None:
        super()._update_actions()
        if hasattr(self, "update_action"):
            self.update_action.setEnabled(self.selected() is not None)

    def progress_update(self) -> None:
        row = self.selected()
        if row is not None:
            ProgressUpdateDialog(self.db, row, self).exec()
