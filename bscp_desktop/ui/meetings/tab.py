"""The Meetings tab: the list of meetings (open one to work on its agenda, register and live
minutes), the one action log, and attendance monitoring."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QComboBox, QStackedWidget, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import refill_group_filter
from bscp_desktop.ui.common.list_page import RecordListPage
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.meetings import outputs
from bscp_desktop.ui.meetings.action_log import ActionLogPage
from bscp_desktop.ui.meetings.dialogs import AREA, MeetingDialog, SeriesDialog, StandingItemsDialog
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage
from bscp_desktop.ui.meetings.workspace import MeetingWorkspace

STILL_PLANNED = (
    "Still marked planned though its date has passed: attendance monitoring leaves it out. "
    "Open it and mark it held, or edit it and mark it cancelled."
)


def _still_planned(m) -> bool:
    return m.status is MeetingStatus.PLANNED and m.date < date.today()


class MeetingsListPage(RecordListPage):
    def __init__(self, db, tab: MeetingsTab):
        self.db = db
        self.tab = tab
        self.group_filter = QComboBox()
        self.group_filter.setAccessibleName("Group filter")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Status filter")
        self.status_filter.addItem("Any status", None)
        for s in MeetingStatus:
            self.status_filter.addItem(s.label, s)
        super().__init__(
            noun="meeting",
            area=AREA,
            areas=("memberships",),
            columns=[
                Column("Date", lambda m: m.date),
                Column("Time", lambda m: m.time_text),
                Column("Group", lambda m: m.group_name),
                Column("Title", lambda m: m.title),
                Column("Kind", lambda m: m.kind),
                Column(
                    "Status", lambda m: m.status,
                    tooltip=lambda m: STILL_PLANNED if _still_planned(m) else "",
                    background=lambda m: WARNING_BACKGROUND if _still_planned(m) else None,
                ),
                Column("Minutes", lambda m: m.minutes_status),
                Column("Items", lambda m: m.item_count, align_right=True),
                Column("Where", lambda m: m.where),
            ],
            load=self._load,
            empty_text="No meetings yet: press New meeting, or New series for a year of meetings.",
            new_dialog=lambda parent: MeetingDialog(db, None, parent, group_id=self.group_filter.currentData()),
            edit_dialog=lambda parent, row: MeetingDialog(db, row, parent),
            archive=lambda row: mt.archive_meeting(db, row.id),
            restore=lambda row: mt.restore_meeting(db, row.id),
            parent=tab,
        )
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.disconnect()
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.activated.connect(lambda _i: self.open_selected())
        self.edit_action.setText("Edit details")
        self.open_action = self._action("Open", self.open_selected, QKeySequence("Ctrl+O"))
        self.open_action.setToolTip("Open the meeting: agenda, attendance and live minutes (Enter)")
        self.toolbar.insertAction(self.edit_action, self.open_action)
        self.toolbar.addSeparator()
        self.series_action = self._action("New series…", self.new_series)
        self.series_action.setToolTip("A year of meetings on a rule, e.g. every third month on the second Thursday")
        self.standing_action = self._action("Standing items…", self.edit_standing_items)
        self.standing_action.setToolTip("The standing items each new agenda of the chosen group starts with")
        self.add_filter_widget(self.group_filter, "Group:")
        self.add_filter_widget(self.status_filter, "Status:")
        self.group_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())

    def _fill_groups(self) -> None:
        refill_group_filter(self.group_filter, ms.list_groups(self.db))

    def reload(self) -> None:
        self._fill_groups()
        super().reload()

    def _load(self, archived: bool):
        return mt.list_meetings(
            self.db, group_id=self.group_filter.currentData(), status=self.status_filter.currentData(),
            include_archived=archived,
        )

    def _update_actions(self) -> None:
        super()._update_actions()
        if hasattr(self, "open_action"):
            row = self.selected()
            self.open_action.setEnabled(row is not None and not row.archived)

    def on_edit(self) -> None:
        row = self.selected()
        if row is not None:
            MeetingDialog(self.db, row, self).exec()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None and not row.archived:
            self.tab.open_meeting(row.id)

    def new_series(self) -> None:
        SeriesDialog(self.db, self, group_id=self.group_filter.currentData()).exec()

    def edit_standing_items(self) -> None:
        group_id = self.group_filter.currentData()
        row = self.selected()
        if group_id is None and row is not None:
            group_id = row.group_id
        groups = {g.id: g.name for g in ms.list_groups(self.db)}
        if group_id is None:
            if not groups:
                show_error(self, "Standing items", "Add the partnership's groups on the Memberships tab first.")
                return
            show_error(self, "Standing items", "Choose a group in the Group filter (or a meeting of it) first.")
            return
        StandingItemsDialog(self.db, group_id, groups.get(group_id, ""), self).exec()


class MeetingsTab(QWidget):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.workspace: MeetingWorkspace | None = None
        self.sections = QTabWidget(self)
        self.sections.setDocumentMode(True)
        self.stack = QStackedWidget(self)
        self.meetings = MeetingsListPage(db, self)
        self.stack.addWidget(self.meetings)
        self.action_log = ActionLogPage(db, self)
        self.monitoring = AttendanceMonitoringPage(db, self)
        self.sections.addTab(self.stack, "Meetings")
        self.sections.addTab(self.action_log, "Action log")
        self.sections.addTab(self.monitoring, "Attendance monitoring")
        self.sections.currentChanged.connect(lambda _i: self.flush())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sections)

    def open_meeting(self, meeting_id: int) -> MeetingWorkspace | None:
        self.close_meeting()
        try:
            self.workspace = MeetingWorkspace(self.db, meeting_id, self.stack)
        except Exception as exc:
            show_error(self, "Could not open the meeting", exc)
            return None
        self.workspace.closed.connect(self.close_meeting)
        self.stack.addWidget(self.workspace)
        self.sections.setCurrentWidget(self.stack)
        self.stack.setCurrentWidget(self.workspace)
        return self.workspace

    def close_meeting(self) -> None:
        if self.workspace is None:
            return
        workspace, self.workspace = self.workspace, None
        workspace.flush()
        self.stack.setCurrentWidget(self.meetings)
        self.stack.removeWidget(workspace)
        workspace.deleteLater()
        self.meetings.reload()

    def flush(self) -> None:
        """Save any minutes being typed (called before closing or switching database)."""
        if self.workspace is not None:
            self.workspace.flush()

    def reload(self) -> None:
        self.meetings.reload()
        self.action_log.reload()
        self.monitoring.reload()
        if self.workspace is not None:
            self.workspace.refresh()

    def export_actions(self):
        db = self.db
        return [
            outputs.workbook_action(self, db, "Meetings workbook…", "meetings", "Meetings.xlsx"),
            outputs.report_action(self, db, "Action log (PDF)…", "actions", "Action log.pdf", outputs.PDF),
            outputs.report_action(self, db, "Action log (Excel)…", "actions", "Action log.xlsx", outputs.XLSX, xlsx=True),
            outputs.report_action(self, db, "Attendance report (Excel)…", "attendance", "Attendance.xlsx", outputs.XLSX),
        ]

