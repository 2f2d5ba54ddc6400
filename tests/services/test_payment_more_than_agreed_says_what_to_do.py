"""A partner paying more than agreed: the payment is still refused, in the payment window and in
the contributions import, and the message ends with what to do about it."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

WHAT_TO_DO = "raise the agreed amount first if the agreement changed, or record the extra as other income"


@pytest.fixture
def agreed(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Met Police", OrganisationKind.POLICE))
    return fin.create_contribution(db, fin.ContributionFields("2025/26", police.id, ContributionKind.CASH, "5000"))


def test_a_payment_of_more_than_is_owed_is_refused_saying_what_to_do(db, agreed):
    with pytest.raises(ValidationError) as refused:
        fin.record_payment(db, fin.PaymentFields(agreed.id, date(2025, 6, 1), "5,250.50"))
    assert refused.value.errors["amount"] == (
        f"Amount received £5,250.50 is more than the £5,000.00 still owed of the £5,000.00 agreed: {WHAT_TO_DO}")
    assert fin.get_contribution(db, agreed.id).received == 0


def test_an_imported_received_of_more_than_agreed_is_refused_saying_what_to_do(db, agreed, tmp_path):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows([
        ["Financial year", "Organisation", "Kind", "Agreed", "Invoiced on", "Received", "Received on"],
        ["2025/26", "Met Police", "Cash", "5000", "", "5250.50", "01/06/2025"]])
    path = Path(tmp_path / "c.csv")
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "contributions", path)
    (bad,) = refused.value.report.bad_rows
    assert bad.startswith("Row 2: Received £5,250.50 is more than the £5,000.00 agreed: ")
    assert bad.endswith(f"more than the £5,000.00 still owed (Received is the total received so far); {WHAT_TO_DO}.")
