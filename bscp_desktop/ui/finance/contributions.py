"""The contributions page of the Finance tab (with the payments of the one selected below it)
and the chase list of invoices unpaid past their due date, each with its totals line.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from bscp_desktop.domain.finance import STATUS_COLOURS, ContributionKind
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import format_money, total
from bscp_desktop.services import finance as fin
from bscp_desktop.ui.common.file_import import FileImporter
from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.layout import WrappingRow
from bscp_desktop.ui.common.list_page import Filter, PageSpec, RecordListPage, offer_tool
from bscp_desktop.ui.common.messages import confirm, done, show_error
from bscp_desktop.ui.common.table_model import Column, attribute_columns, read_only_rows
from bscp_desktop.ui.finance.dialogs import ContributionDialog, FinanceSettingsDialog, PaymentDialog
from bscp_desktop.ui.finance.tables import FINANCE_KINDS, ArchivedKeptAsIs, TotalsMixin, year_filter


def _cash(c: fin.ContributionDTO) -> bool:
    return c.kind is ContributionKind.CASH


def status_colour(c: fin.ContributionDTO) -> QColor:
    return QColor(STATUS_COLOURS[c.status])


# --------------------------------------------------------------------------- contributions


def contribution_columns() -> list[Column]:
    owed = lambda c: c.outstanding if _cash(c) else None  # noqa: E731
    return [
        *attribute_columns(
            ("Year", "year_label"), ("Organisation", "organisation_name"), ("Contributor", "contributor_class"),
            ("Kind", "kind"),
        ),
        Column("Agreed", lambda c: c.agreed if _cash(c) else None, align_right=True),
        Column("Received", lambda c: c.received if _cash(c) else None, align_right=True),
        Column("Still owed", owed, align_right=True),
        Column("Status", lambda c: c.status, background=status_colour,
               tooltip=lambda c: f"{c.days_overdue} days overdue" if c.days_overdue else ""),
        Column("Invoice reference", lambda c: c.invoice_reference),
        Column("Invoiced on", lambda c: c.invoiced_on),
        Column("Due by", lambda c: c.due_on if _cash(c) and c.outstanding else None),
        Column("Days overdue", lambda c: c.days_overdue or None, align_right=True),
        Column("Agreed at", lambda c: c.agreed_meeting),
        Column("In kind", lambda c: c.in_kind_description.replace("\n", " ") if not _cash(c) else "",
               tooltip=lambda c: c.in_kind_description),
    ]


CONTRIBUTIONS = PageSpec(
    noun="contribution",
    kinds=(*FINANCE_KINDS, RecordKind.MEETINGS),
    columns=contribution_columns(),
    load=lambda db, q: fin.list_contributions(db, q["year"], include_archived=q.include_archived, today=q.today),
    empty_text="No contributions yet: press New contribution to record what a partner agreed to give, "
    "or import a list (Import contributions).",
    dialog=ContributionDialog,
    archive=fin.archive_contribution,
    restore=fin.restore_contribution,
    filters=(Filter("year", "Year:", year_filter, "All years"),),
    hidden_columns=("Contributor", "Agreed at"),  # shown with the selected contribution below the list
)


def contribution_totals(rows: Sequence[fin.ContributionDTO]) -> str:
    cash = [c for c in rows if _cash(c)]
    in_kind = len(rows) - len(cash)
    text = (
        f"{len(cash)} cash contribution{'s' if len(cash) != 1 else ''}: agreed {format_money(total(c.agreed for c in cash))}, "
        f"received {format_money(total(c.received for c in cash))}, "
        f"still owed {format_money(total(c.outstanding for c in cash))}."
    )
    if in_kind:
        text += f" {in_kind} contribution{'s' if in_kind != 1 else ''} in kind (not cash, not counted)."
    return text


def why_no_payment(c: fin.ContributionDTO | None) -> str:
    """Why no payment can be recorded against `c` ('' when one can)."""
    return ("Choose a contribution first." if c is None else
            "The contribution is in kind: it has no payments." if not _cash(c) else
            "The contribution is archived." if c.archived else
            "The contribution is paid in full." if c.outstanding <= 0 else "")


class PaymentsPanel(QWidget):
    """The payments received against the selected contribution."""

    def __init__(self, page: ContributionsPage):
        super().__init__(page)
        self.page = page
        self.heading = plain_label("", self, wrap=True)  # names the organisation, as typed
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Received on", "Amount", "Reference", "Notes"])
        read_only_rows(self.table, "Payments received", resize=QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_payment())
        self.record_button = QPushButton("Record a payment…", self)
        self.record_button.setAccessibleName("Record a payment")
        self.record_button.clicked.connect(page.record_payment)
        self.edit_button = QPushButton("Edit payment…", self)
        self.edit_button.setAccessibleName("Edit payment")
        self.edit_button.clicked.connect(self.edit_payment)
        self.archive_button = QPushButton("Archive payment", self)
        self.archive_button.setAccessibleName("Archive payment")
        self.archive_button.setToolTip("A payment recorded by mistake: it stays in the history")
        self.archive_button.clicked.connect(self.archive_payment)
        self.restore_button = QPushButton("Restore payment", self)
        self.restore_button.setAccessibleName("Restore payment")
        self.restore_button.clicked.connect(self.restore_payment)
        self.show_archived = QCheckBox("Show archived payments", self)
        self.show_archived.toggled.connect(lambda _on: self.show_for(self.contribution))
        buttons = WrappingRow()
        for button in (self.record_button, self.edit_button, self.archive_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_archived)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.payments: list[fin.PaymentDTO] = []
        self.contribution: fin.ContributionDTO | None = None
        self.table.itemSelectionChanged.connect(self._enable)

    def show_for(self, contribution: fin.ContributionDTO | None) -> None:
        self.contribution = contribution
        self.payments = []
        if contribution is None:
            self.heading.setText("Select a contribution to see the payments received against it.")
        elif not _cash(contribution):
            self.heading.setText(f"{contribution.organisation_name} contributes in kind: no payments.")
        else:
            try:
                self.payments = fin.list_payments(self.page.db, contribution.id,
                                                  include_archived=self.show_archived.isChecked())
            except Exception as exc:
                show_error(self, "Could not load the payments", exc)
            self.heading.setText(
                f"Payments from {contribution.organisation_name} for {contribution.year_label}: received "
                f"{format_money(contribution.received)} of {format_money(contribution.agreed)}; still owed "
                f"{format_money(contribution.outstanding)}."
                if self.payments else
                f"No payment from {contribution.organisation_name} for {contribution.year_label} yet: "
                f"{format_money(contribution.outstanding)} owed."
            )
        self.table.setRowCount(len(self.payments))
        for r, p in enumerate(self.payments):
            notes = f"(archived: not counted) {p.notes}".strip() if p.archived else p.notes
            for c, text in enumerate((f"{p.received_on:%d/%m/%Y}", format_money(p.amount), p.reference, notes)):
                item = QTableWidgetItem(text)
                if p.archived:
                    item.setForeground(QColor("#777777"))
                if c == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self._enable()

    def selected_payment(self) -> fin.PaymentDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.payments[rows[0].row()] if rows else None

    def _enable(self) -> None:
        """Offer what can be done with the chosen contribution and payment; each button not
        offered says why."""
        c = getattr(self, "contribution", None)
        offer_tool(self.record_button, why_no_payment(c))
        chosen = self.selected_payment()
        choose = ("Choose a contribution first." if c is None else
                  "The contribution is in kind: it has no payments." if not _cash(c) else
                  "No payment is recorded against the contribution yet." if not self.payments else
                  "Choose a payment first.")
        offer_tool(self.edit_button, choose if chosen is None else
                                  "The payment is archived: restore it to change it." if chosen.archived else "")
        offer_tool(self.archive_button, choose if chosen is None else
                                  "The payment is already archived." if chosen.archived else "")
        offer_tool(self.restore_button, choose if chosen is None else "" if chosen.archived else
                                  "The payment is not archived: only an archived one can be restored.")

    def edit_payment(self) -> None:
        payment = self.selected_payment()
        if payment is not None and self.contribution is not None:
            PaymentDialog(self.page.db, self.contribution, payment, self, today=self.page.today).exec()

    def archive_payment(self) -> None:
        payment = self.selected_payment()
        if payment is None:
            return
        if confirm(self, "Archive payment", f"Archive {payment.name}? It stays in the history and no longer "
                   "counts as received."):
            done(self, "Could not archive the payment", lambda: fin.archive_payment(self.page.db, payment.id))

    def restore_payment(self) -> None:
        """Count an archived payment again (refused if the contribution would be overpaid)."""
        payment = self.selected_payment()
        if payment is None or not payment.archived:
            return
        done(self, "Could not restore the payment", lambda: fin.restore_payment(self.page.db, payment.id))


class ContributionsPage(ArchivedKeptAsIs, TotalsMixin, RecordListPage):
    """Contributions by year; the selected one's payments below; a total line under the list."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, CONTRIBUTIONS, parent, today=today)
        self.year_combo = self.filters["year"]
        self.payment_action = self.add_tool("Record a payment…", self.record_payment,
                                       "Money received against the selected contribution (all or part)")
        self.toolbar.addSeparator()
        self.importer = FileImporter(db, self, "contributions", "Import contributions",
                                     ("contribution", "contributions"), "Blank contributions template",
                                     "Contributions import template.xlsx")
        self.add_tool("Import contributions…", self.importer.choose_file,
                 "Add or update contributions from a spreadsheet: checked first, all or nothing")
        self.add_tool("Blank template…", self.importer.save_template,
                 "Save an empty contributions file with the columns the import reads")
        self.add_tool("Finance settings…", lambda: FinanceSettingsDialog(db, self).exec(),
                 "Expense categories, and the days after which an unpaid invoice is overdue")
        self.payments = PaymentsPanel(self)
        self.splitter = self.show_below(self.payments, (3, 1))
        self.add_totals_line(contribution_totals)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.payments.show_for(self.selected()))

    def new_dialog(self, parent):
        return ContributionDialog(self.db, None, parent, year=self.year_combo.currentData(), today=self.today)

    def edit_dialog(self, parent, row):
        return ContributionDialog(self.db, row, parent, today=self.today)

    def loaded(self) -> None:
        self.payments.show_for(self.selected())

    def update_actions(self, row) -> None:
        super().update_actions(row)  # Edit not offered for an archived contribution
        self.offer_tool(self.payment_action, why_no_payment(row))

    def payment_dialog(self) -> PaymentDialog | None:
        row = self.selected()
        if row is None or not _cash(row) or row.archived or row.outstanding <= 0:
            return None
        return PaymentDialog(self.db, row, None, self, today=self.today)

    def record_payment(self) -> None:
        dialog = self.payment_dialog()
        if dialog is not None:
            dialog.exec()


# --------------------------------------------------------------------------- chase list


CHASE = PageSpec(
    noun="overdue invoice",
    kinds=FINANCE_KINDS,
    columns=[
        *attribute_columns(
            ("Organisation", "organisation_name"), ("Year", "year_label"), ("Invoice reference", "invoice_reference"),
            ("Invoiced on", "invoiced_on"), ("Due by", "due_on"), ("Days overdue", "days_overdue"),
            ("Agreed", "agreed"), ("Received", "received"), ("Still owed", "outstanding"),
            right=("Days overdue", "Agreed", "Received", "Still owed"),
        ),
        Column("Status", lambda c: c.status, background=status_colour),
    ],
    load=lambda db, q: fin.chase_list(db, today=q.today),
    empty_text="Nothing to chase: no invoice is unpaid past its due date.",
)


class ChaseListPage(TotalsMixin, RecordListPage):
    """Invoices unpaid longer than the team allows, the longest overdue first."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__(db, CHASE, parent, today=today)
        overdue = [c.header for c in CHASE.columns].index("Days overdue")
        self.table.sortByColumn(overdue, Qt.SortOrder.DescendingOrder)  # whom to chase first at the top
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.layout().insertWidget(2, self.note)
        self.payment_action = self.add_tool("Record a payment…", self.record_payment,
                                       "Money received against the selected invoice (all or part)")
        self.add_totals_line(lambda rows: f"{len(rows)} overdue invoice{'s' if len(rows) != 1 else ''}: "
                             f"{format_money(total(c.outstanding for c in rows))} to chase.")

    def read_more(self, db, shown):
        return fin.load_settings(db).overdue_days  # in the load's worker thread

    def loaded(self) -> None:
        days = self.more  # None when the load failed (said already)
        self.note.setText(
            f"An invoice is overdue when it is not paid in full {days} days after its invoice date "
            "(change this in Finance settings on the Contributions page)." if days is not None else ""
        )

    def activate(self, row) -> None:
        self.record_payment()

    def update_actions(self, row) -> None:
        self.offer_tool(self.payment_action, "Choose an overdue invoice first." if row is None else "")

    def record_payment(self) -> None:
        row = self.selected()
        if row is not None:
            PaymentDialog(self.db, row, None, self, today=self.today).exec()
