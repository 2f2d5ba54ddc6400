"""Training > Evaluations sorts its Before, After and Gain columns by the scores' numbers, not
by their text ("-2.0" below "-0.5", "+2.5" above "+1.0"); a row without scores first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.evaluations import Gain
from bscp_desktop.ui.common.table_model import _sorted
from bscp_desktop.ui.training.pages import evaluation_columns

SCORES = [("3", "4"), ("5", "3"), ("2", "2"), ("2.7", "3"), ("4", "3.5"), ("1.5", "4"), (None, None)]


def _rows() -> list:
    return [SimpleNamespace(gain=Gain(0, None, None) if before is None else Gain(1, Decimal(before), Decimal(after)))
            for before, after in SCORES]


@pytest.mark.parametrize(("header", "number"), [
    ("Gain", lambda g: g.mean_gain), ("Before", lambda g: g.mean_before), ("After", lambda g: g.mean_after),
])
def test_the_scores_sort_by_their_numbers(header, number):
    columns = evaluation_columns(lambda: date(2026, 12, 5))
    column = [c.header for c in columns].index(header)
    ascending = [number(r.gain) for r in _sorted(columns, _rows(), column, Qt.SortOrder.AscendingOrder)]
    assert ascending[0] is None  # no scores: first, as every list puts a blank
    assert ascending[1:] == sorted(n for n in ascending if n is not None)
    descending = [number(r.gain) for r in _sorted(columns, _rows(), column, Qt.SortOrder.DescendingOrder)]
    assert descending == list(reversed(ascending))


def test_the_gain_column_in_order():
    columns = evaluation_columns(lambda: date(2026, 12, 5))
    column = [c.header for c in columns].index("Gain")
    shown = [columns[column].value(r) for r in _sorted(columns, _rows(), column, Qt.SortOrder.AscendingOrder)]
    assert shown == ["", "-2.0", "-0.5", "0.0", "+0.3", "+1.0", "+2.5"]
