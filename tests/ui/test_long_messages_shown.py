"""A status-bar sentence too long for the bar is shown whole in the window as well (a wrapped
note the officer closes), never cut at the window's edge or hidden behind the database's name;
nothing waits for it to be closed, and the status bar still holds the sentence."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from bscp_desktop.ui.common.messages import tell
from bscp_desktop.ui.main_window import MainWindow

DEEP = ("C:\\Users\\officer\\OneDrive - London Borough of Brent\\Documents\\Safeguarding Children Partnership"
        "\\Strategic Partnerships Team\\BSCP Desktop")
SAVED = (f"The Section 11 return of Children and Family Court Advisory and Support Service was saved to {DEEP}"
         "\\Section 11 return Cafcass.xlsx. Send it to the agency; import it when it comes back. Its Sent date is "
         "recorded as 06/12/2026: change it on the agency's row if the return goes out later.")


@pytest.fixture
def window(qtbot):
    """The main window's frame at the size of a 1366x768 laptop at 150%, its database's long path
    in the status bar."""
    win = MainWindow(None, lambda *args, **kwargs: None, opening="records.sqlite3")
    qtbot.addWidget(win)
    win.resize(895, 470)
    win.show()
    qtbot.waitExposed(win)
    win.db_label.setText(f"Database: {DEEP}\\Brent Safeguarding Children Partnership records.sqlite3")
    return win


def shown_whole(window, sentence: str) -> list[QLabel]:
    """The labels on screen in the window that show `sentence` whole."""
    return [label for label in window.findChildren(QLabel) if label.text() == sentence and label.isVisibleTo(window)
            and label.fontMetrics().boundingRect(label.rect(), int(Qt.TextFlag.TextWordWrap), sentence).height()
            <= label.height()]


def test_a_sentence_too_long_for_the_status_bar_is_shown_whole_until_closed_and_nothing_waits(qtbot, window):
    tell(window.tabs, SAVED)
    assert window.statusBar().currentMessage() == SAVED
    assert QApplication.activeModalWidget() is None  # the officer carries on
    qtbot.waitUntil(lambda: bool(shown_whole(window, SAVED)))
    [note] = shown_whole(window, SAVED)  # the date recorded for the officer is on screen
    close = next(button for button in note.parentWidget().findChildren(QPushButton) if button.text() == "Close")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not shown_whole(window, SAVED)
    tell(window.tabs, "Removed the financial year 2024-25.")  # a short one stays on the status bar alone
    assert window.statusBar().currentMessage() == "Removed the financial year 2024-25."
    assert not any(label.isVisibleTo(window) and label.text() in (SAVED, "Removed the financial year 2024-25.")
                   for label in window.findChildren(QLabel))


def test_a_long_message_put_straight_on_the_status_bar_is_shown_whole_and_the_next_takes_its_place(qtbot, window):
    backed_up = f"Backed up to {DEEP}\\Backups\\Brent Safeguarding Children Partnership records-20261206-manual.sqlite3"
    window.statusBar().showMessage(backed_up, 10000)  # as File > Back up now says it
    assert window.statusBar().currentMessage() == backed_up
    qtbot.waitUntil(lambda: bool(shown_whole(window, backed_up)))
    tell(window.tabs, SAVED)
    qtbot.waitUntil(lambda: bool(shown_whole(window, SAVED)))  # on three lines once the window has laid it out
    assert not shown_whole(window, backed_up)
    tip = "Not offered: your login may read this database but not change it. " * 3
    QApplication.sendEvent(window, QStatusTipEvent(tip))  # the pointer over an action not offered
    assert window.statusBar().currentMessage() == tip  # a tip stays on its line: the note keeps its sentence
    assert shown_whole(window, SAVED) and not shown_whole(window, tip)


def _s11_agency(db):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import section11 as s11

    cafcass = ms.create_organisation(db, ms.OrganisationFields(
        "Children and Family Court Advisory and Support Service", OrganisationKind.OTHER))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [cafcass.id])
    return {"cafcass": cafcass}


@pytest.mark.slow
def test_writing_a_return_shows_the_sent_date_recorded_for_the_officer(qtbot, tmp_path, monkeypatch):
    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.audits import returns, section11_page
    from tests.ui.helpers import start_window

    make_application()
    db = open_database(tmp_path / "records.sqlite3")
    cafcass = _s11_agency(db)["cafcass"]
    folder = tmp_path / "OneDrive - London Borough of Brent" / "Documents" / "Strategic Partnerships Team"
    folder.mkdir(parents=True)
    monkeypatch.setattr(returns, "choose_save_path", lambda *args, **kwargs: folder / "Section 11 return Cafcass.xlsx")
    monkeypatch.setattr(section11_page, "choose_agency", lambda parent, title, agencies: cafcass.id)
    window = start_window(qtbot, db, size=(895, 470))
    try:
        tab = window.tab("Audits")
        window.tabs.setCurrentWidget(tab)
        page = tab.section11
        tab.sections.setCurrentWidget(page)
        qtbot.waitUntil(lambda: page.grid_data is not None)
        page.on_write_return()
        said = window.statusBar().currentMessage()
        assert "Its Sent date is recorded as" in said and window.statusBar().fontMetrics().horizontalAdvance(said) > 895
        qtbot.waitUntil(lambda: bool(shown_whole(window, said)))
    finally:
        window.db.close()
