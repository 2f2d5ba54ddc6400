"""Saving a financial year from its dialog, and removing one, read only that year: the
training charges of every year (every chargeable booking on record) are read only when the
year's figures, whose reserves are carried from every year before it, are asked for."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from bscp_desktop.domain.training import ChargeRates
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import finance as fin
from bscp_desktop.services.finance import summaries
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import settings as st


def _charges_read(monkeypatch) -> list[tuple[date | None, date | None]]:
    """The periods whose training charges Finance reads (None: no bound)."""
    periods = []
    read = summaries.charge_lines_in

    def spy(session, start=None, end=None):
        periods.append((start, end))
        return read(session, start, end)

    monkeypatch.setattr(summaries, "charge_lines_in", spy)
    return periods


def _no_show(db, when: datetime) -> int:
    course = cs.create_course(db, cs.CourseFields(f"Neglect {when:%Y}", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, when, 10))
    return bk.create_booking(db, bk.BookingFields(session.id, "Dee Eve", organisation_name="Metropolitan Police",
                                                  booked_on=when.date(), outcome="no_show")).booking.id


@pytest.mark.slow
def test_saving_a_year_without_its_figures_reads_no_training_charges(db, monkeypatch):
    st.save_charge_rates(db, [ChargeRates(2022, Decimal("50.00"), Decimal("25.00"))])
    _no_show(db, datetime(2022, 9, 1, 10))
    year = fin.create_year(db, "2023/24")
    periods = _charges_read(monkeypatch)
    saved = fin.update_year(db, year.id, fin.YearFields("100", "add", "Audited", "Checked"), figures=False)
    added = fin.create_year(db, "2024/25", fin.YearFields(notes="New"), figures=False)
    assert periods == []
    assert (saved.id, saved.start_year, saved.name, saved.archived) == (year.id, 2023, "the financial year 2023/24", False)
    assert added.start_year == 2024
    monkeypatch.undo()
    figures = {y.start_year: y for y in fin.list_years(db)}  # the list reads every figure, as before
    assert figures[2023].carried_forward == Decimal("50.00") and figures[2023].opening == Decimal("150.00")
    assert figures[2024].carried_forward == Decimal("150.00") and figures[2024].notes == "New"
    assert fin.update_year(db, year.id, fin.YearFields("100", "add", "Audited")).closing == Decimal("150.00")


@pytest.mark.slow
def test_removing_a_year_reads_only_its_own_training_charges_and_gives_the_same_reason(db, monkeypatch):
    st.save_charge_rates(db, [ChargeRates(2020, Decimal("50.00"), Decimal("25.00"))])
    bk.waive_charge(db, _no_show(db, datetime(2020, 9, 1, 10)), "Ill on the day")
    _no_show(db, datetime(2021, 9, 1, 10))  # another year's charge: not read
    year = fin.get_year(db, "2020/21")
    empty = fin.create_year(db, "2018/19")
    periods = _charges_read(monkeypatch)
    with pytest.raises(ValidationError) as refused:
        fin.remove_year(db, year.id)
    assert refused.value.errors == {"financial_year": year.stays_because} and "1 chargeable booking, 1 waived" in (
        year.stays_because)
    fin.remove_year(db, empty.id)
    assert periods == [(date(2020, 4, 1), date(2021, 3, 31)), (date(2018, 4, 1), date(2019, 3, 31))]


@pytest.mark.slow
def test_the_year_dialog_saves_without_reading_every_years_figures(qtbot, db, monkeypatch):
    from bscp_desktop.ui.finance.dialogs import YearDialog

    dialog = YearDialog(db, fin.create_year(db, "2023/24"))
    qtbot.addWidget(dialog)
    dialog.notes.setPlainText("Checked")
    periods = _charges_read(monkeypatch)
    saved = dialog.save()
    assert periods == [] and saved.id == dialog.record.id  # the Years list reads the figures as it reloads
    assert fin.get_year(db, "2023/24").notes == "Checked"
