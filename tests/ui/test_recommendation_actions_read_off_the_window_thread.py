"""The actions under a recommendation are read in a worker thread, which touches no widget: the
recommendation they are read for is taken from the list above on the window's thread, as the read
is asked for, so choosing another meanwhile cannot be read half-way from another thread, and the
actions shown are those of the recommendation chosen."""

from __future__ import annotations

import threading
from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from tests.ui.helpers import table_texts


def test_the_recommendation_is_read_on_the_window_thread_and_its_actions_shown(qtbot, db, monkeypatch):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    for text, action in (("Invite schools", "Write to every school"), ("Train staff", "Book the training")):
        rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, text, council.id))
        cr.add_recommendation_action(db, rec.id, al.ActionFields(action, owner_organisation_id=council.id,
                                                                 due_date=date(2024, 9, 30)))
    tab = CaseReviewsTab(db, None, today=date(2024, 7, 1))
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    asked_from: list[bool] = []
    chosen = page.selected

    def selected():
        asked_from.append(threading.current_thread() is threading.main_thread())
        return chosen()

    monkeypatch.setattr(page, "selected", selected)
    for row, action in ((0, "Write to every school"), (1, "Book the training")):
        page.table.selectRow(row)
        qtbot.waitUntil(lambda action=action: not page.actions.loading()
                        and table_texts(page.actions) == [action])
    assert asked_from and all(asked_from)  # never from the thread reading the actions
