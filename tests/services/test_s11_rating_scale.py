"""A Section 11 cycle's rating scale: red, amber, green (every cycle before, and the default)
or a score from 0 to 3, for the agency's own rating and the moderated one alike, through the
services, the return workbook and its import, the summaries and the outputs."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from bscp_desktop import jobs
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.section11 import Change, Rating, RatingScale
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.report import ImportRejected
from bscp_desktop.reports import audits as out
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.history_names import value_text
from tests.built_once import database_with

# Run on a database file and on the test PostgreSQL server (tests/conftest.py).
pytestmark = pytest.mark.both_engines

D = date


def build_cycles(db):
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    rag = s11.create_cycle(db, s11.CycleFields("2022-24", D(2022, 4, 1), D(2022, 6, 30)))
    scored = s11.create_cycle(db, s11.CycleFields("2024-26", D(2024, 4, 1), D(2024, 6, 28), compare_with_id=rag.id,
                                                  rating_scale=RatingScale.SCORE))  # chosen: not by default
    for cycle in (rag, scored):
        s11.add_agencies(db, cycle.id, [council.id, police.id])
    return {"cycles": (rag, scored)}


db, built = database_with("s11-rating-scale", build_cycles, records="built")


def _place(db, cycle):
    parts = {p.organisation_name: p for p in s11.list_participants(db, cycle.id)}
    return parts, s11.list_standards(db, cycle.id)


def _returned(db, *parts) -> None:
    """Record these agencies' returns as in on 20/06/2024: the yearly report and partner engagement
    count only the ratings of returns in by the period's end."""
    for p in parts:
        s11.update_participant(db, p.id, s11.ParticipantFields(sent_on=D(2024, 4, 2), returned_on=D(2024, 6, 20)))


def test_a_cycle_is_on_red_amber_green_unless_scored(db, built):
    rag, scored = built["cycles"]
    assert rag.rating_scale is RatingScale.RAG and scored.rating_scale is RatingScale.SCORE
    assert s11.get_cycle(db, scored.id).to_fields().rating_scale is RatingScale.SCORE
    assert sr.grid(db, scored.id).scale is RatingScale.SCORE
    with pytest.raises(ValidationError) as err:
        s11.create_cycle(db, s11.CycleFields("2026-28", D(2026, 4, 1), D(2026, 6, 30), rating_scale="stars"))
    assert err.value.errors["rating_scale"] == ("Choose the rating scale from the list: Red, amber, green or "
                                                "Score 0 to 3")


def test_a_score_is_saved_on_a_scored_cycle_and_refused_on_the_other(db, built):
    rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    council = parts["Brent Council"]
    saved = sr.save_rating(db, council.id, standards[0].id, sr.RatingFields(
        "2", moderated_rating=Rating.SCORE_1, moderation_note="Training records were incomplete"))
    assert (saved.self_rating, saved.moderated_rating, saved.effective) == (Rating.SCORE_2, Rating.SCORE_1,
                                                                           Rating.SCORE_1)
    assert saved.scale is RatingScale.SCORE
    na = sr.save_rating(db, council.id, standards[1].id, sr.RatingFields("N/A", "No staff work with children"))
    assert na.self_rating is Rating.NOT_APPLICABLE
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, council.id, standards[2].id, sr.RatingFields(Rating.GREEN))
    assert err.value.errors["self_rating"] == ("'Green' is not a rating on this cycle's scale (Score 0 to 3): "
                                               "use 0, 1, 2, 3 or Not applicable")
    rag_parts, rag_standards = _place(db, rag)
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, rag_parts["Brent Council"].id, rag_standards[0].id, sr.RatingFields("Amber", "", "",
                                                                                                "2", "Moderated"))
    assert err.value.errors["moderated_rating"] == ("'2' is not a rating on this cycle's scale (Red, amber, green): "
                                                    "use Red, Amber, Green or Not applicable")
    assert sr.get_rating(db, rag_parts["Brent Council"].id, rag_standards[0].id).id is None  # nothing saved


def test_the_summaries_count_each_score_and_average_them(db, built):
    _rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    for name, scores in (("Brent Council", ("3", "2", "N/A")), ("Metropolitan Police", ("1", "2", None))):
        for standard, score in zip(standards, scores, strict=False):
            if score is not None:
                sr.save_rating(db, parts[name].id, standard.id, sr.RatingFields(score, "Not ours" if score == "N/A"
                                                                                 else ""))
    grid = sr.grid(db, scored.id)
    first = grid.counts_for_standard(standards[0].id)
    assert first.on_scale(RatingScale.SCORE) == (0, 1, 0, 1, 0, 0) and first.average_score == 2
    council = grid.counts_for_agency(parts["Brent Council"].id)
    assert (council.score_3, council.score_2, council.not_applicable, council.average_score) == (1, 1, 1, 2.5)
    assert council.red + council.amber + council.green == 0


def test_the_scale_cannot_change_once_rated_naming_how_many(db, built):
    rag, scored = built["cycles"]
    parts, standards = _place(db, rag)
    moved = s11.update_cycle(db, rag.id, s11.CycleFields(rag.name, rag.opens_on, rag.due_on,
                                                         rating_scale=RatingScale.SCORE))
    assert moved.rating_scale is RatingScale.SCORE  # nothing rated yet: it may change
    back = s11.update_cycle(db, rag.id, moved.to_fields())
    assert back.rating_scale is RatingScale.SCORE
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields(
        "3", moderated_rating="2", moderation_note="Some gaps"))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields("N/A", "Not ours"))
    fields = s11.CycleFields(rag.name, rag.opens_on, rag.due_on, rating_scale=RatingScale.RAG)
    with pytest.raises(ValidationError) as err:
        s11.update_cycle(db, rag.id, fields)
    assert err.value.errors["rating_scale"] == (
        "The cycle 2022-24 already has 2 ratings on Score 0 to 3; changing the scale to Red, amber, green would "
        "change every one of them, and a rating has no one equal on the other scale. Keep Score 0 to 3, or start "
        "a new cycle.")
    assert s11.rated_count(db, rag.id) == 2
    assert s11.get_cycle(db, rag.id).rating_scale is RatingScale.SCORE
    s11.update_cycle(db, rag.id, s11.CycleFields("2022-24 (all)", rag.opens_on, rag.due_on,
                                                 rating_scale=RatingScale.SCORE))  # the rest may change


def test_the_history_reads_the_scale_and_the_scores():
    assert value_text("score_2", "s11_rating", "self_rating") == "2"
    assert value_text("score_0", "s11_rating", "moderated_rating") == "0"
    assert value_text("score", "s11_cycle", "rating_scale") == "Score 0 to 3"
    assert value_text("rag", "s11_cycle", "rating_scale") == "Red, amber, green"


def test_a_new_cycle_is_compared_by_default_only_with_one_on_its_own_scale(db, built):
    _rag, scored = built["cycles"]
    first_scored = s11.create_cycle(db, s11.CycleFields("2026-28", D(2026, 4, 1), D(2026, 6, 30),
                                                        rating_scale=RatingScale.SCORE))
    assert (first_scored.compare_with_id, first_scored.compare_with_name) == (scored.id, "2024-26")
    rag_again = s11.create_cycle(db, s11.CycleFields("2028-30", D(2028, 4, 1), D(2028, 6, 30)))
    assert rag_again.compare_with_id is None and sr.grid(db, rag_again.id).previous_grid is None
    assert [s.title for s in s11.list_standards(db, rag_again.id)] == [  # still the latest cycle's standards
        s.title for s in s11.list_standards(db, first_scored.id)]


def test_a_scored_cycle_compares_with_a_scored_one_only(db, built):
    rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    rag_parts, rag_standards = _place(db, rag)
    sr.save_rating(db, rag_parts["Brent Council"].id, rag_standards[0].id, sr.RatingFields("Amber"))
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields("3"))
    cell = sr.grid(db, scored.id).cell(parts["Brent Council"].id, standards[0].id)
    assert (cell.previous, cell.change) == (Rating.AMBER, Change.NOT_COMPARABLE)


@pytest.mark.slow
def test_a_scored_return_is_written_and_imported_and_a_colour_refused(db, built, tmp_path):
    _rag, scored = built["cycles"]
    path = imp.write_s11_template(db, scored.name, "Brent Council", tmp_path / "return.xlsx")
    wb = load_workbook(path)
    ws = wb["Section 11 return"]
    [ratings] = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert ratings.formula1 == '"0,1,2,3,Not applicable"'
    said = " ".join(str(c.value) for row in ws.iter_rows(max_row=12) for c in row if c.value)
    assert "0 (not met: little or nothing is in place)" in said and "3 (fully met)" in said
    guide = [(r[0].value, r[1].value) for r in wb["Ratings"].iter_rows(min_row=2)]
    assert guide[2] == (2, "Meets the minimum but needs improvement") and guide[-1][0] == "Not applicable"
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "No.")
    ws[f"D{header + 1}"] = 2  # a number, as Excel keeps a typed 2
    ws[f"D{header + 2}"] = "3"
    ws[f"D{header + 3}"] = "Green"
    wb.save(path)
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, path)
    assert err.value.report.bad_rows == [
        f"Row {header + 3}: Rating: 'Green' is not a rating on this cycle's scale (Score 0 to 3): use 0, 1, 2, 3 "
        "or Not applicable."]
    ws[f"D{header + 3}"] = None
    wb.save(path)
    report = imp.import_s11(db, path)
    assert report.added == 2
    parts, standards = _place(db, scored)
    got = [sr.get_rating(db, parts["Brent Council"].id, s.id).self_rating for s in standards[:3]]
    assert got == [Rating.SCORE_2, Rating.SCORE_3, None]
    again = imp.write_s11_template(db, scored.name, "Brent Council", tmp_path / "again.xlsx")
    ws = load_workbook(again)["Section 11 return"]
    # scores given are written back as numbers, as Excel keeps a score picked from the drop-down
    assert [ws[f"D{header + n}"].value for n in (1, 2, 3)] == [2, 3, None]
    assert [ws[f"D{header + n}"].data_type for n in (1, 2)] == ["n", "n"]


@pytest.mark.slow
def test_a_score_in_a_red_amber_green_return_is_refused_naming_the_row_and_column(db, built, tmp_path):
    rag, _scored = built["cycles"]
    path = imp.write_s11_template(db, rag.name, "Metropolitan Police", tmp_path / "return.xlsx")
    wb = load_workbook(path)
    ws = wb["Section 11 return"]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "No.")
    ws[f"D{header + 1}"] = 2
    wb.save(path)
    with pytest.raises(ImportRejected) as err:
        imp.import_s11(db, path)
    assert err.value.report.bad_rows == [
        f"Row {header + 1}: Rating: '2' is not a rating on this cycle's scale (Red, amber, green): use Red, Amber, "
        "Green or Not applicable."]


def test_the_summary_and_workbook_show_scores_and_their_average(db, built, tmp_path):
    _rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields("3"))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields("1"))
    grid = sr.grid(db, scored.id)
    line = out.S11CycleReport(
        scored.name, scored.opens_on, scored.due_on, "", tuple((s.number, s.title) for s in grid.standards), (),
        tuple(tuple(out.S11CellLine(grid.cell(a.id, s.id).rating.self_rating, None) for s in grid.standards)
              for a in grid.agencies))
    assert line.scale is RatingScale.SCORE  # read from its ratings when the cycle's is not given
    rows = out._counts_rows(["1"], [[row[0].effective for row in line.cells]], RatingScale.SCORE)
    assert rows == [["1", 0, 1, 0, 1, 0, 0, "2.0"]]
    assert out._counts_rows(["1"], [[None]], RatingScale.RAG) == [["1", 0, 0, 0, 0, 1]]


@pytest.mark.slow
def test_the_summary_pdf_and_the_workbook_say_the_scores(db, built, tmp_path):
    _rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields("3"))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields("2"))
    pdf = jobs.write_report(db, "s11-summary", tmp_path / "s11.pdf", cycle=scored.name)
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    for words in ("Scored from 0 to 3", "3 (fully met)", "Average score", "2.5"):
        assert words in text
    wb = load_workbook(jobs.export_workbook(db, "audits", tmp_path / "audits.xlsx"))
    cycles = wb["S11 cycles"]
    heads = [c.value for c in cycles[1]]
    scales = {(row[0].value, row[heads.index("Rating scale")].value) for row in cycles.iter_rows(min_row=2)}
    assert scales == {("2022-24", "Red, amber, green"), ("2024-26", "Score 0 to 3")}
    used = {row[6].value for row in wb["S11 ratings"].iter_rows(min_row=2) if row[0].value == "2024-26"}
    assert {"3", "2"} <= used


def test_the_yearly_report_counts_a_scored_cycle_by_its_scores(db, built):
    from bscp_desktop.services import yearly_report as yr

    _rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    sr.save_rating(db, parts["Brent Council"].id, standards[0].id, sr.RatingFields("3"))
    sr.save_rating(db, parts["Metropolitan Police"].id, standards[0].id, sr.RatingFields("2"))
    _returned(db, parts["Brent Council"], parts["Metropolitan Police"])
    section = yr.build_section(db, "audits", D(2024, 4, 1), D(2025, 3, 31))
    [table] = [b for b in section.blocks if getattr(b, "title", "").startswith("Section 11: 2024-26")]
    assert table.headers == ("Standard", "0", "1", "2", "3", "Not applicable", "Not rated", "Average score")
    assert table.rows[0][1:] == ("0", "0", "1", "1", "0", "0", "2.5")


def test_partner_engagement_counts_a_scored_cycle_by_its_scores(db, built):
    from bscp_desktop.services import engagement as en

    _rag, scored = built["cycles"]
    parts, standards = _place(db, scored)
    for standard, score in zip(standards, ("3", "3", "2", "0"), strict=False):
        sr.save_rating(db, parts["Brent Council"].id, standard.id, sr.RatingFields(score))
    _returned(db, parts["Brent Council"])
    rows = {r.organisation: r for r in en.engagement(db, D(2024, 4, 1), D(2025, 3, 31))}
    [council] = rows["Brent Council"].s11
    assert council.scale is RatingScale.SCORE and council.counts.score_3 == 2
    assert rows["Brent Council"].s11_text.endswith("(score 3: 2, score 2: 1, score 1: 0, score 0: 1; average 2.0)")
    assert "(" not in rows["Metropolitan Police"].s11_text  # nothing rated yet: no figures
