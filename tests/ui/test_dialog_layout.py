"""Dialogs never clip their own words (issue: daily use, point 2): every dialog of the program,
opened on the demo database at 100% and at 150% scaling (QT_SCALE_FACTOR) and with a 14-point
font, plain and with every field's error showing, has every label tall (and wide) enough for
its text and no drop-down narrower than its current text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QTime

from bscp_desktop.ui import dialog_catalogue as dc
from bscp_desktop.ui.common.dialog_fit import screen_of, shortfalls
from bscp_desktop.ui.meetings.dialogs.meeting import MeetingDialog


@pytest.mark.slow  # the program in a new process, at each scaling
@pytest.mark.parametrize(("scale", "points"), [("1", ""), ("1.5", ""), ("1", "14")])
def test_no_dialog_clips_its_text(demo_file, tmp_path, scale, points):
    """At 100% and 150% scaling, and at 100% with a 14-point system font (a form too tall for
    the screen scrolls its fields)."""
    db_path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, db_path)
    env = {**os.environ, "QT_SCALE_FACTOR": scale, "QT_QPA_PLATFORM": dc.offscreen_platform(tmp_path, scale)}
    run = subprocess.run(
        [sys.executable, "-m", "bscp_desktop.dialog_layout", str(db_path), *([points] if points else [])],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]  # no dialog fails as it opens or fills in
    found = json.loads(run.stdout.strip().splitlines()[-1])
    assert found["scale"] == scale
    assert found["points"] == float(points) if points else found["points"] < 12
    assert found["problems"] == {}
    assert set(found["classes"]) - set(found["opened"]) == set(), "add the dialog to ui/dialog_catalogue.py"
    assert len(found["opened"]) >= 50


def test_the_check_finds_a_clipped_label(qtbot):
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = QLabel("A hint long enough to need two lines at this width, and then some more words", dialog)
    label.setWordWrap(True)
    QVBoxLayout(dialog).addWidget(label)
    dialog.show()
    label.setFixedSize(120, 16)  # pinned: nothing can grow it
    assert [kind for _w, kind, _n, _h in shortfalls(dialog)] == ["height"]
    assert dc.clipped(dialog)[0].startswith("label 'A hint long enough")


def test_a_new_error_grows_the_dialog_instead_of_being_cut(qtbot, db, world):
    dialog = MeetingDialog(db, None, group_id=world.forum.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    dialog.end.setTime(QTime(9, 0))  # before the start
    dialog.start.setTime(QTime(10, 0))
    dialog._on_save()  # Save: refused, each field saying why
    error = dialog.error_labels["ends_at"]
    qtbot.waitUntil(lambda: error.isVisible() and error.height() >= error.heightForWidth(error.width()))
    assert "The end must be after the start" in error.text()
    qtbot.waitUntil(lambda: dialog.height() > before)
    assert shortfalls(dialog) == []


def test_a_long_organisation_name_widens_the_form_instead_of_cutting_its_fields_off(qtbot, db):
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.ui.memberships.dialogs import PersonDialog

    org = ms.create_organisation(db, ms.OrganisationFields(
        "Royal Borough of Kensington and Chelsea Children's Services — Multi-Agency Safeguarding Hub", "local_authority"))
    person = ms.create_person(db, ms.PersonFields("Zoë Adébáyọ̀", "Designated Nurse", org.id))
    dialog = PersonDialog(db, person)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area, combo = dialog.fields_area, dialog.organisation

    def every_field_in_view() -> bool:
        return (combo.mapTo(area.widget(), combo.rect().topRight()).x() <= area.viewport().width()
                and area.widget().width() <= area.viewport().width() and shortfalls(dialog) == [])

    qtbot.waitUntil(every_field_in_view, timeout=5000)


def test_the_check_finds_fields_wider_than_their_scroll_area(qtbot):
    from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

    dialog = QDialog()
    qtbot.addWidget(dialog)
    area = QScrollArea(dialog)
    area.setHorizontalScrollBarPolicy(area.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
    body = QWidget()
    body.setMinimumWidth(900)
    area.setWidget(body)
    QVBoxLayout(dialog).addWidget(area)
    dialog.setFixedWidth(300)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert ("width", 900) in [(kind, needed) for w, kind, needed, _h in shortfalls(dialog) if w is area]


@pytest.mark.slow
def test_a_dialog_run_with_exec_grows_to_fit_its_text(qtbot):
    """exec(), as most dialogs are run, is fitted like show(); and so is a dialog shown again."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = QLabel(" ".join(["A hint long enough to need several lines at this dialog's width."] * 6), dialog)
    label.setWordWrap(True)
    QVBoxLayout(dialog).addWidget(label)
    dialog.setFixedWidth(200)
    seen = []

    def look_then_close():
        seen.append(shortfalls(dialog))
        dialog.accept()

    QTimer.singleShot(300, look_then_close)
    dialog.exec()
    assert seen == [[]]
    label.setText(label.text() * 2)  # longer while hidden: fitted again when shown again
    dialog.show()
    qtbot.waitUntil(lambda: shortfalls(dialog) == [])


def test_a_form_taller_than_the_screen_scrolls_its_fields_and_keeps_its_buttons_in_view(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from bscp_desktop.ui.common.dialog_fit import SCREEN_SHARE
    from bscp_desktop.ui.common.form import FormDialog

    dialog = FormDialog("A long form")
    qtbot.addWidget(dialog)
    for n in range(40):
        dialog.add_field(f"field_{n}", f"Field {n + 1}", QLineEdit(),
                         "A hint long enough to take a line of its own under the field it describes")
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = screen_of(dialog).availableGeometry()
    qtbot.wait(200)  # the dialog's fitting has had its turns
    assert dialog.height() <= screen.height() * SCREEN_SHARE + 1  # no taller than the screen
    assert dialog.width() < screen.width() * SCREEN_SHARE - 100  # and not widened to make it shorter
    assert dialog.buttons.geometry().bottom() < dialog.height()  # Save and Cancel in view
    area = dialog.fields_area
    assert area.verticalScrollBar().maximum() > 0  # the fields scroll
    assert shortfalls(dialog) == []  # every field and hint whole, in its scrolling place
    last = dialog.fields["field_39"]
    dialog.fields["field_38"].setFocus()
    qtbot.keyClick(dialog.fields["field_38"], Qt.Key.Key_Tab)  # on to the last field: scrolled into view
    assert last.hasFocus()
    qtbot.waitUntil(lambda: last.mapTo(area.viewport(), last.rect().bottomLeft()).y() <= area.viewport().height())


def test_a_short_form_shows_every_field_without_scrolling(qtbot):
    from PySide6.QtWidgets import QLineEdit

    from bscp_desktop.ui.common.form import FormDialog

    dialog = FormDialog("A short form")
    qtbot.addWidget(dialog)
    for n in range(3):
        dialog.add_field(f"field_{n}", f"Field {n + 1}", QLineEdit(), "A hint under the field")
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(100)
    assert dialog.fields_area.verticalScrollBar().maximum() == 0
    assert dialog.fields_area.height() >= dialog.fields_area.widget().minimumSizeHint().height()
