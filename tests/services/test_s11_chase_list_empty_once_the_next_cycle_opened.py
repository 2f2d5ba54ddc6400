"""Once the Section 11 cycle compared with an earlier one has opened, a return of the earlier
cycle can no longer be imported, so its chase list names no agency to chase; before the later
cycle opens, and for the later cycle itself, agencies not returned are chased as before."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import section11 as s11

LATER_OPENS = date(2026, 4, 1)


@pytest.fixture
def cycles(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    earlier = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    later = s11.create_cycle(db, s11.CycleFields("2026-28", LATER_OPENS, date(2026, 6, 30), compare_with_id=earlier.id))
    for cycle in (earlier, later):
        s11.add_agencies(db, cycle.id, [police.id])
    return earlier, later


def test_no_agency_is_chased_for_the_earlier_cycle_once_the_later_one_has_opened(db, cycles):
    earlier, _later = cycles
    assert s11.chase_list(db, earlier.id, LATER_OPENS) == []


def test_agencies_are_chased_before_it_opens_and_for_the_later_cycle(db, cycles):
    earlier, later = cycles
    assert [p.organisation_name for p in s11.chase_list(db, earlier.id, date(2026, 3, 31))] == ["Metropolitan Police"]
    assert [p.organisation_name for p in s11.chase_list(db, later.id, LATER_OPENS)] == ["Metropolitan Police"]
