"""An archived seat comes back only as a new seat could be given: not while the organisation it
represents is archived, refused in the same words as a new seat for it."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import memberships as ms

REFUSED = "Old Trust is archived: restore it on the Memberships tab first, or choose a current organisation"


@pytest.mark.slow
def test_a_seat_representing_an_archived_organisation_is_not_restored(db):
    trust = ms.create_organisation(db, ms.OrganisationFields("Old Trust", OrganisationKind.RELEVANT_AGENCY))
    group = ms.create_group(db, ms.GroupFields("Forum", tier=2))
    pat = ms.create_person(db, ms.PersonFields("Pat Old"))
    fields = ms.MembershipFields(pat.id, group.id, Role.MEMBER, date(2024, 1, 1), None, trust.id)
    seat = ms.create_membership(db, fields)
    ms.archive_membership(db, seat.id)
    ms.archive_organisation(db, trust.id)

    with pytest.raises(ValidationError) as new:
        ms.create_membership(db, fields)
    with pytest.raises(ValidationError) as restored:
        ms.restore_membership(db, seat.id)
    assert restored.value.errors == new.value.errors == {"organisation_id": REFUSED}
    assert ms.list_memberships(db) == []

    ms.restore_organisation(db, trust.id)
    ms.restore_membership(db, seat.id)
    assert [m.organisation_name for m in ms.list_memberships(db)] == ["Old Trust"]
