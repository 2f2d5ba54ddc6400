"""One meeting open: its details and minutes workflow, agenda, attendance register and live
minutes, with its printable outputs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QSpinBox, QTabWidget, QToolBar, QVBoxLayout, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, MinutesStatus, QuorumRule
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import enum_combo
from bscp_desktop.ui.common.labels import WARNING_STYLE, NoteBar
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import confirm, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import job_actions
from bscp_desktop.ui.common.permissions import changes, refusal
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.meetings import commands
from bscp_desktop.ui.meetings.dialogs import AgendaItemDialog, ApproveDialog, DeputyDialog, GuestDialog, MeetingDialog, ask_reason
from bscp_desktop.ui.meetings.minutes_editor import MinutesEditor


class AgendaPanel(RecordListPage):
    """The meeting's agenda, from the workspace's snapshot (the workspace reloads it)."""

    def __init__(self, workspace: MeetingWorkspace):
        self.workspace = workspace
        spec = PageSpec(
            noun="agenda item",
            kinds=(),
            columns=[
                Column("No.", lambda i: i.position if not i.archived else None),
                Column("Title", lambda i: i.title),
                Column("Presenter", lambda i: i.presenter),
                Column("Paper", lambda i: i.paper_ref),
                Column("Time allowed (min)", lambda i: i.minutes_allotted, align_right=True),
                Column("Confidential", lambda i: i.confidential),
                Column("Key area of focus", lambda i: i.key_focus_summary if i.key_focus else ""),
            ],
            load=lambda _db, q: [i for i in workspace.data.agenda if q.include_archived or not i.archived],
            empty_text="No agenda yet: press New agenda item, Add standing items, or Copy last agenda.",
            dialog=lambda db, record, parent: AgendaItemDialog(db, workspace.meeting, record, parent),
            archive=lambda db, item_id: commands.run(
                self, "Remove an agenda item", lambda r: mt.archive_agenda_item(db, item_id, r)
            ),
            restore=lambda db, item_id: commands.run(
                self, "Restore an agenda item", lambda r: mt.restore_agenda_item(db, item_id, r)
            ),
        )
        super().__init__(workspace.db, spec, workspace)
        self.table.setSortingEnabled(False)
        self.archive_action.setText("Remove from agenda")
        self.up_action = self._action("Move up", lambda: self.move(-1), QKeySequence("Ctrl+Up"))
        self.down_action = self._action("Move down", lambda: self.move(+1), QKeySequence("Ctrl+Down"))
        self.up_action.setToolTip("Move the item up the agenda (Ctrl+Up)")
        self.down_action.setToolTip("Move the item down the agenda (Ctrl+Down)")
        self.toolbar.addSeparator()
        self.standing_action = self._action("Add standing items", self.add_standing)
        self.copy_action = self._action("Copy last agenda", self.copy_last)
        self.copy_action.setToolTip("Copy the agenda of this group's last earlier meeting")

    def move(self, steps: int) -> None:
        row = self.selected()
        if row is None or row.archived:
            return
        result = commands.run(self, "Move an agenda item", lambda r: mt.move_agenda_item(self.workspace.db, row.id, steps, r))
        if result is not commands.FAILED:
            self.reload()
            self.select_id(row.id)

    def add_standing(self) -> None:
        commands.run(self, "Add the standing items", lambda r: mt.apply_standing_items(self.workspace.db, self.workspace.meeting_id, r))

    def copy_last(self) -> None:
        result = commands.run(self, "Copy the last agenda", lambda r: mt.copy_last_agenda(self.workspace.db, self.workspace.meeting_id, r))
        if result is not commands.FAILED:
            count, source = result
            self.workspace.say(f"Copied {count} item(s) from the agenda of {source.label}.")


class AttendancePanel(RecordListPage):
    """The meeting's register, from the workspace's snapshot (the workspace reloads it)."""

    def __init__(self, workspace: MeetingWorkspace):
        self.workspace = workspace
        spec = PageSpec(
            noun="person",
            kinds=(),
            columns=[
                Column("Name", lambda a: a.name),
                Column("Organisation", lambda a: a.organisation_name),
                Column("Role", lambda a: a.role_label if a.counts else f"{a.role_label} (not counted)",
                       tooltip=lambda a: "" if a.counts else
                       "The secretariat, advisers and guests never count toward quorum or an organisation's attendance"),
                Column(
                    "Attendance", lambda a: a.status_text,
                    background=lambda a: WARNING_BACKGROUND if a.status is AttendanceStatus.ABSENT else None,
                ),
                Column("Notes", lambda a: a.notes),
            ],
            load=lambda _db, q: [a for a in workspace.data.register if q.include_archived or not a.archived],
            empty_text="No one is on the register yet: press Fill from members to list the group's members "
            "on the meeting date, or Add someone for a guest.",
            archive=lambda db, entry_id: commands.run(
                self, "Remove from the register", lambda r: at.remove_attendee(db, entry_id, r)
            ),
            detail=False,
        )
        super().__init__(workspace.db, spec, workspace)
        self.quorum_rule = enum_combo(QuorumRule, QuorumRule.HEAD_COUNT)
        self.quorum_rule.setAccessibleName("Quorum rule for this group")
        self.quorum_rule.setToolTip(
            "A number of members, or each of the three safeguarding partners represented (the Working Together "
            "rule for the executive group). The secretariat, advisers and guests never count."
        )
        self.quorum = QSpinBox()
        self.quorum.setRange(0, 500)
        self.quorum.setSpecialValueText("No rule")
        self.quorum.setAccessibleName("Quorum for this group")
        self.quorum.setToolTip("How many members (in person or by deputy) the group needs; 'No rule' for none")
        self.quorum_state = QLabel()
        self.quorum_state.setAccessibleName("Quorum")
        self.new_action.setVisible(True)
        self.table.setSortingEnabled(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.new_action.setText("Add someone…")
        self.new_action.setToolTip("Add a guest, or a member the membership list missed")
        self.archive_action.setText("Remove from register")
        self.edit_action.setVisible(False)
        self.search.hide()
        self.search_label.hide()
        self.show_archived.hide()
        self.fill_action = self._action("Fill from members", self.fill)
        self.toolbar.addSeparator()
        self.mark_actions = {}
        for status, keys in (
            (AttendanceStatus.PRESENT, "Ctrl+1"),
            (AttendanceStatus.APOLOGIES, "Ctrl+2"),
            (AttendanceStatus.ABSENT, "Ctrl+3"),
        ):
            action = self._action(status.label, lambda _c=False, s=status: self.mark(s), QKeySequence(keys))
            action.setToolTip(f"Mark the chosen people: {status.label.lower()} ({keys})")
            changes(action)  # marks the register (ui/common/permissions.py)
            self.mark_actions[status] = action
        self.deputy_action = self._action("Deputy attended…", self.mark_deputy, QKeySequence("Ctrl+4"))
        self.deputy_action.setToolTip("Say who deputised for the chosen member (Ctrl+4)")
        self.add_filter_widget(self.quorum_rule, "Quorum:")
        self.add_filter_widget(self.quorum, "Members needed:")
        self.filter_bar.insertWidget(self.filter_bar.count() - 1, self.quorum_state, 1)
        self.quorum.editingFinished.connect(self._quorum_changed)
        for widget in (self.quorum_rule, self.quorum):  # saved for the meeting as they change
            widget.setEnabled(not refusal(self.db))
            widget.setToolTip(refusal(self.db) or widget.toolTip())
        self.quorum_rule.currentIndexChanged.connect(lambda _i: self._quorum_changed())

    def new_dialog(self, parent):
        reason = None
        if self.workspace.meeting.locked:
            reason = ask_reason(self, "Changing the register")
            if reason is None:
                return None
        return GuestDialog(self.workspace.db, self.workspace.meeting_id, parent, reason)

    def on_new(self) -> None:
        self.workspace.ask_if_held()
        super().on_new()

    def loaded(self) -> None:
        state = self.workspace.data.quorum
        self.quorum.blockSignals(True)
        self.quorum.setValue(state.quorum or 0)
        self.quorum.blockSignals(False)
        self.quorum_rule.blockSignals(True)
        self.quorum_rule.setCurrentIndex(max(self.quorum_rule.findData(state.rule), 0))
        self.quorum_rule.blockSignals(False)
        self.quorum.setEnabled(state.rule is QuorumRule.HEAD_COUNT)
        colour = "#555555" if state.met is None else ("#1b5e20" if state.met else "#b00020")
        self.quorum_state.setStyleSheet(f"color: {colour};")
        self.quorum_state.setText(state.sentence)

    def _quorum_changed(self) -> None:
        meeting = self.workspace.meeting
        value = self.quorum.value() or None
        rule = QuorumRule(self.quorum_rule.currentData())
        state = self.workspace.data.quorum
        if value == state.quorum and rule is state.rule:
            return
        commands.run(self, "Set the quorum", lambda _r: at.set_quorum(self.workspace.db, meeting.group_id, value, rule))

    def selected_rows(self) -> list:
        model = self.table.selectionModel()
        if model is None:
            return []
        return [self.proxy.row_at(i.row()) for i in sorted(model.selectedRows(), key=lambda i: i.row())]

    def _update_marks(self) -> None:
        rows = self.selected_rows()
        for action in self.mark_actions.values():
            action.setEnabled(bool(rows))
        self.deputy_action.setEnabled(bool(rows) and all(r.expected for r in rows))

    def update_actions(self, row) -> None:
        self._update_marks()

    def fill(self) -> None:
        self.workspace.ask_if_held()
        result = commands.run(self, "Fill the register", lambda r: at.prefill_attendance(self.workspace.db, self.workspace.meeting_id, r))
        if result is not commands.FAILED:
            self.workspace.say(
                f"Added {result} member(s) of the group on {self.workspace.meeting.date:%d/%m/%Y}."
                if result else "Everyone who was a member on the meeting date is already on the register."
            )

    def mark(self, status: AttendanceStatus, rows=None) -> None:
        rows = rows if rows is not None else self.selected_rows()
        if not rows:
            return
        self.workspace.ask_if_held()
        ids = [r.id for r in rows]
        result = commands.run(self, "Mark attendance", lambda r: at.set_attendance(self.workspace.db, ids, status, reason=r))
        if result is not commands.FAILED:
            self.reload()
            for rid in ids:
                self.select_id(rid)

    def mark_deputy(self) -> None:
        rows = [r for r in self.selected_rows() if r.expected]
        if not rows:
            return
        self.workspace.ask_if_held()
        reason = None
        if self.workspace.meeting.locked:
            reason = ask_reason(self, "Changing the register")
            if reason is None:
                return
        member_ids = {r.person_id for r in rows}
        meeting = self.workspace.meeting
        suggestions = [
            (m.person_name, m.person_id)
            for m in ms.list_memberships(self.workspace.db, on=meeting.date, group_id=meeting.group_id)
            if m.role is Role.DEPUTY and m.deputy_for_id in member_ids
        ]
        names = ", ".join(r.name for r in rows)
        DeputyDialog(self.workspace.db, [r.id for r in rows], names, suggestions, self, reason).exec()


class MeetingWorkspace(ReloadsWhenShown, QWidget):
    closed = Signal()

    def __init__(self, db, meeting_id: int, parent=None):
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self.data = mt.meeting_workspace(db, meeting_id)  # everything shown, in one call
        self.meeting = self.data.meeting

        self.back = QPushButton("‹ All meetings", self)
        self.back.setAccessibleName("Back to all meetings")
        self.back.setToolTip("Back to the list of meetings (Alt+Left)")
        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.back.clicked.connect(self.close_workspace)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.title.setAccessibleName("Meeting")
        self.title.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName("Meeting details")
        self.minutes_state = QLabel(self)
        self.minutes_state.setAccessibleName("Minutes status")
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setAccessibleName("Message")
        self._asked_held = False
        self.offline_update: Callable[[], None] = lambda: None  # set by the meetings tab (offline.py)
        self.held_bar = NoteBar(self, "Mark as held", self.mark_held, "Meeting still planned", WARNING_STYLE)
        self.held_note, self.held_button = self.held_bar.note, self.held_bar.button
        self.held_button.setAccessibleName("Mark the meeting as held")
        self.held_button.setToolTip("Say this meeting took place, so attendance monitoring counts it")

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.edit_action = self._action("Edit details…", self.edit_details)
        self.toolbar.addSeparator()
        self.circulate_action = self._action("Mark minutes circulated", self.circulate)
        self.draft_action = self._action("Back to draft", self.back_to_draft)
        self.approve_action = self._action("Approve minutes…", self.approve)
        self.toolbar.addSeparator()
        stem = self._file_stem()
        meeting = {"meeting": meeting_id}
        (self.agenda_pdf,) = job_actions(
            self, db, jobs.find("report", "agenda"), fixed=meeting, file_name=lambda _o: f"Agenda {stem}"
        )
        self.minutes_pdf, self.circulation_pdf = job_actions(
            self, db, jobs.find("report", "minutes"), fixed=meeting,
            file_name=lambda o: f"Minutes {'for circulation ' if o.get('circulation') else ''}{stem}",
        )
        self.circulation_pdf.setToolTip("Minutes without the confidential items")
        (self.ics_action,) = job_actions(self, db, jobs.find("report", "ics"), fixed=meeting, file_name=lambda _o: stem)
        self.ics_action.setToolTip("An .ics file Outlook opens, to send as an invitation")
        for action in (self.agenda_pdf, self.minutes_pdf, self.circulation_pdf, self.ics_action):
            self.toolbar.addAction(action)
        if self.meeting.series_id is not None:
            (self.series_ics_action,) = job_actions(
                self, db, jobs.find("report", "ics"), fixed={"series": self.meeting.series_id},
                file_name=lambda _o: f"{self.meeting.group_name} series", menus=["Calendar file for the series…"],
            )
            self.series_ics_action.setToolTip("Every meeting of this meeting's series in one .ics file")
            self.toolbar.addAction(self.series_ics_action)

        self.pages = QTabWidget(self)
        self.agenda = AgendaPanel(self)
        self.attendance = AttendancePanel(self)
        self.minutes = MinutesEditor(db, self)
        self.minutes.starting = self.ask_if_held
        self.pages.addTab(self.agenda, "Agenda")
        self.pages.addTab(self.attendance, "Attendance")
        self.pages.addTab(self.minutes, "Minutes")
        self.pages.currentChanged.connect(self._page_changed)

        head = QHBoxLayout()
        head.addWidget(self.back)
        head.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(self.details)
        layout.addWidget(self.minutes_state)
        layout.addWidget(self.held_bar)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)
        self.message.hide()
        self.watch(db, RecordKind.MEETINGS, RecordKind.MEMBERSHIPS, RecordKind.ACTIONS)
        self.show_data()

    def _file_stem(self) -> str:
        return f"{self.meeting.group_name} {self.meeting.date:%Y-%m-%d}"

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------ state
    def reload(self) -> None:
        """Read everything the meeting shows again (one call), then show it."""
        try:
            self.data = mt.meeting_workspace(self.db, self.meeting_id)
        except Exception as exc:
            show_error(self, "Could not load the meeting", exc)
            return
        self.show_data()

    def show_data(self) -> None:
        self.meeting = m = self.data.meeting
        self.title.setText(m.label if m.title.casefold() == m.group_name.casefold() else f"{m.label}: {m.title}")
        bits = [
            f"{m.date:%A} {m.time_text}",
            m.where or "Place not set",
            f"{m.kind.label} meeting, {m.status.label.lower()}",
        ]
        if m.chair_name:
            bits.append(f"Chair: {m.chair_name}")
        if m.minute_taker_name:
            bits.append(f"Minute-taker: {m.minute_taker_name}")
        self.details.setText(" · ".join(bits))
        colour = {"draft": "#8a4b00", "circulated": "#0d47a1", "approved": "#1b5e20"}[m.minutes_status.value]
        self.minutes_state.setStyleSheet(f"color: {colour}; font-weight: bold;")
        locked = " — locked: changes are amendments with a reason" if m.locked else ""
        self.minutes_state.setText(f"Minutes: {m.minutes_state}{locked}")
        self.circulate_action.setEnabled(m.minutes_status is MinutesStatus.DRAFT)
        self.draft_action.setEnabled(m.minutes_status is MinutesStatus.CIRCULATED)
        self.approve_action.setEnabled(m.minutes_status is not MinutesStatus.APPROVED)
        past = m.date <= date.today()
        self.held_bar.setVisible(m.status is MeetingStatus.PLANNED and past)
        self.held_note.setText(
            f"This meeting is still marked planned, so attendance monitoring leaves it out. If it took place on "
            f"{m.date:%d/%m/%Y}, mark it held."
        )
        self.agenda.refresh()  # at once if on screen, else when next shown
        self.attendance.refresh()
        self.minutes.set_workspace(self.data)
        self.offline_update()  # a meeting taken offline or brought back meanwhile

    def show_item(self, item_id: int) -> None:
        """Open the minutes at one agenda item (a removed item: the agenda, with it shown)."""
        live = [i.id for i in self.data.live_agenda]
        if item_id in live:
            self.pages.setCurrentWidget(self.minutes)
            self.minutes.item_list.setCurrentRow(live.index(item_id))
        else:
            self.pages.setCurrentWidget(self.agenda)
            self.agenda.show_archived.setChecked(True)
            self.agenda.select_id(item_id)

    def _page_changed(self, _index: int) -> None:
        self.minutes.flush()

    def flush(self) -> None:
        self.minutes.flush()

    def close_workspace(self) -> None:
        self.flush()
        self.closed.emit()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------ the meeting's life
    def ask_if_held(self) -> None:
        """Starting the register or the minutes of a planned meeting: ask (once) whether it was
        held, and mark it so. A meeting dated after today is not asked about."""
        m = self.meeting
        if self._asked_held or m.status is not MeetingStatus.PLANNED or m.date > date.today() or refusal(self.db):
            return
        self._asked_held = True
        box = QMessageBox(QMessageBox.Icon.Question, "Was the meeting held?",
                          f"{m.label} is still marked planned. Did it take place on {m.date:%d/%m/%Y}?\n\n"
                          "Only meetings marked held count in attendance monitoring.", parent=self)
        yes = box.addButton("Yes, mark it held", QMessageBox.ButtonRole.YesRole)
        box.addButton("Not yet", QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.exec()
        if box.clickedButton() is yes:
            self.mark_held()

    def mark_held(self) -> None:
        result = commands.run(self, "Mark the meeting held", lambda _r: mt.mark_held(self.db, self.meeting_id))
        if result is not commands.FAILED:
            self.data = mt.meeting_workspace(self.db, self.meeting_id)
            self.show_data()
            self.say("The meeting is marked held: attendance monitoring now counts it.")

    # ------------------------------------------------------------ commands
    def edit_details(self) -> None:
        self.flush()
        MeetingDialog(self.db, self.meeting, self).exec()

    def circulate(self) -> None:
        self.flush()
        was = self.meeting.status
        result = commands.run(
            self, "Mark the minutes circulated", lambda _r: mt.circulate_minutes(self.db, self.meeting_id, date.today())
        )
        if result is not commands.FAILED and result.status is not was:
            self.say(f"Minutes marked circulated; the meeting is now marked {result.status.label.lower()}.")

    def back_to_draft(self) -> None:
        commands.run(self, "Return the minutes to draft", lambda _r: mt.return_minutes_to_draft(self.db, self.meeting_id))

    def approve(self) -> None:
        """At a later meeting of the group, or between meetings by chair's action or e-mail."""
        self.flush()
        if confirm(self, "Approve minutes", "Approved minutes are locked: later changes need an amendment with a "
                   "reason. Go on?"):
            ApproveDialog(self.db, self.meeting, self).exec()
