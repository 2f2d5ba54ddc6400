"""Meetings taken offline, in the window: Take offline…, Bring back… and Release… on the
meetings list, the dialog comparing fields changed in both places, and the release dialog.

Take offline and Release work on a team database; Bring back on a team database (choose the
copy) or on the copy itself (the window connects to the team database it came from). Each
action is disabled elsewhere, its tooltip saying why in one sentence. On an offline copy New
meeting and New series… are not offered (bringing it back takes only the meeting taken
offline); a copy already brought back is kept only to read, and nothing that would change it is
offered, the banner's sentence saying why, as the minutes of a meeting another officer holds
offline are only read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop import paths
from bscp_desktop.domain.validation import local_time
from bscp_desktop.services import offline as off
from bscp_desktop.services.offline.compare import APPROVAL
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.cell_columns import fit_to_cells
from bscp_desktop.ui.common.dialog_fit import fit_to_screen
from bscp_desktop.ui.common.editors import text_box
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, NoteBar, as_typed, plain_label
from bscp_desktop.ui.common.messages import confirm, explain, show_error, tell
from bscp_desktop.ui.common.outputs import safe_file_name
from bscp_desktop.ui.common.permissions import changes_records, refuse
from bscp_desktop.ui.common.table_model import tab_moves_on
from bscp_desktop.ui.common.worker import run_in_background
from bscp_desktop.ui.database_choice import DB_FILTER, database_name

NOT_TEAM = ("Meetings are taken offline from a team database: this database is a file on this computer "
            "(File > Connect to team database… to use the team's).")
CHOOSE = "Choose a meeting in the list first."
KEEP_TEXT = {None: "Choose…", off.SERVER: "Team database's", off.OFFLINE: "Offline copy's"}
RECORD_MOST = 400  # a record's name at its widest before the room over is its own: a longer one ends in "…"


class ReleaseDialog(FormDialog):
    """Release a meeting taken offline whose copy cannot come back, giving the reason."""

    def __init__(self, db, mark: off.OfflineMarkDTO, parent: QWidget | None = None):
        super().__init__("Release a meeting taken offline", parent, db=db)
        self.mark = mark
        about = plain_label(
            f"{mark.sentence} Release it only if that copy cannot come back (a lost or broken laptop): "
            "the meeting can then be changed here again. If the copy turns up later, bringing it back "
            "shows side by side anything changed here meanwhile.", self, wrap=True)  # names the meeting
        self.form.addRow(about)
        self.reason = self.add_field(
            "reason", "Reason", text_box(placeholder="For example: the laptop holding the copy was lost"),
            "Kept in the change history with your name.")
        self.save_button.setText("Release")

    def check(self) -> dict[str, str]:
        if not editor_text(self.reason).strip():
            return {"reason": "Give the reason for releasing the meeting"}
        return {}

    def save(self):
        return off.release_meeting(self.db, self.mark.meeting_id, editor_text(self.reason))


class CompareDialog(QDialog):
    """The fields changed both on the team database and offline, side by side: the officer
    chooses, field by field, which value to keep. Nothing is brought back until each has a
    choice.

    Minutes approved on the team database after the copy was taken keep the team database's
    values (their rows `locked` by the plan), as bringing back does, unless the offline copy's
    own approval is kept: the plan leaves that approval's row open only when the copy's minutes
    are approved too, and choosing its offline side frees the locked rows to choose (choosing
    the team database's locks them again)."""

    def __init__(self, plan: off.BringBackPlan, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Bring back: changed in both places")
        self.setModal(True)
        fit_to_screen(self, QSize(760, 520))  # no larger than the screen: Bring back and Cancel in view
        self.plan = plan
        self.conflicts = list(plan.conflicts)
        self.choices: dict[tuple, str] = {}  # (table, record id, field) -> SERVER or OFFLINE
        # the minutes' approval the copy may keep over the one made on the team database meanwhile
        self.approval_key = next((c.key for c in self.conflicts if c.key[0] == "meeting"
                                  and c.key[2] == APPROVAL[0] and not c.locked), None)
        summary = plain_label(plan.summary + " Choose, for each field below, which value to keep.", self, wrap=True)
        self.table = QTableWidget(len(self.conflicts), 3, self)
        self.table.setHorizontalHeaderLabels(["Record", "Field", "Keep"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.setAccessibleName("Fields changed in both places")
        tab_moves_on(self.table)  # Tab goes on to the values and the choice; the arrows move in the table
        for row, conflict in enumerate(self.conflicts):
            self.table.setItem(row, 0, QTableWidgetItem(conflict.record))
            self.table.item(row, 0).setToolTip(as_typed(conflict.record))  # whole on hover where it ends in "…"
            self.table.setItem(row, 1, QTableWidgetItem(conflict.field))
            self.table.setItem(row, 2, QTableWidgetItem(KEEP_TEXT[None]))
            if conflict.locked:  # minutes approved on the team database meanwhile: kept as approved
                self.choices[conflict.key] = off.SERVER
                self.table.item(row, 2).setText(KEEP_TEXT[off.SERVER])
        fit_to_cells(self.table, RECORD_MOST, also={2: KEEP_TEXT.values()}, rest_to=0)  # Keep fits each choice
        rows = 3 * self.table.verticalHeader().defaultSectionSize()  # about three fields in view, at any screen size
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth())
        self.server_caption = plain_label("", self, wrap=True)  # names the server
        self.offline_caption = QLabel("In the offline copy", self)
        self.server_text = self._value_box("The team database's value")
        self.offline_text = self._value_box("The offline copy's value")
        self.keep_server = QRadioButton("Keep the team database's", self)
        self.keep_offline = QRadioButton("Keep the offline copy's", self)
        self.keep_group = QButtonGroup(self)
        self.keep_group.setExclusive(False)  # no choice shown until one is made for the field
        self.keep_group.addButton(self.keep_server)
        self.keep_group.addButton(self.keep_offline)
        self.keep_server.clicked.connect(lambda: self.choose(off.SERVER))
        self.keep_offline.clicked.connect(lambda: self.choose(off.OFFLINE))
        sides = QGridLayout()
        sides.addWidget(self.server_caption, 0, 0)
        sides.addWidget(self.offline_caption, 0, 1)
        sides.addWidget(self.server_text, 1, 0)
        sides.addWidget(self.offline_text, 1, 1)
        sides.addWidget(self.keep_server, 2, 0)
        sides.addWidget(self.keep_offline, 2, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.all_server = QPushButton("Keep all the team database's", self)
        self.all_offline = QPushButton("Keep all the offline copy's", self)
        self.bring_button = self.buttons.addButton("Bring back", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.all_server, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.all_offline, QDialogButtonBox.ButtonRole.ActionRole)
        self.all_server.clicked.connect(lambda: self.choose_all(off.SERVER))
        self.all_offline.clicked.connect(lambda: self.choose_all(off.OFFLINE))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.status = plain_label("", self, wrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(sides, 2)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_conflict(row))
        if self.conflicts:
            self.table.selectRow(0)
            self.show_conflict(0)
        self._update()

    def _value_box(self, name: str) -> QPlainTextEdit:
        box = QPlainTextEdit(self)
        box.setReadOnly(True)
        box.setAccessibleName(name)
        return box

    def current(self) -> int:
        return max(self.table.currentRow(), 0)

    def is_locked(self, conflict: off.Conflict) -> bool:
        """Whether the row keeps the team database's approved minutes: locked by the plan, and
        the offline copy's own approval is not the one kept."""
        return bool(conflict.locked) and not (
            self.approval_key is not None and self.choices.get(self.approval_key) == off.OFFLINE)

    def _follow_the_approval(self) -> None:
        """The approval's choice changed: the locked rows keep the team database's value again,
        or, once the copy's approval is kept, wait for the officer's choice."""
        for row, conflict in enumerate(self.conflicts):
            if not conflict.locked:
                continue
            if self.is_locked(conflict):
                self.choices[conflict.key] = off.SERVER
            elif self.choices.get(conflict.key) == off.SERVER:  # kept by the lock, not chosen
                del self.choices[conflict.key]
            self.table.item(row, 2).setText(KEEP_TEXT[self.choices.get(conflict.key)])

    def show_conflict(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        self.server_caption.setText(conflict.server_said)
        self.server_text.setPlainText(conflict.server_text)  # 31/05/2024, not 2024-05-31
        self.offline_text.setPlainText(conflict.offline_text)
        chosen = self.choices.get(conflict.key)
        self.keep_server.setChecked(chosen == off.SERVER)
        self.keep_offline.setChecked(chosen == off.OFFLINE)
        locked = self.is_locked(conflict)
        self.keep_offline.setEnabled(not locked)
        self.keep_offline.setToolTip(
            f"The minutes were approved on the team database on {conflict.locked}, after the copy was taken: "
            "they stay as approved (amend them there, giving the reason)"
            + (", unless you keep the offline copy's approval" if self.approval_key is not None else "")
            if locked else "")

    def choose(self, keep: str, row: int | None = None) -> None:
        row = self.current() if row is None else row
        conflict = self.conflicts[row]
        if self.is_locked(conflict) and keep == off.OFFLINE:
            return  # approved minutes stay as approved
        self.choices[conflict.key] = keep
        self.table.item(row, 2).setText(KEEP_TEXT[keep])
        if conflict.key == self.approval_key:
            self._follow_the_approval()
        self.show_conflict(self.current())  # its row, or one the approval locked or freed
        self._update()

    def choose_all(self, keep: str) -> None:
        """Every row's value from one side; approved minutes stay as approved unless the copy's
        own approval is kept (chosen first, so the rows it frees follow)."""
        rows = sorted(range(len(self.conflicts)), key=lambda r: self.conflicts[r].key != self.approval_key)
        for row in rows:
            if not self.is_locked(self.conflicts[row]):
                self.choose(keep, row)

    def _update(self) -> None:
        left = sum(c.key not in self.choices for c in self.conflicts)
        self.bring_button.setEnabled(left == 0)
        self.status.setText(
            f"{left} field{'s' if left != 1 else ''} still to choose." if left
            else "Every field has a choice: press Bring back.")


class OfflineActions:
    """Take offline…, Bring back… and Release… on the meetings list page."""

    def __init__(self, page):
        self.page = page
        self.db = page.db
        self.team = off.is_team_database(self.db)
        self.marks: dict[int, off.OfflineMarkDTO] = {}
        self.problem = ""  # why the marks cannot be read (a login whose grants leave them out)
        try:
            self.origin = off.offline_origin(self.db)
        except Exception as exc:  # the list still works; the actions say why they are off
            self.origin, self.problem = None, f"Which meetings are offline cannot be read here: {explain(exc)}"
        page.toolbar.addSeparator()
        self.take_action = page._action("Take offline…", lambda: self.take())
        self.bring_action = page._action("Bring back…", lambda: self.bring())
        self.release_action = page._action("Release…", lambda: self.release())
        self.bring_action.setEnabled(self.team or self.origin is not None)
        if self.origin is not None:
            self.bring_action.setToolTip(as_typed(
                f"Bring this offline copy back to the team database it came from ({self.origin.server})"))
        elif self.team:
            self.bring_action.setToolTip("Bring a meeting's offline copy back to this team database")
        else:
            self.bring_action.setToolTip(NOT_TEAM)
        if self.origin is not None:  # new meetings are made on the team database
            series = getattr(page, "series_action", None)
            made_here = [page.new_action, *([series] if series is not None else [])]
            if self.kept_to_read:  # nothing of it changes any more
                kept_to_read(page, [*made_here, *(a for a in page.actions() if changes_records(a))], self.banner)
            else:
                kept_to_read(page, made_here, (
                    f"This is an offline copy of {self.origin.meeting}: make new meetings on the team database, "
                    "as bringing the copy back takes only that meeting."))
        self.update(None)

    @property
    def kept_to_read(self) -> bool:
        """An offline copy already brought back (or its meeting released): it is only read."""
        return self.origin is not None and not self.origin.active

    @property
    def banner(self) -> str:
        """What the tab says on an offline copy: where it came from, what to do next."""
        if self.origin is None:
            return ""
        if not self.origin.active:
            return (f"This is an offline copy of {self.origin.meeting}, {self.origin.ended_how} on "
                    f"{local_time(self.origin.ended_at):%d/%m/%Y}: it is kept only to read.")
        return (f"This is an offline copy of {self.origin.meeting}, taken from the team database "
                f"{self.origin.server}. Minute it here, and when you are connected again use Bring back… "
                "above the list.")

    def loaded(self) -> None:
        if self.team and not self.problem:
            try:
                self.marks = {m.meeting_id: m for m in off.list_marks(self.db)}
            except Exception as exc:  # as above: the list itself still shows
                self.problem = f"Which meetings are offline cannot be read here: {explain(exc)}"
        self.update(self.page.selected())

    def mark_of(self, meeting_id: int) -> off.OfflineMarkDTO | None:
        """The meeting's mark, if it is offline (read afresh when the list has not loaded yet,
        as when a search opens the meeting)."""
        if not self.team or self.problem:
            return None
        if meeting_id in self.marks:
            return self.marks[meeting_id]
        try:
            return off.meeting_mark(self.db, meeting_id)
        except Exception:  # the grants leave the marks out: the meeting opens without the sentence
            return None

    def _set(self, action: QAction, enabled: bool, tip: str) -> None:
        action.setEnabled(enabled)
        action.setToolTip(as_typed(tip))  # may name the meeting, its group and who took it offline
        action.setStatusTip(tip)

    def update(self, row) -> None:
        states = self.states(row.id if row is not None else None, bool(row is not None and row.archived))
        for action, (enabled, tip) in zip((self.take_action, self.bring_action, self.release_action), states,
                                          strict=True):
            if enabled is not None:
                self._set(action, enabled, tip)

    def states(self, meeting_id: int | None, archived: bool = False, list_page: bool = True,
               open_mark: off.OfflineMarkDTO | None = None):
        """(enabled, tooltip) of Take offline…, Bring back… and Release… for a meeting (None:
        none chosen), the same on the meetings list and in the open meeting (whose mark,
        `open_mark`, is read with the meeting); an enabled None leaves the list's Bring back…
        as it is (it chooses any copy)."""
        keep = (None, "")
        if self.problem:
            return [(False, self.problem)] * 3
        if not self.team:
            why = ("This is already an offline copy: meetings are taken offline from the team database."
                   if self.origin is not None else NOT_TEAM)
            if list_page:
                bring = keep
            elif self.origin is None or self.origin.meeting_id != meeting_id:
                bring = (False, why if self.origin is None else "This meeting is not the one taken offline.")
            else:
                bring = (self.origin.active, self.bring_action.toolTip() if self.origin.active else self.banner)
            return [(False, why), bring, (False, why)]
        if meeting_id is None:
            return [(False, CHOOSE), keep, (False, CHOOSE)]
        mark = self.marks.get(meeting_id) if list_page else open_mark  # a team database only
        take = (mark is None and not archived,
                mark.sentence if mark else "Copy this meeting into a file on this computer to minute it "
                "without a connection; it is read-only here for others until you bring it back")
        release = (mark is not None, "Release the meeting if its offline copy cannot come back (a lost laptop)"
                   if mark else "This meeting is not offline.")
        bring = keep if list_page else (mark is not None, "Bring this meeting's offline copy back to this team "
                                        "database" if mark else "This meeting is not offline.")
        return [take, bring, release]

    def in_workspace(self, workspace) -> None:
        """The same three actions for an open meeting: Take offline… in its toolbar; while it is
        offline (or this is its offline copy) a line under the toolbar says so, with Bring back…
        and Release… beside it. The meeting's mark is read with the meeting, in its worker
        (`workspace.offline_read`); until the first read arrives the list's mark stands in."""
        meeting_id = workspace.meeting_id
        workspace.offline_mark = self.marks.get(meeting_id)
        workspace.offline_read = lambda: self._fresh_mark(meeting_id) if self.team and not self.problem else None
        workspace.toolbar.addSeparator()
        made = [QAction(text, workspace) for text in ("Take offline…", "Bring back…", "Release…")]
        for action, slot in zip(made, (lambda: self.take(meeting_id), lambda: self.bring(), lambda: self.release(meeting_id)),
                                strict=True):
            action.triggered.connect(slot)
        workspace.toolbar.addAction(made[0])
        bar = NoteBar(workspace, "Bring back…", made[1].trigger, "Meeting taken offline", WARNING_STYLE)
        release = QPushButton("Release…", bar)
        release.clicked.connect(made[2].trigger)
        bar.layout().addWidget(release)
        note, buttons = bar.note, (bar.button, release)
        layout = workspace.layout()
        layout.insertWidget(layout.indexOf(workspace.toolbar) + 1, bar)
        workspace.offline_actions, workspace.offline_note, workspace.offline_bar = made, note, bar
        if self.kept_to_read:  # as for a meeting another officer holds: read, not changed
            self._read_only(workspace)

        def update() -> None:
            archived = bool(getattr(workspace.meeting, "archived", False))
            mark = workspace.offline_mark
            for action, (enabled, tip) in zip(made, self.states(meeting_id, archived, False, mark), strict=True):
                self._set(action, bool(enabled), tip)
            for button, action in zip(buttons, made[1:], strict=True):  # the buttons do what the actions do
                button.setEnabled(action.isEnabled())
                button.setToolTip(action.toolTip())
            note.setText(self._offline_sentence(meeting_id, mark))
            bar.setVisible(bool(note.text()))
            # taken by another officer: the minutes are read-only here, and typed into again
            # once it is brought back or released (the mark is read with the meeting)
            held = mark is not None and self.team and off.held_by_another(self.db, mark)
            sentence = (f"{mark.sentence} The minutes can be read here, not changed." if held
                        else self.banner if self.kept_to_read else "")
            if sentence != workspace.held_by:
                workspace.hold(sentence)

        workspace.offline_update = update
        update()

    def _read_only(self, workspace) -> None:
        """An open meeting of a copy kept only to read: its minutes are read (`workspace.hold`,
        by `update`), and its details, minutes status, register and agenda tools are not offered,
        each saying why (the banner's sentence)."""
        tools = [workspace.edit_action, workspace.circulate_action, workspace.draft_action,
                 workspace.approve_action, workspace.held_button]
        kept_to_read(workspace, tools, self.banner)
        built = workspace.pages.on_built

        def sweep(name: str, page: QWidget) -> None:  # the agenda's and the register's tools, once made
            if built is not None:
                built(name, page)
            kept_to_read(workspace, [*page.findChildren(QAction), *page.findChildren(QPushButton),
                                     *page.findChildren(QToolButton)], self.banner, only_changes=True)

        workspace.pages.on_built = sweep
        for name in ("agenda", "attendance"):
            page = workspace.pages.built_page(name)
            if page is not None:
                sweep(name, page)

    def _offline_sentence(self, meeting_id: int, mark: off.OfflineMarkDTO | None) -> str:
        """What an open meeting says while it is offline ('' when it is not); `mark` is its
        mark as read with it."""
        if self.origin is not None and self.origin.meeting_id == meeting_id:
            return (f"This is the offline copy of this meeting, taken from the team database {self.origin.server}: "
                    "when you are connected again, bring it back." if self.origin.active else self.banner)
        return mark.sentence if mark is not None else ""

    def _fresh_mark(self, meeting_id: int) -> off.OfflineMarkDTO | None:
        """The meeting's mark as the team database has it now (read with an open meeting, in
        its worker)."""
        try:
            return off.meeting_mark(self.db, meeting_id)
        except Exception:  # the grants leave the marks out: `problem` already says so on the list
            return None

    # ------------------------------------------------------------ take offline
    def take(self, meeting_id: int | None = None) -> None:
        """Take the chosen meeting (or `meeting_id`, the open one) offline, into a file chosen."""
        row = self.page.selected() if meeting_id is None else off_meeting(self.db, meeting_id)
        if row is None or not self.team:
            return
        default = paths.data_dir() / offline_file_name(row)
        name, _ = QFileDialog.getSaveFileName(self.page, "Take offline: where to keep the copy", str(default), DB_FILTER)
        if name:
            self.take_into(row.id, Path(name))

    def take_into(self, meeting_id: int, path: Path):
        path = copy_name(path)
        db = self.db
        return run_in_background(
            self.page, "Taking the meeting offline…", lambda _progress: off.take_offline(db, meeting_id, path),
            on_done=lambda mark: self._taken(mark, path),
            on_error=lambda exc: show_error(self.page, "Could not take the meeting offline", exc),
            writes="Taking the meeting offline",
        )

    def _taken(self, mark: off.OfflineMarkDTO, path: Path) -> None:
        window = self.page.window()
        switch = getattr(window, "switch_to", None)
        if switch is None or not switch(path, False):
            tell(self.page, f"{mark.sentence} Open that file to minute it.")
            return
        meetings = getattr(window, "tab", lambda _t: None)("Meetings")
        if meetings is not None:
            meetings.open_meeting(mark.meeting_id)
        tell(window, f"You are now working on the offline copy of {mark.meeting}: minute it as usual, "
                     "and bring it back when you are connected again.")

    # ------------------------------------------------------------ bring back
    def bring(self) -> None:
        if self.origin is not None:
            self._bring_from_copy()
            return
        if not self.team:
            return
        name, _ = QFileDialog.getOpenFileName(self.page, "Bring back: choose the offline copy",
                                              str(paths.data_dir()), DB_FILTER)
        if name:
            self.bring_back_file(Path(name))

    def _bring_from_copy(self) -> None:
        origin, path = self.origin, self.db.path
        if not confirm(self.page, "Bring back",
                       f"Connect to the team database {origin.server} and bring this copy of "
                       f"{origin.meeting} back to it?"):
            return
        window = self.page.window()

        def connected(ok: bool) -> None:  # the window now shows the team database: its own list brings it back
            if ok:
                window.tab("Meetings").meetings.offline.bring_back_file(path)

        self._connect(window, origin.server, connected)

    @staticmethod
    def _connect(window, server: str, then=None):
        """Connect the window to the team database a copy came from (in the background; `then(ok)`
        when it ends): through the saved connection to it (File > Connect to team database…, its
        password in the credential store) if there is one, else by its address (a password then
        comes from the officer's password file)."""
        from bscp_desktop.services import connections as cx
        from bscp_desktop.ui.team.connect import load_connections

        settings = getattr(window, "settings", None)
        saved = load_connections(settings) if settings is not None else []
        for connection in saved:
            if off.same_server(cx.address(connection), server):
                return window.connect_to(connection, cx.saved_password(connection), then)
        return window.switch_to(server, False, then=then)

    def bring_back_file(self, path: Path):
        db = self.db
        return run_in_background(
            self.page, "Comparing the offline copy…", lambda _progress: off.plan_bring_back(db, path),
            on_done=lambda plan: self._planned(plan, path),
            on_error=lambda exc: show_error(self.page, "Could not bring the meeting back", exc),
        )

    def _planned(self, plan: off.BringBackPlan, path: Path) -> None:
        keep: dict = {}
        if plan.conflicts:
            dialog = CompareDialog(plan, self.page)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            keep = dict(dialog.choices)
        elif plan.problems:  # nothing to choose would put it right: said, not asked
            show_error(self.page, "Could not bring the meeting back", plan.summary)
            return
        elif not confirm(self.page, "Bring back", plan.summary + " Bring it back now?"):
            return
        db = self.db
        run_in_background(
            self.page, "Bringing the meeting back…", lambda _progress: off.bring_back(db, path, keep),
            on_done=lambda result: (tell(self.page, result.sentence), self.page.reload()),
            on_error=lambda exc: show_error(self.page, "Could not bring the meeting back", exc),
            writes="Bringing the meeting back",
        )

    # ------------------------------------------------------------ release
    def release(self, meeting_id: int | None = None) -> None:
        """Release the chosen meeting (or `meeting_id`, the open one), giving the reason."""
        row = self.page.selected() if meeting_id is None else None
        mark = self.marks.get(row.id) if row is not None else self.mark_of(meeting_id) if meeting_id else None
        if mark is None:
            return
        dialog = ReleaseDialog(self.db, mark, self.page)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.marks.pop(mark.meeting_id, None)
            tell(self.page, dialog.result_value.sentence)
            self.page.reload()


def kept_to_read(owner: QWidget, tools, reason: str, only_changes: bool = False) -> None:
    """Offer none of `tools` (actions, buttons) from now on, each saying `reason`; with
    `only_changes`, those of them that change records (`permissions.changes_records`). An
    action joins a disabled group, so a page's own rules cannot offer it again."""
    group = QActionGroup(owner)
    group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
    group.setEnabled(False)
    for tool in tools:
        if isinstance(tool, QAction) and (tool.isSeparator() or tool.menu() is not None):
            continue
        if isinstance(tool, QToolButton) and tool.defaultAction() is not None:
            continue  # the action behind it is refused
        if only_changes and (not changes_records(tool) or getattr(tool, "isCheckable", bool)()):
            continue
        if isinstance(tool, QAction):
            group.addAction(tool)
        refuse(tool, reason)


def copy_name(path: Path) -> Path:
    """The offline copy's file as chosen, ending as a database file's name: ".sqlite3" added
    where the name has no ending, as File > New database adds it (`database_name`: "Forum
    minutes 14.03.2024" becomes "Forum minutes 14.03.2024.sqlite3"). Another program's ending
    ("copy.txt") is kept: taking the meeting offline refuses it, saying why, as the command line
    does (`services.backups.database_output_problem`)."""
    return path if path.suffix[1:].isalpha() else database_name(path)


def off_meeting(db, meeting_id: int):
    """The meeting as the list shows it (group and date name its offline copy)."""
    from bscp_desktop.services import meetings as mt

    return mt.get_meeting(db, meeting_id)


def offline_file_name(row) -> str:
    """The name offered for a meeting's offline copy: its group and date, in any script, as every
    suggested name is made (`safe_file_name`)."""
    return safe_file_name(f"{row.group_name or 'Meeting'} {row.date:%Y-%m-%d} offline.sqlite3")

