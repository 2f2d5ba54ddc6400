"""A Section 11 cycle with no standards has nothing to rate: writing a return for it is refused,
and so is importing one (a return written before its standards were removed), each naming the
cycle and what to do; nothing is recorded."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.importers import audits as imp
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

pytestmark = pytest.mark.slow

BEFORE_OPENING = date(2024, 3, 1)  # the cycle of tests/importers/conftest.py opens on 01/04/2024


def _without_standards(db, cycle) -> None:
    for standard in s11.list_standards(db, cycle.id):
        s11.archive_standard(db, standard.id, today=BEFORE_OPENING)


def test_no_return_is_written_for_a_cycle_with_no_standards(db, cycle, tmp_path):
    _without_standards(db, cycle)
    out = tmp_path / "return.xlsx"
    with pytest.raises(ValidationError) as refused:
        imp.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    assert refused.value.errors == {"cycle": (
        "The cycle 2024-26 has no standards, so its agencies have nothing to rate; it opened on 01/04/2024, so none "
        "can be added now: start a new cycle (New cycle…) and add its standards before it opens, then write the "
        "agency's return")}
    assert not out.exists()


def test_a_return_for_a_cycle_whose_standards_were_removed_is_not_imported(db, cycle, tmp_path):
    out = tmp_path / "return.xlsx"
    imp.write_s11_template(db, cycle.id, "Metropolitan Police", out)
    _without_standards(db, cycle)
    with pytest.raises(ImportFileError) as refused:
        imp.import_s11(db, out, today=BEFORE_OPENING)
    assert str(refused.value) == ("The cycle 2024-26 has no standards, so its agencies have nothing to rate: add "
                                  "them first (Audits tab, Section 11, Standards…). Nothing was imported from "
                                  "return.xlsx.")
    [police] = s11.list_participants(db, cycle.id)
    assert police.returned_on is None and sr.list_ratings(db, cycle.id) == []
