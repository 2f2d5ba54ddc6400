"""The one action log: every action of the program, from wherever it was raised, filtered by
where it came from, group, owner, status and overdue."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QCheckBox

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.memberships.choices import ARCHIVED
from bscp_desktop.ui.actions.dialogs import ActionDialog, ProgressUpdateDialog
from bscp_desktop.ui.common.amendment import asking_reason
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column

OPEN_OR_IN_PROGRESS = "not_closed"
ADDED_IN_LOG = "log"


def missing_column() -> Column:
    """An older action saved without an owner, a due date or (done) evidence is flagged, not lost."""
    return Column(
        "Missing", lambda a: a.gaps_text,
        background=lambda a: WARNING_BACKGROUND if a.gaps else None,
        tooltip=lambda a: "; ".join(a.gaps.values()),
    )


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
        missing_column(),
        Column("Completed on", lambda a: a.completed_on),
        Column("Evidence of impact", lambda a: a.evidence.replace("\n", " ")),
    ]


def _owners(db) -> list[tuple[str, str]]:
    """Live people and organisations, and the archived ones still owning an action in the log
    (marked archived): their actions stay listed, so they can still be filtered by. An
    organisation lists its own actions and its people's; a person, theirs only."""
    owners = [(label, f"person:{pid}") for label, pid in ms.person_choices(db, named_by=RecordKind.ACTIONS)]
    return owners + [(_organisation(label), f"organisation:{oid}")
                     for label, oid in ms.organisation_choices(db, named_by=RecordKind.ACTIONS)]


def _organisation(label: str) -> str:
    """"Brent Council (and its people)": it lists the actions of the people whose organisation it
    is too; an archived one "... (and its people) (archived)"."""
    name, archived = (label.removesuffix(ARCHIVED), ARCHIVED) if label.endswith(ARCHIVED) else (label, "")
    return f"{name} (and its people){archived}"


def _groups(db) -> list[tuple[str, int]]:
    """Live groups, and the archived ones whose meetings raised an action in the log."""
    return ms.group_choices(db, named_by=RecordKind.ACTIONS)


def _origins(_db) -> list[tuple[str, str]]:
    linked = sorted(al.linked_kinds(), key=lambda k: k.label)
    return [(k.label, k.value) for k in linked] + [("Added in the action log", ADDED_IN_LOG)]


def _statuses(_db) -> list[tuple[str, object]]:
    return [("Open or in progress", OPEN_OR_IN_PROGRESS), ("All statuses", None)] + [(s.label, s) for s in ActionStatus]


def load_log(db, q) -> list[al.ActionDTO]:
    kind, _, owner = (q["owner"] or "").partition(":")
    status, origin = q["status"], q["origin"]
    rows = al.list_action_log(
        db,
        group_id=q["group_id"],
        owner_person_id=int(owner) if kind == "person" else None,
        owner_organisation_id=int(owner) if kind == "organisation" else None,
        status=status if isinstance(status, ActionStatus) else None,
        open_only=status == OPEN_OR_IN_PROGRESS,
        overdue_on=q.today if q["overdue_only"] else None,
        kind=RecordKind(origin) if origin not in (None, ADDED_IN_LOG) else None,
        include_archived=q.include_archived,
    )
    if origin == ADDED_IN_LOG:
        rows = [r for r in rows if r.origin.kind is None]
    return [r for r in rows if r.gaps] if q["missing_only"] else rows


def _source_order(action: al.ActionDTO) -> str:
    """How the From column sorts: a group's meetings by date (not by the day of the month
    their label starts with), and item 2 before item 10."""
    origin = action.origin
    label = re.sub(r"\d+", lambda number: number.group().zfill(9), origin.label.casefold())
    return f"{origin.group_name.casefold()}\0{origin.on.isoformat() if origin.on else ''}\0{label}"


ACTION_LOG = PageSpec(
    noun="action",
    kinds=(RecordKind.ACTIONS, RecordKind.MEMBERSHIPS, *sorted(al.linked_kinds())),
    columns=lambda today: [
        Column("Action", lambda a: a.description.replace("\n", " ")),
        Column("From", lambda a: a.source, sort=_source_order),
        Column("Owner", lambda a: a.owner),
        Column("Due", lambda a: a.due_date),
        Column("Status", lambda a: a.status),
        Column(
            "Overdue", lambda a: "Overdue" if a.overdue_on(today()) else "",
            background=lambda a: WARNING_BACKGROUND if a.overdue_on(today()) else None,
        ),
        missing_column(),
        Column("Completed on", lambda a: a.completed_on),
        Column("Evidence of impact", lambda a: a.evidence.replace("\n", " ")),
    ],
    load=load_log,
    empty_text="No actions yet: actions recorded in the minutes, or raised from a recommendation, "
    "appear here; or press New action.",
    dialog=ActionDialog,
    # an action raised in a meeting whose minutes are approved comes and goes as an amendment
    archive=lambda db, action_id: asking_reason(
        None, "Archiving the action", lambda reason: al.archive_action(db, action_id, reason=reason)),
    restore=lambda db, action_id: asking_reason(
        None, "Restoring the action", lambda reason: al.restore_action(db, action_id, reason=reason)),
    filters=(
        Filter("origin", "From:", _origins, "Anywhere"),
        Filter("group_id", "Group:", _groups, "All groups"),
        Filter("owner", "Owner:", _owners, "Anyone"),
        Filter("status", "Status:", _statuses, None),
    ),
    any_on_record=al.any_actions,
)


class ActionLogPage(RecordListPage):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, ACTION_LOG, parent, today=today)
        self.from_filter = self.filters["origin"]
        self.group_filter = self.filters["group_id"]
        self.owner_filter = self.filters["owner"]
        self.status_filter = self.filters["status"]
        self.overdue_only = QCheckBox("Overdue only")
        self.overdue_only.setAccessibleName("Overdue only")
        self.add_filter_widget(self.overdue_only)
        self.overdue_only.toggled.connect(lambda _c: self.reload())
        self.missing_only = QCheckBox("Missing details only")
        self.missing_only.setAccessibleName("Missing details only")
        self.missing_only.setToolTip("Actions saved without an owner, a due date, or evidence of impact once done")
        self.add_filter_widget(self.missing_only)
        self.missing_only.toggled.connect(lambda _c: self.reload())
        self.update_action = self._action("Progress update…", self.progress_update)
        self.update_action.setToolTip("Record dated progress on the chosen action")
        self.table.sortByColumn(3, self.table.horizontalHeader().sortIndicatorOrder())

    def query(self):
        q = super().query()
        q.filters["overdue_only"] = self.overdue_only.isChecked()
        q.filters["missing_only"] = self.missing_only.isChecked()
        return q

    def filters_set(self) -> bool:
        return super().filters_set() or self.overdue_only.isChecked() or self.missing_only.isChecked()

    def clear_filters(self, record=None) -> None:
        super().clear_filters(record)
        for box in (self.overdue_only, self.missing_only):
            box.blockSignals(True)
            box.setChecked(False)
            box.blockSignals(False)

    def update_actions(self, row) -> None:
        self.offer_tool(self.update_action, "" if row is not None else "Choose an action first.")

    def show_action(self, action_id: int) -> None:
        """Select one action whatever the filters, and open it; an archived one (archived after a
        search found it, say) is shown selected with the archived ones, as every list shows one."""
        self.clear_filters()
        self.reload(then=lambda: self._open_action(action_id))

    def _open_action(self, action_id: int) -> None:
        self.select_id(action_id)
        found = self.selected()
        if found is not None and found.id == action_id:
            if not found.archived:
                self.on_edit()
            return
        if not self.show_archived.isChecked():
            self.show_archived.blockSignals(True)
            self.show_archived.setChecked(True)
            self.show_archived.blockSignals(False)
            self.reload(then=lambda: self._open_action(action_id))

    def progress_update(self) -> None:
        row = self.selected()
        if row is not None:
            ProgressUpdateDialog(self.db, row, self).exec()
