"""Who else is editing the minutes of the item on screen (services/editing.py).

`MinutesPresence` belongs to the live minutes editor. Once the officer's minutes of an item
are saved, it claims the item ("editing") and renews the claim every 20 seconds while the
item stays on screen; moving to another item, hiding the editor or closing the program gives
it up (a claim left behind goes stale after a minute; on a database file, which one window
holds, the window clears it when it opens the file: app.open_database). Every few seconds, and whenever the
item changes, it looks for everyone else's claims on the item on screen and says who in one
line above the text: "Jane Smith is also editing these minutes (since 14:32).", "Jane Smith
and Ben Okafor are also editing these minutes."
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.validation import local_time
from bscp_desktop.services import editing

log = logging.getLogger(__name__)

TABLE = "agenda_item"
LOOK_EVERY_MS = 10_000
NOTE_STYLE = "color: #8a4b00; font-weight: bold;"


class MinutesPresence(QObject):
    def __init__(self, db, note: QLabel, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.note = note
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Who else is editing")
        self.note.hide()
        self.key = editing.new_key()
        self.item_id: int | None = None
        self.claimed: int | None = None  # the item this editor has said it is editing
        self.others: tuple[editing.EditingNow, ...] = ()  # everyone else editing the item on screen
        self.renew = QTimer(self)
        self.renew.setInterval(editing.HEARTBEAT_S * 1000)
        self.renew.timeout.connect(self._renew)
        self.look_timer = QTimer(self)
        self.look_timer.setInterval(LOOK_EVERY_MS)
        self.look_timer.timeout.connect(self.look)

    # ------------------------------------------------------------ what the editor tells it
    def show_item(self, item_id: int | None) -> None:
        """The editor now shows this item (None: none)."""
        if item_id != self.item_id:
            self.release()
            self.item_id = item_id
        self.look()
        if item_id is not None and not self.look_timer.isActive():
            self.look_timer.start()

    def saved(self, item_id: int | None) -> None:
        """The officer's minutes of `item_id` were just saved: they are editing it."""
        if item_id is None or item_id != self.item_id:
            return
        if self.claimed != item_id:
            self._beat(item_id)
            self.claimed = item_id
            self.renew.start()

    def release(self) -> None:
        """Give up the claim (moving on, hiding, closing)."""
        self.renew.stop()
        claimed, self.claimed = self.claimed, None
        if claimed is not None:
            try:
                editing.stop_editing(self.db, TABLE, claimed, self.key)
            except Exception:  # the claim goes stale by itself within a minute
                log.warning("Could not give up the claim on agenda item %s", claimed, exc_info=True)

    def stop(self) -> None:
        self.look_timer.stop()
        self.release()

    # ------------------------------------------------------------ timers
    def _beat(self, item_id: int) -> None:
        try:
            others = editing.heartbeat(self.db, TABLE, item_id, self.key)
        except Exception:  # never in the officer's way: the next beat tries again
            log.warning("Could not say agenda item %s is being edited", item_id, exc_info=True)
            return
        self._show(others)

    def _renew(self) -> None:
        if self.claimed is not None:
            self._beat(self.claimed)

    def look(self) -> tuple[editing.EditingNow, ...]:
        """Look for everyone else editing the item on screen, and say who (none: empty)."""
        others: tuple[editing.EditingNow, ...] = ()
        if self.item_id is not None:
            try:
                others = editing.editing_now(self.db, TABLE, [self.item_id], self.key).get(self.item_id, ())
            except Exception:
                log.warning("Could not read who is editing agenda item %s", self.item_id, exc_info=True)
        self._show(others)
        return others

    def _show(self, others: tuple[editing.EditingNow, ...]) -> None:
        self.others = others
        if not others:
            self.note.clear()
            self.note.hide()
            return
        self.note.setText(also_editing(others))
        self.note.show()


def also_editing(others: tuple[editing.EditingNow, ...]) -> str:
    """The note: for one other officer "Jane Smith is also editing these minutes (since 14:32).",
    for several "Jane Smith and Ben Okafor are also editing these minutes." (each name once, even
    when that officer has the minutes open on two computers)."""
    names = list(dict.fromkeys(other.holder for other in others))
    if len(names) == 1:
        return (f"{names[0]} is also editing these minutes (since {local_time(others[0].since):%H:%M}). "
                "If you both change them, the second save is refused and nothing is lost.")
    return (f"{', '.join(names[:-1])} and {names[-1]} are also editing these minutes. "
            "If two of you change them, the second save is refused and nothing is lost.")
