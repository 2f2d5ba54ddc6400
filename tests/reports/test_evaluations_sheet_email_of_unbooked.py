"""The training workbook's Evaluations sheet gives the address of a delegate who evaluated a
session without a booking on it (the address the learning management system gave), so two such
delegates of one name are told apart and the workbook imports back unchanged."""

from __future__ import annotations

import openpyxl

from bscp_desktop import jobs
from bscp_desktop.importers import run_import, template_columns
from tests.importers.test_training_import import write_csv

COURSE = "Child Sexual Abuse: recognising and responding"
START = "12/10/2024 09:30"


def test_two_unbooked_delegates_of_one_name_keep_their_addresses_and_import_back(db, tmp_path):
    run_import(db, "bookings", write_csv(tmp_path / "b.csv", [
        [COURSE, START, "10", "Ann Lee", "ann@brent.gov.uk", "", "Brent Council", "01/09/2024", "Attended", ""]]))
    run_import(db, "evaluations", write_csv(tmp_path / "e.csv", [
        [COURSE, START, "Alex Smith", "alex.smith@nhs.net", "", "2", "4", "", "", ""],
        [COURSE, START, "Alex Smith", "alex.smith@brent.gov.uk", "", "3", "3", "", "", ""]],
        header=template_columns("evaluations")))
    out = jobs.export_workbook(db, "training", tmp_path / "training.xlsx")
    rows = list(openpyxl.load_workbook(out)["Evaluations"].iter_rows(values_only=True))
    email = rows[0].index("Email")
    assert sorted(r[email] for r in rows[1:] if r[2] == "Alex Smith") == ["alex.smith@brent.gov.uk", "alex.smith@nhs.net"]
    again = run_import(db, "evaluations", out, dry_run=True)
    assert (again.added, again.updated) == (0, 0)
