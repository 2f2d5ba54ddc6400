"""A form already on screen grows when a field's error appears under it, as far as its screen
has room: every field and Save stay in view without scrolling. Where the screen has no room the
fields scroll, the dialog kept wholly on the screen, and it never shrinks below the size the
officer gave it."""

from __future__ import annotations

import time
from datetime import date

import pytest
from PySide6.QtCore import QMargins, QPoint, QRect
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QApplication, QFormLayout, QWidget

from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.dialog_fit import largest_on_screen, screen_room
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog
from bscp_desktop.ui.memberships.moving import MoveSeatDialog

TODAY = date(2024, 6, 3)


def settle(dialog) -> None:
    """Let the events waiting run, as on screen, until several turns leave every size as it was."""
    before, same = None, 0
    for _ in range(400):
        QApplication.processEvents()
        sizes = [w.geometry() for w in (dialog, *dialog.findChildren(QWidget)) if w.isVisible()]
        same = same + 1 if sizes == before else 0
        if same >= 5:
            return
        before = sizes
        time.sleep(0.003)


@pytest.fixture
def laptop(monkeypatch):
    """A 1366 x 768 laptop's screen less its task bar: room for a New meeting form with an error,
    though not within the share of the screen a form opens at."""
    room = QRect(0, 0, 1366, 728)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


@pytest.fixture
def small_screen(monkeypatch):
    """A screen leaving windows 800 x 420 pixels."""
    room = QRect(0, 0, 800, 420)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(room))
    return room


def _move_dialog(qtbot, db, world) -> MoveSeatDialog:
    seat = next(m for m in ms.list_memberships(db, group_id=world.forum.id) if m.person_id == world.inspector.id)
    dialog = MoveSeatDialog(db, seat, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    return dialog


def _choose_the_organisation_it_represents(dialog: MoveSeatDialog, world) -> None:
    dialog.organisation.set_current_id(world.police.id)
    settle(dialog)
    assert dialog.error_labels["organisation_id"].isVisible()


def _rows(dialog) -> list[QWidget]:
    form: QFormLayout = dialog.form
    rows = []
    for row in range(form.rowCount()):
        for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole, QFormLayout.ItemRole.SpanningRole):
            item = form.itemAt(row, role)
            if item is not None and item.widget() is not None and item.widget().isVisibleTo(dialog):
                rows.append(item.widget())
    return rows


def _out_of_view(dialog) -> list[str]:
    """The field rows (and Save) not wholly within the dialog's visible area."""
    view = dialog.fields_area.viewport()
    shown = QRect(view.mapTo(dialog, QPoint(0, 0)), view.size())
    out = [w.objectName() or type(w).__name__ for w in _rows(dialog)
           if not shown.contains(QRect(w.mapTo(dialog, QPoint(0, 0)), w.size()))]
    save = dialog.save_button
    if not dialog.rect().contains(QRect(save.mapTo(dialog, QPoint(0, 0)), save.size())):
        out.append("Save")
    return out


def _on_its_screen(dialog) -> None:
    most = largest_on_screen(dialog)
    assert dialog.width() <= most.width() and dialog.height() <= most.height()
    assert screen_room(dialog).contains(dialog.frameGeometry())


def test_choosing_the_organisation_the_seat_represents_shows_the_error_and_every_field(qtbot, db, world, laptop):
    dialog = _move_dialog(qtbot, db, world)
    assert _out_of_view(dialog) == []
    _choose_the_organisation_it_represents(dialog, world)
    assert _out_of_view(dialog) == []
    assert not dialog.fields_area.verticalScrollBar().isVisible()
    _on_its_screen(dialog)


def _new_meeting(qtbot, db, world) -> MeetingDialog:
    dialog = MeetingDialog(db, None, group_id=world.executive.id)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(dialog)
    return dialog


def test_a_bad_date_in_a_new_meeting_shows_the_error_and_every_field(qtbot, db, world, laptop):
    """The form opened as tall as most of the screen: with the date's error its lower fields and
    Chair, Notes scrolled out of view, and it grew to the screen's whole width instead."""
    dialog = _new_meeting(qtbot, db, world)
    assert _out_of_view(dialog) == []
    width = dialog.width()
    dialog.day.line.setText("31/02/2024")
    settle(dialog)
    assert dialog.error_labels["starts_at"].isVisible()
    assert _out_of_view(dialog) == []
    assert not dialog.fields_area.verticalScrollBar().isVisible()
    assert dialog.width() < width + 100  # taller, not widened across the screen
    _on_its_screen(dialog)


def test_a_form_the_officer_made_larger_keeps_its_size_when_an_error_shows(qtbot, db, world, laptop):
    dialog = _move_dialog(qtbot, db, world)
    wanted = dialog.size().grownBy(QMargins(0, 0, 40, 120))
    dialog.resize(wanted)
    settle(dialog)
    _choose_the_organisation_it_represents(dialog, world)
    assert dialog.width() >= wanted.width() and dialog.height() >= wanted.height()
    assert _out_of_view(dialog) == []


def test_on_a_small_screen_the_form_stays_on_it_and_its_fields_scroll(qtbot, db, world, small_screen):
    dialog = _move_dialog(qtbot, db, world)
    _choose_the_organisation_it_represents(dialog, world)
    _on_its_screen(dialog)
    assert _out_of_view(dialog) == []
    meeting = _new_meeting(qtbot, db, world)
    meeting.day.line.setText("31/02/2024")
    settle(meeting)
    assert meeting.error_labels["starts_at"].isVisible()
    _on_its_screen(meeting)
    assert meeting.fields_area.verticalScrollBar().isVisible()  # no room: the fields scroll
    save = meeting.save_button
    assert meeting.rect().contains(QRect(save.mapTo(meeting, QPoint(0, 0)), save.size()))
