"""Finance > Expenditure offers "Training session costs…" only while a training session has a
cost not yet in the expenditure: otherwise it is greyed out saying so, rather than opening a
dialog with nothing to tick that still asks for a session to be ticked. It comes back when a
session with a cost is added, and goes once the last cost is recorded."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.services import finance as fin
from bscp_desktop.services.training import courses
from bscp_desktop.ui.finance.pages import NO_SESSION_COSTS, ExpenditurePage

TODAY = date(2024, 6, 3)


def shown(qtbot, page: ExpenditurePage) -> tuple[bool, str]:
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    return page.session_costs_action.isEnabled(), page.session_costs_action.toolTip()


@pytest.mark.slow
def test_training_session_costs_is_offered_only_with_a_cost_to_record(qtbot, db):
    page = ExpenditurePage(db, None, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    assert shown(qtbot, page) == (False, NO_SESSION_COSTS)
    assert NO_SESSION_COSTS.startswith("No training session has a cost that is not in the expenditure yet")

    course = courses.create_course(db, courses.CourseFields("Working with fathers"))
    session = courses.create_session(db, courses.SessionFields(course.id, datetime(2024, 5, 14, 9, 30), 20, cost="450"))
    assert shown(qtbot, page) == (
        True, "Record the costs of training sessions (Training tab) that are not in the expenditure yet")

    fin.record_session_costs(db, [session.id], fin.default_training_category(db), TODAY)
    assert shown(qtbot, page) == (False, NO_SESSION_COSTS)
