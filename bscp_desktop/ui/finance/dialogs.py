"""Add and edit dialogs of the Finance tab: contributions and the payments against them,
expenditure, other income, financial years, budgets, and categories with the team's settings.

Every amount is typed into a `MoneyEdit` and read by `domain.money`, so a dialog refuses a
negative amount, a fraction of a penny, text, NaN, infinity or more than £20 million beside
the field, naming it, before the service is asked (which checks again and writes nothing when
it refuses).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget

from bscp_desktop.domain.finance import MAX_OVERDUE_DAYS, ContributionKind, ContributorClass, year_label, year_of
from bscp_desktop.domain.money import MoneyError, NegativeMoney, format_money, total
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import access
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance.income_checks import CHARGES_COUNT_BY_THEMSELVES
from bscp_desktop.services.training.courses import session_choices
from bscp_desktop.ui.common.autosave import editor_text
from bscp_desktop.ui.common.editors import DateEdit, MoneyEdit, enum_combo, text_box
from bscp_desktop.ui.common.empty_choices import offer_to_add_first
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import WARNING_STYLE, as_typed, note_label, plain_label
from bscp_desktop.ui.common.messages import done
from bscp_desktop.ui.common.pickers import check_pick, new_organisation, organisation_picker, picker
from bscp_desktop.ui.common.settings_dialog import ShowsSettings
from bscp_desktop.ui.finance.income_charges import ChargesCountedWarning
from bscp_desktop.ui.finance.year_checks import before_every_year, year_check


def money_check(c: Checker, dialog: FormDialog, name: str, required: bool = False, positive: bool = False,
                negative: Callable[[str, str], str] | None = None):
    """Read a MoneyEdit of the dialog into the checker: the amount, or None with the reason (for
    a minus sign, `negative(label, as typed)` where given: the service's words, a refund is income)."""
    widget = dialog.fields[name]
    assert isinstance(widget, MoneyEdit)
    label = dialog.labels[name]
    try:
        amount = widget.value(label, required=required)
    except MoneyError as exc:
        c.add(name, negative(label, exc.shown) if negative and isinstance(exc, NegativeMoney) else str(exc))
        return None
    if positive and amount is not None and amount <= 0:
        c.add(name, f"{label} must be more than £0.00")
    return amount


# --------------------------------------------------------------------------- contributions



class ContributionDialog(FormDialog):
    """A partner's contribution for a year: cash (agreed, invoiced, paid) or in kind."""

    history_table = "contribution"

    def __init__(self, db, record: fin.ContributionDTO | None = None, parent=None, year: int | None = None,
                 today: date | None = None):
        title = f"Edit {record.organisation_name}'s {record.year_label} contribution" if record else "New contribution"
        super().__init__(title, parent, db=db, record=record)
        self.today = today or date.today()
        start = record.start_year if record else (year or year_of(self.today))
        self.year = self.add_field("financial_year", "Financial year", QLineEdit(year_label(start)),
                                   "1 April to 31 March, written as 2023/24")
        self.organisation = self.add_field(
            "organisation_id", "Organisation",
            organisation_picker(db, record.organisation_id if record else None, blank=None),
        )
        offer_to_add_first(
            self, "organisation_id", self.organisation, "No organisations yet: add the partner first.",
            "Add an organisation…", new_organisation(db), lambda: ms.organisation_choices(db),
        )
        self.kind = self.add_field("kind", "Kind", enum_combo(ContributionKind, record.kind if record else None))
        self.contributor = self.add_field(
            "contributor_class", "Contributor",
            enum_combo(ContributorClass, record.contributor_class if record else None,
                       blank="(from the organisation's kind)"),
            "Safeguarding partners are the local authority, the ICB and the police; others are relevant agencies.",
        )
        self.agreed = self.add_field("agreed", "Agreed amount", MoneyEdit(value=record.agreed if record else None))
        meetings = fin.meeting_choices(db, include=record.agreed_meeting_id if record else None)
        self.meeting = self.add_field(
            "agreed_meeting_id", "Agreed at",
            picker(meetings, record.agreed_meeting_id if record else None, blank="(meeting not recorded)"),
        )
        self.invoice_reference = self.add_field(
            "invoice_reference", "Invoice reference", QLineEdit(record.invoice_reference if record else "")
        )
        self.invoiced_on = self.add_field("invoiced_on", "Invoice date", DateEdit(value=record.invoiced_on if record else None))
        self.description = self.add_field(
            "in_kind_description", "Contribution in kind",
            text_box(record.in_kind_description if record else "", 60,
                     "For example: officer support for the partnership"),
        )
        self.notional = self.add_field(
            "notional_value", "Notional value",
            MoneyEdit(value=record.notional_value if record else None, placeholder="optional"),
            "What the contribution is worth; shown beside it, never counted as cash.",
        )
        self.notes = self.add_field("notes", "Notes", text_box(record.notes if record else "", 60))
        self.kind.currentIndexChanged.connect(self._show_kind)
        self._show_kind()

    def _in_kind(self) -> bool:
        return self.kind.currentData() is ContributionKind.IN_KIND

    def _on_save(self) -> None:
        if (not self.revalidate() or self.refused
                or before_every_year(self, start_year=fin.start_year_of(self.year.text()))):
            super()._on_save()

    def _show_kind(self) -> None:
        in_kind = self._in_kind()
        for name in ("agreed", "invoice_reference", "invoiced_on"):
            self.form.setRowVisible(self.fields[name].parentWidget(), not in_kind)
        for name in ("in_kind_description", "notional_value"):
            self.form.setRowVisible(self.fields[name].parentWidget(), in_kind)
        self.adjustSize()

    def check(self) -> dict[str, str]:
        c = Checker()
        year_check(c, self.year.text())
        check_pick(c, self.organisation, "organisation_id", "organisations", required=True)
        check_pick(c, self.meeting, "agreed_meeting_id", "meetings", required=False)
        if self._in_kind():
            c.required("in_kind_description", editor_text(self.description), "Contribution in kind", 2000)
            money_check(c, self, "notional_value")
        else:
            money_check(c, self, "agreed", required=True, positive=True)
            self.date_value("invoiced_on", c.errors)
        return c.errors

    def save(self) -> fin.ContributionDTO:
        in_kind = self._in_kind()
        fields = fin.ContributionFields(
            financial_year=self.year.text(),
            organisation_id=self.organisation.current_id(),
            kind=self.kind.currentData(),
            agreed=None if in_kind else self.agreed.text(),
            contributor_class=self.contributor.currentData(),
            agreed_meeting_id=self.meeting.current_id(),
            invoice_reference="" if in_kind else self.invoice_reference.text(),
            invoiced_on=None if in_kind else self.invoiced_on.value(),
            in_kind_description=editor_text(self.description) if in_kind else "",
            notional_value=self.notional.text() if in_kind else None,
            notes=editor_text(self.notes),
        )
        if self.record is None:
            return fin.create_contribution(self.db, fields, today=self.today)
        return fin.update_contribution(self.db, self.record.id, fields, today=self.today)


class PaymentDialog(FormDialog):
    """Money received against a contribution: all that is owed, or a part payment."""

    history_table = "contribution_payment"

    def __init__(self, db, contribution: fin.ContributionDTO, record: fin.PaymentDTO | None = None, parent=None,
                 today: date | None = None):
        super().__init__("Edit payment" if record else "Record a payment", parent, db=db, record=record)
        self.contribution = contribution
        today = today or date.today()
        owed = contribution.outstanding + (record.amount if record else 0)
        self.form.addRow(note_label(
            f"{contribution.organisation_name}, {contribution.year_label}: agreed {format_money(contribution.agreed)}, "
            f"received so far {format_money(contribution.received)}, still owed {format_money(contribution.outstanding)}."
        ))
        self.received_on = self.add_field("received_on", "Date received", DateEdit(value=record.received_on if record else today))
        self.amount = self.add_field(
            "amount", "Amount received", MoneyEdit(value=record.amount if record else owed),
            "Change it for a part payment; the rest stays owed.",
        )
        self.reference = self.add_field("reference", "Payment reference", QLineEdit(record.reference if record else ""))
        self.notes = self.add_field("notes", "Notes", text_box(record.notes if record else "", 50))

    def check(self) -> dict[str, str]:
        c = Checker()
        received = self.required_date("received_on", c.errors, "Date received is required (dd/mm/yyyy)")
        c.not_future("received_on", received, "Date received", date.today())
        money_check(c, self, "amount", required=True, positive=True)
        return c.errors

    def save(self) -> fin.PaymentDTO:
        fields = fin.PaymentFields(
            self.contribution.id, self.received_on.value(), self.amount.text(), self.reference.text(),
            editor_text(self.notes),
        )
        if self.record is None:
            return fin.record_payment(self.db, fields)
        return fin.update_payment(self.db, self.record.id, fields)


# --------------------------------------------------------------------------- expenditure


class ExpenseDialog(FormDialog):
    history_table = "expense"

    def __init__(self, db, record: fin.ExpenseDTO | None = None, parent=None, today: date | None = None):
        super().__init__("Edit expense" if record else "New expense", parent, db=db, record=record)
        today = today or date.today()
        self.spent_on = self.add_field("spent_on", "Date", DateEdit(value=record.spent_on if record else today),
                                       "The expense belongs to the financial year of this date.")
        categories = [(c.name, c.id) for c in fin.list_categories(db, include_archived=True)
                      if not c.archived or (record and c.id == record.category_id)]
        self.category = self.add_field("category_id", "Category", picker(categories, record.category_id if record else None))
        self.payee = self.add_field("payee", "Payee", QLineEdit(record.payee if record else ""))
        completer = QCompleter(fin.payees(db), self.payee)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.payee.setCompleter(completer)
        self.description = self.add_field("description", "Description", text_box(record.description if record else "", 50))
        self.amount = self.add_field("amount", "Amount", MoneyEdit(value=record.amount if record else None))
        self.sessions = {sid: label for label, sid in session_choices(db, [record.training_session_id] if record and record.training_session_id else [])}
        self.session = self.add_field(
            "training_session_id", "For the training session",
            picker([(label, sid) for sid, label in self.sessions.items()],
                   record.training_session_id if record else None, blank="(none)"),
            "Facilitator fees or venue hire for a session of the Training tab.",
        )
        self.case = self.add_field(
            "case_review_id", "For the case review",
            picker(cr.case_choices(db, [record.case_review_id] if record and record.case_review_id else [])
                   if access.can_read(db, "case_review") else [],  # a team database may keep them from this login
                   record.case_review_id if record else None, blank="(none)"),
            "The reviewer's fees for a practice review, for example.",
        )
        self.session.currentIndexChanged.connect(self._session_chosen)

    def _session_chosen(self) -> None:
        """A session with a cost fills in the amount when none is typed yet."""
        session_id = self.session.current_id()
        if session_id is None or self.amount.text().strip():
            return
        cost = fin.session_cost(self.db, session_id)
        if cost:
            self.amount.set_value(cost)

    def _on_save(self) -> None:
        if not self.revalidate() or self.refused or before_every_year(self, "spent_on"):
            super()._on_save()

    def check(self) -> dict[str, str]:
        c = Checker()
        self.required_date("spent_on", c.errors, "Date is required (dd/mm/yyyy)")
        check_pick(c, self.category, "category_id", "categories", required=True)
        c.required("payee", self.payee.text(), "Payee", 200)
        money_check(c, self, "amount", required=True, positive=True, negative=fin.refund_is_income)
        check_pick(c, self.session, "training_session_id", "training sessions", required=False)
        check_pick(c, self.case, "case_review_id", "case reviews", required=False)
        return c.errors

    def save(self) -> fin.ExpenseDTO:
        fields = fin.ExpenseFields(
            self.spent_on.value(), self.category.current_id(), self.payee.text(), editor_text(self.description),
            self.amount.text(), self.case.current_id(), self.session.current_id(),
        )
        if self.record is None:
            return fin.create_expense(self.db, fields)
        return fin.update_expense(self.db, self.record.id, fields)


class SessionCostsDialog(FormDialog):
    """The costs of training sessions (Training tab) not yet in the expenditure: tick the
    ones to record, each as an expense on the session's day, paid to its facilitator."""

    def __init__(self, db, parent=None, today: date | None = None):
        super().__init__("Training session costs", parent, db=db)
        self.today, self.costs = today, fin.session_costs_to_record(db, today)  # none after the end of next year
        self.form.addRow(note_label(
            "Training sessions with a cost that no expense is linked to yet. Tick the ones to record as expenses "
            "(each on the session's day, paid to its facilitator); leave a session unticked when its cost is "
            "already inside another expense line, such as an invoice covering several sessions. A session after "
            "the end of next financial year is offered once that year is near." if self.costs else
            "Every training session with a cost, up to the end of next financial year, is in the expenditure."
        ))
        self.sessions = QListWidget()
        self.sessions.setAccessibleName("Training sessions with a cost")
        self.sessions.setMinimumHeight(200)
        self.setMinimumWidth(720)
        for cost in self.costs:
            item = QListWidgetItem(f"{cost.label}: {format_money(cost.cost)} ({cost.year_label})", self.sessions)
            item.setToolTip(as_typed(f"Facilitator: {cost.facilitator}") if cost.facilitator else "No facilitator recorded")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, cost.session_id)
        self.sessions.itemChanged.connect(lambda _item: self.revalidate())
        self.form.addRow(QLabel("Sessions:"), self.sessions)
        self.labels["sessions"] = "Sessions (tick at least one)"
        categories = [(c.name, c.id) for c in fin.list_categories(db)]
        self.category = self.add_field("category_id", "Category", picker(categories, fin.default_training_category(db)))
        self.chosen_total = note_label("")
        self.form.addRow(self.chosen_total)
        self.sessions.setFocus(Qt.FocusReason.OtherFocusReason)  # opens on the list to tick, at the top

    def chosen(self) -> list[int]:
        items = (self.sessions.item(i) for i in range(self.sessions.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items if item.checkState() == Qt.CheckState.Checked]

    def _on_save(self) -> None:
        chosen = set(self.chosen())
        days = [cost.day for cost in self.costs if cost.session_id in chosen]
        if not self.revalidate() or self.refused or before_every_year(self, days=days):
            super()._on_save()

    def check(self) -> dict[str, str]:
        c = Checker()
        chosen = set(self.chosen())
        amount = total(cost.cost for cost in self.costs if cost.session_id in chosen)
        self.chosen_total.setText(f"{len(chosen)} session{'s' if len(chosen) != 1 else ''} ticked: "
                                  f"{format_money(amount)} to record.")
        if not chosen:
            c.add("sessions", "Tick at least one session")
        check_pick(c, self.category, "category_id", "categories", required=True)
        return c.errors

    def save(self) -> list[fin.ExpenseDTO]:
        return fin.record_session_costs(self.db, self.chosen(), self.category.current_id(), self.today)


class IncomeDialog(FormDialog):
    """Income other than contributions: a grant, a refund, charges not kept in the Training tab."""

    history_table = "other_income"

    def __init__(self, db, record: fin.IncomeDTO | None = None, parent=None, today: date | None = None):
        super().__init__("Edit income" if record else "New income", parent, db=db, record=record)
        today = today or date.today()
        self.received_on = self.add_field("received_on", "Date received",
                                          DateEdit(value=record.received_on if record else today))
        self.organisation = self.add_field(
            "organisation_id", "From",
            organisation_picker(db, record.organisation_id if record else None, blank="(no organisation)"),
        )
        self.description = self.add_field("description", "Description", QLineEdit(record.description if record else ""),
                                          CHARGES_COUNT_BY_THEMSELVES)
        self.amount = self.add_field("amount", "Amount", MoneyEdit(value=record.amount if record else None))
        self.charges = ChargesCountedWarning(self)  # a warning as the fields change, not an error: it may be other money

    def _on_save(self) -> None:
        if (not self.revalidate() or self.refused
                or (before_every_year(self, "received_on") and self.charges.save_anyway())):
            super()._on_save()

    def check(self) -> dict[str, str]:
        c = Checker()
        self.required_date("received_on", c.errors, "Date received is required (dd/mm/yyyy)")
        check_pick(c, self.organisation, "organisation_id", "organisations", required=False)
        c.required("description", self.description.text(), "Description", 2000)
        money_check(c, self, "amount", required=True, positive=True)
        return c.errors

    def save(self) -> fin.IncomeDTO:
        fields = fin.IncomeFields(self.received_on.value(), self.description.text(), self.amount.text(),
                                  self.organisation.current_id())
        if self.record is None:
            return fin.create_income(self.db, fields)
        return fin.update_income(self.db, self.record.id, fields)


# --------------------------------------------------------------------------- years and budgets


class YearDialog(FormDialog):
    """A financial year: the reserves carried into it, and a manual adjustment with its reason."""

    history_table = "financial_year"

    def __init__(self, db, record: fin.YearDTO | None = None, parent=None, today: date | None = None):
        super().__init__(f"Financial year {record.label}" if record else "New financial year", parent, db=db, record=record)
        fields = record.to_fields() if record else fin.YearFields()
        if record is None:
            today = today or date.today()
            # the years on record by their start alone: their balances are not needed here
            latest = max((start for _label, start in fin.year_choices(db)), default=year_of(today) - 1)
            self.year = self.add_field("financial_year", "Financial year", QLineEdit(year_label(latest + 1)),
                                       "Written as 2023/24. Years are also added by themselves when money is recorded in them.")
        else:
            self.form.addRow(note_label(
                f"Reserves carried forward from the year before: {format_money(record.carried_forward)}. "
                f"Opening balance: {format_money(record.opening)}; income {format_money(record.income)}; "
                f"expenditure {format_money(record.spending)}; closing balance {format_money(record.closing)}."
            ))
        self.adjustment = self.add_field(
            "adjustment", fin.ADJUSTMENT_LABEL, MoneyEdit(value=fields.adjustment or None, placeholder="none"),
            "To match the audited reserves, for example. Leave it blank when the carried-forward figure is right.",
        )
        self.direction = self.add_field("direction", fin.DIRECTION_LABEL, enum_combo(fin.AdjustmentDirection, fields.direction))
        self.reason = self.add_field("adjustment_reason", "Reason for the adjustment", text_box(fields.adjustment_reason, 50))
        self.notes = self.add_field("notes", "Notes", text_box(fields.notes, 60))
        # a deficit can be real, so it is saved: said, in the warning colour, not refused
        self.below_zero = plain_label("", self, wrap=True, name="Reserves below zero")
        self.below_zero.setStyleSheet(WARNING_STYLE)
        self.direction.parentWidget().layout().insertWidget(1, self.below_zero)  # under the choice, above its error
        for changed in (self.adjustment.textChanged, self.direction.currentIndexChanged):
            changed.connect(lambda *_: self.check())
        self.check()

    def check(self) -> dict[str, str]:
        c = Checker()
        if self.record is None:
            year_check(c, self.year.text())
        amount = fin.adjustment_amount(c, self.adjustment.text())  # the service's rule: a minus sign names the choice to make
        if amount and not editor_text(self.reason).strip():
            c.add("adjustment_reason", "Give the reason for the adjustment (for example the audited reserves figure)")
        carried = None if self.record is None else self.record.carried_forward  # a new year's: added up once saved
        opening = None if carried is None else carried + fin.signed_adjustment(amount or 0, self.direction.currentData())
        # the sign joined to the amount (a word joiner, U+2060): a wrapped line never ends with it
        self.below_zero.setText(f"This takes the reserves below zero: -\u2060{format_money(-opening)} on 1 April "
                                f"{self.record.start_year}." if opening is not None and opening < min(carried, 0) else "")
        self.below_zero.setVisible(bool(self.below_zero.text()))
        return c.errors

    def save(self) -> fin.SavedYear:  # the year saved, not its figures: the Years list reads them as it reloads
        fields = fin.YearFields(self.adjustment.text(), self.direction.currentData(), editor_text(self.reason),
                                editor_text(self.notes))
        if self.record is None:
            return fin.create_year(self.db, self.year.text(), fields, figures=False)
        return fin.update_year(self.db, self.record.id, fields, figures=False)


class BudgetsDialog(FormDialog):
    """The budget of every category for one year, saved together (blank: no budget)."""

    def __init__(self, db, start_year: int, parent=None):
        super().__init__(f"Budgets for {year_label(start_year)}", parent, db=db)
        self.start_year = start_year
        self.form.addRow(note_label("Leave a category blank for no budget. Spending without a budget counts as over it."))
        self.lines = fin.budget_lines(db, start_year)
        # an archived category shows its budget or spending that year: its budget may be cleared, not set
        self.archived = {c.id for c in fin.list_categories(db, include_archived=True) if c.archived}
        for line in self.lines:
            shown = f"{line.category} (archived)" if line.category_id in self.archived else line.category
            self.add_field(f"budget.{line.category_id}", f"Budget for {shown}", MoneyEdit(value=line.budget, placeholder="none"))

    def check(self) -> dict[str, str]:
        c = Checker()
        for line in self.lines:
            name = f"budget.{line.category_id}"
            amount = money_check(c, self, name)
            if line.category_id in self.archived and amount is not None and amount != line.budget:
                c.add(name, f"{line.category} is archived: restore it (Finance settings) to budget for it")
        return c.errors

    def save(self):
        amounts = {line.category_id: self.fields[f"budget.{line.category_id}"].text() for line in self.lines}
        return fin.set_budgets(self.db, self.start_year, amounts)


# --------------------------------------------------------------------------- settings


class FinanceSettingsDialog(ShowsSettings, FormDialog):
    """Expense categories (add, rename, reorder, archive) and when an unpaid invoice is overdue.
    Category changes are saved at once; the days are saved with Save (refused after someone
    else changed them: `ShowsSettings`)."""

    def __init__(self, db, parent=None):
        super().__init__("Finance settings", parent, db=db)
        settings = fin.load_settings(db)
        self.opened = settings.opened
        days = QSpinBox()
        days.setRange(1, MAX_OVERDUE_DAYS)
        days.setValue(settings.overdue_days)
        days.setSuffix(" days")
        self.days = self.add_field("overdue_days", "An unpaid invoice is overdue after", days,
                                   "Counted from the invoice date; overdue invoices are on the chase list.")
        self.categories = QListWidget()
        self.categories.setAccessibleName("Expense categories")
        self.categories.setMinimumHeight(170)
        buttons = QVBoxLayout()
        self.category_buttons: dict[str, QPushButton] = {}
        for text, slot in (("Add…", self.add_category), ("Rename…", self.rename_category),
                           ("Move up", lambda: self.move_category(-1)), ("Move down", lambda: self.move_category(1)),
                           ("Archive", self.archive_category), ("Restore", self.restore_category)):
            button = QPushButton(text)
            button.setAccessibleName(f"{text.rstrip('…')} category")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.category_buttons[text.rstrip("…")] = button
        buttons.addStretch(1)
        self.categories.currentRowChanged.connect(lambda _row: self._update_buttons())
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.categories, 1)
        row.addLayout(buttons)
        self.form.addRow(QLabel("Expense categories:"), box)
        self.form.addRow(note_label("Category changes are saved as you make them; Save keeps the days. Archived "
                                    "categories keep their expenses and budgets; new expenses cannot use them."))
        self._fill()

    def show_settings(self) -> None:
        settings = fin.load_settings(self.db)
        self.opened = settings.opened
        self.days.setValue(settings.overdue_days)
        self._fill()

    def _fill(self, select: int | None = None) -> None:
        self.categories.clear()
        for c in fin.list_categories(self.db, include_archived=True):
            text = c.name + (" (archived)" if c.archived else "") + (f": {c.expenses} expense{'s' if c.expenses != 1 else ''}" if c.expenses else "")
            item = QListWidgetItem(text, self.categories)
            item.setData(Qt.ItemDataRole.UserRole, c)
            if c.id == select:
                self.categories.setCurrentItem(item)
        texts = [self.categories.item(i).text() for i in range(self.categories.count())]
        widest = max((self.categories.fontMetrics().horizontalAdvance(t) for t in texts), default=0)
        self.categories.setMinimumWidth(min(widest + 40, 560))  # every name in full, up to a point
        self._update_buttons()

    def _update_buttons(self) -> None:
        """Each button only where it can do something to the chosen category."""
        c, row, last = self._selected(), self.categories.currentRow(), self.categories.count() - 1
        enabled = {"Add": True, "Rename": c is not None, "Move up": c is not None and row > 0,
                   "Move down": c is not None and row < last, "Archive": c is not None and not c.archived,
                   "Restore": c is not None and c.archived}
        for name, button in self.category_buttons.items():
            button.setEnabled(enabled[name])

    def _selected(self):
        item = self.categories.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _run(self, fn, *args, select=None) -> None:
        if not done(self, "Could not change the categories", lambda: fn(self.db, *args)):
            return
        self._fill(select)

    def add_category(self) -> None:
        name, ok = QInputDialog.getText(self, "New category", "Category name:")
        if ok and name.strip():
            self._run(fin.create_category, name)

    def rename_category(self) -> None:
        c = self._selected()
        if c is None:
            return
        name, ok = QInputDialog.getText(self, "Rename category", "Category name:", text=c.name)
        if ok:
            self._run(fin.rename_category, c.id, name, select=c.id)

    def move_category(self, steps: int) -> None:
        c = self._selected()
        if c is not None:
            self._run(fin.move_category, c.id, steps, select=c.id)

    def archive_category(self) -> None:
        c = self._selected()
        if c is not None and not c.archived:
            self._run(fin.archive_category, c.id, select=c.id)

    def restore_category(self) -> None:
        c = self._selected()
        if c is not None and c.archived:
            self._run(fin.restore_category, c.id, select=c.id)

    def save(self):
        return fin.save_settings(self.db, fin.FinanceSettings(self.days.value(), self.opened))


__all__ = [
    "BudgetsDialog",
    "ContributionDialog",
    "ExpenseDialog",
    "FinanceSettingsDialog",
    "IncomeDialog",
    "PaymentDialog",
    "SessionCostsDialog",
    "YearDialog",
]
