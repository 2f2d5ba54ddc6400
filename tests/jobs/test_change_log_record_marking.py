"""One record's history saved from the change log is marked OFFICIAL-SENSITIVE by that record's
own area, whatever area was asked for with it: an audited case's, a case review's or a
confidential agenda item's history asked for with Training or Memberships is still marked, and an
organisation's asked for with Audits is not (it prints memberships' records alone)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.reports.marking import file_is_marked
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from tests.meetings_world import meeting


def _saved(db, tmp_path, name: str, area: str, record) -> tuple[bool, str]:
    """(whether the saved PDF is marked, its text) of `record`'s history asked for with `area`."""
    from pypdf import PdfReader

    path = jobs.write_report(db, "change-log", tmp_path / f"{name}.pdf", area=area, record=list(record))
    return file_is_marked(path), "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.slow  # four PDFs
def test_a_records_history_is_marked_by_its_own_area_not_the_one_asked_for(db, world, tmp_path):
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2024, 11, 1)))
    child = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child S", agency_ids=(world.council.id,)))
    marked, text = _saved(db, tmp_path, "audited case", "training", ("audit_case", child.id))
    assert "Child S" in text and marked

    review = cr.create_case_review(db, cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2024, 5, 2)))
    marked, text = _saved(db, tmp_path, "case review", "memberships", ("case_review", review.id))
    assert "Child C" in text and marked

    m = meeting(db, world.forum, datetime(2024, 3, 14, 10))
    item = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Rapid review", confidential=True))
    marked, text = _saved(db, tmp_path, "confidential item", "training", ("agenda_item", item.id))
    assert "Rapid review" in text and marked

    marked, text = _saved(db, tmp_path, "organisation", "audits", ("organisation", world.council.id))
    assert "Brent Council" in text and not marked


def test_the_query_says_the_records_area_and_is_marked_by_what_it_lists():
    from bscp_desktop.jobs.audits import is_marked

    asked = hs.ChangeQuery(area="training", record=("audit_case", 4))
    assert asked.area == "audits" and hs.tables_listed(asked) == ("audit_case", "audit_return")
    assert is_marked(asked) and is_marked(hs.ChangeQuery(area="yearly_report", record=("s11_rating", 1)))
    assert not is_marked(hs.ChangeQuery(area="training")) and not is_marked(hs.ChangeQuery(record=("setting", 0, "x")))
    assert hs.ChangeQuery(area="audits", record=("organisation", 1)).area == "memberships"
