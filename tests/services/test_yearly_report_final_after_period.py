"""A yearly report is marked final only once its period has ended: before that, the figures it
would keep for good ("met 1 time", the membership on the last day) would leave out what is still
to be recorded in the period. The refusal names the day it ends and the first day it can be marked."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import yearly_report as yr
from tests.services.test_yearly_report import write_every_section

END = date(2027, 3, 31)
EARLY = ("The report's period ends on 31/03/2027: it can be marked final from 01/04/2027, once every figure of the "
         "period is in")


@pytest.mark.slow
@pytest.mark.parametrize("on", [date(2026, 12, 6), END])
def test_a_report_is_not_marked_final_before_its_period_has_ended(db, on):
    r = yr.create_report(db, yr.ReportFields("Yearly report 2026/27", date(2026, 4, 1), END))
    write_every_section(db, r.id)
    with pytest.raises(ValidationError) as e:
        yr.set_final(db, r.id, True, on=on)
    assert e.value.errors == {"period_end": EARLY}
    report = yr.get_report(db, r.id)
    assert not report.final and report.finalised_on is None
    assert all(s.built_at is None for s in report.sections if s.built)  # no figures kept for good
    assert yr.final_refusal(report, today=on).errors == {"period_end": EARLY}  # the window asks before its question


@pytest.mark.slow
def test_the_day_after_the_period_it_can_be_marked_final(db):
    r = yr.create_report(db, yr.ReportFields("Yearly report 2026/27", date(2026, 4, 1), END))
    write_every_section(db, r.id)
    assert yr.period_not_ended(yr.get_report(db, r.id), today=date(2027, 4, 1)) is None
    final = yr.set_final(db, r.id, True, on=date(2027, 4, 1))
    assert final.final and final.finalised_on == date(2027, 4, 1)
    assert yr.final_refusal(final, today=date(2026, 12, 6)) is None  # already final: nothing to refuse


def test_the_reason_names_the_last_day_of_the_period_and_the_first_it_can_be_marked():
    report = yr.ReportDTO(1, "Yearly report 2026/27", date(2026, 4, 1), END, False, None, None, (), archived_at=None)
    assert yr.period_not_ended(report, today=date(2026, 12, 6)) == EARLY
    assert yr.period_not_ended(report, today=date(2027, 4, 1)) is None
