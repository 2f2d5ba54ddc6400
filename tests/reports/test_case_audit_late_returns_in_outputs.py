"""A case audit return received after its due date is shown as late wherever the returns are
listed, in a Section 11 return's words and colours: the list's Received says so, the audit
report prints it with "1 return is late or overdue.", and the audits workbook's Audit returns
sheet has On time? and Lateness columns as its S11 cycles sheet has."""

from __future__ import annotations

from datetime import date

from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import cli, jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import TIMELINESS_COLOURS, Timeliness
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa

D = date
TODAY = D(2024, 1, 8)


def audit_with_a_late_return(db):
    """Returns due Friday 24/02/2023: the council's in on 22/02/2023, the police's on 03/03/2023
    (5 working days late)."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1), returns_due=D(2023, 2, 24)))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(council.id, police.id)))
    sa.request_returns(db, audit.id, D(2023, 2, 2))
    received = {council.id: D(2023, 2, 22), police.id: D(2023, 3, 3)}
    for ret in sa.get_case(db, case.id).returns:
        sa.update_return(db, ret.id, sa.ReturnFields(D(2023, 2, 2), received[ret.organisation_id], "Seen alone", "",
                                                     "Good"))
    return audit


def _returns(db, audit) -> dict[str, sa.ReturnDTO]:
    return {r.organisation_name: r for r in sa.list_returns(db, audit.id)}


def test_a_return_received_after_its_due_date_says_it_is_late(db):
    returns = _returns(db, audit_with_a_late_return(db))
    police, council = returns["Metropolitan Police"], returns["Brent Council"]
    assert police.timeliness(TODAY) is Timeliness.LATE
    assert police.received_text(TODAY) == "03/03/2023 (late: due 24/02/2023)"
    assert police.lateness(TODAY) == "Returned 5 working days late"  # as a Section 11 return says it
    assert council.timeliness(TODAY) is Timeliness.ON_TIME
    assert (council.received_text(TODAY), council.lateness(TODAY)) == ("22/02/2023", "Returned on time")


def test_the_audit_report_prints_the_late_return_as_late(db, db_path, tmp_path):
    audit = audit_with_a_late_return(db)
    out = tmp_path / "audit.pdf"
    assert cli.main(["report", "audit", "--id", audit.reference, "--db", str(db_path), "-o", str(out)]) == 0
    text = " ".join("\n".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "1 return is late or overdue." in text
    assert "03/03/2023 (late: due 24/02/2023)" in text
    assert "22/02/2023 (late" not in text


def test_the_report_of_returns_all_on_time_says_none_is_late(db):
    from bscp_desktop.jobs import audits as ja

    audit = audit_with_a_late_return(db)
    police = _returns(db, audit)["Metropolitan Police"]
    sa.update_return(db, police.id, sa.ReturnFields(D(2023, 2, 2), D(2023, 2, 24), "Seen alone", "", "Good"))
    report = ja.audit_report(db, audit.id, TODAY)
    assert [r.timeliness for r in report.returns] == [Timeliness.ON_TIME, Timeliness.ON_TIME]
    from bscp_desktop.reports.audits import late_sentence

    assert late_sentence(r.timeliness for r in report.returns) == "No return is late."


def test_the_workbooks_audit_returns_sheet_has_on_time_and_lateness_as_the_s11_sheet_has(db, tmp_path):
    audit_with_a_late_return(db)
    wb = load_workbook(jobs.export_workbook(db, "audits", tmp_path / "audits.xlsx"))
    ws = wb["Audit returns"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Audit", "Case", "Alias", "Agency", "Requested", "Received", "On time?", "Lateness"]
    assert [c.value for c in wb["S11 cycles"][1]][9:11] == ["On time?", "Lateness"]  # the same words
    rows = {row[3].value: row for row in ws.iter_rows(min_row=2)}
    police, council = rows["Metropolitan Police"], rows["Brent Council"]
    assert (police[6].value, police[7].value) == ("Returned late", "Returned 5 working days late")
    assert police[6].fill.start_color.rgb.endswith(TIMELINESS_COLOURS[Timeliness.LATE].lstrip("#").upper())
    assert (council[6].value, council[7].value) == ("Returned on time", "Returned on time")
    assert header[8] == "Grading" and police[8].value == "Good"
