"""An answer that goes into one cell of an agency's return (a standard's evidence; a case's good
practice and areas for development) is held only if the return can hold it: its length is
counted as Excel counts it, an emoji counting as two, so a return is never refused for an
answer the program took. Plain text keeps its limit and message. The import of a return is
held to the same check."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError, excel_length
from bscp_desktop.importers import ImportRejected
from bscp_desktop.importers import audits as imp
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date

JUST_OVER = "🙂" * 10_000 + "a"  # 10,001 characters; 20,001 as Excel counts them
AT_LIMIT = "🙂" * 10_000  # 20,000 as Excel counts them
MOSTLY_EMOJI = "🙂" * 19_000 + "Seen by a GP."  # 19,013 characters; 38,013 as Excel counts them: no cell holds it
PLAIN = "x" * 20_000


@pytest.fixture
def rating_place(db):
    """(participant id, standard id) of Brent Council's first standard in a Section 11 cycle."""
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28)))
    s11.add_agencies(db, cycle.id, [council.id])
    (part,) = s11.list_participants(db, cycle.id)
    return part.id, s11.list_standards(db, cycle.id)[0].id


@pytest.fixture
def audit_return(db):
    """(case id, return id) of the Metropolitan Police's return on a case of a case audit."""
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", D(2023, 2, 1), theme="Neglect"))
    case = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child A", agency_ids=(police.id,)))
    return case.id, case.returns[0].id


def test_excel_length_counts_a_character_beyond_the_basic_plane_twice():
    assert excel_length("") == 0 and excel_length("Zoë") == 3
    assert excel_length(JUST_OVER) == 20_001 and len(JUST_OVER) == 10_001
    assert excel_length(MOSTLY_EMOJI) == 38_013 and len(MOSTLY_EMOJI) == 19_013


@pytest.mark.parametrize("text, units", [(JUST_OVER, "20,001"), (MOSTLY_EMOJI, "38,013")])
def test_evidence_too_long_for_a_return_cell_is_refused_and_nothing_saved(db, rating_place, text, units):
    part, standard = rating_place
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, part, standard, sr.RatingFields("Green", evidence=text))
    assert err.value.errors == {"evidence": f"Evidence is too long ({units} characters as Excel counts them, "
                                            "an emoji counting as two; at most 20,000)"}
    assert sr.get_rating(db, part, standard).id is None


def test_evidence_that_fits_is_saved_and_plain_text_keeps_its_limit_and_message(db, rating_place):
    part, standard = rating_place
    assert sr.save_rating(db, part, standard, sr.RatingFields("Green", evidence=AT_LIMIT)).evidence == AT_LIMIT
    assert sr.save_rating(db, part, standard, sr.RatingFields("Green", evidence=PLAIN)).evidence == PLAIN
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, part, standard, sr.RatingFields("Green", evidence=PLAIN + "x"))
    assert err.value.errors == {"evidence": "Evidence is too long (20001 characters; at most 20000)"}
    assert sr.get_rating(db, part, standard).evidence == PLAIN


@pytest.mark.parametrize("field, label", [("good_practice", "Good practice"),
                                          ("areas_for_development", "Areas for development")])
def test_a_case_audit_answer_too_long_for_a_return_cell_is_refused_and_nothing_saved(db, audit_return, field,
                                                                                    label):
    case, ret = audit_return
    for text, units in ((JUST_OVER, "20,001"), (MOSTLY_EMOJI, "38,013")):
        with pytest.raises(ValidationError) as err:
            sa.update_return(db, ret, sa.ReturnFields(D(2023, 1, 20), D(2023, 1, 25), grading="Good",
                                                      **{field: text}))
        assert err.value.errors == {field: f"{label} is too long ({units} characters as Excel counts them, "
                                           "an emoji counting as two; at most 20,000)"}
        (held,) = sa.get_case(db, case).returns
        assert (held.received_on, held.good_practice, held.areas_for_development) == (None, "", "")


def test_a_case_audit_answer_that_fits_is_saved_and_plain_text_keeps_its_limit(db, audit_return):
    case, ret = audit_return
    saved = sa.update_return(db, ret, sa.ReturnFields(D(2023, 1, 20), D(2023, 1, 25), AT_LIMIT, PLAIN, "Good"))
    assert (saved.good_practice, saved.areas_for_development) == (AT_LIMIT, PLAIN)
    with pytest.raises(ValidationError) as err:
        sa.update_return(db, ret, sa.ReturnFields(D(2023, 1, 20), D(2023, 1, 25), PLAIN + "x", "", "Good"))
    assert err.value.errors == {"good_practice": "Good practice is too long (20001 characters; at most 20000)"}


def _filled(path, sheet: str, heading: str, value: str) -> None:
    """The return at `path` with `value` typed under `heading` in its first row of answers."""
    wb = load_workbook(path)
    ws = wb[sheet]
    header = next(row[0].row for row in ws.iter_rows() if row[0].value in ("No.", "Case"))
    cols = {c.value: c.column_letter for c in ws[header] if c.value}
    ws[f"{cols[heading]}{header + 1}"] = value
    wb.save(path)


def test_a_returns_import_is_held_to_the_same_check(db, rating_place, audit_return, tmp_path):
    part, standard = rating_place
    s11_out, audit_out = tmp_path / "s11.xlsx", tmp_path / "audit.xlsx"
    (cycle,) = s11.list_cycles(db)
    imp.write_s11_template(db, cycle.id, "Brent Council", s11_out)
    _filled(s11_out, "Section 11 return", "Evidence", MOSTLY_EMOJI)
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, s11_out, today=D(2024, 6, 1))
    assert "Evidence is too long (38,013 characters as Excel counts them" in " ".join(err.value.report.bad_rows)
    assert sr.get_rating(db, part, standard).id is None
    case, _ret = audit_return
    (audit,) = ca.list_audits(db)
    imp.write_audit_template(db, audit.id, "Metropolitan Police", audit_out)
    _filled(audit_out, "Audit return", "Good practice", MOSTLY_EMOJI)
    with pytest.raises(ImportRejected) as err:
        imp.import_audit_return(db, audit_out, today=D(2023, 2, 10))
    assert "Good practice is too long (38,013 characters as Excel counts them" in " ".join(err.value.report.bad_rows)
    assert sa.get_case(db, case).returns[0].good_practice == ""
