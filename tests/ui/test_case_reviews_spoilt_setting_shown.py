"""A case review setting another program spoilt is read as its default: the Case reviews tab
says so above the cases, naming the setting and that saving the settings sets it again, with
the settings beside it; saved there, the line goes. A file whose settings all read shows none."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import case_review_settings as crs
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import settings
from tests.ui.helpers import start_window, when_modal


@pytest.mark.slow  # the main window started, the settings dialog opened and saved
def test_the_tracker_names_a_spoilt_setting_until_the_settings_are_saved(qtbot, db):
    cr.create_case_review(db, cr.CaseReviewFields("Child A", "serious_harm", date(2024, 1, 29)))
    window = start_window(qtbot, db, size=(1280, 800))
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Case reviews"))
    page = window.tab("Case reviews").tracker
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() == 1)
    assert page.settings_bar.isHidden()  # every setting reads: nothing to say

    settings.set_setting(db, crs.THEMES_SETTING, 5)  # another program's doing, announced as a save is
    qtbot.waitUntil(lambda: not page.loading() and page.settings_bar.isVisible())
    said = page.settings_bar.note.text()
    assert said == ("The case review setting 'Themes' cannot be read (5 is not a list of themes), so the program's "
                    "default is used: open Deadline rules and settings in the Case reviews tab and save to set it again.")
    assert said in cr.load_settings(db).warnings
    assert page.settings_bar.geometry().bottom() < page.splitter.geometry().top()  # above the cases
    assert page.settings_bar.note.height() >= page.settings_bar.note.heightForWidth(page.settings_bar.note.width())

    opened = []

    def save(dialog):
        opened.append(dialog.windowTitle())
        dialog.save()

    when_modal(save, "Case reviews: deadline rules and settings")
    page.settings_bar.button.click()  # the settings beside the line: saved as they open, on the defaults
    assert opened == ["Case reviews: deadline rules and settings"]
    assert cr.load_settings(db).warnings == ()
    qtbot.waitUntil(lambda: not page.loading() and page.settings_bar.isHidden())
