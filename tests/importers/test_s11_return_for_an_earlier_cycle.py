"""A return written for a Section 11 cycle is refused, all of it, once the cycle after it (the
one compared with its ratings) has opened: importing it would change that comparison. The
message names both cycles and what to do instead. Before the later cycle opens, and for the
latest cycle, returns import as before."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11
from tests.importers.s11_returns import returned

LATER_OPENED = date(2026, 12, 7)  # 2026-28 opens on 02/11/2026


@pytest.fixture
def later(db, cycle):
    return s11.create_cycle(db, s11.CycleFields("2026-28", date(2026, 11, 2), date(2027, 1, 29)))


def test_a_return_for_a_cycle_whose_next_one_has_opened_is_refused(db, cycle, later, tmp_path):
    out = tmp_path / "old.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Red"}})
    for dry_run in (True, False):
        with pytest.raises(ImportFileError) as refused:
            imp.import_s11(db, out, dry_run=dry_run, today=LATER_OPENED)
        assert str(refused.value) == (
            "This return is for the Section 11 cycle 2024-26, but 2026-28 has opened since and compares with "
            "2024-26's ratings: send Metropolitan Police the 2026-28 return instead (Audits tab, Section 11: "
            "choose 2026-28, then Write an agency's return…; or bscp-desktop template s11 --cycle 2026-28 "
            "--agency \"Metropolitan Police\" -o FILE). To correct a 2024-26 rating, change it in the Audits tab "
            "(Section 11, 2024-26). Nothing was imported from old.xlsx.")
    assert [r for r in sr.list_ratings(db, cycle.id) if r.id is not None] == []
    [police] = s11.list_participants(db, cycle.id)
    assert police.returned_on is None


def test_before_the_next_cycle_opens_the_return_imports(db, cycle, later, tmp_path):
    out = tmp_path / "old.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Red"}})
    report = imp.import_s11(db, out, today=date(2026, 10, 1))
    assert f"Return of Metropolitan Police for the Section 11 cycle {cycle.name}." in report.notes
    assert [r.self_rating.value for r in sr.list_ratings(db, cycle.id) if r.self_rating] == ["red"]


def test_a_return_for_the_latest_cycle_imports(db, cycle, later, tmp_path):
    [police] = s11.list_participants(db, cycle.id)
    s11.add_agencies(db, later.id, [police.organisation_id])
    out = tmp_path / "new.xlsx"
    returned(db, later, out, {1: {"Rating": "Red"}})
    report = imp.import_s11(db, out, today=LATER_OPENED)
    assert "Return of Metropolitan Police for the Section 11 cycle 2026-28." in report.notes


def test_a_later_cycle_not_compared_with_it_does_not_refuse_the_return(db, cycle, tmp_path):
    s11.create_cycle(db, s11.CycleFields("2026-28", date(2026, 11, 2), date(2027, 1, 29), rating_scale="score"))
    out = tmp_path / "old.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Red"}})
    imp.import_s11(db, out, today=LATER_OPENED)
    assert len([r for r in sr.list_ratings(db, cycle.id) if r.self_rating]) == 1


def test_a_later_cycle_on_another_scale_chosen_to_compare_does_not_refuse_it(db, cycle, tmp_path):
    s11.create_cycle(db, s11.CycleFields("2026-28", date(2026, 11, 2), date(2027, 1, 29), compare_with_id=cycle.id,
                                         rating_scale="score"))  # a score is not weighed against a colour
    out = tmp_path / "old.xlsx"
    returned(db, cycle, out, {1: {"Rating": "Red"}})
    imp.import_s11(db, out, today=LATER_OPENED)
    assert len([r for r in sr.list_ratings(db, cycle.id) if r.self_rating]) == 1
