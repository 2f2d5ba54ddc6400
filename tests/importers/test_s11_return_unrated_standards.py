"""A Section 11 return that comes back with a standard left without a rating is recorded as
returned, as a return in part is (a return is returned by its date, not by every standard being
rated), and the import names each standard left unrated by its number and title."""

from __future__ import annotations

from datetime import date

from bscp_desktop import cli
from bscp_desktop.domain.section11 import ReturnStatus
from bscp_desktop.importers import audits as imp
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

ON = date(2024, 6, 1)


def _police(db, cycle):
    return next(p for p in s11.list_participants(db, cycle.id) if p.organisation_name == "Metropolitan Police")


def _all_but(numbers: set[int]) -> dict[int, dict[str, object]]:
    return {n: ({"Evidence": "Policy being written"} if n in numbers else {"Rating": "Green"}) for n in range(1, 9)}


def _not_rated_notes(report) -> list[str]:
    return [n for n in report.notes if n.startswith("Not rated:")]


def test_a_standard_left_without_a_rating_is_named_and_the_return_still_recorded(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, _all_but({4}))
    report = imp.import_s11(db, out, today=ON)
    standard = s11.list_standards(db, cycle.id)[3]
    assert (report.rows, report.added) == (8, 8)
    assert _not_rated_notes(report) == [
        f"Not rated: Metropolitan Police's return gives no rating for standard 4 ({standard.title[:60]}). The return "
        "is recorded as returned all the same, and the grid shows it as Not rated: ask the agency for the rating, "
        "then enter it on the grid or import the return again."]
    police = _police(db, cycle)
    assert police.status is ReturnStatus.RETURNED and police.returned_on == ON
    assert (police.rated, police.standards) == (7, 8)


def test_every_unrated_standard_is_named_in_one_note(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, _all_but({2, 6}))
    titles = {s.number: s.title[:60] for s in s11.list_standards(db, cycle.id)}
    [note] = _not_rated_notes(imp.import_s11(db, out, today=ON))
    assert note.startswith(f"Not rated: Metropolitan Police's return gives no rating for standards 2 ({titles[2]}) "
                           f"and 6 ({titles[6]}). ")
    assert "shows them as Not rated: ask the agency for the ratings, then enter them" in note


def test_a_rating_already_held_counts_and_a_fully_rated_return_has_no_note(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, _all_but({4}))
    imp.import_s11(db, out, today=ON)
    police = _police(db, cycle)
    standard = s11.list_standards(db, cycle.id)[3]
    sr.save_rating(db, police.id, standard.id, sr.RatingFields("Amber", evidence="Policy being written"))
    returned(db, cycle, out, {1: {"Evidence": "Board minutes"}})  # a new return answering one standard only
    assert _not_rated_notes(imp.import_s11(db, out, today=ON)) == []


def test_the_command_line_import_says_it_too(db, db_path, cycle, tmp_path, capsys):
    out = tmp_path / "return.xlsx"
    returned(db, cycle, out, _all_but({4}))
    db.close()  # the command line opens the file itself
    assert cli.main(["import", "s11", str(out), "--db", str(db_path)]) == 0
    said = capsys.readouterr().out
    assert "Not rated: Metropolitan Police's return gives no rating for standard 4 (" in said
    assert "is recorded as returned" in said
