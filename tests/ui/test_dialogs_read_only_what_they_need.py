"""New financial year, New expense and New membership read only what they show: the year
suggested, the cost filled in for a training session and the organisation a new membership
represents are as before, without working out every year's balances, tallying every
session's bookings or building every person's record on the window's thread."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance import summaries
from bscp_desktop.services.memberships import people as people_service
from bscp_desktop.services.training import courses
from bscp_desktop.services.training import sessions as sessions_service
from bscp_desktop.ui.finance.dialogs import ExpenseDialog, YearDialog
from bscp_desktop.ui.memberships.dialogs import MembershipDialog

TODAY = date(2024, 6, 3)


def counted(monkeypatch, module, name: str) -> list:
    """Calls of `module.name` from now on, each still made."""
    calls, original = [], getattr(module, name)

    def wrapper(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, wrapper)
    return calls


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.parametrize(("years", "suggested"), [((2021, 2023, 2022), "2024/25"), ((), "2024/25"), ((2019,), "2020/21")])
def test_new_financial_year_suggests_the_year_after_the_latest_on_record(qtbot, db, monkeypatch, years, suggested):
    for start in years:
        fin.create_year(db, start)
    balances = counted(monkeypatch, summaries, "_facts")
    dialog = shown(qtbot, YearDialog(db, None, None, today=TODAY))
    assert dialog.year.text() == suggested  # none on record: the current year
    assert balances == []


def test_choosing_a_training_session_fills_in_its_cost_when_no_amount_is_typed(qtbot, db, monkeypatch):
    course = courses.create_course(db, courses.CourseFields("ICON: babies cry, you can cope"))
    paid = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 7, 10, 0), 20, cost="1450.5"))
    free = courses.create_session(db, courses.SessionFields(course.id, datetime(2023, 11, 8, 10, 0), 20))
    dialog = shown(qtbot, ExpenseDialog(db, None, None, today=TODAY))
    tallies = counted(monkeypatch, sessions_service, "sessions_in")
    dialog.session.set_current_id(paid.id)
    assert dialog.amount.text() == "1,450.50"
    dialog.session.set_current_id(free.id)
    assert dialog.amount.text() == "1,450.50"  # an amount already there is kept
    dialog.amount.setText("")
    dialog.session.set_current_id(free.id)
    dialog.session.set_current_id(None)
    assert dialog.amount.text() == ""  # no cost, no session: nothing filled in
    dialog.session.set_current_id(paid.id)
    assert dialog.amount.text() == "1,450.50"
    assert tallies == []


def test_a_new_membership_represents_the_chosen_persons_own_organisation(qtbot, db, monkeypatch):
    brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    harrow = ms.create_organisation(db, ms.OrganisationFields("Harrow Council", OrganisationKind.LOCAL_AUTHORITY))
    ada = ms.create_person(db, ms.PersonFields("Ada Obi", "", brent.id))
    ben = ms.create_person(db, ms.PersonFields("Ben Ng"))
    cy = ms.create_person(db, ms.PersonFields("Cy Roe", "", harrow.id))
    group = ms.create_group(db, ms.GroupFields("Executive Group"))
    records = counted(monkeypatch, people_service, "_person_dto")
    dialog = shown(qtbot, MembershipDialog(db, group_id=group.id))
    assert records == []
    offered = [dialog.person.itemData(i) for i in range(dialog.person.count())]
    assert offered == [ada.id, ben.id, cy.id]
    assert [dialog.deputy_for.itemData(i) for i in range(dialog.deputy_for.count())] == [None, *offered]
    assert dialog.organisation.current_id() is None  # nobody chosen yet
    dialog.person.set_current_id(cy.id)
    assert dialog.organisation.current_id() == harrow.id
    dialog.person.set_current_id(ben.id)
    assert dialog.organisation.current_id() is None  # no organisation of his own
    dialog.person.set_current_id(ada.id)
    assert dialog.organisation.current_id() == brent.id
    dialog.organisation.set_current_id(harrow.id)
    dialog.organisation.activated.emit(dialog.organisation.currentIndex())  # chosen by the officer
    dialog.person.set_current_id(cy.id)
    dialog.person.set_current_id(ada.id)
    assert dialog.organisation.current_id() == harrow.id  # the officer's choice stays
