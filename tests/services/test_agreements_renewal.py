"""A confidentiality agreement replaced by a newer one of the same person reads "Renewed"."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import memberships as ms


@pytest.fixture
def people(db):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    ann = ms.create_person(db, ms.PersonFields("Ann Able", "", org.id, "", "", ""))
    bob = ms.create_person(db, ms.PersonFields("Bob Brown", "", org.id, "", "", ""))
    return ann, bob


def by_signing(db, include_archived=False):
    return {(a.person_name, a.signed_on): a for a in ms.list_agreements(db, include_archived=include_archived)}


def test_an_agreement_renewed_by_a_newer_one_reads_renewed_not_overdue(db, people):
    ann, bob = people
    old = ms.create_agreement(db, ms.AgreementFields(ann.id, date(2023, 1, 1), date(2023, 12, 31), ""))
    ms.create_agreement(db, ms.AgreementFields(ann.id, date(2024, 1, 10), date(2025, 1, 9), "renewed"))
    ms.create_agreement(db, ms.AgreementFields(bob.id, date(2023, 6, 1), date(2023, 12, 31), ""))
    rows = by_signing(db)
    first, second, bobs = rows["Ann Able", date(2023, 1, 1)], rows["Ann Able", date(2024, 1, 10)], rows["Bob Brown", date(2023, 6, 1)]
    assert (first.renewed_on, second.renewed_on, bobs.renewed_on) == (date(2024, 1, 10), None, None)
    assert first.standing_on(date(2023, 6, 1)) == "Yes"
    assert first.standing_on(date(2024, 1, 5)) == "No: review overdue"  # lapsed, not yet renewed
    assert first.standing_on(date(2024, 2, 1)) == "Renewed" and not first.needs_attention_on(date(2024, 2, 1))
    assert second.standing_on(date(2024, 2, 1)) == "Yes"
    assert second.standing_on(date(2025, 2, 1)) == "No: review overdue" and second.needs_attention_on(date(2025, 2, 1))
    assert bobs.standing_on(date(2024, 2, 1)) == "No: review overdue"  # another person's renews nothing
    changed = ms.update_agreement(db, old.id, ms.AgreementFields(ann.id, date(2023, 1, 1), date(2023, 12, 31), "kept"))
    assert changed.renewed_on == date(2024, 1, 10)


def test_an_archived_newer_agreement_renews_nothing(db, people):
    ann, _ = people
    ms.create_agreement(db, ms.AgreementFields(ann.id, date(2023, 1, 1), date(2023, 12, 31), ""))
    newer = ms.create_agreement(db, ms.AgreementFields(ann.id, date(2024, 1, 10), None, "entered in error"))
    ms.archive_agreement(db, newer.id)
    rows = by_signing(db, include_archived=True)
    assert rows["Ann Able", date(2023, 1, 1)].standing_on(date(2024, 2, 1)) == "No: review overdue"
    assert rows["Ann Able", date(2024, 1, 10)].standing_on(date(2024, 2, 1)) == "No: archived"
