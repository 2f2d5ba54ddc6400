"""The Search window found no training course or session: it finds them now, and opening a hit
shows the Training tab with the course selected on its Courses page, or the session selected on
its Sessions page (its day taken into the period shown)."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services.training import courses as cs
from tests.ui.helpers import start_window


def _open_first_hit(qtbot, window, words: str):
    dialog = window.search(None, words)
    qtbot.waitUntil(lambda: dialog.result is not None and not dialog.loading(), timeout=10_000)
    assert dialog.proxy.rowCount() == 1
    dialog.open_selected()
    dialog.close()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Training"
    page = window.tabs.currentWidget().sections.currentWidget()
    qtbot.waitUntil(lambda: page.selected() is not None, timeout=10_000)
    return page


def test_opening_a_course_or_session_hit_selects_it_on_the_training_tab(qtbot, db_file):
    make_application()
    db = open_database(db_file)
    cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    coercive = cs.create_course(db, cs.CourseFields(title="Coercive and controlling behaviour", topic="Domestic abuse",
                                                    learning_outcomes=("Recognise coercive control",)))
    held = cs.create_session(db, cs.SessionFields(course_id=coercive.id, starts_at=datetime(2021, 6, 8, 9, 30),
                                                  capacity=20, venue="Willesden Green Library Centre"))
    window = start_window(qtbot, db, size=(1280, 800))
    try:
        page = _open_first_hit(qtbot, window, "Coercive")
        assert window.tabs.currentWidget().sections.currentWidget() is window.tabs.currentWidget().courses
        assert page.selected().id == coercive.id

        page = _open_first_hit(qtbot, window, "Willesden")
        assert page is window.tabs.currentWidget().sessions
        assert page.selected().id == held.id and page.period_bar.period.contains(date(2021, 6, 8))
    finally:
        window.db.close()
