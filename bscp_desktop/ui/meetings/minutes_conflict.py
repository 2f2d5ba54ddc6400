"""The live minutes when someone else saved the chosen item's minutes first (RecordChanged).

The officer is asked (`ask_about_text`): reload theirs, compare the two, keep editing, or save
their own over them. Keep editing is remembered for that save of the other officer's: the
minutes go on saving themselves as the officer types, each save is refused without asking
again, and the state line says why and how to settle it. The question comes back when the
officer saves on purpose or leaves the item (`asked`), or when the other officer saves again.
Neither text is lost: the officer's stays on screen, the other's in the database.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtGui import QTextCursor

from bscp_desktop.domain.validation import RecordChanged, ValidationError, local_time
from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.common.conflict import ConflictDialog, ask_about_text, saved_value


def kept_words(refusal: RecordChanged, how: bool = True) -> str:
    """Why the words on screen are not saved; with `how`, how to settle it."""
    who = refusal.changed_by or "Someone else"
    when = f" at {local_time(refusal.changed_at):%H:%M on %d/%m/%Y}" if refusal.changed_at else ""
    why = f"{who} saved the minutes of this item first{when}, so yours have not been saved"
    return why + (" (they stay on screen). To reload theirs, compare the two or save yours over theirs, choose "
                  "another item: you are asked which" if how else "")


class SavedFirst:
    """Settles a save of the minutes of `page` (the `MinutesEditor`) refused because someone
    else saved them first."""

    def __init__(self, page):
        self.page = page
        self.kept: tuple[int, int | None] | None = None  # (item id, their version) kept editing over
        self.asking = False  # a save the officer asked for (or leaving the item): the question comes back

    @contextmanager
    def asked(self):
        """The saves meanwhile are the officer's own doing: a refusal asks again."""
        was, self.asking = self.asking, True
        try:
            yield
        finally:
            self.asking = was

    def settle(self, item_id: int, text: str, refusal: RecordChanged) -> bool:
        """Ask what to do (unless the officer chose to keep editing over this same save of
        theirs); returns as `MinutesEditor._write`, or raises to keep the words on screen, not saved."""
        page = self.page
        if not self.asking and self.kept == (item_id, refusal.current):
            raise ValidationError({"minutes": kept_words(refusal)})
        theirs = saved_value(refusal, "minutes")
        if theirs is None:
            theirs = mt.get_agenda_item(page.db, item_id).minutes
        answer = ask_about_text(page, refusal, "Minutes", text, theirs)
        if answer == ConflictDialog.OVERWRITE:
            self.kept = None
            saved = mt.save_item_minutes(page.db, item_id, text, version=refusal.current, base=theirs)
            return page._saved(item_id, text, saved.version)
        if answer == ConflictDialog.RELOAD and page._item_id == item_id:
            self.kept = None
            with page.autosave.quiet():
                page.editor.setPlainText(theirs)
                page.editor.moveCursor(QTextCursor.MoveOperation.End)
            page.autosave.loaded(theirs)
            page._base_version = refusal.current
            return False  # the text on screen is theirs, as saved: nothing of this one is
        self.kept = (item_id, refusal.current)
        # kept on screen, not saved; leaving the item asks next whether to stay with them
        raise ValidationError({"minutes": kept_words(refusal, how=not self.asking)})
