"""A case reference is unique whatever its capitals, on a database file and on the team's
PostgreSQL server alike (the server compares text with its capitals, a file's LIKE does not):
new references see one held in other capitals, a reference equal to another case's but for
capitals is refused, and a lookup takes the case spelt so before one spelt otherwise, never
picking between two."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.importers import ImportRejected, run_import
from bscp_desktop.services import case_reviews as cr
from tests.importers.test_case_review_tracker import write_csv

pytestmark = pytest.mark.both_engines


def fields(alias: str, became_aware: date = date(2024, 4, 5)) -> cr.CaseReviewFields:
    return cr.CaseReviewFields(alias=alias, incident_type=IncidentType.SERIOUS_HARM, became_aware=became_aware)


def kept(db, alias: str, reference: str) -> int:
    """A case keeping a reference from the team's tracker (as an import adds one)."""
    with db.unit_of_work() as session:
        return cr.create_case_in(session, fields(alias), reference=reference)


def both_spellings(db) -> tuple[int, int]:
    """Child U as 'bscp-2024-01' and Child T as 'BSCP-2024-01', as a team database could hold
    them before references were compared without capitals."""
    u = kept(db, "Child U", "bscp-2024-01")
    t = cr.create_case_review(db, fields("Child T", date(2024, 4, 6))).id
    with db.unit_of_work() as session:
        session.get(CaseReview, t).reference = "BSCP-2024-01"
    return u, t


def test_a_new_reference_sees_one_held_in_other_capitals(db):
    kept(db, "Child U", "bscp-2024-01")
    assert cr.create_case_review(db, fields("Child T", date(2024, 4, 6))).reference == "BSCP-2024-02"


def test_a_reference_equal_to_another_cases_but_for_capitals_is_refused(db, tmp_path):
    kept(db, "Child U", "bscp-2024-01")
    with pytest.raises(ValidationError) as raised:
        kept(db, "Child T", "BSCP-2024-01")
    assert raised.value.errors["reference"].startswith(
        "BSCP-2024-01 is already the reference of another case (bscp-2024-01, Child U)")
    assert [c.alias for c in cr.list_case_reviews(db)] == ["Child U"]


def test_a_lookup_takes_the_case_spelt_so_and_never_picks_between_two(db):
    u, t = both_spellings(db)
    assert cr.find_case_review(db, "BSCP-2024-01").id == t
    assert cr.find_case_review(db, "bscp-2024-01").id == u
    with pytest.raises(NotFoundError, match="could be case BSCP-2024-01 or bscp-2024-01"):
        cr.find_case_review(db, "Bscp-2024-01")


def test_an_import_updates_the_case_spelt_so_and_refuses_a_reference_naming_two(db, tmp_path):
    u, t = both_spellings(db)
    columns = ["Reference", "Notification sent"]
    report = run_import(db, "case-reviews", write_csv(tmp_path / "t.csv", [["bscp-2024-01", "09/04/2024"]], columns))
    assert (report.updated, report.bad_rows) == (1, [])
    assert cr.get_case_review(db, u).notification_sent == date(2024, 4, 9)
    assert cr.get_case_review(db, t).notification_sent is None
    with pytest.raises(ImportRejected) as raised:
        run_import(db, "case-reviews", write_csv(tmp_path / "two.csv", [["Bscp-2024-01", "10/04/2024"]], columns))
    assert "could be case BSCP-2024-01 or bscp-2024-01" in raised.value.report.bad_rows[0]
    assert cr.get_case_review(db, t).notification_sent is None
