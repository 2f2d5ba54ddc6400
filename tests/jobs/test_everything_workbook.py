"""The workbook of everything names each sheet so that its area is plain: the audits', case
reviews' and meetings' action sheets were "Actions", "Actions (2)" and "Actions (3)"."""

from __future__ import annotations

import re

import pytest

from bscp_desktop import jobs


@pytest.mark.slow  # builds every area's workbook
def test_every_sheet_of_the_workbook_of_everything_says_whose_it_is(db):
    names = [name for name, _rows in jobs.find("xlsx", "all").build(db).sheet_values()]
    assert {"Audit actions", "Case review actions", "Meeting actions"} <= set(names)
    assert "Actions" not in names
    assert not [n for n in names if re.search(r" \(\d+\)$", n)], names  # no name told apart by a number
    assert all(len(n) <= 31 for n in names)


def test_each_areas_own_workbook_keeps_its_actions_sheet(db):
    for area in ("audits", "case-reviews", "meetings"):
        assert "Actions" in [name for name, _rows in jobs.find("xlsx", area).build(db).sheet_values()], area
