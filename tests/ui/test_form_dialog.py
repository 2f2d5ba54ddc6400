"""The shared add-and-edit dialog (`ui/common/form.FormDialog`): what it shows when the service
refuses a save."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.ui.common.form import FormDialog


class _Refused(FormDialog):
    """A form whose service refuses with a message for its field and two for records it has
    no field for (as a case's other dates, or an approved meeting's minutes)."""

    def __init__(self):
        super().__init__("Refused")
        self.title = self.add_field("title", "Title", QLineEdit("Budget"))

    def save(self):
        raise ValidationError({
            "title": "A meeting called 'Budget' already exists",
            "minutes": "The minutes were approved on 03/12/2026, so they are locked",
            "reason": "Give the reason for the amendment",
        })


def test_messages_without_a_field_read_as_sentences_under_the_form(qtbot):
    dialog = _Refused()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.isVisible() and dialog.result() == 0  # stays open, nothing saved
    assert dialog.error_labels["title"].text() == "A meeting called 'Budget' already exists"
    assert dialog.status.text() == (
        "The minutes were approved on 03/12/2026, so they are locked. Give the reason for the amendment."
    )
    assert dialog.title.text() == "Budget"  # what was typed is kept
