"""The finance summary on screen, for a financial year or any period: contributions by partner
and expenditure by category with their totals (as the yearly report prints them), income,
spending and reserves, budget against actual, year on year, and the charts of income by
partner and spending by category (the very drawings the PDF prints, `reports.finance`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from bscp_desktop import jobs
from bscp_desktop.domain.finance import Period, year_label, year_of
from bscp_desktop.domain.finance_summary import FinanceSummary
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_change, format_money, total
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common.area_tab import output_button
from bscp_desktop.ui.common.chart_view import ChartView
from bscp_desktop.ui.common.columns import FullTextOnHover
from bscp_desktop.ui.common.editors import DateEdit
from bscp_desktop.ui.common.empty_choices import AddFirst
from bscp_desktop.ui.common.keys import tab_along
from bscp_desktop.ui.common.labels import SECTION_HEADING, larger_text, plain_label
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.messages import explain
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.outputs import job_actions, safe_file_name
from bscp_desktop.ui.common.table_model import as_tall_as_its_rows, tab_moves_on
from bscp_desktop.ui.common.turns import PartByPart
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.finance.dialogs import YearDialog
from bscp_desktop.ui.finance.tables import fill_table, fill_year_combo, table_texts, years_to_offer

if TYPE_CHECKING:
    from bscp_desktop.reports.charts import Chart

HEADING_STYLE = "color: #1F3A5F; padding-top: 8px;"  # its size follows the text size (`_heading`)
#: The button beside the first step of a period with no year set up in Finance (`first_step`).
NEW_YEAR = "New financial year…"


def first_step(year: int) -> str:
    """What to do first when no year of the period is set up in Finance (a new database): add
    the first of them, with the button beside these words or on Years and reserves."""
    return (f"Start by adding the financial year {year_label(year)}: press New financial year (it is on Years and "
            "reserves too). A year is also added when money is recorded in it.")


def summary_file_name(options: dict) -> str:
    """The finance summary's file name, for the year or period its options give ("Finance
    2023-24", "Finance 1 October 2022 to 31 March 2024"): the same from the page and File > Export."""
    if not options.get("year") and "date_from" not in options:  # the latest year with money, found as it is written
        return "Finance summary"
    return safe_file_name(f"Finance {options.get('year') or Period(options['date_from'], options['date_to']).label}")


def summary_table(name: str, headers: Sequence[str], rows: Sequence[Sequence[str]], bold_last: bool = False) -> QTableWidget:
    """A table sized to its rows (the page scrolls, not the table); amounts right-aligned. A
    label too long for its column (a partner's long name) wraps onto more lines, its row as
    tall as it needs at the column's width, so it is read in full without a mouse. Tab stops at
    the table (the arrow keys go from cell to cell, a screen reader reads each) and moves on."""
    table = QTableWidget(len(rows), len(headers))
    table.setObjectName(name)
    table.setAccessibleName(name)
    tab_moves_on(table)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    table.setWordWrap(True)
    table.setItemDelegate(FullTextOnHover(table))
    table.verticalHeader().hide()
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    fill_table(table, rows, bold_last)
    as_tall_as_its_rows(table)
    # the labels' column takes the room the amounts leave: its rows are measured again once the
    # columns have settled after any of them changed (the window resized, the page laid out)
    header.sectionResized.connect(lambda *_args: QTimer.singleShot(0, table, lambda: as_tall_as_its_rows(table)))
    table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return table


@dataclass(frozen=True)
class Block:
    """A heading, a note or a table of the summary, its text worked out in the worker thread
    that read the figures (`summary_parts`)."""

    kind: str  # "heading", "note", "first step" or "table" (`text` is then the table's name)
    text: str
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    bold_last: bool = True
    year: int | None = None  # of a first step: the financial year its button adds


def _table_block(name: str, headers: Sequence[str], rows: Sequence[Sequence[str]], bold_last: bool = True) -> Block:
    return Block("table", name, tuple(headers), tuple(map(tuple, rows)), bold_last)


def received_notes(s: FinanceSummary, today: date) -> list[str]:
    """What has been received of the contributions and what is still owed, as at `today`; for a
    period that has ended with other figures at its end, first those, in the words the finance
    report prints (`FinanceSummary.received_text`), so the page shows what the report says."""
    now = (s.received_total, s.outstanding_total)
    at_end = bool(s.period.end < today and s.outstanding_at_end_total
                  and (s.received_by_end_total, s.outstanding_at_end_total) != now)
    notes = [s.received_text(today)] if at_end else []
    if s.outstanding_total:
        notes.append(f"{format_money(s.received_total)} received so far; {format_money(s.outstanding_total)} still owed.")
    elif at_end:
        notes.append(f"{format_money(s.received_total)} received so far; nothing is still owed.")
    return notes


def summary_parts(s: FinanceSummary, today: date | None = None) -> list[list[Block]]:
    """What the page shows of a summary, in parts of one table each (with the heading and
    notes before it; the notes after the last table end the last part): the page adds a part
    per turn. Plain text only, so the worker that read the figures works it out. `today`
    (this computer's date when not given) tells whether the period has ended."""
    blocks: list[Block] = []
    if s.not_set_up_text and not s.years_set_up:  # nothing of the period set up: what to do first, above the figures
        first = s.period.years[0]
        blocks.append(Block("first step", f"{s.not_set_up_text} {first_step(first)}", year=first))
    blocks.append(Block("heading", s.contributions_heading))
    if s.partners:
        rows = [[p.organisation, format_money(p.agreed)] for p in s.partners]
        rows.append(["TOTAL", format_money(s.contributions_total)])
        blocks.append(_table_block("Contributions", ["Financial contribution", "Amount"], rows))
        blocks.extend(Block("note", text) for text in received_notes(s, today or date.today()))
    else:
        blocks.append(Block("note", "No cash contributions are recorded for this period."))
    if s.not_set_up_text and s.years_set_up:  # a year of the period never set up in Finance
        blocks.append(Block("note", s.not_set_up_text))
    for k in s.in_kind:
        value = f" (notional value {format_money(k.notional_value)})" if k.notional_value is not None else ""
        blocks.append(Block("note", f"{k.organisation} contributes in kind: {k.description}{value}. "
                                    "Not cash: not in the totals."))
    if s.other_income:
        blocks.append(Block("heading", f"Other income, {s.label}"))
        rows = [[r.label, format_money(r.amount)] for r in s.other_income]
        rows.append(["Total", format_money(s.other_income_total)])
        blocks.append(_table_block("Other income", ["Income", "Amount"], rows))
    blocks.append(Block("heading", s.spending_heading))
    if s.spending:
        rows = [[r.label, format_money(r.amount)] for r in s.spending]
        rows.append(["Total", format_money(s.spending_total)])
        blocks.append(_table_block("Expenditure", ["Expense", "Amount"], rows))
    else:
        blocks.append(Block("note", "No expenditure is recorded for this period."))
    blocks.append(Block("heading", "Income, expenditure and reserves"))
    blocks.append(_table_block("Reserves", ["Figure", "Amount"], [
        ["Total income", format_money(s.income_total)],
        ["Total expenditure", format_money(s.spending_total)],
        ["Underspend" if s.net >= 0 else "Overspend", format_money(abs(s.net))],
        *([label, format_money(amount)] for label, amount in s.reserves_rows),
    ], bold_last=False))
    blocks.extend(Block("note", text) for text in (s.reserves_text, *s.adjustment_texts))
    if s.budgets:
        blocks.append(Block("heading", f"Budget against actual, {s.years_label}"))
        rows = [[b.category, b.budget_text, format_money(b.actual), b.variance_text] for b in s.budgets]
        t = s.budgets_total  # no budget when no category has one, as the PDF and the Budgets page say it
        rows.append(["Total", t.budget_text, format_money(t.actual), t.variance_text])
        blocks.append(_table_block("Budget against actual", ["Category", "Budget", "Actual", "Against budget"], rows))
    if s.compare_years:
        before, now = (year_label(y) for y in s.compare_years)
        blocks.append(Block("heading", f"Year on year, {before} to {now}"))
        for first, rows_of in (("Partner", s.partner_changes), ("Category", s.category_changes)):
            if rows_of:
                rows = [[r.label, format_money(r.previous), format_money(r.current), format_change(r.change)]
                        for r in rows_of]
                rows.append(["Total", format_money(total(r.previous for r in rows_of)),
                             format_money(total(r.current for r in rows_of)),
                             format_change(total(r.change for r in rows_of))])
                blocks.append(_table_block(f"Year on year by {first.lower()}", [first, before, now, "Change"], rows))
    parts: list[list[Block]] = [[]]
    for block in blocks:
        parts[-1].append(block)
        if block.kind == "table":
            parts.append([])
    if not parts[-1] and len(parts) > 1:
        parts.pop()
    elif len(parts) > 1:  # notes after the last table end the last part
        parts[-2].extend(parts.pop())
    return parts


class SummaryPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today
        self.summary: FinanceSummary | None = None
        self.by_year = QRadioButton("Financial year:", self)
        self.by_period = QRadioButton("Period from:", self)
        self.by_year.setChecked(True)
        choice = QButtonGroup(self)
        choice.addButton(self.by_year)
        choice.addButton(self.by_period)
        self.year = QComboBox(self)
        self.year.setAccessibleName("Financial year of the summary")
        # a report period like the yearly report's: 1 October, eighteen months before the end
        # of the last full financial year
        last_full = year_of(today or date.today()) - 1
        self.date_from = DateEdit(self, date(last_full - 1, 10, 1))
        self.date_from.setAccessibleName("Period from")
        self.date_to = DateEdit(self, date(last_full + 1, 3, 31))
        self.date_to.setAccessibleName("Period to")
        self.show_button = QPushButton("Show", self)
        self.show_button.setAccessibleName("Show the summary")
        self.show_button.clicked.connect(self.reload)
        bar = WrappingRow()
        bar.addWidget(self.by_year)
        bar.addWidget(self.year)
        bar.addSpacing(16)
        bar.addWidget(self.by_period)
        bar.addWidget(self.date_from)
        to = QLabel("to", self)
        to.setBuddy(self.date_to)
        bar.addWidget(to)
        bar.addWidget(self.date_to)
        bar.addWidget(self.show_button)
        bar.addStretch(1)
        # the outputs write the figures on screen (`options`), their file named for the same period
        self.output_actions = job_actions(
            self, db, jobs.find("report", "finance"), ask=self.options,
            file_name=summary_file_name,
        )
        self.last_in_bar: QWidget = self.show_button  # Tab goes from it to the figures (`order_tabs`)
        for action in self.output_actions:
            button = output_button(action, self)
            bar.addWidget(button)
            self.last_in_bar = button
        self.error = plain_label("", self, wrap=True)  # the reason may quote what was typed
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        self.content = QWidget()
        self.top = QVBoxLayout()  # across both columns: the first step, while there is one
        self.left = QVBoxLayout()
        self.right = QVBoxLayout()
        columns = QHBoxLayout()
        whole = QVBoxLayout(self.content)
        whole.addLayout(self.top)
        whole.addLayout(columns, 1)
        columns.addLayout(self.left, 5)
        columns.addLayout(self.right, 6)
        # drawn in a worker thread once the figures are shown
        self.income_view = ChartView(self, "No income recorded for this period.", background=True)
        self.spending_view = ChartView(self, "No expenditure recorded for this period.", background=True)
        self.right.addWidget(self.income_view)
        self.right.addWidget(self.spending_view)
        self.right.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # it shows no focus: Tab goes to the tables in it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        self.reading_label = QLabel("Adding up the figures…", self)
        self.reading_label.setStyleSheet("color: #555555;")
        self.reading_label.hide()
        layout.addWidget(self.reading_label)
        layout.addWidget(scroll, 1)
        self.tables: dict[str, QTableWidget] = {}
        self.first_step: AddFirst | None = None  # shown while no year of the period is set up
        self.reading = LatestRead(self, "finance summary", self._arrived, self._read_failed)
        self.showing = PartByPart(self)  # the figures, a table per turn

        self.year.currentIndexChanged.connect(self._year_chosen)
        # choosing "Financial year:" or "Period from:" shows its figures (one toggle each way)
        self.by_period.toggled.connect(lambda _checked: self.reload())
        self.date_from.changed.connect(self._dates_changed)
        self.date_to.changed.connect(self._dates_changed)
        self.watch(db, RecordKind.FINANCE, RecordKind.MEMBERSHIPS, RecordKind.TRAINING, RecordKind.SETTINGS)
        self._stale = True
        # the year box shows a year asked for: one the officer chose, or the one the figures
        # came for. Filled at once with the years on record before the first figures arrive,
        # its first year is only a placeholder, not a choice.
        self._year_asked_for = False

    # ------------------------------------------------------------ the period
    def period(self) -> Period:
        if self.by_year.isChecked():
            start = self._wanted_year()
            return Period.year(start if start is not None else fin.latest_year(self.db, self.today))
        return fin.period_for(None, *self._dates())

    def _dates(self) -> tuple[date | None, date | None]:
        """The period's first and last dates as typed; a date that is not one is named by its
        box ("Period to: '31/02/2025' is not a date…")."""
        dates = []
        for box, label in ((self.date_from, "Period from"), (self.date_to, "Period to")):
            try:
                dates.append(box.value())
            except ValueError as exc:
                raise ValueError(f"{label}: {exc}") from None
        return dates[0], dates[1]

    def options(self) -> dict | None:
        """The report's options for the figures on screen: their year, or the dates of their
        period (while figures are being added up, those of the year or period they are for,
        the one chosen). None, with the reason shown, when the dates chosen are not a period."""
        try:  # the latest year with money is not looked for here, on the window's thread
            period = None if self.by_year.isChecked() and self._wanted_year() is None else self.period()
        except Exception as exc:
            self._fail(exc)
            return None
        if self.summary is not None and not self.reading.loading():
            period = self.summary.period
        if period is None:  # no figures shown yet: the output finds the latest year with money as it is written
            return {}
        if period.is_year:
            return {"year": period.label}
        return {"date_from": period.start, "date_to": period.end}

    def _wanted_year(self) -> int | None:
        """The year in the year box, when it is one asked for (None: the latest with money)."""
        return self.year.currentData() if self._year_asked_for else None

    def _year_chosen(self) -> None:
        self._year_asked_for = True
        self._choose(self.by_year)

    def _dates_changed(self) -> None:
        try:
            both = self.date_from.value() and self.date_to.value()
        except ValueError:
            if self.by_period.isChecked() and not self.error.isHidden():
                self.reload()  # what the period's error said is out of date: it names the box with no date now, as Show does
            return
        if both:
            self._choose(self.by_period)

    def _choose(self, button: QRadioButton) -> None:
        """Show the figures of the year or the period, `button` checked: checking it shows them."""
        if button.isChecked():
            self.reload()
        else:
            button.setChecked(True)  # by_period toggled: reload

    def _fail(self, exc: Exception) -> None:
        self.error.setText(explain(exc))
        self.error.show()

    # ------------------------------------------------------------ showing it
    def loading(self) -> bool:
        """True while the figures are being read, or shown a part at a time."""
        return self.reading.loading() or self.showing.busy()

    def reload(self) -> None:
        """Read the figures off the UI thread (a summary adds up every record of its years);
        the page shows them when they arrive, unless something newer was asked for since."""
        self._stale = False
        self.error.hide()
        by_year, wanted = self.by_year.isChecked(), self._wanted_year()
        try:
            dates = None if by_year else fin.period_for(None, *self._dates())
        except Exception as exc:
            self.reading.forget()  # figures still being read for what was asked before are not wanted
            self.reading_label.hide()
            self._fail(exc)
            return
        db, today = self.db, self.today
        if self.year.count() == 0:  # the years on record at once (a quick read); the one to show comes with the figures
            fill_year_combo(self.year, [y for _label, y in fin.year_choices(db)], -1)

        def read():
            from bscp_desktop.reports.finance import income_chart, spending_chart  # loads reportlab: not on the window's thread

            years, start = years_to_offer(db, wanted, today)
            s = fin.summary(db, dates or Period.year(start))
            return years, start, s, summary_parts(s, today), (income_chart(s) if s.income_chart else None,
                                                              spending_chart(s) if s.spending_chart else None)

        self.reading_label.show()
        self.reading.start(read)

    def _read_failed(self, exc: Exception) -> None:
        """The figures could not be read: only that is said, and why. Figures of an earlier
        read, and the charts' words for a period with no money ("No income recorded…"), are
        taken away, as they would say something about the period that is not known."""
        self.reading_label.hide()
        self.showing.stop()
        self.summary = None
        self._clear(self.top)
        self._clear(self.left)
        self.tables = {}
        self.first_step = None
        for view in (self.income_view, self.spending_view):
            view.hide()
        self.error.setText(f"The figures could not be read. {explain(exc)}")
        self.error.show()

    def _arrived(self, answer) -> None:
        years, start, summary, parts, charts = answer
        fill_year_combo(self.year, years, start)
        self._year_asked_for = True
        self._show(summary, parts, charts)

    def _show(self, summary: FinanceSummary, parts: list[list[Block]], charts: tuple[Chart | None, Chart | None]) -> None:
        """Show the figures a table per turn of the event loop (each with its heading and notes),
        then the charts, so the window answers in between; the page is loading until the last."""
        self.summary = summary
        self._clear(self.top)
        self._clear(self.left)
        self.tables = {}
        self.first_step = None
        self.showing.run([*(lambda part=part: self._add(part) for part in parts), lambda: self._charts(charts)],
                         then=self.reading_label.hide)  # "Adding up the figures…" until the last is shown

    def _add(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "heading":
                self._heading(block.text)
            elif block.kind == "note":
                self._note(block.text)
            elif block.kind == "first step":
                self._first_step(block.text, block.year)
            else:
                self._table(block.text, block.headers, block.rows, block.bold_last)

    def _charts(self, charts: tuple[Chart | None, Chart | None]) -> None:
        self.left.addStretch(1)
        for view, chart in ((self.income_view, charts[0]), (self.spending_view, charts[1])):
            view.set_chart(chart)
            view.show()  # hidden while figures could not be read
        self.order_tabs()

    def order_tabs(self) -> None:
        """Tab goes from the bar's last button down the tables on the left, then to the charts'
        "Show the numbers" on the right. The tables are made after the charts, each time figures
        are shown, so without this Tab would reach them last."""
        tab_along([self.last_in_bar, self.first_step.button if self.first_step is not None else None,
                   *self.tables.values(), self.income_view, self.spending_view])

    def _clear(self, layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def _heading(self, text: str) -> None:
        label = plain_label(text, wrap=True)  # may name an organisation or a category, as typed
        label.setStyleSheet(HEADING_STYLE)
        larger_text(label, SECTION_HEADING, bold=True)
        self.left.addWidget(label)

    def _note(self, text: str) -> None:
        label = plain_label(text, wrap=True)  # may name an organisation and what it gives, as typed
        label.setStyleSheet("color: #555555;")
        self.left.addWidget(label)

    def _first_step(self, text: str, year: int) -> None:
        """The sentence saying what to do first, with the button that does it (as a pick list
        with nothing to pick offers it: `empty_choices.AddFirst`)."""
        offer = AddFirst(text, NEW_YEAR, self.content)
        offer.button.setToolTip(f"Add the financial year {year_label(year)}")
        offer.button.clicked.connect(lambda: self.add_year(year))
        self.first_step = offer
        self.top.addWidget(offer)

    def year_dialog(self, year: int) -> YearDialog:
        """The new financial year's dialog, the year shown here filled in."""
        dialog = YearDialog(self.db, None, self, self.today)
        dialog.year.setText(year_label(year))
        return dialog

    def add_year(self, year: int) -> None:
        """Add the financial year shown: once saved, the summary is read again (a change notice)."""
        self.year_dialog(year).exec()

    def _table(self, name: str, headers: Sequence[str], rows: Sequence[Sequence[str]], bold_last: bool = True) -> None:
        table = summary_table(name, headers, rows, bold_last)
        self.tables[name] = table
        self.left.addWidget(table)

    def texts(self, name: str) -> list[list[str]]:
        return table_texts(self.tables[name])
