"""The window's Your name keeps to the change history's own limit on who made a change, so a
file's history never holds a name a team database cannot (a copy into one would be refused)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from bscp_desktop.app import make_application
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.ui.team import NAME_KEY
from bscp_desktop.ui.team.your_name import NAME_MAX, YourNameDialog


def _dialog(qtbot, name: str) -> YourNameDialog:
    make_application()
    dialog = YourNameDialog(QSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.fields["name"].setText(name)
    return dialog


def test_a_name_longer_than_the_history_holds_is_refused(qtbot):
    assert NAME_MAX == ChangeRecord.__table__.c.changed_by.type.length == 100
    dialog = _dialog(qtbot, "A" * 101)
    assert dialog.check() == {"name": "Your name is too long (101 characters; at most 100)"}
    dialog._on_save()
    assert dialog.result_value is None and not dialog.save_button.isEnabled()


def test_a_name_as_long_as_the_history_holds_is_kept(qtbot):
    settings = QSettings()
    try:
        dialog = _dialog(qtbot, "A" * 100)
        assert dialog.check() == {}
        dialog._on_save()
        assert dialog.result_value == "A" * 100
    finally:
        settings.remove(NAME_KEY)  # Qt keeps one settings store per process, across tests


def test_a_longer_name_kept_by_an_earlier_version_is_asked_for_again():
    from bscp_desktop import APP_NAME
    from bscp_desktop.ui.team import saved_name

    make_application()
    settings = QSettings(APP_NAME, APP_NAME)
    try:
        settings.setValue(NAME_KEY, "B" * 101)
        assert saved_name() == ""  # as at first run: the window asks whose changes the history records
        settings.setValue(NAME_KEY, "B" * 100)
        assert saved_name() == "B" * 100
    finally:
        settings.remove(NAME_KEY)
