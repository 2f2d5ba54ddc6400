"""Counts of sessions and bookings read as words, one or several ("1 session", "4 sessions"), on
the Figures and charts page and in the notes of a bookings import, as the training summary and
the yearly report write them."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QLabel

from bscp_desktop.domain.training import Figures
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.training_notes import booking_notes
from bscp_desktop.ui.training.figures import FiguresPage, read_only_table


def _report(sessions: int, bookings: int, called_off: str = "") -> SimpleNamespace:
    return SimpleNamespace(
        total=SimpleNamespace(figures=Figures(sessions=3, bookings=10, attended=8), previous=Figures()),
        period_label="2026/27", previous_period=SimpleNamespace(label="2025/26"), empty=False,
        upcoming_sessions=sessions, upcoming_bookings=bookings, registrations=None, previous_registrations=None,
        called_off_note=called_off)


def _status(qtbot, sessions: int, bookings: int, called_off: str = "") -> str:
    page = SimpleNamespace(status=QLabel(), key=read_only_table(["Figure", "This period", "Previous period", "Change"],
                                                                "Key figures", stretch=3))
    qtbot.addWidget(page.status)
    qtbot.addWidget(page.key)
    FiguresPage._show_key(page, _report(sessions, bookings, called_off))
    return page.status.text()


def test_the_figures_page_says_how_many_sessions_the_partnership_called_off(qtbot):
    from bscp_desktop.domain.training import called_off_sentence

    said = called_off_sentence(1, 2)
    assert said.startswith("1 session was called off by the partnership (2 bookings)")
    assert said in _status(qtbot, 0, 0, said)
    assert "called off" not in _status(qtbot, 0, 0)


@pytest.mark.parametrize(("sessions", "bookings", "words"), [
    (1, 1, "1 session later in the period (1 booking) is not counted yet: only sessions that have run are."),
    (4, 59, "4 sessions later in the period (59 bookings) are not counted yet: only sessions that have run are."),
    (1_500, 12_345, "1,500 sessions later in the period (12,345 bookings) are not counted yet"),
])
def test_the_figures_page_counts_the_sessions_still_to_come_in_words(qtbot, sessions, bookings, words):
    text = _status(qtbot, sessions, bookings)
    assert words in text
    assert "(s)" not in text


def _plan(number: int, new_capacity: int) -> SimpleNamespace:
    when = datetime.now().replace(microsecond=0, second=0) - timedelta(days=number)  # run: no places to offer
    return SimpleNamespace(id=number, capacity=10, new_capacity=new_capacity, capacity_row=number + 1,
                           course_title=f"Course {number}", course_exists=True, key=(f"Course {number}", when),
                           free_places=SimpleNamespace(free=0, waiting=[]), unneeded=False)


@pytest.mark.parametrize(("changed", "words"), [(1, "Capacity changed for 1 session: "),
                                                (2, "Capacity changed for 2 sessions: ")])
def test_a_bookings_import_counts_the_sessions_whose_places_changed_in_words(changed, words):
    plans = {n: _plan(n, 20) for n in range(1, changed + 1)}
    report = ImportReport("bookings", "bookings.csv")
    booking_notes(report, plans, [], dry_run=True)
    capacity = [note for note in report.notes if note.startswith("Capacity changed")]
    assert len(capacity) == 1 and capacity[0].startswith(words)
    assert "(s)" not in capacity[0]


@pytest.mark.parametrize(("new", "words"), [(1, "Would create 1 session: "), (3, "Would create 3 sessions: ")])
def test_a_bookings_import_counts_the_sessions_it_creates_in_words(new, words):
    plans = {n: SimpleNamespace(**{**vars(_plan(n, 0)), "id": None}) for n in range(1, new + 1)}
    report = ImportReport("bookings", "bookings.csv")
    booking_notes(report, plans, [], dry_run=True)
    assert any(note.startswith(words) for note in report.notes)
