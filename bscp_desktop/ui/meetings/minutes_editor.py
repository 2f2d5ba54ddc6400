"""Live minute-taking: one editor per agenda item that saves itself.

The text is saved half a second after the last keystroke, and at once when the officer moves to
another item, leaves the editor, switches tab or closes the window: there is no Save button to
forget. Each save is one small transaction (the minutes of one item), so after a crash or a
flat battery the database holds every word typed up to the last pause.

Keyboard: Alt+Down / Alt+Up next and previous item, Ctrl+Shift+D new decision, Ctrl+Shift+A
new action; Enter or F2 on a decision or an action opens it for editing, as a double-click does.
Ctrl+PgDown / Ctrl+PgUp are the window's, here as everywhere: its next and previous tab. A
decision is typed on one line during the meeting (line breaks pasted into it become spaces);
opened, it takes its owner, due date and evidence of impact, and the list says what a decision
is still missing ("no owner, no due date"); Withdrawn decisions… lists those withdrawn, to restore one.
A decision typed but not yet added stays with its item, kept outside memory too: after the computer
stopped it is back on its item's line when the meeting is opened again (decision_drafts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QGroupBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import ItemKind
from bscp_desktop.domain.text import isolate
from bscp_desktop.domain.validation import RecordChanged, long_text_as_saved, one_line
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.actions.dialogs import ActionDialog
from bscp_desktop.ui.common.autosave import AutoSaver, WordUndoText, editor_text, saving_editor, set_writable
from bscp_desktop.ui.common.labels import as_typed, empty_state, heading_label, note_label, plain_label, wrapped_list
from bscp_desktop.ui.common.layout import in_a_column, in_a_row
from bscp_desktop.ui.common.messages import confirm
from bscp_desktop.ui.common.permissions import changes, refusal
from bscp_desktop.ui.common.table_model import opens_on_enter
from bscp_desktop.ui.meetings import commands
from bscp_desktop.ui.meetings.decision_drafts import TypedDecisions
from bscp_desktop.ui.meetings.dialogs import AmendMinutesDialog, ask_reason
from bscp_desktop.ui.meetings.dialogs.decision import DecisionDialog, WithdrawnDecisionsDialog
from bscp_desktop.ui.meetings.minutes_conflict import SavedFirst
from bscp_desktop.ui.meetings.minutes_cursor import kept_position
from bscp_desktop.ui.meetings.minutes_presence import MinutesPresence

ROLE_ID = Qt.ItemDataRole.UserRole
ARCHIVED = "This meeting was archived: restore it to go on minuting."
CALLED_OFF = ("This meeting is marked {}, so it did not take place: change its status (Edit details…) to take its "
              "minutes or record decisions and actions.")


def action_text(a) -> str:
    parts = [" ".join(a.description.splitlines())]
    if a.owner:
        parts.append(a.owner)
    if a.due_date:
        parts.append(f"due {format_date(a.due_date)}")
    parts.append(a.status.label)
    return " — ".join(parts)


def decision_text(d) -> str:
    """"Agreed X — owner: Brent Council, due 30/04/2024", or "Agreed X (no owner, no due date)"."""
    gaps = d.gaps_text
    return " ".join(d.line.splitlines()) + (f" ({gaps.lower()})" if gaps else "")


def opens_on_enter_list(view: QListWidget, name: str, open_chosen: Callable[[], None]) -> None:
    """`opens_on_enter` for a list on the Minutes page, reached by Tab, saying how it opens."""
    opens_on_enter(view, name, lambda _index: open_chosen())
    view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab
    view.setToolTip("Double-click, or press Enter or F2, to edit the chosen one")


class MinutesEditor(QWidget):
    saved = Signal(int)

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.meeting: mt.MeetingDTO | None = None
        self.data: mt.MeetingWorkspaceDTO | None = None
        self.items: list[mt.AgendaItemDTO] = []
        self._item_id: int | None = None
        self._loading = False
        self._saving = False
        self.starting: Callable[[], None] | None = None  # asked before the first word of the minutes
        self.held_by = ""  # the sentence saying who holds the meeting offline, when someone else does
        self._item_label = ""
        self.removed: int | None = None  # the chosen item, taken off the agenda with words not saved (`_keep_removed`)

        self.item_list = wrapped_list(self, "Agenda items", min_width=220, numbered=True)  # wraps under the title
        self.item_list.currentRowChanged.connect(self._row_changed)

        self.heading = heading_label(self, name="Agenda item")
        self.details = note_label("", self)
        self.editor = WordUndoText(self)  # one Ctrl+Z takes back a word, not a paragraph
        # room to type in on a small laptop screen: the page scrolls to the decisions and actions
        # below rather than squeeze the minutes into two lines
        self.editor.setMinimumHeight(8 * self.editor.fontMetrics().lineSpacing() + 2 * self.editor.frameWidth() + 8)
        self.state = saving_editor(self.editor, "Minutes of this item", "Type the minutes of this item. They save themselves as you type.")
        self.amend_button = QPushButton("Amend the minutes of this item…", self)
        self.amend_button.setAccessibleName("Amend the minutes of this item")
        self.amend_button.clicked.connect(self.amend)
        self.amend_button.hide()

        # the minutes of the chosen item save themselves (ui/common/autosave.py)
        self._saved_item_id: int | None = None
        self.autosave = AutoSaver(self.editor, self.state, lambda: editor_text(self.editor), self._write,
                                  active=lambda: self._item_id is not None, parent=self, locked=self._locked_words)
        self.autosave.saved.connect(lambda: self.saved.emit(self._saved_item_id))
        # the version of the chosen item the text on screen starts from (see `_write`)
        self._base_version: int | None = None
        self.saved_first = SavedFirst(self)  # someone else saved the chosen item's minutes first
        # who else is editing the chosen item's minutes
        self.presence_note = plain_label("", self)  # names who else is editing, as typed
        self.presence = MinutesPresence(db, self.presence_note, self)
        self.autosave.saved.connect(lambda: self.presence.saved(self._saved_item_id))
        self.timer = self.autosave.timer
        self.editor.textChanged.connect(self._text_changed)

        # decisions
        self.decisions = wrapped_list(self, "Decisions on this item", max_height=110)
        opens_on_enter_list(self.decisions, "Edit the chosen decision", self.edit_decision)
        self.decision_edit = QLineEdit(self)
        self.decision_edit.setAccessibleName("New decision")
        self.decision_edit.setPlaceholderText("Type a decision and press Enter (Ctrl+Shift+D)")
        self.decision_edit.returnPressed.connect(self.add_decision)
        self.add_decision_button = QPushButton("Add decision", self)
        self.add_decision_button.clicked.connect(self.add_decision)
        self.add_decision_button.setEnabled(False)  # until a decision is typed
        self.decision_edit.textChanged.connect(lambda _text: self._decision_buttons())
        self.typed = TypedDecisions(self)  # typed but not yet added: kept by item, and outside memory
        self.withdraw_decision_button = QPushButton("Withdraw", self)
        self.withdraw_decision_button.setAccessibleName("Withdraw the chosen decision")
        self.withdraw_decision_button.clicked.connect(self.withdraw_decision)
        self.withdraw_decision_button.setEnabled(False)  # until a decision is chosen
        self.decisions.currentItemChanged.connect(lambda _current, _previous: self._decision_buttons())
        self.withdrawn_button = changes(QPushButton("Withdrawn decisions…", self), False)  # seen by every login
        self.withdrawn_button.setAccessibleName("Show the withdrawn decisions of this item")
        self.withdrawn_button.clicked.connect(self.show_withdrawn)

        # actions
        self.actions_list = wrapped_list(self, "Actions from this item", max_height=110)
        opens_on_enter_list(self.actions_list, "Edit the chosen action", lambda: self.edit_action(self._chosen_action(self.actions_list)))
        self.new_action_button = QPushButton("New action… (Ctrl+Shift+A)", self)
        self.new_action_button.setAccessibleName("New action")
        self.new_action_button.clicked.connect(self.new_action)

        # open actions from earlier meetings, under the action log review item
        self.review_box = QGroupBox("Open actions from earlier meetings of this group", self)
        self.review_list = wrapped_list(self.review_box, "Open actions from earlier meetings")
        opens_on_enter_list(self.review_list, "Edit the chosen action", lambda: self.edit_action(self._chosen_action(self.review_list)))
        box = QVBoxLayout(self.review_box)
        box.addWidget(note_label("Double-click an action, or choose it and press Enter, to record progress or close it.", self.review_box))
        box.addWidget(self.review_list)
        self.review_box.hide()

        right = QWidget(self)
        in_a_column(
            right, self.heading, self.details, self.presence_note, self.review_box, (self.editor, 3),
            in_a_row((self.state, 1), self.amend_button),
            QLabel("Decisions:", right), (self.decisions, 1),
            in_a_row((self.decision_edit, 1), self.add_decision_button, self.withdraw_decision_button, self.withdrawn_button),
            QLabel("Actions:", right), (self.actions_list, 1), in_a_row(self.new_action_button, 1),
            note_label("Keys: Alt+Down next item, Alt+Up previous item, Ctrl+Shift+D new decision, "
                       "Ctrl+Shift+A new action, Enter or F2 edit the chosen decision or action.", right, small=True),
        )

        self.empty = QLabel("No agenda items yet: add them on the Agenda page, then take the minutes here.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty_state(self.empty)
        self.right = right

        splitter = QSplitter(self)
        splitter.addWidget(self.item_list)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        self.splitter = splitter

        for keys_, slot in (  # not Ctrl+PgDown / Ctrl+PgUp: the window's next and previous tab
            ("Alt+Down", self.next_item), ("Alt+Up", self.previous_item),
            ("Ctrl+Shift+D", self.focus_decision), ("Ctrl+Shift+A", self.new_action),
        ):
            shortcut = QShortcut(QKeySequence(keys_), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # Tab goes down the page as it is shown: the earlier actions are above the minutes
        order = (self.item_list, self.review_list, self.editor, self.amend_button, self.decisions, self.decision_edit,
                 self.add_decision_button, self.withdraw_decision_button, self.withdrawn_button, self.actions_list,
                 self.new_action_button)
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        self._show_empty(True)

    # ------------------------------------------------------------ loading
    def _show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.splitter.setVisible(not empty)

    def set_workspace(self, data: mt.MeetingWorkspaceDTO) -> None:
        """Show a meeting's agenda, decisions and actions. Unsaved text is saved first; the
        item chosen in the list stays chosen, and the list is rebuilt only when the agenda
        itself changed (a saved minute leaves it alone).

        The meeting is read in a worker thread, so `data` may have been read before the last
        save from this editor: an item is never replaced by an older read of it (its version),
        and a read shown while this one's unsaved text was being saved is newer than this one."""
        if not self._saving:
            shown = self.data
            self.autosave.flush()  # not asked for by the officer (SavedFirst)
            if self.data is not shown:  # the save's own reload was shown meanwhile
                return
        self.data = data
        self.meeting = data.meeting
        self.typed.restore(data.meeting.id)  # decisions typed before the program stopped
        mine = {i.id: i for i in self.items}
        self.items = [mine[i.id] if i.id in mine and mine[i.id].version > i.version else i for i in data.live_agenda]
        self._keep_removed(data, list(mine.values()))
        current = self.item_list.currentItem()
        keep = current.data(ROLE_ID) if current is not None else self._item_id
        labels = [_label(item, item.id == self.removed) for item in self.items]
        shown = [self.item_list.item(r).text() for r in range(self.item_list.count())]
        shown_ids = [self.item_list.item(r).data(ROLE_ID) for r in range(self.item_list.count())]
        if labels != shown or [i.id for i in self.items] != shown_ids:
            self._loading = True
            with QSignalBlocker(self.item_list):
                self.item_list.clear()
                for item, label in zip(self.items, labels, strict=True):
                    row = QListWidgetItem(label)
                    row.setData(ROLE_ID, item.id)
                    row.setToolTip(as_typed(label))  # the item's title, as typed
                    self.item_list.addItem(row)
            self._loading = False
        self._show_empty(not self.items)
        if not self.items:
            self.typed.keep_line()
            self._item_id = None
            self.presence.show_item(None)
            return
        ids = [i.id for i in self.items]
        if self.item_list.currentRow() != (ids.index(keep) if keep in ids else 0):
            with QSignalBlocker(self.item_list):
                self.item_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._load_current(force=keep not in ids)

    def _keep_removed(self, data: mt.MeetingWorkspaceDTO, before: list[mt.AgendaItemDTO]) -> None:
        """The chosen item was taken off the agenda (by someone else) with words typed into it not saved: it
        stays in the list and on screen, marked removed, with its words and the state line saying why they are
        not saved, until the officer lets them go (moving on asks, as for any words not saved) or restores it."""
        gone, self.removed, ids = self._item_id, None, [i.id for i in before]
        if gone in ids and all(i.id != gone for i in self.items) and self.dirty():
            self.removed, at = gone, ids.index(gone)
            self.items.insert(min(at, len(self.items)), next((i for i in data.agenda if i.id == gone), before[at]))

    def _row_changed(self, row: int) -> None:
        if self._loading:
            return
        if not self.flush_or_ask():  # stay with the words not saved, on their item
            was = next((n for n, i in enumerate(self.items) if i.id == self._item_id), row)
            with QSignalBlocker(self.item_list):
                self.item_list.setCurrentRow(was)
            return
        if self.removed is not None and self.data is not None:  # its words let go: the removed item leaves the list
            self.set_workspace(self.data)
            return
        self._load_current(force=True)

    def flush_or_ask(self) -> bool:
        """Save what is typed; where that fails, ask whether to stay with the words (False) or
        discard them (True: the item's saved minutes are back on screen)."""
        with self.saved_first.asked():
            return self.autosave.flush_or_ask(self, "The minutes of this item", self.editor.setPlainText)

    def ready_to_leave(self) -> bool:
        """The meeting is being left (or its minutes circulated or approved): the minutes saved
        (`flush_or_ask`), and no decision typed but not yet added let go without asking. False
        when the officer stays with them (then on the item of the first such decision)."""
        return self.flush_or_ask() and self.typed.ready_to_leave()

    @property
    def typed_decisions(self) -> dict[int, tuple[str, str]]:
        """Decisions typed on the New decision line but not yet added, by item, for the items not chosen."""
        return self.typed.items

    @property
    def archived(self) -> bool:
        """The meeting is archived (perhaps by another officer while it was open here)."""
        return bool(self.meeting and self.meeting.archived)

    @property
    def called_off(self) -> str:
        """Why nothing is minuted at a meeting marked cancelled or postponed, else ''."""
        status = self.meeting.status if self.meeting else None
        return CALLED_OFF.format(status.label.lower()) if status is not None and status.called_off else ""

    def _decision_buttons(self) -> None:
        self.add_decision_button.setEnabled(bool(self.decision_edit.text().strip()) and not self.archived
                                            and not self.called_off)
        self.withdraw_decision_button.setEnabled(self.decisions.currentItem() is not None and not self.archived)

    def current_item(self) -> mt.AgendaItemDTO | None:
        row = self.item_list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _load_current(self, force: bool) -> None:
        item = self.current_item()
        if item is None:
            return
        changed_item = item.id != self._item_id
        if changed_item:  # the decision typed on the line stays with its own item
            self.typed.keep_line()
            self.decision_edit.setText(self.typed.take(item.id))
        self._item_id, self._item_label = item.id, _label(item)
        bits = [b for b in (
            f"Presenter: {isolate(item.presenter)}" if item.presenter else "",
            f"Paper: {isolate(item.paper_ref)}" if item.paper_ref else "",
            f"{item.minutes_allotted} minutes" if item.minutes_allotted else "",
            "Confidential: left out of minutes for circulation" if item.confidential else "",
        ) if b]
        self.heading.setText(f"{item.position}. {item.title}" + (" (removed from the agenda)" if item.id == self.removed else ""))
        self.details.setText(" · ".join(bits))
        self.details.setVisible(bool(bits))
        locked = bool(self.meeting and self.meeting.locked)
        archived = self.archived
        # Never overwrite what the officer is typing: reload the text only when it is all saved,
        # and only when it differs from the officer's own words as they are saved (the save
        # composes accents and drops control characters), so the cursor stays where they type.
        on_screen = self.autosave.read()
        reload = force or changed_item or on_screen == self.autosave.saved_text
        if reload and (force or changed_item or long_text_as_saved(on_screen) != item.minutes):
            before, cursor = editor_text(self.editor), self.editor.textCursor().position()
            with self.autosave.quiet():
                self.editor.setPlainText(item.minutes)
                if force or changed_item:
                    self.editor.moveCursor(QTextCursor.MoveOperation.End)  # carry on where the minutes end
                else:  # saved by someone else meanwhile: the cursor stays at the same point of the words
                    kept = self.editor.textCursor()
                    kept.setPosition(kept_position(before, editor_text(self.editor), cursor))
                    self.editor.setTextCursor(kept)
            self.autosave.loaded(item.minutes)
            self._base_version = item.version
        elif long_text_as_saved(on_screen) == item.minutes:  # the words on screen are the ones saved
            self.autosave.loaded(on_screen)
            self._base_version = item.version
        self.presence.show_item(item.id)
        refused = refusal(self.db)  # a read-only login reads the minutes, never types into them
        called_off = self.called_off
        set_writable(self.editor, not (locked or archived or called_off or self.held_by or refused))
        self.amend_button.setVisible(locked and not archived and not called_off and not self.held_by and not refused)
        self.decision_edit.setReadOnly(archived)  # a decision typed before stays on the line
        self.decision_edit.setEnabled(not called_off)
        self.new_action_button.setEnabled(not archived and not called_off)
        for widget in (self.decision_edit, self.add_decision_button, self.new_action_button):
            widget.setToolTip(called_off)
        self._decision_buttons()
        if not self.autosave.show_failure():  # words not saved stay said to be so, whatever reloads
            self.state.setText(
                self.held_by or refused or (ARCHIVED if archived else "") or called_off or (
                    "These minutes are approved and locked; changes are amendments with a reason." if locked else "")
                or self.typed.note()
            )
        self.refresh_lists()

    def hold(self, sentence: str) -> None:
        """Another officer holds the meeting offline: the minutes can be read, not typed into
        (whatever was typed could not be saved)."""
        self.held_by = sentence
        self._load_current(force=False)

    # The lists hold record ids only; the records themselves are in the workspace's data.
    def _decision(self, decision_id):
        return next((d for d in (self.data.decisions if self.data else ()) if d.id == decision_id), None)

    def _chosen_decision(self):
        """The decision chosen in the list, or None."""
        row = self.decisions.currentItem()
        return None if row is None else self._decision(row.data(ROLE_ID))

    def _chosen_action(self, view: QListWidget):
        """The action chosen in `view`, or None."""
        row = view.currentItem()
        return None if row is None else self._action(row.data(ROLE_ID))

    def _action(self, action_id):
        listed = (*self.data.actions, *self.data.review) if self.data is not None else ()
        return next((a for a in listed if a.id == action_id), None)

    def refresh_lists(self) -> None:
        item = self.current_item()
        self.decisions.clear()
        self.actions_list.clear()
        self.review_list.clear()
        if item is None or self.data is None:
            return
        for d in self.data.decisions:
            if d.agenda_item_id == item.id:
                row = QListWidgetItem(decision_text(d))
                row.setData(ROLE_ID, d.id)
                row.setToolTip(as_typed(decision_text(d)))
                self.decisions.addItem(row)
        for a in self.data.actions:
            if a.links.get("agenda_item_id") == item.id:
                row = QListWidgetItem(action_text(a))
                row.setData(ROLE_ID, a.id)
                self.actions_list.addItem(row)
        is_review = item.kind is ItemKind.ACTION_REVIEW
        self.review_box.setVisible(is_review)
        if is_review:
            rows = self.data.review
            for r in rows:
                entry = QListWidgetItem(f"{action_text(r)} ({r.source})")
                entry.setData(ROLE_ID, r.id)
                self.review_list.addItem(entry)
            if not rows:
                self.review_list.addItem("No open actions from earlier meetings.")

    # ------------------------------------------------------------ saving
    def _text_changed(self) -> None:
        if self.autosave.is_loading or self._item_id is None:
            return
        if self.starting is not None:
            starting, self.starting = self.starting, None
            starting()
        self.autosave.typed()

    @property
    def save_count(self) -> int:
        return self.autosave.save_count

    def dirty(self) -> bool:
        return self.autosave.dirty()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._item_id is not None:
            self.presence.show_item(self._item_id)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.presence.stop()  # not editing what is not on screen
        super().hideEvent(event)

    def flush(self) -> bool:
        """Save now if there is anything unsaved. Returns False if saving failed."""
        with self.saved_first.asked():
            return self.autosave.flush()

    def save(self) -> bool:
        with self.saved_first.asked():
            return self.autosave.save()

    def _write(self, text: str) -> bool:
        """Save the chosen item's minutes; False when the officer is on another item by now."""
        item_id = self._item_id
        # The save's change notice reloads the workspace while this runs (set_workspace);
        # by the time it returns the officer may already be on another item.
        self._saving = True
        try:
            saved = mt.save_item_minutes(self.db, item_id, text, version=self._base_version,
                                         base=self.autosave.saved_text)
        except RecordChanged as exc:
            return self.saved_first.settle(item_id, text, exc)
        finally:
            self._saving = False
        return self._saved(item_id, text, saved.version)

    def _saved(self, item_id: int, text: str, version: int) -> bool:
        """`text` is saved as the item's minutes, at `version`; False when the officer is on another item by now."""
        self._saved_item_id = item_id
        if self._item_id == item_id:
            self._base_version = version
        self.items = [i if i.id != item_id else replace(i, minutes=text, version=version) for i in self.items]
        return self._item_id == item_id

    # ------------------------------------------------------------ keyboard
    def next_item(self) -> None:
        row = self.item_list.currentRow()
        if row + 1 < self.item_list.count():
            self.item_list.setCurrentRow(row + 1)
        self.editor.setFocus()

    def previous_item(self) -> None:
        row = self.item_list.currentRow()
        if row > 0:
            self.item_list.setCurrentRow(row - 1)
        self.editor.setFocus()

    def focus_decision(self) -> None:
        self.decision_edit.setFocus()

    # ------------------------------------------------------------ decisions and actions
    def add_decision(self) -> None:
        item = self.current_item()
        text = one_line(self.decision_edit.text())  # a line pasted with its line breaks: one line, as shown
        if item is None or item.id != self._item_id or not text or self.archived or self.called_off:
            return
        self.flush()
        result = commands.run(self, "Add a decision", lambda reason: mt.add_decision(self.db, item.id, text, reason))
        if result is not commands.FAILED:
            self.decision_edit.clear()
            self.typed.keep()  # added: no longer kept to put back
            self.refresh_lists()
            self.decision_edit.setFocus()

    def edit_decision(self) -> None:
        """Open the chosen decision: its text, owner, due date and evidence of impact."""
        d = self._chosen_decision()
        if d is None or self.meeting is None:
            return
        self.flush()
        if DecisionDialog(self.db, self.meeting, d, self).exec():
            self.refresh_lists()

    def withdraw_decision(self) -> None:
        d = self._chosen_decision()
        if d is None:
            return
        if confirm(self, "Withdraw decision", f"Withdraw the decision '{d.text}'? It stays in the change history."):
            commands.run(self, "Withdraw a decision", lambda reason: mt.archive_decision(self.db, d.id, reason))
            self.refresh_lists()

    def show_withdrawn(self) -> None:
        """The chosen item's withdrawn decisions, to restore one (as Show archived on the Agenda page)."""
        item = self.current_item()
        if item is None or self.meeting is None:
            return
        self.flush()
        dialog = WithdrawnDecisionsDialog(self.db, self.meeting, item, self)
        dialog.exec()
        if dialog.restored:
            self.refresh_lists()

    def new_action(self) -> None:
        item = self.current_item()
        if item is None or self.meeting is None or self.archived or self.called_off:
            return
        self.flush()
        reason = None
        if self.meeting.locked:
            reason = ask_reason(self, "Adding an action")
            if reason is None:
                return
        dialog = ActionDialog(
            self.db, None, self, source=f"{self.meeting.label}: item {item.position}. {item.title}",
            create=lambda fields: mt.add_item_action(self.db, item.id, fields, reason=reason),
        )
        if dialog.exec():
            self.refresh_lists()
        self.editor.setFocus()

    def edit_action(self, action) -> None:
        if action is None or isinstance(action, str):
            return
        if ActionDialog(self.db, action, self).exec():
            self.refresh_lists()

    def _locked_words(self) -> str:
        """Where words typed before the minutes were approved meanwhile can still go."""
        if self.amend_button.isHidden():
            return ""
        return (f"these minutes were approved meanwhile, so they are locked: {self.amend_button.text()} "
                "starts from what you typed, and saves it with the reason you give")

    def amend(self) -> None:
        item = self.current_item()
        if item is None:
            return
        # words typed but refused (the minutes were approved meanwhile) are the amendment's
        # start: nothing on screen is dropped by it
        typed = self.autosave.read() if self.dirty() else None
        if AmendMinutesDialog(self.db, item, self, text=typed).exec():
            fresh = mt.get_agenda_item(self.db, item.id)
            self.items = [fresh if i.id == item.id else i for i in self.items]
            self._load_current(force=True)


def _label(item: mt.AgendaItemDTO, removed: bool = False) -> str:
    return f"{item.position}. {item.title}" + (" (confidential)" if item.confidential else "") + (" (removed from the agenda)" if removed else "")
