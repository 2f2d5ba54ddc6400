"""A theme renamed in the case review settings is renamed on every case holding it, in the same
save; and a save naming bad closure days names every one of them at once."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr


def _case(db, alias: str, *themes: str) -> cr.CaseReviewDTO:
    return cr.create_case_review(db, cr.CaseReviewFields(alias, "death", date(2024, 1, 29), themes=themes))


def _renamed(db, themes: tuple[str, ...], renamed: dict[str, str]) -> cr.CaseReviewSettings:
    return cr.save_settings(db, dataclasses.replace(cr.load_settings(db), themes=themes), renamed)


def _themes(db, case) -> tuple[str, ...]:
    return cr.get_case_review(db, case.id).themes


def test_a_renamed_theme_is_renamed_on_every_case_archived_ones_too_whatever_the_capitals(db):
    a = _case(db, "Child A", "Neglect", "Online harm")
    b = _case(db, "Child B", "neglect")
    c = _case(db, "Child C", "Exploitation")
    gone = _case(db, "Child D", "NEGLECT")
    cr.archive_case_review(db, gone.id)
    themes = tuple("Neglect (chronic)" if t == "Neglect" else t for t in cr.load_settings(db).themes)
    saved = _renamed(db, themes, {"Neglect": "Neglect (chronic)"})
    assert saved.cases_renamed == 3
    assert _themes(db, a) == ("Neglect (chronic)", "Online harm")
    assert _themes(db, b) == _themes(db, gone) == ("Neglect (chronic)",)
    assert _themes(db, c) == ("Exploitation",)
    rows = {r.theme: r.total for r in cr.themes_summary(db, include_archived=True).rows}
    assert rows["Neglect (chronic)"] == 3 and "Neglect" not in rows
    with db.unit_of_work() as s:  # the change history has it, as for a case saved with the new name
        changes = s.execute(select(ChangeRecord.old_value, ChangeRecord.new_value)
                            .where(ChangeRecord.table_name == "case_review_theme", ChangeRecord.action == "update")).all()
    assert sorted(changes) == [("NEGLECT", "Neglect (chronic)"), ("Neglect", "Neglect (chronic)"),
                               ("neglect", "Neglect (chronic)")]


def test_a_case_holding_the_old_and_the_new_name_keeps_one(db):
    a = _case(db, "Child A", "Neglect", "neglect (CHRONIC)", "Online harm")
    themes = ("Neglect (chronic)", "Online harm")
    assert _renamed(db, themes, {"Neglect": "Neglect (chronic)"}).cases_renamed == 1
    assert sorted(_themes(db, a)) == ["Neglect (chronic)", "Online harm"]


def test_the_case_moves_on_so_a_case_dialog_opened_before_is_refused(db):
    a = _case(db, "Child A", "Neglect")
    with db.unit_of_work() as s:
        before = s.get(CaseReview, a.id).version
    _renamed(db, ("Neglect (chronic)",), {"Neglect": "Neglect (chronic)"})
    with db.unit_of_work() as s:
        assert s.get(CaseReview, a.id).version > before


def test_two_themes_may_swap_names_and_a_rename_to_itself_is_none(db):
    a = _case(db, "Child A", "Neglect")
    both = _case(db, "Child B", "Neglect", "Exploitation")
    saved = _renamed(db, ("Exploitation", "Neglect", "Online harm"),
                     {"Neglect": "Exploitation", "Exploitation": "Neglect", "Online harm": " Online  harm"})
    assert saved.cases_renamed == 1  # Child B holds both, so nothing of it changes
    assert _themes(db, a) == ("Exploitation",)
    assert sorted(_themes(db, both)) == ["Exploitation", "Neglect"]


def test_a_rename_to_a_theme_not_in_the_list_is_refused_and_nothing_is_saved(db):
    a = _case(db, "Child A", "Neglect")
    before = cr.load_settings(db)
    with pytest.raises(ValidationError) as err:
        _renamed(db, ("Online harm",), {"Neglect": "Neglect (chronic)"})
    assert err.value.errors == {"themes": "'Neglect' is renamed 'Neglect (chronic)', which is not in the list of themes"}
    assert _themes(db, a) == ("Neglect",) and cr.load_settings(db) == before


def test_a_save_names_every_bad_closure_day_at_once(db):
    days = (cr.ClosureDay(date(2024, 2, 3), "Weekend"), cr.ClosureDay(date(2024, 12, 25), "Christmas"),
            cr.ClosureDay(date(2024, 12, 27), "Council closure"))
    with pytest.raises(ValidationError) as err:
        cr.save_settings(db, dataclasses.replace(cr.load_settings(db), closures=days))
    assert err.value.errors == {"closures": "03/02/2024 is a Saturday and 25/12/2024 is Christmas Day, not working "
                                            "days anyway: a closure day is a weekday that is not a bank holiday"}
    assert cr.load_settings(db).closures == ()


def test_the_checks_the_settings_dialog_uses_are_the_saves():
    from bscp_desktop.services.case_review_settings import closure_days_problem, themes_problem

    assert closure_days_problem([cr.ClosureDay(date(2024, 12, 27), "Council closure")]) == ""
    assert closure_days_problem([cr.ClosureDay(date(2024, 12, 27), "x" * 201)]) == (
        "The reason for 27/12/2024 is too long (at most 200 characters)")
    assert themes_problem(("Neglect",)) == ""
    assert themes_problem(("X" * 101,)) == f"The theme '{'X' * 30}…' is too long (at most 100 characters)"
