"""Decisions typed on the New decision line of live minute-taking but not yet added.

An officer types a decision and moves to the next item (Alt+Down) before pressing Enter: the
decision stays with its own item, back on the line when that item is chosen again, and leaving the
meeting asks about it (`ready_to_leave`). It is also kept outside the program's memory, half a second
after the last keystroke as the minutes are, in the officer's settings (ui/common/settings_store.py:
written to the disk and synced), one key a database file and meeting, by agenda item. So after the
computer stopped or the program was ended, the meeting's minutes opened again put each such
decision back on its item's line, not added (the officer still presses Enter), and the state line
says so. A decision added or discarded, or the meeting left as usual, is no longer kept; another
file's or another meeting's decisions are never put back.
"""

from __future__ import annotations

import json
from hashlib import sha256
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from bscp_desktop.domain.validation import and_list
from bscp_desktop.ui.common.autosave import SAVE_DELAY_MS
from bscp_desktop.ui.common.settings_store import forget, recalled, remember
from bscp_desktop.ui.meetings.dialogs.typed_decisions import copy_or_discard, stay_to_add

DRAFTS_KEY = "decision_drafts"


def drafts_key(db, meeting_id: int) -> str:
    """Where the decisions typed at meeting `meeting_id` of `db` are kept: by the file's full path (a
    team database: its address), turned into plain letters and digits whatever characters the path holds."""
    place = str(Path(db.path).resolve()) if db.path is not None else db.label
    return f"{DRAFTS_KEY}/{sha256(place.encode('utf-8')).hexdigest()[:32]}/{meeting_id}"


def kept_drafts(db, meeting_id: int) -> dict[int, tuple[str, str]]:
    """The decisions kept for the meeting, by item id: (the item's label when typed, the text)."""
    try:
        kept = json.loads(recalled(drafts_key(db, meeting_id), "") or "{}")
        return {int(i): (str(label), str(text)) for i, (label, text) in kept.items() if str(text).strip()}
    except (TypeError, ValueError, AttributeError):  # not written by this program: nothing to put back
        return {}


class TypedDecisions(QObject):
    """The decisions typed but not yet added at the meeting `editor` (the `MinutesEditor`) shows."""

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        # by item, for the items not chosen (the chosen item's is on the line): each stays with its own item
        self.items: dict[int, tuple[str, str]] = {}  # item id: (its label, the text)
        self.meeting_id: int | None = None
        self.restored: set[int] = set()  # items whose decision came back after the program stopped
        self._kept = ""  # what the settings hold for the meeting
        self._said = ""  # the state line's last words about the decisions put back
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.keep)
        editor.decision_edit.textChanged.connect(lambda _text: self.timer.start())

    def restore(self, meeting_id: int) -> None:
        """The meeting is first shown: the decisions kept for it when the program stopped are back
        with their items (the chosen item's on the line once it is loaded)."""
        if self.meeting_id is not None:
            return
        self.meeting_id = meeting_id
        kept = kept_drafts(self.editor.db, meeting_id)
        self._kept = json.dumps({str(i): list(t) for i, t in kept.items()}, ensure_ascii=False) if kept else ""
        self.items.update({i: t for i, t in kept.items() if i not in self.items})
        self.restored = set(kept)

    def keep_line(self) -> None:
        """Keep the decision typed on the line with the item chosen until now."""
        ed = self.editor
        text = ed.decision_edit.text()
        if ed._item_id is not None and text.strip():
            self.items[ed._item_id] = (ed._item_label, text)
        elif ed._item_id is not None:
            self.items.pop(ed._item_id, None)

    def take(self, item_id: int) -> str:
        """The decision typed for `item_id`, now chosen, for its line ('' if none)."""
        return self.items.pop(item_id, ("", ""))[1]

    def typed(self) -> dict[int, tuple[str, str]]:
        """Every decision typed but not yet added, the chosen item's on the line among them."""
        ed, typed = self.editor, dict(self.items)
        if ed._item_id is not None and ed.decision_edit.text().strip():
            typed[ed._item_id] = (ed._item_label, ed.decision_edit.text())
        return typed

    def keep(self) -> None:
        """Keep the decisions typed but not yet added outside memory now; none: nothing kept."""
        self.timer.stop()
        if self.meeting_id is None:
            return
        typed = self.typed()
        self.restored &= set(typed)
        shown = self.editor.state.text()
        words = json.dumps({str(i): list(t) for i, t in typed.items()}, ensure_ascii=False) if typed else ""
        if words != self._kept:
            key = drafts_key(self.editor.db, self.meeting_id)
            if words:
                remember(key, words)
            else:
                forget(key)
            self._kept = words
        if shown and shown == self._said:  # the state line says what is still to add
            self.editor.state.setText(self.note())

    def note(self) -> str:
        """The state line while a decision put back after the program stopped is not yet added."""
        typed = self.typed()
        at = [str(i.position) for i in self.editor.items if i.id in self.restored and i.id in typed]
        if len(at) > 1:
            self._said = (f"Decisions typed before the program stopped are back on items {and_list(at)}: press Enter "
                          "on each item's decision line to add them.")
        else:
            self._said = (f"A decision typed before the program stopped is back on item {at[0]}: press Enter on its "
                          "decision line to add it.") if at else ""
        return self._said

    def ready_to_leave(self) -> bool:
        """No decision typed but not yet added let go without asking; False when the officer stays
        with them (then on the item of the first such decision). Kept outside memory only while
        they are."""
        try:
            return self._let_go()
        finally:
            self.keep()

    def _let_go(self) -> bool:
        ed = self.editor
        self.keep_line()
        typed = dict(self.items)
        self.items.pop(ed._item_id, None)  # the chosen item's is on the line
        ids = [i.id for i in ed.items]
        if gone := [i for i in typed if i not in ids or i == ed.removed]:  # their items were taken off the agenda
            copy_or_discard(ed, [typed.pop(i) for i in gone])
            self.items = {i: t for i, t in self.items.items() if i not in gone}
            if ed._item_id in gone:
                ed.decision_edit.clear()
        if not typed:
            return True
        order = sorted(typed, key=lambda item_id: ids.index(item_id))
        how = "copy it, or restore the meeting" if ed.archived else "press Enter on the New decision line"
        if stay_to_add(ed, [typed[i] for i in order], how):
            ed.item_list.setCurrentRow(ids.index(order[0]))
            ed.decision_edit.setFocus()
            return False
        self.items.clear()
        ed.decision_edit.clear()
        return True
