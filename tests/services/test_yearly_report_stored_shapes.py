"""A yearly report section's kept figures changed by another program into the wrong shape (its
blocks a number, a chart's value a word, a row longer than its headings): `check` names the
report and the section; the report still opens, that section saying its figures cannot be read
and how to build them again; it is neither marked final nor written out until then, the refusal
naming the section and the report; refreshing it builds them again."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from bscp_desktop import jobs
from bscp_desktop.db.database import Database, DatabaseError
from bscp_desktop.db.file_check import check_file
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.domain.yearly_report import ChartBlock, CheckState, FiguresUnreadable, Para, Table, blocks_to_json, read_figures
from bscp_desktop.services import yearly_report as yr
from tests.safety.helpers import assert_refused, cli, sql, values_problem

PERIOD = (date(2023, 4, 1), date(2024, 3, 31))
TITLE = "Yearly report 2023/24"
AUDITS = "Multi-agency audits and Section 11"
ACTIVITY = "No meetings were held between 1 April 2023 and 31 March 2024."
BLOCKS = (Table("Case audits", ("Theme", "Cases"), (("Neglect", "4"),), "No audits"), Para("Two audits."),
          ChartBlock("Gradings", ("Good", "Requires improvement"), (("This period", (2.0, None)),), "Cases", "Grading",
                     "Bar chart of gradings"))


def kept(**changes) -> dict:
    """Figures as the program keeps them, with `changes` made as another program might."""
    held = {"blocks": blocks_to_json(BLOCKS), "draft": "Two audits were held.", "has_data": True}
    held.update(changes)
    return held


def chart_with(**changes) -> dict:
    blocks = blocks_to_json(BLOCKS)
    blocks[2].update(changes)
    return kept(blocks=blocks)


def table_with(**changes) -> dict:
    blocks = blocks_to_json(BLOCKS)
    blocks[0].update(changes)
    return kept(blocks=blocks)


#: Each shape another program may leave, and what is said of it.
WRONG = {
    "blocks a number": (kept(blocks=5), "the blocks are 5, not a list of tables, charts and sentences"),
    "a chart's value a word": (chart_with(series=[["This period", ["abc", 1]]]),
                               "the chart 'Gradings' has 'abc' where a number belongs"),
    "a chart's value not a number": (chart_with(series=[["This period", [{"n": 2}, 1]]]),
                                     "the chart 'Gradings' has {\"n\": 2} where a number belongs"),
    "a chart's values fewer than its categories": (chart_with(series=[["This period", [2]]]),
                                                   "series 1 of the chart 'Gradings' has 1 value for 2 categories"),
    "a row longer than its headings": (table_with(rows=[["Neglect", "4", "extra"]]),
                                       "row 1 of the table 'Case audits' has 3 values under 2 headings"),
    "a table's rows not a list": (table_with(rows="Neglect"), "the rows of the table 'Case audits' should be a list, not 'Neglect'"),
    "a block of no known kind": (kept(blocks=[{"type": "picture"}]),
                                 "block 1 is of the kind 'picture', not a table, a chart or a sentence"),
    "a block a word": (kept(blocks=["Neglect"]), "block 1 is 'Neglect', not a table, a chart or a sentence"),
    "the draft a list": (kept(draft=["x"]), "the draft is [\"x\"], not text"),
}


@pytest.mark.parametrize("kind", WRONG)
def test_figures_of_the_wrong_shape_are_refused_saying_what_is_wrong(kind):
    figures = read_figures(json.loads(json.dumps(kept())))  # as the program keeps them: read back as built
    assert figures.blocks == BLOCKS and figures.draft == "Two audits were held." and figures.has_data
    held, why = WRONG[kind]
    with pytest.raises(FiguresUnreadable) as refused:
        read_figures(held)
    assert str(refused.value) == why


def test_figures_kept_by_earlier_versions_or_never_built_still_read():
    assert read_figures({}).blocks == ()  # a section never built
    older = kept(blocks=[{"type": "table", "title": "T", "headers": ["A"], "rows": [[3]]}])  # no empty_text; a number
    assert read_figures(older).blocks == (Table("T", ("A",), (("3",),), ""),)
    with pytest.raises(FiguresUnreadable):
        read_figures(kept(blocks=[{"type": "table", "title": "T", "headers": ["A"], "rows": [[3, 4]]}]))


@pytest.fixture
def with_figures(db_file):
    """A closed file holding a draft report whose audits and activity sections were built (the
    audits' figures `kept()`), with the team's words in the audits."""
    with Database.open(db_file) as db:
        r = yr.create_report(db, yr.ReportFields(TITLE, *PERIOD))
        yr.save_section_text(db, r.id, "audits", "Our own words on the audits.")
    keep(db_file, "audits", kept())
    keep(db_file, "activity", {"blocks": blocks_to_json([Para(ACTIVITY)]), "draft": "", "has_data": False})
    return db_file


def keep(path, key: str, held: dict | str) -> int:
    """`held` kept as the figures of section `key`, as another program would write them; its record's id."""
    data = held if isinstance(held, str) else json.dumps(held)
    sql(path, f"UPDATE yearly_report_section SET data = '{data.replace(chr(39), chr(39) * 2)}', "
              f"built_at = '2024-06-01 09:00:00' WHERE key = '{key}'")
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT id FROM yearly_report_section WHERE key = ?", (key,)).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["blocks a number", "a chart's value a word", "a row longer than its headings"])
def test_check_names_the_report_and_the_section_whose_figures_cannot_be_read(with_figures, kind):
    assert values_problem(with_figures) == ""
    held, why = WRONG[kind]
    section = keep(with_figures, "audits", held)
    said = values_problem(with_figures)
    assert said.startswith(f"yearly_report_section {section}: data holds ") and f"({why})" in said, said
    assert (f"the section '{AUDITS}' of the yearly report '{TITLE}' (refreshing that section from the records builds "
            "them again)") in said, said
    with pytest.raises(DatabaseError) as refused:
        check_file(with_figures)
    assert why in str(refused.value) and AUDITS in str(refused.value) and "healthy" not in str(refused.value)


@pytest.mark.slow
def test_a_section_the_team_writes_is_named_by_check_but_opens_and_prints(with_figures):
    section = keep(with_figures, "foreword", "{bad")
    said = values_problem(with_figures)
    assert f"yearly_report_section {section}: data holds '{{bad' (not a JSON object)" in said
    assert f"the section 'Foreword' of the yearly report '{TITLE}'" in said and "refreshing" not in said
    with Database.open(with_figures) as db:
        r = yr.get_report(db, yr.list_reports(db)[0].id)
        assert r.section("foreword").unreadable == "" and r.section("foreword").blocks == ()


@pytest.mark.slow
def test_a_section_whose_figures_cannot_be_read_says_so_and_the_rest_of_the_report_opens(with_figures, tmp_path):
    keep(with_figures, "audits", WRONG["a chart's value a word"][0])
    why = WRONG["a chart's value a word"][1]
    with Database.open(with_figures) as db:
        report_id = yr.list_reports(db)[0].id
        r = yr.get_report(db, report_id)
        audits = r.section("audits")
        assert audits.unreadable == why and audits.text == "Our own words on the audits."
        (note,) = audits.blocks
        assert note == Para(f"The figures kept for this section cannot be read: {why}. Another program may have "
                            "changed them. Press Refresh from the records to build them again.")
        activity = r.section("activity")
        assert activity.unreadable == "" and activity.blocks == (Para(ACTIVITY),)
        assert yr.section_states(db, r, today=date(2024, 6, 1))["audits"] is CheckState.EMPTY

        refusal = yr.final_refusal(r)
        assert refusal is not None and refusal.errors["final"].startswith(
            f"Refresh '{AUDITS}' from the records first: the figures kept for it cannot be read")
        with pytest.raises(ValidationError) as refused:
            yr.set_final(db, report_id, True, on=date(2024, 6, 1))
        assert AUDITS in refused.value.sentence() and not yr.get_report(db, report_id).final

        with pytest.raises(ValidationError) as refused:
            jobs.write_report(db, "yearly", tmp_path / "y.pdf", record_id=report_id)
        words = refused.value.sentence()
        assert words.startswith(f"The figures kept for the section '{AUDITS}' of the yearly report '{TITLE}' cannot "
                                f"be read ({why})"), words
        assert "Refresh from the records" in words and not (tmp_path / "y.pdf").exists()

    assert_refused(cli("--db", with_figures, "report", "yearly", "--id", report_id, "-o", tmp_path / "y.docx"),
                   f"The figures kept for the section '{AUDITS}' of the yearly report '{TITLE}' cannot be read",
                   "Refresh from the records")
    assert not (tmp_path / "y.docx").exists()

    with Database.open(with_figures) as db:
        built = yr.refresh_section(db, report_id, "audits", today=date(2024, 6, 1))
        assert built.unreadable == "" and built.text == "Our own words on the audits."  # the team's words kept
        out = jobs.write_report(db, "yearly", tmp_path / "y.pdf", record_id=report_id)
        assert out.is_file()
    assert values_problem(with_figures) == ""


def test_a_final_reports_section_that_cannot_be_read_says_to_reopen_it(with_figures):
    sql(with_figures, "UPDATE yearly_report SET final = 1, finalised_on = '2024-06-01'")
    keep(with_figures, "audits", WRONG["blocks a number"][0])
    with Database.open(with_figures) as db:
        r = yr.get_report(db, yr.list_reports(db)[0].id)
        assert "This report is final: reopen it as a draft, press Refresh from the records" in r.section("audits").blocks[0].text
        with pytest.raises(ValidationError) as refused:
            yr.as_published(r, ())
        assert "reopen it as a draft, refresh that section from the records" in refused.value.sentence()
