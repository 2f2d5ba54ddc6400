"""One meeting open: its details and minutes workflow, agenda, attendance register and live
minutes, with its printable outputs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QPushButton, QTextEdit, QToolBar, QWidget

from bscp_desktop import jobs
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus, no_minutes_yet
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.area_tab import SubTabKeys
from bscp_desktop.ui.common.labels import TITLE, WARNING_STYLE, NoteBar, empty_state, larger_text
from bscp_desktop.ui.common.layout import in_a_column
from bscp_desktop.ui.common.list_page import RecordListPage, offer_tool
from bscp_desktop.ui.common.messages import choose, confirm, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import job_actions
from bscp_desktop.ui.common.permissions import refusal
from bscp_desktop.ui.common.sections import Sections, section_pages
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.meetings import commands
from bscp_desktop.ui.meetings.dialogs import ApproveDialog, MeetingDialog
from bscp_desktop.ui.meetings.dialogs.agenda import CirculateDialog
from bscp_desktop.ui.meetings.minutes_editor import ARCHIVED, MinutesEditor
from bscp_desktop.ui.meetings.workspace_pages import AgendaPanel, AttendancePanel


def minutes_refusals(m: mt.MeetingDTO, not_yet: str | None) -> tuple[str, str, str]:
    """Why "Mark minutes circulated", "Back to draft" and "Approve minutes…" are not offered for
    the meeting `m` ('' where one is), from its minutes' status first: `not_yet` says why a
    meeting has no minutes to move today (called off, not taken place yet, archived)."""
    status = m.minutes_status
    approved = f" on {format_date(m.minutes_approved_on)}" if m.minutes_approved_on else ""
    locked = (f"The minutes were approved{approved}, so they are locked: to change them, amend an item's minutes "
              "on the Minutes page and give the reason." if status is MinutesStatus.APPROVED else "")
    not_yet = f"{not_yet}." if not_yet else ""
    circulated = f" on {format_date(m.minutes_circulated_on)}" if m.minutes_circulated_on else ""
    circulated = f"The minutes were circulated{circulated}."
    return (
        locked or (circulated if status is MinutesStatus.CIRCULATED else not_yet),
        locked or ("The minutes are already a draft." if status is MinutesStatus.DRAFT else "")
        or (not_yet if m.archived else ""),
        locked or not_yet,
    )


@section_pages("agenda", "attendance", "minutes", of="pages")
class MeetingWorkspace(ReloadsWhenShown, QWidget):
    """One meeting open. The frame shows at once, saying the meeting is being read; what the
    meeting shows is read in a worker thread (`reload`: one `meeting_workspace` call, and the
    meeting's offline mark on a team database) and shown
    when it arrives, and read again when something it shows changes. Its three pages are each
    made the first time they are shown.

    The meeting's toolbar is also its menu: Shift+F10 or the Menu key anywhere in the meeting
    (and a right-click on the agenda or the register) shows what is chosen there (the list's
    tools, a text box's Cut, Copy and Paste) and then the meeting's own commands
    (`show_commands`), so the keyboard reaches every one of them. Ctrl+Tab and Ctrl+Shift+Tab
    move between its Agenda, Attendance and Minutes from anywhere in it."""

    closed = Signal()

    def __init__(self, db, meeting_id: int, parent=None):
        super().__init__(parent)
        self.db = db
        self.meeting_id = meeting_id
        self.data: mt.MeetingWorkspaceDTO | None = None  # None until the first read arrives
        self.meeting: mt.MeetingDTO | None = None
        self.held_by = ""  # who holds the meeting offline, when another officer does (minutes read-only)
        self._wanted_item: int | None = None  # shown once the meeting is read (a search hit)
        self._reading = LatestRead(self, "meeting", self._arrived, self._read_failed)

        self.back = QPushButton("‹ All meetings", self)
        self.back.setAccessibleName("Back to all meetings")
        self.back.setToolTip("Back to the list of meetings (Alt+Left)")
        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.back.clicked.connect(self.close_workspace)
        self.title = QLabel("Loading the meeting…", self)
        larger_text(self.title, TITLE, bold=True)
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
        # what the heading shows is typed by users (a title, a place, a link, names): never markup
        for label in (self.title, self.details, self.minutes_state, self.message):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._asked_held = False
        self._minuting = False  # the minutes were started: the held bar speaks of them
        self.offline_update: Callable[[], None] = lambda: None  # set by the meetings tab (offline.py)
        # What offline.py reads with the meeting, in the same worker (on a team database, the
        # meeting's offline mark), and what it read last; both set by the meetings tab.
        self.offline_read: Callable[[], object] = lambda: None
        self.offline_mark: object = None
        self.held_bar = NoteBar(self, "Mark as held", self.mark_held, "Meeting still planned", WARNING_STYLE)
        self.held_note, self.held_button = self.held_bar.note, self.held_bar.button
        self.held_button.setAccessibleName("Mark the meeting as held")
        self.held_button.setToolTip("Say this meeting took place, so attendance monitoring counts it")
        # archived while open here (perhaps by another officer): the minutes are read-only
        self.archived_bar = NoteBar(self, "Restore the meeting", self.restore, "Meeting archived", WARNING_STYLE)
        self.archived_bar.note.setText(f"{ARCHIVED} Its minutes can be read here, not changed; words not saved "
                                       "stay on screen, marked Not saved.")
        self.archived_bar.button.setAccessibleName("Restore the meeting")

        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName("The meeting's commands")
        self.toolbar.setToolTip("These commands are also on Shift+F10 or the Menu key, anywhere in the meeting")
        commands_key = QAction("Show the meeting's commands", self)
        commands_key.setShortcuts([QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10")])
        commands_key.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        commands_key.triggered.connect(lambda: QApplication.activePopupWidget() or self.show_commands())  # not over an open menu
        self.addAction(commands_key)
        self.toolbar.setEnabled(False)  # until the meeting is read
        self.edit_action = self._action("Edit details…", self.edit_details)
        self.toolbar.addSeparator()
        self.circulate_action = self._action("Mark minutes circulated", self.circulate)
        self.draft_action = self._action("Back to draft", self.back_to_draft)
        self.approve_action = self._action("Approve minutes…", self.approve)
        for action in (self.circulate_action, self.draft_action, self.approve_action):
            offer_tool(action)  # its own words kept, to come back once it is offered again
        self.toolbar.addSeparator()
        meeting = {"meeting": meeting_id}
        (self.agenda_pdf,) = job_actions(
            self, db, jobs.find("report", "agenda"), fixed=meeting, file_name=lambda _o: f"Agenda {self._file_stem()}"
        )
        self.minutes_pdf, self.circulation_pdf = job_actions(
            self, db, jobs.find("report", "minutes"), fixed=meeting,
            file_name=lambda o: f"Minutes {'for circulation ' if o.get('circulation') else ''}{self._file_stem()}",
        )
        self.circulation_pdf.setToolTip("Minutes without the confidential items")
        (self.ics_action,) = job_actions(
            self, db, jobs.find("report", "ics"), fixed=meeting, file_name=lambda _o: self._file_stem()
        )
        self.ics_action.setToolTip("An .ics file Outlook opens, to send as an invitation")
        (self.series_ics_action,) = job_actions(  # shown for a meeting of a series
            self, db, jobs.find("report", "ics"), ask=lambda: {"series": self.meeting.series_id},
            file_name=lambda _o: f"{self.meeting.group_name} series", menus=["Calendar file for the series…"],
        )
        self.series_ics_action.setToolTip("Every meeting of this meeting's series in one .ics file")
        self.series_ics_action.setVisible(False)
        for action in (self.agenda_pdf, self.minutes_pdf, self.circulation_pdf, self.ics_action, self.series_ics_action):
            self.toolbar.addAction(action)

        self.pages = Sections({
            "agenda": ("Agenda", lambda: AgendaPanel(self)),
            "attendance": ("Attendance", lambda: AttendancePanel(self)),
            "minutes": ("Minutes", self._make_minutes),
        }, self)
        self.pages.setAccessibleName("Meeting pages")
        self.pages.tabBar().setAccessibleName(self.pages.accessibleName())  # a screen reader names the row of tabs
        self.pages.on_built = self._page_built
        self.pages.currentChanged.connect(self._page_changed)
        SubTabKeys(self, lambda: self.pages)  # Ctrl+Tab: the meeting's pages, from its heading too
        self.waiting = QLabel("Reading the meeting's agenda, register and minutes…", self)
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_state(self.waiting)

        head = QHBoxLayout()
        head.addWidget(self.back)
        head.addWidget(self.title, 1)
        in_a_column(self, head, self.details, self.minutes_state, self.archived_bar, self.held_bar, self.toolbar,
                    self.message, (self.waiting, 1), (self.pages, 1)).setContentsMargins(4, 4, 4, 4)
        for part in (self.details, self.minutes_state, self.archived_bar, self.held_bar, self.message, self.pages):
            part.hide()
        self.watch(db, RecordKind.MEETINGS, RecordKind.MEMBERSHIPS, RecordKind.ACTIONS)

    def rows(self, name: str) -> tuple:
        """The agenda or the register as last read (none while the meeting is being read)."""
        return getattr(self.data, name) if self.data is not None else ()

    def _make_minutes(self) -> MinutesEditor:
        minutes = MinutesEditor(self.db, self)
        minutes.starting = self.remind_held
        minutes.held_by = self.held_by
        if self.data is not None:
            minutes.set_workspace(self.data)
        return minutes

    def _file_stem(self) -> str:
        return f"{self.meeting.group_name} {self.meeting.date:%Y-%m-%d}"

    def _action(self, text: str, slot) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.toolbar.addAction(action)
        return action

    def _page_built(self, _name: str, page: QWidget) -> None:
        """The agenda's and the register's own menu keys and right-click show the meeting's menu,
        which starts with the list's tools (one menu for each key: no key does two things)."""
        if isinstance(page, RecordListPage):
            page.table.removeAction(page.tools_action)
            page.table.customContextMenuRequested.disconnect(page.show_tools_menu)
            page.table.customContextMenuRequested.connect(lambda pos, table=page.table: self.show_commands(table.viewport(), pos))

    def show_commands(self, widget: QWidget | None = None, pos: QPoint | None = None) -> QMenu | None:
        """The menu of what has the keyboard (`widget`, at `pos` in it): a list's tools or a text
        box's editing commands, then the meeting's own commands (once the meeting is read); None
        while there is nothing to offer."""
        focus = widget or QApplication.focusWidget()
        if focus is None or not (focus is self or self.isAncestorOf(focus)):
            focus = self
        if isinstance(focus.parentWidget(), QAbstractItemView) and focus is focus.parentWidget().viewport():
            focus = focus.parentWidget()
        view = focus.viewport() if isinstance(focus, QAbstractItemView | QTextEdit | QPlainTextEdit) else focus
        if pos is None:
            if isinstance(focus, QAbstractItemView):
                rect = focus.visualRect(focus.currentIndex())
                pos = rect.bottomLeft() if rect.isValid() and view.rect().intersects(rect) else QPoint(0, 0)
            elif isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit):
                pos = focus.cursorRect().bottomLeft()
            else:
                pos = QPoint(0, focus.height())
        if isinstance(focus, QLineEdit | QTextEdit | QPlainTextEdit):
            menu = focus.createStandardContextMenu()
        else:
            menu = QMenu(self)
            page = self.pages.currentWidget() if self.pages.isVisible() else None
            if isinstance(page, RecordListPage) and page.isAncestorOf(focus):
                menu.addActions([action for action in page.toolbar.actions() if action.isVisible()])
                page.columns_menu.add_to(menu)  # Columns and Sort by, as every list's menu offers them
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setToolTipsVisible(True)  # a command not offered says why
        if self.toolbar.isEnabled():  # not before the meeting is read
            menu.addSection("This meeting")
            menu.addActions([action for action in self.toolbar.actions() if action.isVisible()])
        if not menu.actions():
            menu.deleteLater()
            return None
        menu.popup(view.mapToGlobal(pos))
        return menu

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ------------------------------------------------------------ state
    def reload(self) -> None:
        """Read everything the meeting shows again (one call, in a worker thread); it is shown
        when it arrives (at once if the read is quick)."""
        db, meeting_id, offline_read = self.db, self.meeting_id, self.offline_read
        self._reading.start(lambda: (mt.meeting_workspace(db, meeting_id), offline_read()))

    def loading(self) -> bool:
        """True while the meeting is being read."""
        return self._reading.loading()

    def _arrived(self, read: tuple[mt.MeetingWorkspaceDTO, object]) -> None:
        self.data, self.offline_mark = read
        self.show_data()

    def _read_failed(self, exc: Exception) -> None:
        if self.data is not None:
            show_error(self, "Could not load the meeting", exc)
            return
        show_error(self, "Could not open the meeting", exc)
        self.close_workspace()  # nothing of it to show

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
        self.toolbar.setEnabled(True)
        not_yet = no_minutes_yet(m.date, m.status, date.today())
        if m.archived:
            self.minutes_state.setText(f"Minutes: {m.minutes_state} — the meeting is archived")
            not_yet = "The meeting is archived: restore it first"
        self.archived_bar.setVisible(m.archived)
        for action, why in zip((self.circulate_action, self.draft_action, self.approve_action),
                               minutes_refusals(m, not_yet), strict=True):
            offer_tool(action, why)  # '' gives back the action's own words
        self.series_ics_action.setVisible(m.series_id is not None)
        past = m.date <= date.today()
        self.held_bar.setVisible(m.status is MeetingStatus.PLANNED and past and not m.archived)
        self.held_note.setText(self._held_words(m))
        for name in ("agenda", "attendance"):
            page = self.pages.built_page(name)
            if page is not None:
                page.refresh()  # at once if on screen, else when next shown
        minutes = self.pages.built_page("minutes")
        if minutes is not None:
            minutes.set_workspace(self.data)
        if self.pages.isHidden():  # the first read: the pages take the place of the note
            self.waiting.hide()
            for part in (self.details, self.minutes_state, self.pages):
                part.show()
        self.offline_update()  # a meeting taken offline or brought back meanwhile
        if self._wanted_item is not None:
            item_id, self._wanted_item = self._wanted_item, None
            self.show_item(item_id)

    def show_item(self, item_id: int) -> None:
        """Open the minutes at one agenda item (a removed item: the agenda, with it shown);
        once the meeting is read, if it is still being read."""
        if self.data is None:
            self._wanted_item = item_id
            return
        if item_id in [i.id for i in self.data.live_agenda]:
            minutes = self.pages.show_page("minutes")  # its list may also hold an item removed with words not saved
            minutes.item_list.setCurrentRow([i.id for i in minutes.items].index(item_id))
        else:
            agenda = self.pages.show_page("agenda")
            agenda.show_archived.setChecked(True)
            agenda.select_id(item_id)

    def hold(self, sentence: str) -> None:
        """Another officer holds the meeting offline: its minutes can be read here, not typed into."""
        self.held_by = sentence
        minutes = self.pages.built_page("minutes")
        if minutes is not None:
            minutes.hold(sentence)

    def _page_changed(self, _index: int) -> None:
        self.flush()

    def flush(self) -> None:
        """Save the minutes being typed, if any."""
        minutes = self.pages.built_page("minutes")
        if minutes is not None:
            minutes.flush()

    def flush_or_ask(self, decisions: bool = True) -> bool:
        """Save the minutes being typed; where that fails, True only if the officer discards
        them (False: they stay with their words). With `decisions`, the same for decisions
        typed on the New decision line but not yet added."""
        minutes = self.pages.built_page("minutes")
        if minutes is None:
            return True
        return minutes.ready_to_leave() if decisions else minutes.flush_or_ask()

    def close_workspace(self) -> None:
        if not self.flush_or_ask():
            return
        self.closed.emit()

    def leave(self) -> None:
        """The meeting is being closed: its minutes are saved, and a read still in flight is
        never shown."""
        self.flush()
        self._reading.forget()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.flush()
        super().hideEvent(event)

    # ------------------------------------------------------------ the meeting's life
    def ask_if_held(self) -> None:
        """Starting the register of a planned meeting: ask (once) whether it was held, and mark
        it so. A meeting dated after today is not asked about. (Typing its minutes is never
        interrupted: `remind_held`.)"""
        m = self.meeting
        if m is None or self._asked_held or m.status is not MeetingStatus.PLANNED or m.date > date.today() or refusal(self.db):
            return
        self._asked_held = True
        if choose(self, "Was the meeting held?", f"{m.label} is still marked planned. Did it take place on "
                  f"{m.date:%d/%m/%Y}?\n\nOnly meetings marked held count in attendance monitoring.",
                  "Yes, mark it held", "Not yet"):
            self.mark_held()

    def remind_held(self) -> None:
        """Typing the minutes of a planned meeting: the bar above asks whether it was held,
        without a question box that would take the keyboard (and the words being typed)."""
        m = self.meeting
        if m is None or m.status is not MeetingStatus.PLANNED or m.date > date.today() or m.archived or refusal(self.db):
            return
        self._minuting = True
        self.held_note.setText(self._held_words(m))
        self.held_bar.setVisible(True)

    def _held_words(self, m: mt.MeetingDTO) -> str:
        if self._minuting:
            return (f"You are taking the minutes of a meeting still marked planned. If it took place on "
                    f"{m.date:%d/%m/%Y}, mark it held: attendance monitoring leaves planned meetings out.")
        return (f"This meeting is still marked planned, so attendance monitoring leaves it out. If it took place on "
                f"{m.date:%d/%m/%Y}, mark it held.")

    def mark_held(self) -> None:
        result = commands.run(self, "Mark the meeting held", lambda _r: mt.mark_held(self.db, self.meeting_id))
        if result is not commands.FAILED:  # the change shows when the meeting is read again (its notice)
            self.say("The meeting is marked held: attendance monitoring now counts it.")

    # ------------------------------------------------------------ commands
    def edit_details(self) -> None:
        if not self.flush_or_ask(decisions=False):  # the officer stays with the words not saved
            return
        MeetingDialog(self.db, self.meeting, self).exec()

    def circulate(self) -> None:
        if not self.flush_or_ask():  # never circulated without the words on screen, unless let go
            return
        if self._nothing_minuted() and not confirm(
                self, "Mark the minutes circulated", "Nothing is minuted for this meeting yet: no agenda item has "
                "minutes, a decision or an action. Mark the minutes circulated anyway?"):
            return
        was = self.meeting.status
        dialog = CirculateDialog(self.db, self.meeting, self)  # the day they went out: today unless earlier
        if dialog.exec() and dialog.result_value.status is not was:
            self.say(f"Minutes marked circulated; the meeting is now marked {dialog.result_value.status.label.lower()}.")

    def _nothing_minuted(self) -> bool:
        """No words minuted under any live agenda item, and no decision or action recorded, as
        saved once the words on screen are (one read): the minutes would go out empty."""
        data = mt.meeting_workspace(self.db, self.meeting_id)
        return not (data.decisions or data.actions or any(i.minutes.strip() for i in data.live_agenda))

    def restore(self) -> None:
        """Restore the meeting archived while open here, so its minutes can be typed again."""
        result = commands.run(self, "Restore the meeting", lambda _r: mt.restore_meeting(self.db, self.meeting_id))
        if result is not commands.FAILED:  # the change shows when the meeting is read again (its notice)
            self.say("The meeting is restored: its minutes can be typed again.")

    def back_to_draft(self) -> None:
        """Take circulated minutes back to draft, once the officer agrees to what that undoes."""
        m = self.meeting
        if m is None:
            return
        version = m.version  # as shown: a colleague's move meanwhile is said
        gone = (f" They were circulated on {format_date(m.minutes_circulated_on)}: that date is cleared, and they"
                if m.minutes_circulated_on else " They")
        if not confirm(self, "Back to draft", f"Return the minutes of the {m.group_name} meeting on "
                       f"{format_date(m.date)} to draft?{gone} can be changed and circulated again."):
            return
        result = commands.run(self, "Return the minutes to draft",
                              lambda _r: mt.return_minutes_to_draft(self.db, self.meeting_id, version=version))
        if result is not commands.FAILED:  # the line under the status follows the step just taken
            self.say("Minutes returned to draft: they can be changed again.")

    def approve(self) -> None:
        """At a later meeting of the group, or between meetings by chair's action or e-mail."""
        if not self.flush_or_ask():  # never approved without the words on screen, unless let go
            return
        if confirm(self, "Approve minutes", "Approved minutes are locked: later changes need an amendment with a "
                   "reason. Go on?"):
            dialog = ApproveDialog(self.db, self.meeting, self)
            if dialog.exec():
                held = dialog.marks_held  # the meeting chosen, still as it was when the dialog opened
                self.say("Minutes approved: a later change needs an amendment with a reason." + (
                    f" The meeting of {format_date(held.date)} is now marked as held: its register is still "
                    "to be filled in." if held else ""))
