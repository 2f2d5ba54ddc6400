"""Every archive question about a record that leaves open actions in the action log says how
many (linked to it, or owned by it), through the real pages: a person, an organisation, a
recommendation of a case review or of an audit, a case audit and a Section 11 cycle."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.audits import section11_page
from bscp_desktop.ui.case_reviews.tab import CaseReviewsTab
from bscp_desktop.ui.common import list_page
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import click_button, shown_tab, when_modal

DUE = date(2030, 6, 1)


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The words of each archive question a list asks, answered No."""
    seen: list[str] = []
    monkeypatch.setattr(list_page, "confirm", lambda _parent, _title, text: seen.append(text) or False)
    return seen


def own(db, text: str, **owner) -> al.ActionDTO:
    return al.create_action(db, al.ActionFields(text, due_date=DUE, **owner))


def archive_asked(page, record_id: int, asked: list[str]) -> str:
    page.reload()
    page.select_id(record_id)
    assert page.selected().id == record_id
    asked.clear()
    page.on_archive()
    return asked[0]


def test_archiving_a_person_or_an_organisation_says_how_many_open_actions_they_own(qtbot, db, world, asked):
    quiet = ms.create_person(db, ms.PersonFields("Jo Bloggs", organisation_id=world.council.id))  # no seat
    own(db, "Jo's review", owner_person_id=quiet.id)
    for text in ("Police training plan", "Police audit"):
        own(db, text, owner_organisation_id=world.police.id)
    own(db, "Morse's review", owner_person_id=world.inspector.id)
    tab = shown_tab(qtbot, MembershipsTab(db))

    people = tab.people
    tab.sections.setCurrentWidget(people)
    said = archive_asked(people, quiet.id, asked)
    assert "Archive Jo Bloggs? They own 1 open action: “" in said
    assert "It stays in the action log in their name: give the action another owner" in said
    seen: list[str] = []
    when_modal(click_button("Cancel", seen))  # someone with a seat is asked in a box of its own
    people.select_id(world.inspector.id)
    people.on_archive()
    assert "2 current memberships:" in seen[0] and "They own 1 open action" in seen[0]
    assert world.inspector.id in [p.id for p in ms.list_people(db)]  # cancelled: still live

    organisations = tab.organisations
    tab.sections.setCurrentWidget(organisations)
    text = archive_asked(organisations, world.police.id, asked)
    assert "It owns 2 open actions: “" in text and "They stay in the action log in its name" in text
    closed = ms.create_organisation(db, ms.OrganisationFields("Brent Youth Service", OrganisationKind.OTHER))
    assert archive_asked(organisations, closed.id, asked).startswith(
        "Archive Brent Youth Service? It stays in the records")  # nothing left behind, nothing said


def test_archiving_a_case_review_recommendation_says_how_many_of_its_actions_stay_open(qtbot, db, world, asked):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools to rapid reviews",
                                                               world.council.id))
    for text in ("Write to schools", "Brief the head teachers"):
        cr.add_recommendation_action(db, rec.id, al.ActionFields(text, owner_organisation_id=world.council.id,
                                                                 due_date=DUE))
    tab = shown_tab(qtbot, CaseReviewsTab(db, None, today=date(2024, 2, 1)))
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    text = archive_asked(page, rec.id, asked)
    assert f"Archive recommendation 1 of {case.reference}? It has 2 open actions: “Write to schools” (" in text
    assert "an action archived by mistake cannot be restored while the recommendation is archived" in text


@pytest.mark.slow
def test_archiving_a_case_audit_its_recommendation_or_a_section_11_cycle_names_their_open_actions(
        qtbot, demo_db, asked, monkeypatch):
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import learning as le
    from bscp_desktop.services.audits import s11_ratings as sr
    from bscp_desktop.ui.audits.tab import AuditsTab

    tab = shown_tab(qtbot, AuditsTab(demo_db, None), (1280, 800))
    audit = next(a for a in ca.list_audits(demo_db) if a.actions_open)
    page = tab.audits
    tab.sections.setCurrentWidget(page)
    assert f"It has {audit.actions_open} open action" in archive_asked(page, audit.id, asked)

    rec = next(r for r in le.RECOMMENDATIONS.list(demo_db, audit.id) if r.actions_open)
    page = tab.recommendations
    tab.sections.setCurrentWidget(page)
    assert f"It has {rec.actions_open} open action" in archive_asked(page, rec.id, asked)

    cycles: list[str] = []
    monkeypatch.setattr(section11_page, "confirm", lambda _parent, _title, text: cycles.append(text) or False)
    s11 = tab.section11
    tab.sections.setCurrentWidget(s11)
    qtbot.waitUntil(lambda: s11.grid_data is not None)
    cycle = s11.selected_cycle()
    left = sr.open_action_count(sr.cycle_actions(demo_db, cycle.id))
    assert left
    s11.on_archive_cycle()
    assert f"Its agencies, ratings and standards are kept with it. It has {left} open actions: “" in cycles[0]
    assert "while the cycle is archived" in cycles[0]
    assert s11.selected_cycle().archived is False
