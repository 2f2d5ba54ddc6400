"""The Audits tab's change log lists, for a search, only the changes whose cells show what was
typed: a linked record's number or a field's name in the program ("organisation_id") finds
nothing, the field's heading as shown ("Representing") finds its change."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.audits.tab import AuditsTab
from tests.built_once import database_with
from tests.ui.helpers import shown_tab, type_text


def build_seat(db):
    """Twelve partners, the twelfth one a person's organisation and the one their seat represents."""
    partners = [ms.create_organisation(db, ms.OrganisationFields(f"Partner {letter}", OrganisationKind.OTHER))
                for letter in "ABCDEFGHIJKL"]
    person = ms.create_person(db, ms.PersonFields("Jo Bloggs", "Nurse", partners[-1].id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Children Forum"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2023, 1, 1),
                                                 organisation_id=partners[-1].id))
    return {"partner": partners[-1]}


db, seat = database_with("change-log-shown-words", build_seat, records="seat")


def _rows(page) -> list[tuple[str, ...]]:
    m = page.model
    return [tuple(m.data(m.index(r, c)) for c in range(m.columnCount())) for r in range(m.rowCount())]


def _search(qtbot, page, typed: str) -> list[tuple[str, ...]]:
    page.search.clear()
    type_text(page.search, typed)
    qtbot.waitUntil(lambda: page.query.search == typed and not page.loading(), timeout=10000)
    return _rows(page)


def test_the_change_log_finds_only_what_its_cells_show(qtbot, db, seat):
    tab = shown_tab(qtbot, AuditsTab(db, None), (1280, 800))
    page = tab.change_log
    tab.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.model.rowCount() > 0, timeout=10000)
    # the partner's number is stored with the person and the seat, and shown as its name
    links = [r for r in _rows(page) if r[5] in ("Organisation", "Representing")]
    assert {(r[3], r[5], r[7]) for r in links} == {("Person: Jo Bloggs", "Organisation", "Partner L"),
                                                   ("Membership: Jo Bloggs in Safeguarding Children Forum", "Representing", "Partner L")}
    assert seat["partner"].id == 12

    for typed in ("12", "organisation_id", "person_id", "id"):
        assert _search(qtbot, page, typed) == [], typed
        assert page.empty.isVisible() and page.status.text() == "No changes to show.", typed

    found = _search(qtbot, page, "representing")
    assert [(r[3], r[5], r[7]) for r in found] == [
        ("Membership: Jo Bloggs in Safeguarding Children Forum", "Representing", "Partner L")]
    found = _search(qtbot, page, "organisation")
    assert [(r[3], r[5], r[7]) for r in found] == [("Person: Jo Bloggs", "Organisation", "Partner L")]
    qtbot.waitUntil(lambda: page.status.text().startswith("Changes 1 to 1 of 1,"), timeout=10000)
    page.grab().save("/tmp/h2/change_log_search.png")
