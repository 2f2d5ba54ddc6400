"""A case reviews import that names an agency not on record says the case is imported without
it; when the import is refused (another row is bad) or only tried, it says the case would be."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import ImportRejected, run_import

HEADINGS = "Reference,Alias,Incident type,Harm,Incident date,Became aware,Agencies involved\n"
GOOD = "BSCP-2026-01,Child A,serious_harm,,31/01/2026,02/02/2026,Police\n"
BAD = "BSCP-2026-02,Child B,serious_harm,Died,31/01/2026,02/02/2026,\n"


def _note(report) -> str:
    [note] = [n for n in report.notes if "'Police'" in n]
    return note


def test_the_case_is_imported_without_the_agency(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(HEADINGS + GOOD, encoding="utf-8")
    assert "The case is imported without that agency" in _note(run_import(db, "case-reviews", path))


def test_a_refused_or_tried_import_says_the_case_would_be(db, tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(HEADINGS + GOOD + BAD, encoding="utf-8")
    with pytest.raises(ImportRejected) as refused:
        run_import(db, "case-reviews", path)
    assert "The case would be imported without that agency" in _note(refused.value.report)
    path.write_text(HEADINGS + GOOD, encoding="utf-8")
    assert "The case would be imported without that agency" in _note(run_import(db, "case-reviews", path, dry_run=True))
