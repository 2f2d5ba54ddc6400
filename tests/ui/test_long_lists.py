"""Long lists stay quick on the window's thread: a list is sorted and made searchable in the
worker that read it, searching and filtering narrow it in one go, a long list is sorted by
another column in a worker thread, and attendance monitoring works its figures out in a worker
thread, saying so meanwhile."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from bscp_desktop.services import attendance as at
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common import table_model, worker
from bscp_desktop.ui.common.format import sort_key
from bscp_desktop.ui.common.table_model import Column, FilterProxy, RecordTableModel
from bscp_desktop.ui.finance.tab import FinanceTab
from bscp_desktop.ui.meetings.monitoring import AttendanceMonitoringPage
from tests.examples import examples

TODAY = date(2024, 6, 3)


@dataclass(frozen=True)
class Line:
    id: int
    name: str
    amount: int
    archived: bool = False


def model_of(rows):
    model = RecordTableModel([Column("Name", lambda r: r.name), Column("Amount", lambda r: r.amount)])
    proxy = FilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    return model, proxy


def shown(proxy) -> list[str]:
    return [proxy.row_at(r).name for r in range(proxy.rowCount())]


def test_search_and_a_predicate_narrow_the_rows_in_one_go_and_clearing_them_shows_all_again(qtbot):
    model, proxy = model_of([Line(1, "Brent Council", 10), Line(2, "Kilburn School", 5), Line(3, "Brent Police", 7)])
    resets = []
    proxy.modelReset.connect(lambda: resets.append(1))
    proxy.set_search("  BRENT ")
    assert shown(proxy) == ["Brent Council", "Brent Police"] and len(resets) == 1
    proxy.set_predicate(lambda r: r.amount > 8)
    assert shown(proxy) == ["Brent Council"]
    proxy.set_search("")
    proxy.set_predicate(None)
    assert shown(proxy) == ["Brent Council", "Kilburn School", "Brent Police"]
    assert len(model.rows) == 3


def test_a_long_list_is_sorted_in_a_worker_thread_and_a_short_one_at_once(qtbot, monkeypatch):
    model, proxy = model_of([Line(1, "b", 2), Line(2, "a", 3), Line(3, "c", 1)])
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["c", "b", "a"] and not model.working()
    monkeypatch.setattr(table_model, "SORT_IN_BACKGROUND_ROWS", 2)
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.working()
    qtbot.waitUntil(lambda: not model.working(), timeout=10_000)
    assert shown(proxy) == ["c", "b", "a"]
    # rows set while a sort runs win: the sort's answer for the old rows is dropped
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    model.set_rows([Line(9, "z", 0), Line(8, "y", 0), Line(7, "x", 0)])
    qtbot.wait(50)
    assert shown(proxy) == ["x", "y", "z"] and not model.working()


def test_rows_made_ready_in_a_worker_are_not_sorted_again_unless_the_sort_changed(qtbot):
    model, proxy = model_of([])
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    prepare = model.prepared_rows()
    ready = prepare([Line(1, "b", 2), Line(2, "a", 1)])
    assert [r.name for r in ready.rows] == ["a", "b"]
    model.set_rows(ready)
    assert shown(proxy) == ["a", "b"]
    proxy.set_search("B")  # found by the text worked out in the worker
    assert shown(proxy) == ["b"]
    proxy.set_search("")
    stale = prepare([Line(1, "b", 2), Line(2, "a", 1)])
    proxy.sort(0, Qt.SortOrder.DescendingOrder)  # the user sorted again while it was read
    model.set_rows(stale)
    assert shown(proxy) == ["b", "a"]


def test_a_long_list_is_searched_and_filtered_in_a_worker_with_its_summary_and_sorting_keeps_the_summary(qtbot, monkeypatch):
    model, proxy = model_of([Line(n, name, n) for n, name in enumerate(["Brent", "Kilburn", "Brent Police", "Harrow"])])
    threads = []

    def summarise(rows):
        threads.append(threading.current_thread())
        return sum(r.amount for r in rows)

    model.summarise = summarise
    proxy.set_search("")
    assert model.summary == 6 and threads == [threading.main_thread()]  # a short list: at once
    monkeypatch.setattr(table_model, "FILTER_IN_BACKGROUND_ROWS", 2)
    monkeypatch.setattr(table_model, "SORT_IN_BACKGROUND_ROWS", 2)
    proxy.set_search("brent")
    assert model.working() and shown(proxy) == ["Brent", "Kilburn", "Brent Police", "Harrow"]  # shown as it was meanwhile
    proxy.set_predicate(lambda r: r.amount > 0)  # asked again before the answer: only the latest is shown
    qtbot.waitUntil(lambda: not model.working(), timeout=10_000)
    assert shown(proxy) == ["Brent Police"] and model.summary == 2
    assert threading.main_thread() not in threads[1:]
    del threads[:]
    proxy.set_predicate(None)
    qtbot.waitUntil(lambda: not model.working(), timeout=10_000)
    assert model.summary == 2 and len(threads) == 1
    proxy.sort(1, Qt.SortOrder.DescendingOrder)  # the same rows in another order: the summary holds
    qtbot.waitUntil(lambda: not model.working(), timeout=10_000)
    assert shown(proxy) == ["Brent Police", "Brent"] and model.summary == 2 and len(threads) == 1


def test_rows_made_ready_in_a_worker_come_narrowed_with_their_summary_unless_the_search_changed(qtbot):
    model, proxy = model_of([])
    model.summarise = lambda rows: [r.name for r in rows]
    proxy.set_search("b")
    prepare = model.prepared_rows()
    ready = prepare([Line(1, "b", 2), Line(2, "a", 1), Line(3, "a b", 0)])
    assert ready.shown == ready.rows[:1] + ready.rows[2:] and ready.summary == ["b", "a b"]
    model.set_rows(ready)
    assert shown(proxy) == ["b", "a b"] and model.summary == ["b", "a b"]
    stale = prepare([Line(1, "b", 2), Line(2, "a", 1)])
    proxy.set_search("a")  # the user searched again while it was read
    model.set_rows(stale)
    assert shown(proxy) == ["a"] and model.summary == ["a"]


def test_the_thread_that_sorts_long_lists_is_started_by_the_worker_that_read_one_not_the_window(monkeypatch):
    monkeypatch.setattr(table_model, "_jobs", None)
    model, _proxy = model_of([])
    prepare = model.prepared_rows()
    prepare([Line(n, "x", n) for n in range(10)])
    assert table_model._jobs is None  # a short list needs none
    reader = threading.Thread(target=prepare, args=([Line(n, "x", n) for n in range(1_001)],))
    reader.start()
    reader.join()
    assert table_model._jobs is not None


def test_columns_are_sized_by_the_longest_texts_the_loads_worker_picked_without_reading_the_rows_again(qtbot):
    from PySide6.QtWidgets import QTableView

    model, proxy = model_of([])
    rows = [Line(1000, "A much longer name than the rest", 1)] + [Line(n, "x" * (n % 7), n) for n in range(1000)]
    ready = model.prepared_rows()(rows)
    assert ready.longest[0][0] == "A much longer name than the rest"  # the sample holds the longest text
    assert len(ready.longest[0]) <= table_model.MEASURED_TEXTS
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    read = []
    columns = [Column("Name", lambda r: read.append(r) or r.name), Column("Amount", lambda r: read.append(r) or r.amount)]
    table_model.fit_columns(view, columns, rows, 400, texts=ready.longest)
    assert read == []  # measured from the worker's texts, not from the rows
    narrow = view.columnWidth(0)
    table_model.fit_columns(view, columns, rows, 400, texts=[["x"], ["1"]])
    assert view.columnWidth(0) < narrow


VALUES = st.one_of(st.none(), st.integers(-5, 5), st.decimals(-5, 5, places=2), st.text("aAbB ", max_size=3),
                   st.dates(date(2020, 1, 1), date(2020, 1, 9)), st.booleans())


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(VALUES, max_size=12), st.booleans(), st.sampled_from(["mixed", "text", "numbers"]),
       st.integers(1, 13))
def test_sorting_puts_blanks_first_then_numbers_then_text_and_keeps_equal_rows_in_order(values, descending, kind, piece):
    """Whatever pieces a long list is sorted in (`piece` rows each), the order is one stable sort's."""
    if kind == "text":
        values = [v for v in values if v is None or isinstance(v, str)]
    elif kind == "numbers":
        values = [v for v in values if isinstance(v, int | Decimal) and not isinstance(v, bool)]
    rows = [Line(n, "", v) for n, v in enumerate(values)]

    def ordered(row):  # blanks, then numbers, then text (dates as ISO text)
        key = sort_key(row.amount)
        return (0, 0) if key == "" else (1, key) if isinstance(key, int | float) else (2, str(key))

    expected = sorted(rows, key=ordered, reverse=descending)  # stable, as Python sorts
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    with patch.object(table_model, "SORT_PIECE_ROWS", piece):
        assert table_model._sorted([Column("Value", lambda r: r.amount)], rows, 0, order) == expected


def test_a_long_list_is_sorted_in_pieces_no_call_of_pythons_sort_given_more_than_a_piece(monkeypatch):
    """One call of Python's sort holds Python's lock throughout, the window's thread waiting: a
    long list is sorted in pieces, merged a row at a time, to the order one sort gives."""
    monkeypatch.setattr(table_model, "SORT_PIECE_ROWS", 50)
    given_rows = []

    def counted(iterable, **kwargs):
        items = list(iterable)
        given_rows.append(len(items))
        return sorted(items, **kwargs)

    monkeypatch.setattr(table_model, "sorted", counted, raising=False)
    rows = [Line(n, f"{n * 7919 % 101:03d}", n % 3) for n in range(1_000)]
    columns = [Column("Name", lambda r: r.name), Column("Amount", lambda r: r.amount)]
    for column in (0, 1):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            expected = sorted(rows, key=lambda r: (r.name, r.amount)[column], reverse=order == Qt.SortOrder.DescendingOrder)
            assert table_model._sorted(columns, rows, column, order) == expected
    assert given_rows and max(given_rows) == 50


@pytest.fixture
def finance(qtbot, db):
    tab = FinanceTab(db, None, today=TODAY)
    qtbot.addWidget(tab)
    tab.resize(1300, 850)
    tab.show()
    return tab


def test_expenditure_arrives_after_its_background_read_with_its_totals_searched_and_sorted(
        qtbot, db, finance, background_lists, monkeypatch):
    category = fin.list_categories(db)[0].id
    for day in range(12):
        fin.create_expense(db, fin.ExpenseFields(TODAY - timedelta(days=day), category, f"Payee {day}",
                                                 "Venue hire" if day % 3 == 0 else "Printing", Decimal(f"{day + 1}.50")))
    monkeypatch.setattr(table_model, "SORT_IN_BACKGROUND_ROWS", 5)  # twelve rows count as a long list here
    page = finance.expenditure
    finance.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == 12, timeout=10_000)
    assert page.totals.text() == "12 expenses: £84.00."
    page.search.setText("venue")
    assert page.proxy.rowCount() == 4
    assert page.totals.text() == "4 expenses: £24.00."  # 1.50 + 4.50 + 7.50 + 10.50
    page.table.selectRow(1)
    chosen = page.selected().id
    amount = [c.header for c in page.model.columns].index("Amount")
    page.table.sortByColumn(amount, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert [page.proxy.row_at(r).amount for r in range(4)] == [Decimal("10.50"), Decimal("7.50"), Decimal("4.50"),
                                                              Decimal("1.50")]
    assert page.selected().id == chosen  # the selection follows its record through the sort
    page.search.setText("nothing like this")
    assert "match the filter" in page.empty.text() and page.totals.text() == ""


def test_an_empty_expenditure_list_says_what_to_do(qtbot, finance, background_lists):
    page = finance.expenditure
    finance.sections.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert page.stack.currentWidget() is page.empty
    assert "No expenditure yet" in page.empty.text()


@pytest.mark.slow
def test_a_page_whose_last_read_outlasted_the_wait_does_not_hold_the_window_for_the_next(qtbot):
    from PySide6.QtWidgets import QWidget

    owner, shown = QWidget(), []
    qtbot.addWidget(owner)
    read = worker.LatestRead(owner, "expenses", shown.append, lambda exc: shown.append(exc))
    read.start(lambda: "quick", wait_ms=5_000)
    assert shown == ["quick"] and not read.loading()  # waited for: shown at once
    release = threading.Event()
    read.start(lambda: release.wait(10) and "ten years", wait_ms=50)
    assert read.loading() and shown == ["quick"]  # waited 50 ms, then left to arrive
    qtbot.wait(200)
    release.set()
    qtbot.waitUntil(lambda: not read.loading(), timeout=10_000)
    assert shown[-1] == "ten years"
    read.start(lambda: "the next", wait_ms=5_000)
    assert read.loading()  # the last read took longer than the wait: this one is not waited for
    qtbot.waitUntil(lambda: not read.loading(), timeout=10_000)
    read.start(lambda: "quick again", wait_ms=5_000)
    assert shown[-2:] == ["the next", "quick again"] and not read.loading()  # quick again: waited for again


def test_attendance_figures_are_worked_out_in_a_worker_and_arrive_when_ready(qtbot, db, monkeypatch):
    monkeypatch.setattr(worker, "QUICK_READ_MS", 0)
    release = threading.Event()
    real = at.attendance_monitoring

    def slow(*args, **kwargs):
        release.wait(10)  # ten years of registers take a while
        return real(*args, **kwargs)

    monkeypatch.setattr(at, "attendance_monitoring", slow)
    page = AttendanceMonitoringPage(db)
    qtbot.addWidget(page)
    page.show()  # returns at once, though nothing has been worked out yet
    assert page.loading()
    assert page.summary.text() == "Working out the attendance…"
    release.set()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert "No attendance recorded" in page.summary.text()  # the empty database says what to do
    assert page.by_org.rows == [] and not page.error.isVisible()


def test_only_the_latest_attendance_asked_for_is_shown(qtbot, db, monkeypatch):
    monkeypatch.setattr(worker, "QUICK_READ_MS", 0)
    page = AttendanceMonitoringPage(db)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    page.date_from.set_value(date(2020, 4, 1))
    page.date_to.set_value(date(2021, 3, 31))
    page.reload()
    page.date_from.set_value(date(2022, 4, 1))
    page.date_to.set_value(date(2023, 3, 31))
    page.reload()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert "01/04/2022 to 31/03/2023" in page.summary.text()


def test_section_11_cycles_and_grids_are_read_in_a_worker_and_arrive_when_ready(qtbot, db, background_lists):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.audits import section11 as s11
    from bscp_desktop.ui.audits.section11_page import Section11Page

    page = Section11Page(db, None, TODAY)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: not page.loading(), timeout=10_000)
    assert page.empty.isVisible() and not page.body.isVisible()  # the empty database says what to do
    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", OrganisationKind.LOCAL_AUTHORITY))
    older = s11.create_cycle(db, s11.CycleFields("2022-24", date(2022, 4, 1), date(2022, 6, 30)))
    newer = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    s11.add_agencies(db, newer.id, [council.id])
    qtbot.waitUntil(lambda: not page.loading() and page.grid_data is not None, timeout=10_000)  # the change notice
    assert page.body.isVisible() and page.selected_cycle().id == newer.id
    assert [a.organisation_name for a in page.grid_data.agencies] == ["Brent Council"]
    page.cycle_combo.setCurrentIndex(page.cycle_combo.findText(older.name))  # another cycle: its grid follows
    qtbot.waitUntil(lambda: not page.loading() and page.grid_data.agencies == (), timeout=10_000)
    assert older.name in page.summary.text()


def test_a_table_filled_while_measured_once_fits_its_columns_as_before(qtbot):
    """Its columns keep their modes and end as wide as their text, and the cells set meanwhile
    did not each measure the column again."""
    from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

    from bscp_desktop.ui.common.table_model import measured_once

    table = QTableWidget(0, 3)
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.resize(600, 300)
    table.show()
    modes = []
    with measured_once(table):
        table.setRowCount(3)
        for r in range(3):
            for c in range(3):
                table.setItem(r, c, QTableWidgetItem("a longer cell of text" * (c + 1) if r == 2 else "x"))
        modes = [header.sectionResizeMode(c) for c in range(3)]
    assert modes == [QHeaderView.ResizeMode.Interactive] * 3
    assert [header.sectionResizeMode(c) for c in range(3)] == [
        QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.ResizeToContents]
    qtbot.waitUntil(lambda: header.sectionSize(2) >= table.sizeHintForColumn(2))
    assert header.sectionSize(0) >= table.sizeHintForColumn(0)


def test_an_answer_arriving_after_its_page_was_deleted_is_dropped(qtbot):
    """A read, and a sort of a long list, that end after their page was deleted: the answer is
    carried by an object that outlives every page, and dropped, with nothing raised."""
    import shiboken6
    from PySide6.QtWidgets import QWidget

    owner, shown = QWidget(), []
    read = worker.LatestRead(owner, "expenses", shown.append, lambda exc: shown.append(exc))
    release, ended = threading.Event(), threading.Event()

    def job():
        release.wait(10)
        return "too late"

    read.start(job, wait_ms=0)
    shiboken6.delete(owner)  # the page closed, with its read
    assert not shiboken6.isValid(read)
    release.set()
    alive = QWidget()  # a page still open is answered as ever
    qtbot.addWidget(alive)
    later = worker.LatestRead(alive, "people", shown.append, lambda exc: shown.append(exc))
    later.start(lambda: ended.wait(10) and "in time", wait_ms=0)
    ended.set()
    qtbot.waitUntil(lambda: shown == ["in time"], timeout=5_000)
    assert shown == ["in time"]


def test_a_rate_shown_with_a_percent_sign_sorts_as_a_number():
    """'8%' comes before '50%' and '100%' (as text it would come last), blanks first."""
    from types import SimpleNamespace

    from bscp_desktop.ui.common.table_model import _sorted
    from bscp_desktop.ui.meetings.monitoring import _seat_columns
    from bscp_desktop.ui.yearly_report.engagement import COLUMNS

    for columns, field, scale in ((_seat_columns(), "rate", 0.01), (COLUMNS, "attendance_rate", 1)):
        at = next(i for i, c in enumerate(columns) if c.header == "Attendance rate")
        rows = [SimpleNamespace(**{field: None if p is None else p * scale}) for p in (100, 8, None, 50)]
        shown = [columns[at].value(r) for r in _sorted(columns, rows, at, Qt.SortOrder.AscendingOrder)]
        assert shown == ["", "8%", "50%", "100%"]
