"""No-show and late-cancellation charges: every chargeable booking of a period with its
amount, by organisation, waived charges with their reason, and the totals due.

The charges are worked out in a worker thread; the chargeable bookings (a thousand in a year of
a busy programme) are shown through a table model, so showing them never holds the window up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget

from bscp_desktop.domain.dates import financial_year_of
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.training import Period, told_apart
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import charges as ch
from bscp_desktop.ui.common.columns import keep_full_text
from bscp_desktop.ui.common.editors import refill_combo
from bscp_desktop.ui.common.keys import tab_along
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import MAX_COLUMN_WIDTH, offer_tool
from bscp_desktop.ui.common.messages import done, show_error
from bscp_desktop.ui.common.notices import ReloadsWhenShown
from bscp_desktop.ui.common.table_model import Column, RecordTableModel, fit_columns, read_only_rows
from bscp_desktop.ui.common.worker import LatestRead
from bscp_desktop.ui.training.booking_dialogs import WaiveDialog
from bscp_desktop.ui.training.figures import fill, read_only_table
from bscp_desktop.ui.training.period import LAST_QUARTER, LAST_YEAR, THIS_QUARTER, THIS_YEAR, PeriodBar, offer_recent_years_later

LINE_COLUMNS = [
    Column("Organisation", lambda ln: ln.organisation), Column("Delegate", lambda ln: ln.delegate_name),
    Column("Email", lambda ln: ln.delegate_contact),  # two delegates of one name are told apart
    Column("Course", lambda ln: ln.course_title), Column("Session", lambda ln: ln.starts_at),
    Column("Charge", lambda ln: ln.kind.label), Column("Cancelled on", lambda ln: ln.cancelled_on),
    Column("Amount", lambda ln: ln.amount, align_right=True),
    Column("Waived (reason)", lambda ln: ln.waiver_reason if ln.waived else ""),
    Column("Due", lambda ln: ln.due, align_right=True),
]


def _group(statement: ch.Statement) -> tuple:
    """The organisation a statement is for, as its bookings give it (`ChargeLine.group`)."""
    return statement.lines[0].group if statement.lines else ("text", statement.organisation)


class ChargesPage(ReloadsWhenShown, QWidget):
    def __init__(self, db, parent: QWidget | None = None, on_rates=None):
        super().__init__(parent)
        self.db = db
        self.report: ch.ChargesReport | None = None
        self.period_bar = PeriodBar([THIS_YEAR, LAST_YEAR, THIS_QUARTER, LAST_QUARTER], THIS_YEAR)
        self.organisation = QComboBox(self)
        self.organisation.setAccessibleName("Organisation")
        self._fit_organisation = keep_full_text(self.organisation)  # as wide as its choice, as every filter is
        self.waive_button = QPushButton("Waive charge…", self)
        self.reinstate_button = QPushButton("Charge again", self)
        self.rates_button = QPushButton("Charges per year…", self)
        self.rates_button.setToolTip("What a no-show and a late cancellation cost, per financial year")
        if on_rates is not None:
            self.rates_button.clicked.connect(on_rates)
        top = WrappingRow()
        top.addWidget(self.period_bar)
        caption = QLabel("Organisation:", self)
        caption.setBuddy(self.organisation)
        top.addWidget(caption)
        top.addWidget(self.organisation)
        top.addStretch(1)
        for button in (self.waive_button, self.reinstate_button, self.rates_button):
            top.addWidget(button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.totals = read_only_table(["Organisation", "No-shows", "Late cancellations", "Waived", "Due"],
                                      "Totals by organisation")
        self.empty = QLabel("No chargeable bookings (no-shows or late cancellations) in this period.", self)
        self.empty.setStyleSheet("color: #555555; padding: 8px;")
        self._labels: dict[tuple, str] = {}  # each statement's organisation as labelled apart (`_show`)
        self.columns = [Column("Organisation", lambda ln: self._labels.get(ln.group, ln.organisation)), *LINE_COLUMNS[1:]]
        self.model = RecordTableModel(self.columns, self)
        self.model.muted = lambda ln: ln.waived
        self.table = read_only_rows(QTableView(self), "Chargeable bookings", sort=True)
        self.table.setModel(self.model)
        self._sized = False
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.totals)
        layout.addWidget(self.empty, 1, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.table, 1)
        # Tab goes along the top row as it shows, then down to the totals and the bookings
        tab_along([self.period_bar, self.organisation, self.waive_button, self.reinstate_button, self.rates_button,
                   self.totals, self.table])
        self._defaulted = self._choosing_year = False
        self.reading = LatestRead(self, "charges", self._show, self._failed)
        self.period_bar.changed.connect(lambda _p: self.reload())
        self.organisation.currentIndexChanged.connect(lambda _i: self._show_lines())
        self.waive_button.clicked.connect(self.waive)
        self.reinstate_button.clicked.connect(self.reinstate)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        self.watch(db, RecordKind.TRAINING, RecordKind.MEMBERSHIPS, RecordKind.SETTINGS)
        self.refresh()

    def loading(self) -> bool:
        """True while the page is being read in the background."""
        return self._choosing_year or self.reading.loading()

    def reload(self) -> None:
        if not self._defaulted:  # first, the latest year in which sessions ran is chosen
            self._defaulted = self._choosing_year = True
            offer_recent_years_later(self, self.period_bar, self.db, self.reload)
            return
        self._choosing_year = False
        db, period = self.db, self.period_bar.period
        self.reading.start(lambda: (period, ch.charges_report(db, period.start, period.end)))

    def _failed(self, exc) -> None:
        show_error(self, "Could not work out the charges", exc)

    def _show(self, answer: tuple[Period, ch.ChargesReport]) -> None:
        period, report = answer
        self.report = r = report
        # a name typed in bookings beside an organisation of that name is labelled apart from it (the
        # totals, the choice and the bookings), as the charges PDF labels it, and chooses its own
        # bookings only (each statement's group)
        labels = told_apart([(s.organisation, s.sector) for s in r.statements])
        self._labels = {_group(s): label for label, s in zip(labels, r.statements, strict=True)}
        refill_combo(self.organisation, [(label, _group(s)) for label, s in zip(labels, r.statements, strict=True)],
                     ("All organisations", None))
        self._fit_organisation()  # refilled with its signals blocked, it fits its choice here
        fill(self.totals, [[label, s.no_shows, s.late_cancellations, format_money(s.total_waived),
                            format_money(s.total_due)] for label, s in zip(labels, r.statements, strict=True)]
             + [["Total", sum(s.no_shows for s in r.statements), sum(s.late_cancellations for s in r.statements),
                 format_money(r.total_waived), format_money(r.total_due)]], fit=True)
        # the totals take at most eight rows' height (then scroll): the chargeable bookings keep room below
        cap = self.totals.horizontalHeader().sizeHint().height() + 8 * self.totals.verticalHeader().defaultSectionSize() + 6
        if self.totals.minimumHeight() > cap:
            self.totals.setFixedHeight(cap)
        rates = [x for x in r.rates  # those of the financial years the period falls in
                 if financial_year_of(period.start) <= x.financial_year <= financial_year_of(period.end)]
        words = [f"{period.label}: {len(r.lines)} chargeable booking{'s' if len(r.lines) != 1 else ''}, "
                 f"{format_money(r.total_due)} due."]
        words += [f"{x.label}: no-show {format_money(x.no_show)}, late cancellation {format_money(x.late_cancellation)}."
                  for x in rates]
        if r.missing_rates_note:
            words.append(r.missing_rates_note + " Set them with Charges per year.")
        self.summary.setText(" ".join(words))
        self._show_lines()

    def _show_lines(self) -> None:
        if self.report is None:
            return
        chosen = self.organisation.currentData()
        self.model.set_rows([ln for ln in self.report.lines if chosen is None or ln.group == chosen])
        if self.lines and not self._sized:
            self._sized = True
            fit_columns(self.table, self.columns, self.lines, MAX_COLUMN_WIDTH)  # long names cut short, whole on hover
        self.empty.setVisible(not self.lines)
        self.table.setVisible(bool(self.lines))
        self.totals.setVisible(bool(self.report.lines))
        self._update_buttons()

    def _chosen(self) -> ch.ChargeLine | None:
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()] if rows and rows[0].row() < len(self.lines) else None

    def _update_buttons(self) -> None:
        """Waive a charge that stands; charge again one that was waived; neither without a choice."""
        line = self._chosen()
        choose = "Choose a chargeable booking first."
        offer_tool(self.waive_button, choose if line is None else
                                  "The charge is already waived." if line.waived else "")
        offer_tool(self.reinstate_button, choose if line is None else "" if line.waived else
                                  "This charge stands: only a waived charge can be charged again.")

    @property
    def lines(self) -> list[ch.ChargeLine]:
        """The chargeable bookings listed, in the order shown."""
        return self.model.shown

    def selected_line(self) -> ch.ChargeLine | None:
        line = self._chosen()
        if line is None:
            QMessageBox.information(self, "Charges", "Select a chargeable booking first.")
        return line

    def waive(self) -> None:
        line = self.selected_line()
        if line is not None:
            WaiveDialog(self.db, bk.get_booking(self.db, line.booking_id), self).exec()

    def reinstate(self) -> None:
        line = self.selected_line()
        if line is not None and line.waived:
            done(self, "Could not charge again", lambda: bk.reinstate_charge(self.db, line.booking_id))
