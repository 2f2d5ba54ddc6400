"""What is archived under the Audits tab takes no change until it is restored: an agency's
Section 11 return in an archived cycle or for an agency removed from its cycle (its dates,
taking it out of the cycle, marking it sent), and a case audit's archived return or a return of
an archived case. Marking a return sent is refused for a day after today, as its Sent date is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date
ARCHIVED_CYCLE = "The cycle 2024-26 is archived: restore it first"
REMOVED_AGENCY = "This agency was removed from the cycle: add it again first"


@pytest.fixture
def orgs(db):
    return [ms.create_organisation(db, ms.OrganisationFields(name, kind))
            for name, kind in (("Brent Council", OrganisationKind.LOCAL_AUTHORITY),
                               ("Metropolitan Police", OrganisationKind.POLICE))]


@pytest.fixture
def cycle(db, orgs):
    """A cycle with both agencies taking part, and its agencies by name."""
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [o.id for o in orgs])
    return cycle, {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}


def _held(db, participant: s11.ParticipantDTO) -> tuple:
    now = s11.get_participant(db, participant.id)
    return now.to_fields(), now.archived


def test_an_archived_cycles_returns_are_not_changed_until_it_is_restored(db, cycle):
    cycle, parts = cycle
    council = parts["Brent Council"]
    before = _held(db, council)
    s11.archive_cycle(db, cycle.id)
    with pytest.raises(ValidationError, match=ARCHIVED_CYCLE):
        s11.update_participant(db, council.id, replace(council.to_fields(), contact="Jane Okafor",
                                                       sent_on=D(2024, 4, 2), returned_on=D(2024, 6, 1)))
    with pytest.raises(ValidationError, match=ARCHIVED_CYCLE):
        s11.archive_participant(db, council.id)
    with pytest.raises(ValidationError, match=ARCHIVED_CYCLE):
        s11.mark_sent(db, [council.id], D(2024, 4, 2))
    assert _held(db, council) == before
    s11.restore_cycle(db, cycle.id)
    assert s11.mark_sent(db, [council.id], D(2024, 4, 2)) == [council.id]
    assert s11.update_participant(db, council.id, replace(s11.get_participant(db, council.id).to_fields(),
                                                          returned_on=D(2024, 6, 1))).returned_on == D(2024, 6, 1)


def test_an_agency_removed_from_its_cycle_is_added_again_before_its_return_changes(db, cycle, orgs):
    cycle, parts = cycle
    police = parts["Metropolitan Police"]
    s11.archive_participant(db, police.id)
    before = _held(db, police)
    with pytest.raises(ValidationError, match=REMOVED_AGENCY):
        s11.update_participant(db, police.id, replace(police.to_fields(), returned_on=D(2024, 6, 1)))
    with pytest.raises(ValidationError, match=REMOVED_AGENCY):  # one agency of those chosen: none is marked
        s11.mark_sent(db, [parts["Brent Council"].id, police.id], D(2024, 4, 2))
    assert _held(db, police) == before and s11.get_participant(db, parts["Brent Council"].id).sent_on is None
    s11.add_agencies(db, cycle.id, [orgs[1].id])  # back in the cycle
    assert s11.update_participant(db, police.id, replace(police.to_fields(), returned_on=D(2024, 6, 1))).returned_on \
        == D(2024, 6, 1)


def test_a_return_is_not_marked_sent_on_a_day_to_come_as_its_sent_date_is_not(db, cycle):
    _cycle, parts = cycle
    council = parts["Brent Council"]
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as typed:
        s11.update_participant(db, council.id, replace(council.to_fields(), sent_on=tomorrow))
    with pytest.raises(ValidationError) as marked:
        s11.mark_sent(db, [council.id], tomorrow)
    assert marked.value.errors == typed.value.errors == {
        "sent_on": f"Sent ({tomorrow:%d/%m/%Y}) cannot be in the future"}
    assert s11.get_participant(db, council.id).sent_on is None
    assert s11.mark_sent(db, [council.id], date.today()) == [council.id]


def test_an_archived_return_or_a_return_of_an_archived_case_is_restored_before_it_changes(db, orgs):
    audit = ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", D(2023, 2, 1), theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=tuple(o.id for o in orgs)))
    council, police = case.returns
    typed = sa.ReturnFields(D(2023, 1, 10), D(2023, 1, 20), "Thorough assessment", "Voice of the child", "Good")
    sa.archive_return(db, council.id)
    archived_return = (r"The return of Brent Council on case MAA-2023-01-C1 is archived: restore it first \(tick "
                       r"'Show archived cases and returns', choose the return in the Agency returns list and press "
                       r"Restore return\)")
    with pytest.raises(ValidationError, match=archived_return):
        sa.update_return(db, council.id, typed)
    assert sa.get_return(db, council.id).to_fields() == council.to_fields()
    assert sa.closed_return(db, police.id) == ""
    sa.archive_case(db, case.id)
    archived_case = (r"Case MAA-2023-01-C1 is archived: restore it first \(tick 'Show archived cases and returns', "
                     r"choose the case in the Cases and agreed gradings list and press Restore case\)")
    with pytest.raises(ValidationError, match=archived_case):
        sa.update_return(db, police.id, typed)
    assert sa.get_return(db, police.id).to_fields() == police.to_fields()
    assert sa.closed_return(db, police.id).startswith("Case MAA-2023-01-C1 is archived")  # what its dialog says
    with pytest.raises(ValidationError, match=archived_case):  # nor the case itself
        sa.update_case(db, case.id, replace(sa.get_case(db, case.id).to_fields(), agreed_note="Changed anyway"))
    assert sa.get_case(db, case.id).agreed_note == ""
    sa.restore_case(db, case.id)
    assert sa.update_return(db, police.id, typed).grading.label == "Good"
