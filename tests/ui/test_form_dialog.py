"""The shared add-and-edit dialog (`ui/common/form.FormDialog`): what it shows when the service
refuses a save."""

from __future__ import annotations

import pytest
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


def test_a_new_form_opens_ready_to_type_in_its_first_field(qtbot):
    dialog = _Refused()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.title  # not Save or Cancel, made before the fields


@pytest.mark.slow  # every dialog of the program, on the demo
def test_no_form_of_the_program_opens_with_a_button_ready_to_press(qtbot, demo_db):
    """Enter on opening would press it (Cancel, or Save on an unchanged record); typing would go
    nowhere. Every form opens in a field."""
    from PySide6.QtWidgets import QAbstractButton

    from bscp_desktop.ui.dialog_catalogue import Demo, catalogue, finish_background_work, settle

    demo = Demo(demo_db)
    on_a_button = {}
    forms = 0
    for entry in catalogue():
        dialog = entry.open(demo)
        try:
            if isinstance(dialog, FormDialog):
                forms += 1
                dialog.show()
                settle(dialog)
                focus = dialog.focusWidget()
                if focus is None or isinstance(focus, QAbstractButton):
                    on_a_button[entry.name] = focus.text() if focus is not None else None
        finally:
            finish_background_work()
            dialog.close()
            dialog.deleteLater()
    assert on_a_button == {}
    assert forms >= 40
