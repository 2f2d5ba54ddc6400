"""Partner engagement gives a partner's contribution received by the end of its period, as the
finance summary of the period does: money that came in after a closed year does not change the
engagement of that year when it is made again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.services import engagement as en
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms


def test_a_payment_after_the_period_is_not_in_its_engagement(db):
    police = ms.create_organisation(db, ms.OrganisationFields("Met Police", OrganisationKind.POLICE))
    c = fin.create_contribution(db, fin.ContributionFields("2023/24", police.id, ContributionKind.CASH, "5000.02"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 3, 31), "2500.00"))
    fin.record_payment(db, fin.PaymentFields(c.id, date(2024, 4, 1), "2500.01"))
    row = en.organisation_engagement(db, police.id, date(2023, 4, 1), date(2024, 3, 31), today=date(2024, 6, 1))
    assert (row.contribution_agreed, row.contribution_received) == (Decimal("5000.02"), Decimal("2500.00"))
    later = en.organisation_engagement(db, police.id, date(2023, 4, 1), date(2024, 4, 30), today=date(2024, 6, 1))
    assert later.contribution_received == Decimal("5000.01")
