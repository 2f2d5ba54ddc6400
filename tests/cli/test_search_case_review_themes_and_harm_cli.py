"""`bscp-desktop search neglect --area case-reviews` said "No records mention neglect." of a file
holding a case themed "Neglect; Domestic abuse" and one whose harm is Neglect; it prints both now,
from a file and from a team database."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.domain.case_reviews import Harm, IncidentType
from bscp_desktop.services import case_reviews as cr


def _cases(target: str) -> tuple[str, str]:
    """The references of a case themed Neglect and Domestic abuse and of one harmed by neglect,
    with a third about neither."""
    with Database.open_target(target) as db:
        themed = cr.create_case_review(db, cr.CaseReviewFields(
            "Child A", IncidentType.SERIOUS_HARM, date(2024, 1, 8), themes=("Neglect", "Domestic abuse")))
        harmed = cr.create_case_review(db, cr.CaseReviewFields(
            "Child B", IncidentType.DEATH, date(2023, 6, 2), harm=Harm.NEGLECT))
        cr.create_case_review(db, cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2022, 3, 1),
                                                      harm=Harm.ABUSE, themes=("Exploitation",)))
    return themed.reference, harmed.reference


def _lines(capsys) -> list[list[str]]:
    said = capsys.readouterr()
    assert said.err == ""
    return [line.split("\t")[:4] for line in said.out.splitlines()]


def _prints_the_cases(target: str, capsys) -> None:
    themed, harmed = _cases(target)
    capsys.readouterr()
    assert main(["search", "neglect", "--area", "case-reviews", "--db", target]) == 0
    assert _lines(capsys) == [["08/01/2024", "Case review", f"Case {themed}", "Child A"],
                              ["02/06/2023", "Case review", f"Case {harmed}", "Child B"]]
    assert main(["search", "Domestic", "abuse", "--area", "case-reviews", "--db", target]) == 0
    assert _lines(capsys) == [["08/01/2024", "Case review", f"Case {themed}", "Child A"]]


def test_search_prints_the_cases_of_a_theme_and_of_a_harm(db_path, capsys):
    _prints_the_cases(str(db_path), capsys)


@pytest.mark.slow  # a team database on the test server: searched by reading the records
def test_search_prints_the_cases_of_a_theme_and_of_a_harm_on_a_team_database(pg_address, capsys):
    _prints_the_cases(pg_address, capsys)
