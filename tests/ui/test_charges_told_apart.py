"""The Charges page tells a name typed in bookings apart from the organisation of that name, as
the charges PDF does ("Zeta Nursery (typed, not linked)"), in its totals, its Organisation
choice and its bookings; choosing either lists that one's bookings only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bscp_desktop.domain.training import Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.training.charges import ChargesPage

TYPED = "Zeta Nursery (typed, not linked)"


@pytest.mark.slow
def test_a_typed_name_and_the_organisation_of_that_name_are_two_choices_told_apart(qtbot, db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect basics", topic="Neglect"))
    ran = cs.create_session(db, cs.SessionFields(course.id, datetime.combine(date.today() - timedelta(days=3),
                                                                             time(9, 30)), 10))

    def no_shows(*names):
        for name in names:
            bk.create_booking(db, bk.BookingFields(ran.id, name, organisation_name="Zeta Nursery",
                                                   booked_on=date.today() - timedelta(days=30), outcome=Outcome.NO_SHOW))

    no_shows("Early A", "Early B")  # typed: no organisation of the name yet
    ms.create_organisation(db, ms.OrganisationFields("Zeta Nursery", ms.OrganisationKind.LOCAL_AUTHORITY))
    no_shows("Later A")  # linked to it
    page = ChargesPage(db)
    qtbot.addWidget(page)
    page.show()  # the page reads its records once shown
    qtbot.waitUntil(lambda: not page.loading() and page.report is not None, timeout=5000)
    choices = [page.organisation.itemText(i) for i in range(page.organisation.count())]
    assert sorted(choices) == sorted(["All organisations", TYPED, "Zeta Nursery"])
    totals = {page.totals.item(r, 0).text(): page.totals.item(r, 1).text() for r in range(page.totals.rowCount())}
    assert totals == {TYPED: "2", "Zeta Nursery": "1", "Total": "3"}
    for label, delegates in ((TYPED, ["Early A", "Early B"]), ("Zeta Nursery", ["Later A"])):
        page.organisation.setCurrentIndex(choices.index(label))
        assert sorted(ln.delegate_name for ln in page.lines) == delegates
        shown = {page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())}
        assert shown == {label}  # the bookings' Organisation column says which of the two
