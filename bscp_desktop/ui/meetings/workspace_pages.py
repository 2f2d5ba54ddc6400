"""The pages of an open meeting that are lists: its agenda and its attendance register with
the quorum. Both show the rows of the workspace's last read (`workspace.rows`), not a read
of their own; the workspace reloads them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QLabel, QSpinBox

from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.validation import RecordChanged, and_list
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.meetings.agenda import copy_refusal, last_agenda_to_copy, overrun_sentence, part_b_sentence
from bscp_desktop.ui.common.conflict import ComparedField, ConflictDialog
from bscp_desktop.ui.common.editors import enum_combo
from bscp_desktop.ui.common.labels import WARNING_STYLE, as_typed, plain_label
from bscp_desktop.ui.common.list_page import PageSpec, RecordListPage
from bscp_desktop.ui.common.messages import confirm
from bscp_desktop.ui.common.permissions import changes, changes_records, refusal
from bscp_desktop.ui.common.table_model import WARNING_BACKGROUND, Column
from bscp_desktop.ui.meetings import commands
from bscp_desktop.ui.meetings.dialogs import AgendaItemDialog, DeputyDialog, GuestDialog, ask_reason
from bscp_desktop.ui.meetings.dialogs.register import NoteDialog

if TYPE_CHECKING:
    from bscp_desktop.ui.meetings.workspace import MeetingWorkspace

#: Why the quorum of a meeting whose minutes are approved is not changed from its register.
QUORUM_KEPT = ("The minutes are approved, so this meeting keeps the quorum rule of its day; change the group's "
               "rule for its later meetings on the Memberships tab (Groups, Edit).")


#: why an archived meeting's agenda and register offer nothing that changes them
RESTORE_FIRST = "The meeting is archived: restore it first."
#: why the register of a meeting called off offers nothing that changes it (the services refuse it too)
CALLED_OFF = ("This meeting is marked {}, so it did not take place and keeps no register: change its status "
              "(Edit details…) to fill it.")


class MeetingListPage(RecordListPage):
    """A list of the open meeting's: once the meeting is archived, every tool that changes
    records is greyed out saying why (the services refuse them too); restored, they come back."""

    workspace: MeetingWorkspace

    def update_actions(self, row) -> None:
        self.tools_for(row)
        why, was = self.refused(), getattr(self, "_refused_for", "")
        self._refused_for = why
        for action in self.toolbar.actions():
            if not changes_records(action):
                continue
            if why:
                self.offer_tool(action, why)
            elif was and action.toolTip() == was:  # restored: its usual words back, and
                # offered again unless the chosen row governs it (the page's rules ran just before)
                offered = action.isEnabled() or action not in self.chosen_tools()
                self.offer_tool(action)
                action.setEnabled(offered)

    def refused(self) -> str:
        """Why the page's tools that change records are greyed out ("" for not): the meeting is archived."""
        meeting = self.workspace.meeting
        return RESTORE_FIRST if meeting is not None and meeting.archived else ""

    def tools_for(self, row) -> None:
        """Enable the page's own tools for the chosen `row`."""

    def chosen_tools(self) -> set:
        """The tools the chosen row governs (set by the page's own rules)."""
        return {self.edit_action, self.archive_action, self.restore_action}


class AgendaPanel(MeetingListPage):
    """The meeting's agenda, from the workspace's snapshot (the workspace reloads it). Under
    the list, a line says when the items' times add up to more than the meeting's length."""

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
            load=lambda _db, q: [i for i in workspace.rows("agenda") if q.include_archived or not i.archived],
            empty_text="No agenda yet: press New agenda item, Add standing items, or Copy last agenda.",
            dialog=lambda db, record, parent: AgendaItemDialog(db, workspace.meeting, record, parent,
                                                               agenda=workspace.rows("agenda")),
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
        self.overrun = _warning_line(self, "Agenda timing")  # shown only when over, or out of order

    def loaded(self) -> None:
        meeting = self.workspace.meeting
        live = sorted((i for i in self.workspace.rows("agenda") if not i.archived), key=lambda i: (i.position, i.id))
        timing = overrun_sentence(meeting.starts_at, meeting.ends_at, [i.minutes_allotted for i in live]) if meeting else ""
        _say_below(self, self.overrun, " ".join(filter(None, (timing, part_b_sentence([i.confidential for i in live])))))

    def move(self, steps: int) -> None:
        row = self.selected()
        if row is None or row.archived:
            return
        result = commands.run(self, "Move an agenda item", lambda r: mt.move_agenda_item(self.workspace.db, row.id, steps, r))
        if result is not commands.FAILED:
            self.reload()
            self.select_id(row.id)

    def chosen_tools(self) -> set:
        return super().chosen_tools() | {self.up_action, self.down_action}

    def tools_for(self, row) -> None:
        """Move up and down only for a live item that has somewhere to go; Copy last agenda only
        for a meeting that takes a copy, else saying why (`copy_refusal`, as the service refuses it)."""
        places = [r.position for r in self.model.rows if not r.archived]
        live = row is not None and not row.archived and bool(places)
        self.up_action.setEnabled(live and row.position > min(places))
        self.down_action.setEnabled(live and row.position < max(places))
        meeting = self.workspace.meeting
        self.offer_tool(self.copy_action, copy_refusal(meeting.status, meeting.minutes_status,
                                                       meeting.minutes_circulated_on) if meeting else "")

    def add_standing(self) -> None:
        added = commands.run(self, "Add the standing items",
                             lambda r: mt.apply_standing_items(self.workspace.db, self.workspace.meeting_id, r))
        if added is not commands.FAILED:
            self.workspace.say(f"Added {added} standing item{'s' if added != 1 else ''}." if added else
                               "The group's standing items are all on the agenda already.")

    def copy_last(self) -> None:
        """Copy the last agenda; onto an agenda with items already, only once the officer has
        seen how many are added, and from which meeting."""
        db, meeting_id = self.workspace.db, self.workspace.meeting_id
        have = sum(1 for i in self.workspace.rows("agenda") if not i.archived)
        if have:
            found = commands.run(self, "Copy the last agenda", lambda _r: last_agenda_to_copy(db, meeting_id))
            if found is commands.FAILED:
                return
            count, source = found
            kept = "The item already on it stays as it is" if have == 1 else f"The {have} items already on it stay as they are"
            if not confirm(self, "Copy last agenda", f"Add {count} item{'s' if count != 1 else ''} to this agenda "
                           f"from the agenda of {source.label}? {kept}; an item on both is not added twice."):
                return
        result = commands.run(self, "Copy the last agenda", lambda r: mt.copy_last_agenda(db, meeting_id, r))
        if result is not commands.FAILED:
            count, source = result
            self.workspace.say(f"Copied {count} item{'s' if count != 1 else ''} from the agenda of {source.label}.")


def _warning_line(page: RecordListPage, name: str) -> QLabel:
    """A line in the warning colour under a page's list, hidden until it has something to say."""
    line = plain_label("", page, wrap=True, name=name)
    line.setStyleSheet(WARNING_STYLE)
    line.hide()
    page.layout().insertWidget(page.layout().indexOf(page.stack) + 1, line)
    return line


def _say_below(page: RecordListPage, line: QLabel, sentence: str) -> None:
    """Show `sentence` on a page's warning line (`_warning_line`), or hide the line for none."""
    line.setText(sentence)
    if not sentence:
        line.hide()
    elif line.isHidden():
        # at the list's width before the page measures its height: a label shown is measured
        # (ui/common/page_scroll) at the narrow width Qt gives it until its layout runs
        line.setMinimumHeight(0)
        line.show()
        page.layout().activate()


def _agreement_text(a) -> str:
    """The register's Agreement column: blank where the group's members sign none (and for guests)."""
    if not a.needs_agreement:
        return ""
    said = "Missing" if a.missing_agreement else "Signed"
    return f"{said} (deputy)" if a.status is AttendanceStatus.DEPUTY else said


def _in_the_room(a) -> str:
    """Who is in the room for a register row, as the agreements line names them."""
    if a.status is AttendanceStatus.DEPUTY:
        return f"{a.deputy_name} (deputising for {a.name})"
    return a.name


class AttendancePanel(MeetingListPage):
    """The meeting's register, from the workspace's snapshot (the workspace reloads it). For a
    group whose members sign a confidentiality agreement, the Agreement column says whether the
    one in the room for each member (the deputy who attended, else the member) had a current one
    on the meeting's day, and a line under the list names those in the room without one (marking
    them present is allowed: the line says it)."""

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
                    "Attendance", lambda a: self._unmarked(a) or a.status_text,
                    background=lambda a: WARNING_BACKGROUND if a.status is AttendanceStatus.ABSENT
                    and not self._unmarked(a) else None,
                ),
                Column("Agreement", _agreement_text, tooltip=self._agreement_tooltip,
                       background=lambda a: WARNING_BACKGROUND if a.missing_agreement else None),
                Column("Notes", lambda a: a.notes),
            ],
            load=lambda _db, q: [a for a in workspace.rows("register") if q.include_archived or not a.archived],
            empty_text="No one is on the register yet: press Fill from members to list the group's members "
            "on the meeting date, or Add someone for a guest.",
            archive=at.remove_attendee,  # offered as Remove from register (`on_archive`: every one chosen)
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
        self.quorum_state = plain_label(wrap=True, name="Quorum")  # a long sentence: wraps at a large font
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
        self.note_action = self._action("Note…", self.write_note)
        self.note_action.setToolTip("Write a note for the chosen person, such as arrived late or left early "
                                    "(printed beside their name in the minutes)")
        changes(self.note_action)
        self.add_filter_widget(self.quorum_rule, "Quorum:")
        self.add_filter_widget(self.quorum, "Members needed:")
        self.filter_bar.insertWidget(self.filter_bar.count() - 1, self.quorum_state, 1)
        self.quorum.editingFinished.connect(self._quorum_changed)
        self._quorum_tips = {w: w.toolTip() for w in (self.quorum_rule, self.quorum)}  # the group's rule, saved as changed
        self.quorum_rule.currentIndexChanged.connect(lambda _i: self._quorum_changed())
        self.agreements = _warning_line(self, "Confidentiality agreements")  # shown only when someone lacks one
        # Everyone chosen (and the current row) stays chosen when the register is read again, as it
        # is after each mark: Ctrl+1, Ctrl+2 marks the same people; Down, Ctrl+2 the next one.
        self._chosen_ids: tuple[list[int], int | None] = ([], None)
        self.model.modelAboutToBeReset.connect(self._note_chosen)
        self.model.modelReset.connect(self._choose_again)

    def still_to_come(self) -> bool:
        """Whether the meeting has not taken place yet: its day is after today (read when the page
        loads). Its register then says who is expected, and its quorum line what quorum needs."""
        meeting = self.workspace.meeting
        return meeting is not None and meeting.date > self.today

    def refused(self) -> str:
        called_off = self.called_off()
        return super().refused() or (CALLED_OFF.format(called_off.label.lower()) if called_off else "")

    def called_off(self) -> MeetingStatus | None:
        """The meeting's status when it is cancelled or postponed: it did not take place, so its
        register judges no one absent and no quorum."""
        meeting = self.workspace.meeting
        return meeting.status if meeting is not None and meeting.status.called_off else None

    def _unmarked(self, a) -> str:
        """What a member not marked on the register is, where not absent: "Expected" at a meeting
        still to come, "Not held" at one called off; "" otherwise (absent)."""
        if a.status is not AttendanceStatus.ABSENT:
            return ""
        return "Not held" if self.called_off() else "Expected" if self.still_to_come() else ""

    def _day(self) -> str:
        meeting = self.workspace.meeting
        return f"{meeting.date:%d/%m/%Y}" if meeting is not None else "the day of the meeting"

    def _agreement_tooltip(self, a) -> str:
        if not a.needs_agreement:
            return "" if not a.expected else "This group's members do not sign a confidentiality agreement"
        who = f"{a.deputy_name}, who deputised," if a.status is AttendanceStatus.DEPUTY else a.name
        if a.missing_agreement:
            return (f"{who} had no current confidentiality agreement on {self._day()}; the group's members sign one. "
                    "Record it on the Memberships tab.")
        return f"{who} had a current confidentiality agreement on {self._day()}"

    def agreement_sentence(self) -> str:
        """The line under the register naming those in the room without a current agreement."""
        missing = [_in_the_room(a) for a in self.workspace.rows("register")
                   if not a.archived and a.attending and a.missing_agreement]
        if not missing:
            return ""
        who = "this person" if len(missing) == 1 else f"these {len(missing)} people"
        return (f"No current confidentiality agreement on {self._day()} for {who} in the room: {and_list(missing)}. "
                "The group's members sign one: record it on the Memberships tab, or keep them out of its "
                "confidential business.")

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
        self.refit_filters()
        # the group's rule, changed here for its meetings still to be approved; approved minutes keep the rule of their day
        why = refusal(self.db) or self.workspace.held_by or (QUORUM_KEPT if self.workspace.meeting.locked else "")
        for widget, tip in self._quorum_tips.items():
            widget.setEnabled(not why and (widget is self.quorum_rule or state.rule is QuorumRule.HEAD_COUNT))
            widget.setToolTip(as_typed(why or tip))  # `held_by` names who took it offline
        to_come, called_off = self.still_to_come(), self.called_off()
        colour = "#555555" if state.met is None or to_come or called_off else ("#1b5e20" if state.met else "#b00020")
        self.quorum_state.setStyleSheet(f"color: {colour};")
        self.quorum_state.setText(
            f"This meeting is marked {called_off.label.lower()}, so it did not take place: no quorum is judged."
            if called_off else at.quorum_needed_sentence(state.rule, state.quorum) if to_come else state.sentence)
        _say_below(self, self.agreements, self.agreement_sentence())

    def _quorum_changed(self) -> None:
        meeting = self.workspace.meeting
        value = self.quorum.value() or None
        rule = QuorumRule(self.quorum_rule.currentData())
        state = self.workspace.data.quorum
        if value == state.quorum and rule is state.rule:
            return
        commands.run(self, "Set the quorum", lambda _r: at.set_quorum(self.workspace.db, meeting.group_id, value, rule))

    def on_archive(self) -> None:
        """Take the chosen people off this meeting's register (every one chosen, asked once):
        their records stay as they are; the history keeps the entries."""
        rows = self.selected_rows()
        if not rows:
            return
        who = rows[0].name if len(rows) == 1 else f"these {len(rows)} people ({', '.join(r.name for r in rows[:3])}" + (
            ", …)" if len(rows) > 3 else ")")
        if confirm(self, "Remove from register", f"Take {who} off the register of this meeting? Only the register "
                   "changes: their records stay as they are, and the history keeps the entries."):
            ids = [r.id for r in rows]
            commands.run(self, "Remove from the register", lambda r: at.remove_attendees(self.db, ids, r))

    def selected_rows(self) -> list:
        model = self.table.selectionModel()
        if model is None:
            return []
        return [self.proxy.row_at(i.row()) for i in sorted(model.selectedRows(), key=lambda i: i.row())]

    def _note_chosen(self) -> None:
        current = self.table.currentIndex()
        self._chosen_ids = ([r.id for r in self.selected_rows()],
                            self.proxy.row_at(current.row()).id if current.isValid() else None)

    def _choose_again(self) -> None:
        """The people chosen before the register was read again, chosen again (those still on it),
        with the current row where it was."""
        (ids, current), self._chosen_ids = self._chosen_ids, ([], None)
        where = {self.proxy.row_at(r).id: r for r in range(self.proxy.rowCount())}
        found = [where[i] for i in ids if i in where]
        if not found:
            return
        last = self.proxy.columnCount() - 1
        selection = QItemSelection()
        for row in found:
            selection.select(self.proxy.index(row, 0), self.proxy.index(row, last))
        chosen = self.table.selectionModel()
        flag = QItemSelectionModel.SelectionFlag
        chosen.setCurrentIndex(self.proxy.index(where.get(current, found[0]), 0), flag.NoUpdate)
        chosen.select(selection, flag.ClearAndSelect | flag.Rows)

    def _update_marks(self) -> None:
        rows = self.selected_rows()
        for action in self.mark_actions.values():
            action.setEnabled(bool(rows))
        self.deputy_action.setEnabled(bool(rows) and all(r.expected for r in rows))
        self.note_action.setEnabled(len(rows) == 1)

    def chosen_tools(self) -> set:
        return super().chosen_tools() | set(self.mark_actions.values()) | {self.deputy_action, self.note_action}

    def tools_for(self, row) -> None:
        self._update_marks()

    def fill(self) -> None:
        self.workspace.ask_if_held()
        result = commands.run(self, "Fill the register", lambda r: at.prefill_attendance(self.workspace.db, self.workspace.meeting_id, r))
        if result is not commands.FAILED:  # how many were added, and who was taken off
            self.workspace.say(result.sentence)

    def mark(self, status: AttendanceStatus, rows=None) -> None:
        rows = rows if rows is not None else self.selected_rows()
        if not rows:
            return
        self.workspace.ask_if_held()
        ids = [r.id for r in rows]
        read = {r.id: r.version for r in rows}  # a colleague's mark saved since is refused, not overwritten

        def command(reason):
            try:
                return at.set_attendance(self.workspace.db, ids, status, reason=reason, versions=read)
            except RecordChanged as refusal:
                return refusal

        result = commands.run(self, "Mark attendance", command)
        if isinstance(result, RecordChanged):
            self.someone_saved_first(result, rows)
        # saved: the workspace reads the register again on the change notice, and those marked stay chosen

    def someone_saved_first(self, refusal: RecordChanged, rows) -> None:
        """A mark refused because a colleague saved the row since the register was read: who and
        when, and Compare (the row as this register shows it beside the row as saved now)."""
        shown = next((r for r in rows if r.id == refusal.record_id), rows[0])
        saved = next((r for r in at.list_attendance(self.workspace.db, self.workspace.meeting_id, include_archived=True)
                      if r.id == shown.id), shown)
        compared = [ComparedField(label, mine, theirs) for label, mine, theirs in (
            ("Attendance", shown.status_text, saved.status_text), ("Notes", shown.notes, saved.notes))
            if mine != theirs or label == "Attendance"]
        if ConflictDialog(refusal, compared, self).exec() == ConflictDialog.RELOAD:
            self.workspace.reload()

    def write_note(self) -> None:
        rows = self.selected_rows()
        if len(rows) != 1:
            return
        reason = None
        if self.workspace.meeting.locked:
            reason = ask_reason(self, "Changing the register")
            if reason is None:
                return
        NoteDialog(self.workspace.db, rows[0], self, reason).exec()

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
        suggestions = list(dict.fromkeys(  # one person may deputise for two of those chosen: named once
            (m.person_name, m.person_id)
            for m in ms.list_memberships(self.workspace.db, on=meeting.date, group_id=meeting.group_id, seated=True)
            if m.role is Role.DEPUTY and m.deputy_for_id in member_ids
        ))
        names = ", ".join(r.name for r in rows)
        DeputyDialog(self.workspace.db, [r.id for r in rows], names, suggestions, self, reason,
                     versions={r.id: r.version for r in rows}).exec()
