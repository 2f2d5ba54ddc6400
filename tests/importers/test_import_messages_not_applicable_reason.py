"""A Section 11 return rating a standard Not applicable without saying why names the column the
reason goes in ("Reason if not applicable", as the return heads it), not only that a reason is
wanted; and a reason too long names that column too, not the window's name for it."""

from __future__ import annotations

import pytest

from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.reports.audit_templates import S11_HEADERS
from bscp_desktop.services.audits import s11_ratings as sr
from tests.importers.s11_returns import returned


def test_not_applicable_without_a_reason_names_the_reason_column(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {1: {"Rating": "Green"}, 2: {"Rating": "Not applicable", "Evidence": "None"},
                                       3: {"Rating": "N/A"}})
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out)
    said = ("Rating is 'Not applicable' but Reason if not applicable is blank: say why the standard does not apply "
            "there.")
    assert refused.value.report.bad_rows == [f"Row {header + 2}: {said}", f"Row {header + 3}: {said}"]
    assert "Reason if not applicable" in S11_HEADERS  # the column as the return heads it
    assert all(r.id is None for r in sr.list_ratings(db, cycle.id))  # nothing imported


def test_a_reason_too_long_names_the_reason_column(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    header = returned(db, cycle, out, {1: {"Rating": "Not applicable", "Reason if not applicable": "x" * 5001}})
    with pytest.raises(ImportRejected) as refused:
        imp.import_s11(db, out)
    assert refused.value.report.bad_rows == [
        f"Row {header + 1}: Reason if not applicable is too long (5001 characters; at most 5000)."]


def test_not_applicable_with_its_reason_is_imported(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Not applicable", "Reason if not applicable": "We have no premises"}})
    assert imp.import_s11(db, out).added == 1
