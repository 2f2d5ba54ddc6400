"""Save on an empty form shows every field's error, and every error and hint shows whole: under
its field, across the whole width of the fields, drawn over nothing else, the fields scrolling
when they no longer fit. Checked in the New case review dialog (its tick lists and Summary box
have fixed heights, and Incident type is a drop-down with no hint), in the New action dialog
(Owner is a drop-down with no hint) and in a short form of a drop-down with no hint and a long
error, with the program's fitting of dialogs to their text
(`dialog_fit`) and without it: the form lays itself out right, whatever mends it afterwards."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from bscp_desktop.ui.common import dialog_fit
from bscp_desktop.ui.common.form import FormDialog


def _in_body(widget: QWidget, body: QWidget) -> QRect:
    return QRect(widget.mapTo(body, QPoint(0, 0)), widget.size())


def _messages(dialog: FormDialog) -> list[tuple[str, QLabel]]:
    """(field, label) for every hint and error showing under a field."""
    shown = []
    for name, error in dialog.error_labels.items():
        box = error.parentWidget()
        shown += [(name, label) for label in box.findChildren(QLabel)
                  if label.text() and label.isVisibleTo(dialog) and label.parentWidget() is box]
    return shown


def _problems(dialog: FormDialog) -> list[str]:
    """What is wrong with where the form's hints and errors are drawn, in words."""
    body = dialog.fields_area.widget()
    boxes = [error.parentWidget() for error in dialog.error_labels.values() if error.parentWidget().isVisibleTo(dialog)]
    full_width = max(box.width() for box in boxes)
    found = []
    for name, label in _messages(dialog):
        place = _in_body(label, body)
        what = f"{name}: {label.text()!r}"
        if not body.rect().contains(place):
            found.append(f"{what} lies outside the form at {place.getRect()}")
        if label.height() < label.heightForWidth(label.width()):
            found.append(f"{what} needs {label.heightForWidth(label.width())}px of height, has {label.height()}px")
        if label.width() < full_width - 1:
            found.append(f"{what} is {label.width()}px wide, not the fields' {full_width}px")
        if label.parentWidget().height() < label.parentWidget().layout().totalMinimumSize().height():
            found.append(f"{what}: its field is squeezed below its least height")
        for other, field in dialog.fields.items():
            if field.isVisibleTo(dialog) and _in_body(field, body).intersects(place):
                found.append(f"{what} is drawn over the field {other}")
    return found


@pytest.fixture(params=["fitted", "unfitted"])
def fitting(request, monkeypatch):
    if request.param == "unfitted":
        monkeypatch.setattr(dialog_fit, "_fitter", None)  # shown as Qt alone would show it
    return request.param


def _empty_save(qtbot, dialog: FormDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.whole)
    qtbot.wait(50)
    assert _problems(dialog) == []  # right before Save
    dialog._on_save()  # Save on the empty form: refused, each field saying why
    qtbot.wait(300)  # the fields laid out again, and the dialog fitted if it is


def test_an_empty_case_review_shows_each_message_whole_under_its_field(qtbot, demo_db, fitting):
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

    dialog = CaseReviewDialog(demo_db, None)
    _empty_save(qtbot, dialog)
    incident = dialog.error_labels["incident_type"]
    assert incident.isVisible() and incident.text() == "Choose the incident type"
    hints = {label.text() for _name, label in _messages(dialog)}
    assert "The list of themes is kept in Deadline rules and settings." in hints
    assert any(text.startswith("Use the alias (for example Child A)") for text in hints)
    assert _problems(dialog) == []
    themes, hint = dialog.themes, dialog.error_labels["themes"].parentWidget().findChildren(QLabel)[0]
    assert hint.y() >= themes.geometry().bottom()  # the themes' hint under the list, not over it


def test_an_empty_action_shows_its_owner_error_across_the_fields(qtbot, demo_db, fitting):
    from bscp_desktop.ui.actions.dialogs import ActionDialog

    dialog = ActionDialog(demo_db, None)
    _empty_save(qtbot, dialog)
    owner = dialog.error_labels["owner_person_id"]
    assert owner.isVisible() and owner.text()
    assert _problems(dialog) == []


def test_a_message_that_goes_lets_its_row_close_up(qtbot, demo_db):
    """As the program shows its dialogs (fitted to their words, `dialog_fit`)."""
    from bscp_desktop.ui.case_reviews.dialogs import CaseReviewDialog

    dialog = CaseReviewDialog(demo_db, None)
    _empty_save(qtbot, dialog)
    dialog.alias.setText("Child Q")  # its error goes
    qtbot.waitUntil(lambda: not dialog.error_labels["alias"].isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: _problems(dialog) == [], timeout=3000)  # laid out again on a following turn


class _ChoiceForm(FormDialog):
    """A form whose only field is a drop-down with no hint, to be chosen before saving."""

    def __init__(self):
        super().__init__("New record")
        combo = QComboBox()
        combo.addItem("Choose…", None)
        combo.addItem("Physical abuse", "physical")
        self.kind = self.add_field("kind", "Kind", combo)
        self.add_field("name", "Name", QLineEdit(), "A hint under the name, as most fields have.")

    def check(self) -> dict[str, str]:
        if self.kind.currentData() is None:
            return {"kind": "Choose the kind of record from the list: it decides which deadlines apply"}
        return {}

    def save(self):
        return None


def test_a_drop_down_with_no_hint_has_its_error_across_the_fields(qtbot, fitting):
    dialog = _ChoiceForm()
    _empty_save(qtbot, dialog)
    error = dialog.error_labels["kind"]
    assert error.isVisible() and error.text().startswith("Choose the kind of record")
    assert dialog.kind.width() < error.width()  # the drop-down keeps its own width
    assert _problems(dialog) == []
