"""Once the Section 11 cycle compared with an earlier one has opened, a return of the earlier
cycle is not written (from the command line, `template s11`): it could no longer be imported. The
refusal names both cycles and what to do instead. Before the later cycle opens, for the later
cycle itself, and for a caller that gives no day, the return is written as before."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as imp
from bscp_desktop.services.audits import section11 as s11

LATER_OPENS = date(2026, 11, 2)
WHY = ("2026-28 has opened and compares with 2024-26's ratings, so a 2024-26 return could no longer be imported: "
       "write the 2026-28 return instead (Audits tab, Section 11: choose 2026-28, then Write an agency's return…; or "
       "bscp-desktop template s11 --cycle 2026-28), and change a 2024-26 rating in the Audits tab (Section 11, 2024-26).")


@pytest.fixture
def later(db, cycle):
    later = s11.create_cycle(db, s11.CycleFields("2026-28", LATER_OPENS, date(2027, 1, 29), compare_with_id=cycle.id))
    [police] = s11.list_participants(db, cycle.id)
    s11.add_agencies(db, later.id, [police.organisation_id])
    return later


def test_the_earlier_cycles_return_is_refused_once_the_later_one_has_opened(db, cycle, later, tmp_path):
    out = tmp_path / "old.xlsx"
    with pytest.raises(ValidationError) as refused:
        imp.write_s11_template(db, cycle.id, "Metropolitan Police", out, today=LATER_OPENS)
    assert refused.value.errors == {"cycle": WHY}
    assert not out.exists()


def test_returns_are_written_before_it_opens_for_the_later_cycle_and_with_no_day_given(db, cycle, later, tmp_path):
    assert imp.write_s11_template(db, cycle.id, "Metropolitan Police", tmp_path / "a.xlsx", today=date(2026, 11, 1)).exists()
    assert imp.write_s11_template(db, later.id, "Metropolitan Police", tmp_path / "b.xlsx", today=LATER_OPENS).exists()
    assert imp.write_s11_template(db, cycle.id, "Metropolitan Police", tmp_path / "c.xlsx").exists()
