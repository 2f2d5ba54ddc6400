"""The words read out in place of a chart with one bar speak of its one value, not of "all 1
value" or "every value"."""

from __future__ import annotations

from bscp_desktop.reports.charts import Chart, Series, describe


def _chart(categories: tuple[str, ...], values: tuple[int, ...]) -> Chart:
    return Chart(title="Attendance by organisation, 2025/26", categories=categories,
                 series=(Series("Attended", values),), value_label="Delegates who attended",
                 category_label="Organisation")


def test_a_chart_with_one_bar_speaks_of_its_one_value_and_one_of_several_counts_them_all():
    words = describe(_chart(("Brent Council",), (3,)))
    assert words.endswith("Of these, the only value is 3. The table under the chart lists its one value.")
    assert "all 1 value" not in words
    assert describe(_chart(("Brent Council", "Harrow Police"), (3, 3))).endswith(
        "Of these, every value is 3. The table under the chart lists all 2 values.")
