"""A series of meetings may be set up with no end time, as a single meeting may: "No end time"
beside the series' Ends at, with the meeting dialog's wording and behaviour (both dialogs share
`end_time.EndTime`). Ticked, every meeting of the series is saved without an end; unticked, the
end is two hours after the start; an end given must be after the start."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from bscp_desktop.services import meetings as mt
from bscp_desktop.ui.meetings.dialogs import SeriesDialog
from bscp_desktop.ui.meetings.dialogs.end_time import NO_END_SHOWN, NO_END_TIME, end_after

FIFTH_DECEMBER = date(2026, 12, 5)  # the series offered: 10/12/2026 and 11/03/2027


def _series_dialog(qtbot, db, world) -> SeriesDialog:
    dialog = SeriesDialog(db, None, group_id=world.forum.id, today=FIFTH_DECEMBER)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_series_opens_with_an_end_at_noon_and_no_end_time_unticked(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    assert dialog.no_end.text() == NO_END_TIME and not dialog.no_end.isChecked()
    assert dialog.end.isEnabled() and (dialog.start.value(), dialog.end.value()) == (time(10, 0), time(12, 0))


def test_an_afternoon_series_with_no_end_time_is_saved_with_meetings_that_have_no_end(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    dialog.start.set_value(time(14, 0))
    qtbot.mouseClick(dialog.no_end, Qt.MouseButton.LeftButton)
    assert dialog.no_end.isChecked() and not dialog.end.isEnabled() and dialog.end.text() == NO_END_SHOWN
    assert dialog.revalidate() and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result()
    saved = [(m.starts_at, m.ends_at) for m in mt.list_meetings(db)]
    assert sorted(saved) == [(datetime(2026, 12, 10, 14), None), (datetime(2027, 3, 11, 14), None)]


def test_unticking_no_end_time_gives_an_end_two_hours_after_the_start(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    dialog.start.set_value(time(14, 0))
    dialog.no_end.setChecked(True)
    dialog.no_end.setChecked(False)
    assert dialog.end.isEnabled() and dialog.end.value() == time(16, 0)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result()
    assert sorted(m.ends_at for m in mt.list_meetings(db)) == [datetime(2026, 12, 10, 16), datetime(2027, 3, 11, 16)]


def test_an_end_given_late_in_the_evening_stops_at_one_minute_to_midnight(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    dialog.start.set_value(time(22, 30))
    dialog.no_end.setChecked(True)
    dialog.no_end.setChecked(False)
    assert dialog.end.value() == time(23, 59) == end_after(time(22, 30))


def test_an_end_before_the_start_is_refused_naming_ends_at_until_no_end_time_is_ticked(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    dialog.start.set_value(time(14, 0))
    dialog.end.set_value(time(13, 0))
    assert not dialog.revalidate() and not dialog.save_button.isEnabled()
    assert dialog.error_labels["end_time"].text() == "The end must be after the start"
    assert dialog.status.text() == "Ends at: The end must be after the start."
    dialog._on_save()
    assert not dialog.result() and mt.list_meetings(db) == []

    dialog.no_end.setChecked(True)  # an end before the start no longer matters: there is none
    assert dialog.revalidate() and dialog.error_labels["end_time"].isHidden()


def test_the_series_dialog_shows_ends_at_and_no_end_time_whole(qtbot, db, world):
    dialog = _series_dialog(qtbot, db, world)
    dialog.no_end.setChecked(True)
    dialog.start.set_value(time(14, 0))
    row = dialog.end_time.row
    caption = dialog.form.labelForField(row.parentWidget())
    qtbot.waitUntil(lambda: abs(row.mapTo(dialog, row.rect().center()).y()
                                - caption.mapTo(dialog, caption.rect().center()).y()) <= 4)  # level with "Ends at:"
    QApplication.processEvents()
    dialog.grab().save("/tmp/series_dialog.png")
    box = dialog.no_end
    assert box.isVisible() and box.width() >= box.sizeHint().width()
    assert dialog.end.width() >= dialog.end.minimumSizeHint().width()
    right = box.mapTo(dialog.fields_area.widget(), box.rect().topRight()).x()
    assert right <= dialog.fields_area.viewport().width()  # not cut off at the edge of the fields
