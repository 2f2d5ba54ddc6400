"""Partner engagement names a contribution in kind, as the finance summary states it: a partner
that gives staff rather than cash is not shown as having given nothing, in its own workbook, the
engagement window or the yearly report's Partner engagement sheet, and an archived organisation
that only gave in kind is still listed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from bscp_desktop import jobs
from bscp_desktop.domain.finance import Period
from bscp_desktop.services import engagement as en
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms

pytestmark = pytest.mark.both_engines

PERIOD = (date(2025, 4, 1), date(2026, 3, 31))
STAFF = "Strategic Partnerships Team staff"


def _council_in_kind(db, name: str = "Brent Council", value: str | None = "120000"):
    council = ms.create_organisation(db, ms.OrganisationFields(name, "local_authority"))
    fin.create_contribution(db, fin.ContributionFields(2025, council.id, "in_kind", None, in_kind_description=STAFF,
                                                       notional_value=value))
    return council


@pytest.mark.slow
def test_a_contribution_in_kind_is_on_its_engagement_row_as_the_finance_summary_states_it(db):
    council = _council_in_kind(db)
    row = en.organisation_engagement(db, council.id, *PERIOD)
    (stated,) = fin.summary(db, Period(*PERIOD)).in_kind
    assert row.in_kind == (en.InKind(stated.description, stated.years, stated.notional_value),)
    assert row.in_kind_value == Decimal("120000.00")
    assert row.in_kind_text == f"{STAFF}, 2025/26 (notional value £120,000.00)"
    assert row.contribution_agreed == Decimal("0.00") == row.contribution_received  # not cash
    assert row.has_anything


@pytest.mark.slow
def test_an_archived_organisation_that_only_gave_in_kind_is_listed(db):
    council = _council_in_kind(db)
    ms.archive_organisation(db, council.id)
    rows = {r.organisation_id: r for r in en.engagement(db, *PERIOD)}
    assert council.id in rows and rows[council.id].archived and rows[council.id].in_kind


def test_a_new_organisation_of_an_archived_ones_name_is_not_credited_with_its_contribution_in_kind(db):
    old = _council_in_kind(db)
    ms.archive_organisation(db, old.id)
    new = ms.create_organisation(db, ms.OrganisationFields("Brent Council (new)", "local_authority"))
    from bscp_desktop.db.models import Organisation

    with db.unit_of_work() as session:  # as saved before a new name could not be an archived one's
        session.get(Organisation, new.id).name = "Brent Council"
    rows = {r.organisation_id: r for r in en.engagement(db, *PERIOD, include_archived=True)}
    assert rows[new.id].in_kind == () and rows[new.id].in_kind_value is None
    assert rows[old.id].in_kind_value == Decimal("120000.00")


def test_a_contribution_in_kind_without_a_notional_value_says_so(db):
    council = _council_in_kind(db, value=None)
    row = en.organisation_engagement(db, council.id, *PERIOD)
    assert row.in_kind_value is None and row.in_kind_text == f"{STAFF}, 2025/26 (no notional value given)"


@pytest.mark.slow
def test_the_partner_workbook_names_its_contribution_in_kind_and_its_notional_value(db, tmp_path):
    _council_in_kind(db)
    path = jobs.write_report(db, "partner", tmp_path / "brent.xlsx", organisation="Brent Council",
                             date_from=PERIOD[0], date_to=PERIOD[1])
    book = load_workbook(path)
    contribution = [[c.value for c in row] for row in book["Contribution"].iter_rows(min_row=2)]
    assert contribution == [[f"In kind: {STAFF}", "2025/26", None, None, 120000]]
    rows = [[c.value for c in row if c.value is not None] for row in book["Engagement"].iter_rows()]
    figures = {}
    for headers, values in zip(rows, rows[1:], strict=False):
        if headers and len(headers) == len(values) and all(isinstance(h, str) for h in headers):
            figures.update(zip(headers, values, strict=True))
    assert figures["Contribution in kind"] == f"{STAFF}, 2025/26 (notional value £120,000.00)"
    assert figures["In kind notional value"] == 120000
    assert any("not cash" in str(v) for row in rows for v in row)
