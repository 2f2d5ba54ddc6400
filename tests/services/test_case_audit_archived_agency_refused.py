"""An organisation archived in Memberships is not added to an audited case, as it joins no
Section 11 cycle: the case is refused naming it. One involved in the case before it was
archived stays involved when the case is saved again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

pytestmark = pytest.mark.both_engines

ARCHIVED = ("Brent Safeguarding Adults Board is archived: restore it on the Memberships tab first, "
            "or choose a current organisation")


@pytest.fixture
def setting(db):
    council, police, board = (ms.create_organisation(db, ms.OrganisationFields(name, kind)).id for name, kind in (
        ("Brent Council", OrganisationKind.LOCAL_AUTHORITY), ("Metropolitan Police", OrganisationKind.POLICE),
        ("Brent Safeguarding Adults Board", OrganisationKind.OTHER)))
    audit = ca.create_audit(db, ca.AuditFields("Exploitation", date(2026, 9, 1), theme="Exploitation"))
    return audit, council, police, board


def test_an_archived_organisation_is_not_added_to_a_new_case(db, setting):
    audit, council, police, board = setting
    ms.archive_organisation(db, board)
    with pytest.raises(ValidationError) as err:
        sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(council, police, board)))
    assert err.value.errors == {"agency_ids": ARCHIVED}
    assert sa.list_cases(db, audit.id) == []  # nothing half-saved


def test_an_archived_organisation_is_not_added_to_a_case_already_made(db, setting):
    audit, council, police, board = setting
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(council,)))
    ms.archive_organisation(db, board)
    with pytest.raises(ValidationError) as err:
        sa.update_case(db, case.id, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(council, board)))
    assert err.value.errors == {"agency_ids": ARCHIVED}
    assert sa.get_case(db, case.id).agency_names == ("Brent Council",)


def test_an_organisation_archived_after_it_was_involved_stays_when_the_case_is_saved(db, setting):
    audit, council, police, board = setting
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child X", agency_ids=(council, board)))
    ms.archive_organisation(db, board)
    saved = sa.update_case(db, case.id, replace(sa.AuditCaseFields(audit.id, "Child X", agency_ids=(council, board)),
                                                summary="Discussed at the Audit Group"))
    assert saved.agency_names == ("Brent Council", "Brent Safeguarding Adults Board")
