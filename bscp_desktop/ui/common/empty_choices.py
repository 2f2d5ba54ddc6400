"""A pick list with nothing to pick says what to add first, and offers to add it there and then.

    offer_to_add_first(dialog, "group_id", dialog.group, "No groups yet: add the group that meets first.",
                       "Add a group…", lambda parent: GroupDialog(db, None, parent),
                       lambda: [(g.name, g.id) for g in ms.list_groups(db)])

The note and its button sit under the field; once something is added the list is filled again
with the new record chosen, and the note goes away. Every other picker of the dialog lists what
is on record now as well, keeping its choice (`refill_pickers`): the person just added is offered
as a deputy, the organisation added inside their dialog as the one they represent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.labels import plain_label

NOTE_STYLE = "color: #8a4b00;"


class AddFirst(QWidget):
    """The note and button shown under an empty pick list; `empty()` says whether it still is."""

    def __init__(self, sentence: str, button: str, parent: QWidget | None = None,
                 empty: Callable[[], bool] = lambda: True):
        super().__init__(parent)
        self.empty = empty
        self.note = plain_label(sentence, self, wrap=True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.button = QPushButton(button, self)
        self.button.setAccessibleName(button.rstrip("…"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)


def refill_pickers(dialog) -> None:
    """Every picker of `dialog` lists what is on record now, keeping its choice
    (`RecordCombo.refill`), and a note offering to add the first of a list goes once its list has
    something: after a record is added from inside the dialog, or inside a dialog opened from it."""
    for widget in dialog.fields.values():
        if isinstance(widget, RecordCombo):
            widget.refill()
    for offer in dialog.findChildren(AddFirst):
        if offer.window() is dialog and not offer.isHidden() and not offer.empty():
            offer.hide()


def offer_to_add_first(
    dialog,
    field: str,
    combo: RecordCombo | None,
    sentence: str,
    button: str,
    make_dialog: Callable[[QWidget], QDialog],
    choices: Callable[[], list[tuple[str, int]]] | None = None,
    is_empty: Callable[[], bool] | None = None,
    added: Callable[[Any], None] | None = None,
) -> AddFirst | None:
    """Under `dialog`'s field, when its list is empty: `sentence` and a `button` that opens
    `make_dialog(parent)`. Once it closes, every picker of the dialog is refilled
    (`refill_pickers`: records may have been added inside it even if it was cancelled). After a
    save the new record is chosen in the combo (refilled from `choices()` where the combo does
    not know its source), or `added(record)` is called, for lists that are not combos. Returns
    the note, or None when the list has something to pick."""

    def empty() -> bool:
        return is_empty() if is_empty is not None else not [
            i for i in range(combo.count()) if combo.itemData(i) is not None
        ]

    if not empty():
        return None
    widget = dialog.fields[field]
    box = widget.parentWidget()
    offer = AddFirst(sentence, button, box, empty)
    box.layout().insertWidget(box.layout().indexOf(widget) + 1, offer)

    def add() -> None:
        child = make_dialog(dialog)
        saved = child.exec()
        refill_pickers(dialog)
        if not saved:
            return
        record = getattr(child, "result_value", None)
        if added is not None:
            added(record)
        elif combo is not None and combo.source is not None:
            combo.set_current_id(getattr(record, "id", None))  # refilled already: chosen as the officer chooses
        elif combo is not None and choices is not None:
            combo.set_items(choices(), getattr(record, "id", None))
            combo.currentIndexChanged.emit(combo.currentIndex())  # filling it quietly chose the record
        offer.hide()
        dialog.touched.add(field)
        dialog.revalidate()

    offer.button.clicked.connect(add)
    return offer
