"""A pick list with nothing to pick says what to add first, and offers to add it there and then.

    offer_to_add_first(dialog, "group_id", dialog.group, "No groups yet: add the group that meets first.",
                       "Add a group…", lambda parent: GroupDialog(db, None, parent),
                       lambda: [(g.name, g.id) for g in ms.list_groups(db)])

The note and its button sit under the field; once something is added the list is filled again
with the new record chosen, and the note goes away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QWidget

from bscp_desktop.ui.common.editors import RecordCombo
from bscp_desktop.ui.common.labels import plain_label

NOTE_STYLE = "color: #8a4b00;"


class AddFirst(QWidget):
    """The note and button shown under an empty pick list."""

    def __init__(self, sentence: str, button: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.note = plain_label(sentence, self, wrap=True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.button = QPushButton(button, self)
        self.button.setAccessibleName(button.rstrip("…"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)


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
    `make_dialog(parent)`. After a save the combo is refilled from `choices()` with the new record
    chosen (or `added(record)` is called, for lists that are not combos). Returns the note, or
    None when the list has something to pick."""
    empty = is_empty() if is_empty is not None else not [
        i for i in range(combo.count()) if combo.itemData(i) is not None
    ]
    if not empty:
        return None
    widget = dialog.fields[field]
    box = widget.parentWidget()
    offer = AddFirst(sentence, button, box)
    box.layout().insertWidget(box.layout().indexOf(widget) + 1, offer)

    def add() -> None:
        child = make_dialog(dialog)
        if not child.exec():
            return
        record = getattr(child, "result_value", None)
        if added is not None:
            added(record)
        elif combo is not None and choices is not None:
            combo.set_items(choices(), getattr(record, "id", None))
            combo.currentIndexChanged.emit(combo.currentIndex())  # filling it quietly chose the record
        offer.hide()
        dialog.touched.add(field)
        dialog.revalidate()

    offer.button.clicked.connect(add)
    return offer
