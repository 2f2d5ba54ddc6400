"""The case reviews summary rounds each figure it shows once, a half up, as every figure the
program shows does (domain/percent.py): an average of working days late, and a theme's share."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_summary import SummaryCase, summarise
from bscp_desktop.domain.dates import add_working_days
from bscp_desktop.domain.deadlines import DEFAULT_RULES
from bscp_desktop.domain.percent import format_percent

AWARE = (date(2025, 6, 2), date(2025, 6, 9), date(2025, 6, 16), date(2025, 6, 23))  # Mondays


def _notification(summary):
    return next(t for t in summary.timeliness if t.key == "notification")


def test_an_average_of_a_half_rounds_up():
    # notifications due 5 working days after the local authority became aware, sent 1, 1, 1 and 2 days late
    cases = [SummaryCase(f"CR-{n}", f"Child {n}", aware,
                         {"became_aware": aware, "notification_sent": add_working_days(aware, 5 + late)})
             for n, (aware, late) in enumerate(zip(AWARE, (1, 1, 1, 2), strict=True))]
    t = _notification(summarise(cases, date(2025, 4, 1), date(2026, 3, 31), DEFAULT_RULES))
    assert (t.late, t.average_working_days_late) == (4, 1.3)


def test_a_theme_share_is_exact_so_it_is_rounded_once_as_it_is_shown():
    cases = [SummaryCase(f"CR-{n}", f"Child {n}", date(2025, 5, 1), {}, themes=("Neglect",) if n == 0 else ())
             for n in range(16)]
    summary = summarise(cases, date(2025, 4, 1), date(2026, 3, 31), DEFAULT_RULES)
    assert summary.themes == (("Neglect", 1, 1 / 16),)
    assert format_percent(summary.themes[0][2]) == "6.3%"  # 1 of 16 is 6.25%: a half, rounded up
