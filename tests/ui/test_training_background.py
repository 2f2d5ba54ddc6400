"""The Training tab makes each page when it is first shown and reads its records in the
background: once a read ends the page shows the right rows, and on an empty database each page
says what to do next."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.training import ChargeRates, Outcome
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import settings as st
from bscp_desktop.ui.training.figures import COUNT_HEADERS
from bscp_desktop.ui.training.tab import TrainingTab
from tests.ui.helpers import table_texts

PAGES = ["sessions", "bookings", "courses", "evaluations", "figures", "charges"]  # in the order of the bar
LAST_WEEK = datetime.combine(date.today() - timedelta(days=7), time(9, 30))


def _open(qtbot, db) -> TrainingTab:
    tab = TrainingTab(db, None)
    qtbot.addWidget(tab)
    tab.resize(1280, 800)
    tab.show()
    return tab


def _shown(qtbot, tab: TrainingTab, name: str):
    """Click the page's title, as an officer does; the page once made and read."""
    tab.sections.setCurrentIndex(PAGES.index(name))
    qtbot.waitUntil(lambda: tab.sections.built_page(name) is not None
                    and not tab.sections.built_page(name).loading(), timeout=10000)
    return tab.sections.built_page(name)


def _column(page, header: str) -> list[str]:
    return table_texts(page, [c.header for c in page.model.columns].index(header))


@pytest.fixture
def programme(db):
    """A session last week: Ama attended, Bilal did not come (charged £50), Chloe is waiting."""
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    st.save_charge_rates(db, [ChargeRates(financial_year_of(LAST_WEEK.date()), Decimal("50.00"), Decimal("25.00"))])
    course = cs.create_course(db, cs.CourseFields(title="Neglect: recognising and responding", topic="Neglect",
                                                  learning_outcomes=("Spot neglect",)))
    session = cs.create_session(db, cs.SessionFields(course_id=course.id, starts_at=LAST_WEEK, capacity=2))
    booked = {}
    for name in ("Ama Mensah", "Bilal Khan", "Chloe Ahmed"):
        booked[name] = bk.create_booking(db, bk.BookingFields(
            session_id=session.id, delegate_name=name, organisation_name="Brent Council",
            booked_on=LAST_WEEK.date() - timedelta(days=20))).booking
    bk.mark_register(db, session.id, {booked["Ama Mensah"].id: Outcome.ATTENDED,
                                      booked["Bilal Khan"].id: Outcome.NO_SHOW})
    ev.create_evaluation(db, ev.EvaluationFields(session_id=session.id, delegate_name="Ama Mensah",
                                                 comments="Clear and practical"))
    return {"course": course, "session": session, "booked": booked}


def test_opening_the_tab_makes_only_the_page_on_screen(qtbot, db):
    tab = _open(qtbot, db)
    qtbot.waitUntil(lambda: tab.sections.built_page("sessions") is not None, timeout=10000)
    assert [name for name in PAGES if tab.sections.built_page(name) is not None] == ["sessions"]
    _shown(qtbot, tab, "figures")
    assert [name for name in PAGES if tab.sections.built_page(name) is not None] == ["sessions", "figures"]
    assert tab.sections.tabText(PAGES.index("figures")) == "Figures and charts"


@pytest.mark.slow
def test_each_page_shows_its_rows_once_read_in_the_background(qtbot, db, programme):
    tab = _open(qtbot, db)
    title = programme["course"].title

    sessions = _shown(qtbot, tab, "sessions")
    assert table_texts(sessions, 1) == [title]
    assert _column(sessions, "Attended") == ["1"] and _column(sessions, "No-shows") == ["1"]
    assert _column(sessions, "Waiting") == ["1"]
    sessions.search.setText("neglect")  # searched by the text worked out with the rows
    assert sessions.proxy.rowCount() == 1
    sessions.search.setText("domestic abuse")
    assert sessions.proxy.rowCount() == 0 and "match the filter" in sessions.empty.text()

    bookings = _shown(qtbot, tab, "bookings")
    outcomes = dict(zip(_column(bookings, "Delegate"), _column(bookings, "Outcome"), strict=True))
    assert outcomes == {"Ama Mensah": "Attended", "Bilal Khan": "No-show", "Chloe Ahmed": "Waitlisted"}
    bookings.outcome_filter.setCurrentText("No-shows")
    qtbot.waitUntil(lambda: not bookings.loading() and _column(bookings, "Delegate") == ["Bilal Khan"], timeout=10000)

    courses = _shown(qtbot, tab, "courses")
    assert table_texts(courses, 0) == [title] and _column(courses, "Sessions") == ["1"]

    evaluations = _shown(qtbot, tab, "evaluations")
    assert _column(evaluations, "Delegate") == ["Ama Mensah"]
    assert _column(evaluations, "Comments") == ["Clear and practical"]

    figures = _shown(qtbot, tab, "figures")
    key = {figures.key.item(r, 0).text(): figures.key.item(r, 1).text() for r in range(figures.key.rowCount())}
    assert key["Attended"] == "1" and key["No-shows"] == "1"
    course_rows = [figures.by_course.item(r, 0).text() for r in range(figures.by_course.rowCount())]
    assert course_rows == [title, "Total"]
    assert figures.topic_chart.chart is not None and "Neglect" in figures.topic_chart.chart.categories

    charges = _shown(qtbot, tab, "charges")
    model = charges.model
    cells = [[model.data(model.index(0, c)) for c in range(model.columnCount())]]
    assert cells[0][:2] == ["Brent Council", "Bilal Khan"] and cells[0][-1] == "£50.00"
    assert charges.totals.item(charges.totals.rowCount() - 1, 4).text() == "£50.00"
    charges.table.selectRow(0)
    assert charges.selected_line().booking_id == programme["booked"]["Bilal Khan"].id


@pytest.mark.slow  # waits for a read made slow on purpose
@pytest.mark.parametrize(("name", "service", "function"), [("sessions", cs, "list_sessions"),
                                                        ("bookings", bk, "list_bookings")])
def test_only_the_last_period_chosen_is_shown(qtbot, db, programme, monkeypatch, background_lists, name, service,
                                              function):
    """A period whose read is slow, then another chosen before it arrives: the page shows the
    second, and the first's rows never replace them."""
    import time as clock

    from bscp_desktop.domain.training import Period

    tab = _open(qtbot, db)
    page = _shown(qtbot, tab, name)
    assert page.model.rowCount() > 0  # last week's session is in the recent period
    real = getattr(service, function)

    def slow_for_last_week(*args, **kwargs):
        if kwargs["start"] <= LAST_WEEK.date() <= kwargs["end"]:
            clock.sleep(0.5)
        return real(*args, **kwargs)

    monkeypatch.setattr(service, function, slow_for_last_week)
    week = Period(LAST_WEEK.date() - timedelta(days=3), LAST_WEEK.date() + timedelta(days=3))
    page.period_bar.show_dates(week)  # slow: arrives after the next is asked
    assert page.loading()
    page.period_bar.show_dates(Period(date(2001, 4, 1), date(2002, 3, 31)))  # no sessions then
    qtbot.waitUntil(lambda: not page.loading(), timeout=10000)
    assert page.model.rowCount() == 0
    qtbot.wait(800)  # the slow read has ended by now
    assert page.model.rowCount() == 0 and not page.loading()
    assert page.period_bar.period.start == date(2001, 4, 1)


@pytest.mark.slow
def test_an_empty_database_shows_what_to_do_on_every_page(qtbot, db):
    tab = _open(qtbot, db)
    for name, words in (("sessions", "No courses yet"), ("bookings", "No bookings in this period"),
                        ("courses", "No courses yet"), ("evaluations", "No evaluations in this period")):
        page = _shown(qtbot, tab, name)
        assert page.stack.currentWidget() is page.empty and words in page.empty.text(), name
    figures = _shown(qtbot, tab, "figures")
    assert "No sessions have run in this period" in figures.status.text()
    assert all(view.chart is None and view.empty.isVisibleTo(view) for view in figures.chart_views().values())
    charges = _shown(qtbot, tab, "charges")
    assert charges.empty.isVisibleTo(charges) and not charges.table.isVisibleTo(charges)
    assert charges.model.rowCount() == 0


@pytest.mark.slow
def test_a_chart_is_drawn_in_the_background_and_then_painted(qtbot, db, programme):
    tab = _open(qtbot, db)
    figures = _shown(qtbot, tab, "figures")
    canvas = figures.topic_chart.canvas
    canvas.grab()  # painting asks for the drawing at the canvas's width
    qtbot.waitUntil(canvas.drawn, timeout=10000)
    image = canvas.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 3, "the chart painted nothing but background"


@pytest.mark.slow
def test_the_figures_tables_text_is_made_in_the_worker_with_the_figures(qtbot, db, programme, monkeypatch):
    """The window only puts each table's text in place: the rates' words ('100% (1 of 1)') for
    hundreds of organisations are made in the worker thread that adds up the figures."""
    import threading

    from bscp_desktop.ui.training import figures as page_module

    threads = set()
    made = page_module.figure_row
    monkeypatch.setattr(page_module, "figure_row", lambda *a, **k: (threads.add(threading.get_ident()), made(*a, **k))[1])
    tab = _open(qtbot, db)
    figures = _shown(qtbot, tab, "figures")
    assert threads and threading.get_ident() not in threads
    rows = {figures.by_organisation.item(r, 0).text(): [figures.by_organisation.item(r, c).text()
                                                        for c in range(figures.by_organisation.columnCount())]
            for r in range(figures.by_organisation.rowCount())}
    assert set(rows) == {"Brent Council", "Total"}
    rate = COUNT_HEADERS.index("Attendance rate") + 2
    assert rows["Brent Council"][rate] == rows["Total"][rate] == "50% (1 of 2)"
    assert figures.by_organisation.item(0, rate).textAlignment() & Qt.AlignmentFlag.AlignRight


def test_the_charts_fonts_are_loaded_once_from_any_thread(qapp, monkeypatch):
    """The window loads them in the worker that loads the other tabs' code after start-up; a
    chart made meanwhile waits for them instead of loading them again."""
    import threading

    from bscp_desktop.ui.common import chart_view

    added = []
    monkeypatch.setattr(chart_view, "_fonts_loaded", False)
    monkeypatch.setattr(chart_view.QFontDatabase, "addApplicationFont",
                        lambda path: added.append((threading.get_ident(), path)) or 0)
    worker = threading.Thread(target=chart_view.load_chart_fonts)
    worker.start()
    worker.join()
    chart_view.load_chart_fonts()  # already loaded: nothing more
    assert added and {thread for thread, _path in added} == {worker.ident}
    assert any(path.endswith("DejaVuSans.ttf") for _thread, path in added)


def test_a_name_pasted_with_a_zero_width_space_after_it_finds_the_booking(qtbot, db, programme):
    """A name copied from Teams carries a zero-width space at its end: the bookings box found
    nothing, the space being cut off before it was read as one."""
    tab = _open(qtbot, db)
    bookings = _shown(qtbot, tab, "bookings")
    bookings.search.setText("Bilal Khan\u200b")
    qtbot.waitUntil(lambda: not bookings.loading() and _column(bookings, "Delegate") == ["Bilal Khan"], timeout=10000)


def test_the_bookings_box_reads_what_was_typed_as_every_list_does(qtbot, db, programme):
    """Every word typed, in any order, as in the other lists' boxes: "Khan Bilal" finds Bilal
    Khan, and a short word is a whole word ("B" is not the b of "Bilal")."""
    tab = _open(qtbot, db)
    bookings = _shown(qtbot, tab, "bookings")
    bookings.search.setText("Khan Bilal")
    qtbot.waitUntil(lambda: not bookings.loading() and _column(bookings, "Delegate") == ["Bilal Khan"], timeout=10000)
    bookings.search.setText("B")
    qtbot.waitUntil(lambda: not bookings.loading() and _column(bookings, "Delegate") == [], timeout=10000)
