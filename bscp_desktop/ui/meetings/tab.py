"""The Meetings tab: the list of meetings (open one to work on its agenda, register and live
minutes), the one action log, and attendance monitoring."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QStackedWidget

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.log import ActionLogPage
from bscp_desktop.ui.common.area_tab import AreaTab, area_sections_made_when_shown, tab_shortcuts
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import show_error
from bscp_desktop.ui.common.outputs import area_actions
from bscp_desktop.ui.common.sections import section_pages
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column, attribute_columns
from bscp_desktop.ui.meetings.dialogs import MeetingDialog, SeriesDialog, StandingItemsDialog
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage
from bscp_desktop.ui.meetings.offline import OfflineActions
from bscp_desktop.ui.meetings.workspace import MeetingWorkspace

STILL_PLANNED = (
    "Still marked planned though its date has passed: attendance monitoring leaves it out. "
    "Open it and mark it held, or edit it and mark it cancelled."
)


def _still_planned(m, today: date) -> bool:
    return m.status is MeetingStatus.PLANNED and m.date < today


NO_MEETINGS = "No meetings yet: press New meeting, or New series for a year of meetings."
NO_GROUPS = ("No groups yet: add the partnership's groups in the Memberships tab (Groups page) first, then plan "
             "their meetings.")

MEETINGS = PageSpec(
    noun="meeting",
    kinds=(RecordKind.MEETINGS, RecordKind.MEMBERSHIPS),
    columns=lambda today: [
        *attribute_columns(
            ("Date", "date"), ("Time", "time_text"), ("Group", "group_name"),
            ("Title", "title"), ("Kind", "kind"),
        ),
        Column(
            "Status", lambda m: m.status,
            tooltip=lambda m: STILL_PLANNED if _still_planned(m, today()) else "",
            background=lambda m: WARNING_BACKGROUND if _still_planned(m, today()) else None,
        ),
        *attribute_columns(
            ("Minutes", "minutes_status"), ("Items", "item_count"), ("Where", "where"),
            right=("Items",),
        ),
        Column("Id", lambda m: m.id, align_right=True),  # what the command line's --meeting takes
    ],
    load=lambda db, q: mt.list_meetings(
        db, group_id=q["group_id"], status=q["status"], include_archived=q.include_archived
    ),
    empty_text=NO_MEETINGS,
    dialog=MeetingDialog,
    archive=mt.archive_meeting,
    restore=mt.restore_meeting,
    hidden_columns=("Id",),  # shown on the line under the list, or from the header's menu
    filters=(
        # an archived group's meetings stay listed: it is offered too, marked archived
        Filter("group_id", "Group:", lambda db: ms.group_choices(db, named_by=RecordKind.MEETINGS), "All groups"),
        Filter("status", "Status:", lambda _db: [(s.label, s) for s in MeetingStatus], "Any status"),
    ),
)


class MeetingsListPage(RecordListPage):
    """The meetings; Enter or a double-click opens one (its agenda, register and minutes)."""

    def __init__(self, db, tab: MeetingsTab):
        super().__init__(db, MEETINGS, tab)
        self.tab = tab
        self.group_filter = self.filters["group_id"]
        self.status_filter = self.filters["status"]
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.edit_action.setText("Edit details")
        self.open_action = self._action("Open", self.open_selected)  # Enter; Ctrl+O is the window's Open database
        self.open_action.setToolTip("Open the meeting: agenda, attendance and live minutes (Enter)")
        self.toolbar.insertAction(self.edit_action, self.open_action)
        self.toolbar.addSeparator()
        self.series_action = self._action("New series…", self.new_series)
        self.series_action.setToolTip("A year of meetings on a rule, e.g. every third month on the second Thursday")
        self.standing_action = self._action("Standing items…", self.edit_standing_items)
        self.standing_action.setToolTip("The standing items each new agenda of the chosen group starts with")
        self.offline = OfflineActions(self)  # Take offline…, Bring back…, Release…

    def new_dialog(self, parent):
        return MeetingDialog(self.db, None, parent, group_id=self.group_filter.currentData())

    def activate(self, row) -> None:
        self.open_selected()

    def update_actions(self, row) -> None:
        self.offer_tool(self.open_action, "Choose a meeting first." if row is None else
                        "The meeting is archived: restore it to open it." if row.archived else "")
        if hasattr(self, "offline"):
            self.offline.update(row)

    def loaded(self) -> None:
        self.offline.loaded()
        # no group to choose in the filter (read with the meetings): none to plan a meeting of yet
        self.empty_text = NO_MEETINGS if self.group_filter.count() > 1 else NO_GROUPS
        if not self.model.rows:
            self._show_state()

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


@section_pages("action_log", "monitoring")
class MeetingsTab(AreaTab):
    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.workspace: MeetingWorkspace | None = None
        self.sections = area_sections_made_when_shown(self, {  # the action log and monitoring when first shown
            "meetings": ("Meetings", self._list_and_workspaces),
            "action_log": ("Action log", lambda: ActionLogPage(db, self)),
            "monitoring": ("Attendance monitoring", lambda: AttendanceMonitoringPage(db, self)),
        })
        self.sections.page("meetings")  # in its place at once
        self.sections.currentChanged.connect(lambda _i: self.flush())
        self.offline_banner = plain_label(self.meetings.offline.banner, self, wrap=True)  # on an offline copy: names it
        self.offline_banner.setStyleSheet("background: #fff8e1; padding: 6px;")
        self.offline_banner.setVisible(bool(self.offline_banner.text()))
        self.layout().insertWidget(0, self.offline_banner)
        tab_shortcuts(self, lambda: self.output("meetings"), lambda: self.output("actions"))  # the action log (PDF)

    def _list_and_workspaces(self) -> QStackedWidget:
        """The meetings list, and a meeting's workspace in its place once opened: made after the
        sub-tab bar, so Tab reaches the bar before the list, as in every other tab."""
        self.stack = QStackedWidget(self)
        self.meetings = MeetingsListPage(self.db, self)
        self.stack.addWidget(self.meetings)
        return self.stack

    def open_meeting(self, meeting_id: int) -> MeetingWorkspace | None:
        """Open a meeting: its frame shows at once and what it shows arrives from a worker
        thread. Returns None when the meeting could not be read (said in a message); the meeting
        open already, when the officer stays with its minutes not saved."""
        self.close_meeting()
        if self.workspace is not None:
            return self.workspace
        self.workspace = workspace = MeetingWorkspace(self.db, meeting_id, self.stack)
        workspace.closed.connect(lambda: self.workspace is workspace and self.close_meeting())
        # Take offline…, Bring back…, Release… as on the list; held by another officer, the
        # minutes are read-only until it comes back (offline.py)
        self.meetings.offline.in_workspace(workspace)
        self.stack.addWidget(workspace)
        self.sections.setCurrentWidget(self.stack)
        self.stack.setCurrentWidget(workspace)
        workspace.reload()
        return self.workspace

    def close_meeting(self) -> None:
        """Back to the list (which reloads itself if meetings changed meanwhile)."""
        if self.workspace is None or not self.workspace.flush_or_ask():  # words not saved: the officer stays
            return
        workspace, self.workspace = self.workspace, None
        workspace.leave()
        self.stack.setCurrentWidget(self.meetings)
        self.stack.removeWidget(workspace)
        workspace.deleteLater()

    def show_record(self, kind: str, record_id: int, detail_id: int | None = None) -> None:
        """Show a record (from a search hit): a meeting opens (at the item's minutes, if one is
        given); an action is selected in the action log and opened. An officer who stays with
        minutes not saved stays where they are: the meeting open is left as it was."""
        if kind == "meeting":
            before = self.workspace
            workspace = self.open_meeting(record_id)
            if workspace is not None and workspace is not before and detail_id is not None:
                workspace.show_item(detail_id)
        elif kind == "action":
            self.sections.setCurrentWidget(self.action_log)
            self.action_log.show_action(record_id)

    def flush(self) -> None:
        """Save any minutes being typed (called before closing or switching database)."""
        if self.workspace is not None:
            self.workspace.flush()

    def flush_or_ask(self) -> bool:
        """As `flush`; where minutes could not be saved, True only if the officer discards them."""
        return self.workspace.flush_or_ask() if self.workspace is not None else True

    def reload(self) -> None:
        self.meetings.reload()
        for page in self.sections.built():  # a page not made yet reads when it is
            if page is not self.stack:
                page.reload()
        if self.workspace is not None:
            self.workspace.refresh()

    def make_outputs(self) -> list[QAction]:
        """File > Export: the registered outputs of the area that need no meeting chosen."""
        return area_actions(self, self.db, RecordKind.MEETINGS)

