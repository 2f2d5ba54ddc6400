"""A record added from inside a dialog ("Add a person…", "Add a case…", and whatever is added
inside those) is offered by every picker of the dialog, each keeping its choice: a new
membership's person represents their own organisation and can be deputised for, and a new
recommendation's lead agency offers the agency added with its case."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtTest import QTest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.actions.recommendations import RecommendationDialog
from bscp_desktop.ui.case_reviews.tab import RECOMMENDATIONS
from bscp_desktop.ui.memberships.dialogs import MembershipDialog
from tests.ui.helpers import when_modal

PERSON_DIALOG = "bscp_desktop.ui.memberships.dialogs.PersonDialog"


def adding(made, saved: bool = True):
    """A dialog class that, opened, adds `made()` and closes saved (or cancelled), as its Save
    (or, after a record added inside it, its Cancel) would."""

    class Adds:
        def __init__(self, *_args):
            self.result_value = None

        def exec(self):
            self.result_value = made()
            return saved

    return Adds


def offer(dialog, field):
    return next(w for w in dialog.fields[field].parentWidget().children() if type(w).__name__ == "AddFirst")


def listed(combo) -> list:
    return [combo.itemData(i) for i in range(combo.count())]


def police(db):
    return ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police Service", OrganisationKind.POLICE))


def new_membership(qtbot, db) -> MembershipDialog:
    dialog = MembershipDialog(db)
    qtbot.addWidget(dialog)
    return dialog


def test_a_person_added_from_a_new_membership_represents_their_own_organisation(qtbot, db, monkeypatch):
    met = police(db)
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    dialog = new_membership(qtbot, db)
    dialog.group.set_current_id(group.id)
    people: list = []
    monkeypatch.setattr(PERSON_DIALOG, adding(
        lambda: people.append(ms.create_person(db, ms.PersonFields("Amara Okafor", organisation_id=met.id))) or people[0]))
    offer(dialog, "person_id").button.click()
    amara = people[0]
    assert dialog.person.current_id() == amara.id
    assert dialog.organisation.current_id() == met.id  # "The person's own organisation, unless you choose another"
    assert listed(dialog.deputy_for) == [None, amara.id]  # the person just added, offered as someone deputised for
    assert dialog.group.current_id() == group.id  # as chosen
    dialog.start.set_value(date(2026, 4, 1))
    dialog._on_save()
    assert [(m.person_id, m.organisation_id) for m in ms.list_memberships(db)] == [(amara.id, met.id)]


def test_an_organisation_added_inside_the_person_dialog_is_the_one_represented(qtbot, db, monkeypatch):
    ms.create_group(db, ms.GroupFields("Forum", 2))
    dialog = new_membership(qtbot, db)
    assert listed(dialog.organisation) == [None]

    def person_and_their_organisation():
        brent = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
        return ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=brent.id))

    monkeypatch.setattr(PERSON_DIALOG, adding(person_and_their_organisation))
    offer(dialog, "person_id").button.click()
    brent = ms.list_organisations(db)[0]
    assert listed(dialog.organisation) == [None, brent.id]
    assert dialog.organisation.current_id() == brent.id and dialog.organisation.currentText() == "Brent Council"
    dialog.organisation.setEditText("brent council")  # typed: in the list now
    assert "organisation_id" not in dialog.check()


def test_what_was_added_inside_a_dialog_then_cancelled_is_offered_and_choices_are_kept(qtbot, db, monkeypatch):
    ms.create_group(db, ms.GroupFields("Forum", 2))
    executive = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    dialog = new_membership(qtbot, db)
    dialog.show()
    dialog.group.set_current_id(executive.id)
    dialog.organisation.setFocus()
    dialog.organisation.lineEdit().selectAll()
    QTest.keyClicks(dialog.organisation.lineEdit(), "Nowhere Trust")  # typed by the officer, on no list
    monkeypatch.setattr(PERSON_DIALOG, adding(lambda: police(db), saved=False))
    note = offer(dialog, "person_id")
    note.button.click()
    assert listed(dialog.organisation) == [None, ms.list_organisations(db)[0].id]
    assert dialog.organisation.currentText() == "Nowhere Trust"  # still as typed, and still refused
    assert dialog.check()["organisation_id"].startswith("'Nowhere Trust' is not in the list of organisations")
    assert dialog.group.current_id() == executive.id
    assert dialog.person.current_id() is None and not note.isHidden()  # no person added yet


@pytest.mark.slow
def test_the_person_dialog_itself_offers_the_organisation_added_inside_it(qtbot, db, monkeypatch):
    """Add a person… then, in it, Add an organisation…: both saved, the membership represents it."""
    ms.create_group(db, ms.GroupFields("Executive Group", 1))
    monkeypatch.setattr("bscp_desktop.ui.memberships.dialogs.OrganisationDialog", adding(
        lambda: ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))))
    dialog = new_membership(qtbot, db)
    dialog.show()

    def person(p):
        p.name.setText("Jo Bloggs")
        offer(p, "organisation_id").button.click()
        p._on_save()

    when_modal(person, "New person")
    offer(dialog, "person_id").button.click()
    qtbot.waitUntil(lambda: dialog.person.current_id() is not None)
    brent = ms.list_organisations(db)[0]
    assert ms.list_people(db)[0].organisation_id == brent.id
    assert dialog.organisation.current_id() == brent.id


def test_a_case_added_from_a_new_recommendation_offers_its_agency_as_lead(qtbot, db):
    def case_with_its_agency(_db, _parent):
        def made():
            ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
            return cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2026, 2, 11)))

        return adding(made)()

    view = dataclasses.replace(RECOMMENDATIONS, new_record=case_with_its_agency)
    dialog = RecommendationDialog(db, view)
    qtbot.addWidget(dialog)
    assert listed(dialog.lead) == [None]
    offer(dialog, "case_review_id").button.click()
    case = cr.list_case_reviews(db)[0]
    assert dialog.raised_from.current_id() == case.id
    assert listed(dialog.lead) == [None, ms.list_organisations(db)[0].id]
    assert dialog.lead.current_id() is None  # offered, not chosen for the officer
