"""The memberships workbook and the members PDF, built from the demo memberships."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history import list_changes


def test_memberships_workbook_has_every_sheet_real_dates_and_archived_rows(loaded, tmp_path):
    person = next(p for p in ms.list_people(loaded) if p.name == "Lay member 2")
    ms.archive_person(loaded, person.id)
    out = jobs.export_workbook(loaded, "memberships", tmp_path / "m.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["Organisations", "People", "Groups", "Memberships", "Confidentiality agreements"]

    people = {r[0]: r for r in wb["People"].iter_rows(min_row=2, values_only=True)}
    assert len(people) == len(ms.list_people(loaded, include_archived=True))
    assert isinstance(people["Lay member 2"][-1], datetime)  # archived, with the date
    assert people["Lay member 1"][-1] is None

    sheet = wb["Memberships"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["Group", "Person", "Role", "Representing", "Deputy for", "Start", "End"]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(rows) == len(ms.list_memberships(loaded, include_archived=True))
    legal = next(r for r in rows if r["Person"].startswith("Legal Services") and r["Group"] == "Case Review Group")
    assert legal["Agreement"] == "Missing"
    assert legal["Start"] == datetime(2022, 10, 1)
    assert sheet.cell(2, header.index("Start") + 1).number_format == "dd/mm/yyyy"
    convener = next(r for r in rows if r["Person"].startswith("Independent Convener") and r["Group"] == "Executive Group")
    assert convener["End"] == datetime(2023, 7, 31) and convener["In force today"] == "No"

    groups = {r[0]: r for r in wb["Groups"].iter_rows(min_row=2, values_only=True)}
    assert groups["Case Review Group"][1:4] == (3, "Safeguarding Children Forum", "Yes")
    quorum = [c.value for c in wb["Groups"][1]].index("Quorum")
    assert groups["Executive Group"][quorum] == "Each of the three safeguarding partners represented"
    agreements = list(wb["Confidentiality agreements"].iter_rows(min_row=2, values_only=True))
    assert len(agreements) == len(ms.list_agreements(loaded))


def test_history_lists_changes_with_record_names(loaded):
    changes = list_changes(loaded, table="partnership_group")
    assert {c.record_name for c in changes} >= {"Executive Group", "Case Review Group"}
    assert all(c.action == "insert" and c.table_label == "Group" for c in changes)
    assert list_changes(loaded, since=date(2999, 1, 1)) == []


@pytest.mark.slow
def test_members_report_lists_each_group_on_a_date(loaded, tmp_path):
    out = jobs.write_report(loaded, "members", tmp_path / "members.pdf", date_from=date(2023, 3, 1))
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Members of each group on 1 Mar 2023" in text
    assert "Brent Safeguarding Children Partnership" in text
    for group in ("Executive Group (tier 1)", "Safeguarding Children Forum (tier 2)", "Case Review Group (tier 3)"):
        assert group in text
    # on 1 March 2023 the Independent Convener chaired; Keith Makin started in October 2023
    assert "Independent Convener" in text and "Keith Makin" not in text
    assert "MISSING" in text and "1 member has no current confidentiality agreement" in text
    assert "Quorum: each of the three safeguarding partners represented." in " ".join(text.split())
    later = jobs.write_report(loaded, "members", tmp_path / "later.pdf", date_from=date(2024, 3, 1))
    assert "Keith Makin" in "\n".join(page.extract_text() for page in PdfReader(later).pages)
