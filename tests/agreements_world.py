"""Confidentiality agreements, one of them renewed: Ann Able signed in January 2023 (review due
at the end of 2023) and again on 10 January 2024; Bob Brown signed once, in January 2023."""

from __future__ import annotations

from datetime import date

from bscp_desktop.services import memberships as ms


def renewed_agreements(db):
    ann = ms.create_person(db, ms.PersonFields("Ann Able"))
    bob = ms.create_person(db, ms.PersonFields("Bob Brown"))
    ms.create_agreement(db, ms.AgreementFields(ann.id, date(2023, 1, 1), date(2023, 12, 31), ""))
    ms.create_agreement(db, ms.AgreementFields(ann.id, date(2024, 1, 10), None, "renewed"))
    ms.create_agreement(db, ms.AgreementFields(bob.id, date(2023, 1, 1), date(2023, 12, 31), ""))
    return db
