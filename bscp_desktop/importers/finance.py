"""Importing partner contributions and expenditure: all or nothing, every bad row reported.

Contributions (template columns in order): Financial year, Organisation, Kind, Agreed,
Invoiced on, Received, Received on, Description (what an in-kind contribution gives, required).
Expenditure: Date, Category, Payee, Description, Amount. Money may be a number cell or text
with £ and commas; dates dd/mm/yyyy, what people type (1/4/24, 1 April 2024) or date cells.

Rules:
* The whole file is saved in one transaction, or nothing is: a dry run does every step and
  then rolls back, so it reports exactly what an import would do.
* An organisation is matched by its name or short name (any case), else by a name or short
  name it had before a rename (the report says which; one two organisations had is refused);
  one not yet in Memberships is created (kind Other) and listed in the report; an archived one
  is never added a second time. A row for an archived organisation (or, in expenditure, an
  archived category) that matches what is on record is unchanged; one that would add or
  change something is refused (restore it first).
* The Contributions sheet of the program's own finance workbook imports as it is: its
  "Contributor" column is the contributor class, "Last received on" the date received, its total
  line (Total, no organisation) left out. So does its Expenditure sheet, less its Total line.
* Importing the same file again changes nothing. A contribution is matched by financial
  year, organisation and kind; "Received" is the total received so far, and only the
  difference from what is already recorded is added as a payment. Expenditure lines are
  matched on date, category, payee, description and amount (a file may hold identical lines:
  two payments alike). A new line repeating an earlier row of the file in all five is added, and
  the report names it and the row it repeats, in case a row was copied twice.
  A new line that matches a line on record no row of the file names, in everything but the
  amount, or in everything but the payee or description (the same date, category and amount), is
  most likely a correction: it is added all the same, and the report names it beside the line on
  record (correct the line in the Finance tab instead; `importers.expenditure_corrections`). So
  is, in a file holding records already on record (a workbook exported and edited), a new line
  matching one in everything but the date, and a new paid contribution whose organisation and
  kind have a paid one in another year, where no row names that one.
* A row matching a contribution or line archived in the Finance tab is left as it is, never
  added a second time, and named in the report (restore it to count it); a row that would
  change an archived contribution is refused. A Received that differs from the total on record
  by an archived payment alone (one that bounced, say), or by all of them, is left as it is too,
  and named: the payment is not recorded a second time.
* A blank cell never clears a value already held.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlalchemy.orm import Session

from bscp_desktop.domain.finance import ContributionKind, parse_choice, year_label
from bscp_desktop.domain.finance_headings import RECEIVED_SO_FAR
from bscp_desktop.domain.memberships import OrganisationKind, name_key
from bscp_desktop.domain.money import ZERO, MoneyError, NegativeMoney, format_money, parse_money
from bscp_desktop.domain.validation import ValidationError, clean_text
from bscp_desktop.importers.expenditure_corrections import changed_amount, changed_date, changed_names, named_line
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.tabular import FieldSpec, Progress, Table, cell_date, cell_value, listed
from bscp_desktop.importers.total_lines import without_total_lines
from bscp_desktop.services import finance as fin
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.finance.contributions import DESCRIBE_IN_KIND, MORE_THAN_AGREED, archived_payments_in
from bscp_desktop.services.finance.spending import categories_loaded, refund_is_income

CONTRIBUTION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("financial_year", "Financial year", ("year", "fy", "financial year label"), required=True),
    # not "contributor": the contributor class column's heading (the program's own workbook has both)
    FieldSpec("organisation", "Organisation", ("organization", "partner", "agency", "organisation name", "organization name", "contributing organisation"), required=True),
    FieldSpec("kind", "Kind", ("type", "cash or in kind", "contribution type", "kind of contribution")),
    FieldSpec("agreed", "Agreed", ("agreed amount", "amount agreed", "contribution", "amount")),
    FieldSpec("invoiced_on", "Invoiced on", ("invoice date", "date invoiced", "invoiced")),
    FieldSpec("received", "Received", ("amount received", "received amount", "paid", "amount paid", RECEIVED_SO_FAR)),
    FieldSpec("received_on", "Received on", ("date received", "received date", "paid on", "date paid", "last received on")),
    FieldSpec("description", "Description", ("in kind description", "description of contribution", "description in kind")),
    # accepted when present, not in the template
    FieldSpec("_invoice_reference", "Invoice reference", ("invoice number", "invoice no", "invoice ref")),
    FieldSpec("_contributor_class", "Contributor", ("contributor class", "class", "partner or agency")),
    FieldSpec("_notional_value", "Notional value", ("value in kind", "notional", "notional value in kind not cash")),
    FieldSpec("_notes", "Notes", ("note", "comments", "comment")),
)

EXPENDITURE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("date", "Date", ("date paid", "paid on", "spent on", "payment date", "invoice date"), required=True),
    FieldSpec("category", "Category", ("expense", "expense category", "budget heading", "heading"), required=True),
    # required, as every expenditure line names who was paid (`services.finance.spending`)
    FieldSpec("payee", "Payee", ("paid to", "supplier", "supplier name", "vendor"), required=True),
    FieldSpec("description", "Description", ("details", "item", "what for", "narrative")),
    FieldSpec("amount", "Amount", ("cost", "amount paid", "value", "amount £", "total", "net amount"), required=True),
)


#: The service's words for a field whose column the file heads otherwise: {field: (the
#: service's words, the key of the file's column)}; for a contribution, and for its payment.
_CONTRIBUTION_WORDS = {
    "agreed": ("Agreed amount", "agreed"),
    "invoiced_on": ("Invoice date", "invoiced_on"),
    "in_kind_description": ("Contribution in kind", "description"),
}
#: The service's messages said of a blank cell: {message: the key of the file's column}
_BLANK_CELLS = {DESCRIBE_IN_KIND: "description"}
_PAYMENT_WORDS = {"amount": ("Amount received", "received"), "received_on": ("Date received", "received_on")}
_HEADINGS = {spec.key: spec.label for spec in CONTRIBUTION_FIELDS}


def _not_a_reduction(label: str, shown: str) -> str:
    """A minus sign in a contribution's Agreed or Received: each is a total, so a reduction is the new total."""
    total = "the amount agreed for the year" if label == "Agreed" else "the total received so far"
    lower = ("to lower it, give the new, lower amount" if label == "Agreed" else
             "money paid back is corrected in the contribution's payments in the Finance tab")
    return f"{label} {shown} cannot be negative: give {total}; {lower}"


def _in_file_words(errors: dict[str, str], words: dict[str, tuple[str, str]]) -> list[str]:
    """The service's messages, each field named by its column's heading in the file
    ("Invoiced on", where the window's field is "Invoice date")."""
    found = []
    for name, message in errors.items():
        said, key = words.get(name, ("", ""))
        if message in _BLANK_CELLS:  # "Description is blank: describe the contribution in kind (…)"
            said, message = "", f"{_HEADINGS[_BLANK_CELLS[message]]} is blank: {message[:1].lower()}{message[1:]}"
        found.append(message.replace(said, _HEADINGS[key], 1) if said else message)
    return found


class _DryRun(Exception):
    """Raised at the end of a dry run so the unit of work rolls everything back."""


class _Rows:
    """Collects each row's problems; the report lists them by row number."""

    def __init__(self, report: ImportReport):
        self.report = report
        self.errors: list[str] = []

    def add(self, message: str) -> None:
        self.errors.append(message)

    def money(self, cells: dict[str, str], key: str, label: str, required: bool,
              negative: Callable[[str, str], str] | None = None) -> Decimal | None:
        """The amount in the cell, or None with the reason; `negative(label, shown)` says what to
        give instead of a minus sign where dropping the sign alone would record the wrong thing."""
        try:
            return parse_money(cell_value(cells, key), label, required=required)  # control characters dropped
        except NegativeMoney as exc:
            self.add(negative(label, exc.shown) if negative else str(exc))
        except MoneyError as exc:
            self.add(str(exc))
        return None

    def date(self, cells: dict[str, str], key: str, label: str) -> date | None:
        text = clean_text(cells.get(key, ""))
        if not text:
            return None
        try:
            return cell_date(text)
        except ValueError as exc:
            self.add(f"{label}: {exc}")
            return None

    def finish(self, number: int) -> bool:
        """True if the row was good; otherwise its problems go in the report."""
        if not self.errors:
            return True
        self.report.refuse_row(number, dict.fromkeys(self.errors))
        self.errors = []
        return False


def _run(db, report: ImportReport, dry_run: bool, work: Callable[[Session], None]) -> None:
    try:
        with db.unit_of_work() as session:
            years = fin.year_starts_in(session)
            work(session)
            if report.bad_rows:
                raise ImportRejected(report)
            _note_new_years(report, sorted(fin.year_starts_in(session) - years), dry_run)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass


def _note_new_years(report: ImportReport, added: list[int], dry_run: bool) -> None:
    """Name the financial years the file added (a year typed wrong, 2042/43, shows here)."""
    if added:
        verb = "would be added" if dry_run else ("was added" if len(added) == 1 else "were added")
        report.notes.append(f"{len(added)} financial year{'s' if len(added) != 1 else ''} not yet on record {verb}: "
                            f"{listed([year_label(y) for y in added])}.")


# --------------------------------------------------------------------------- organisations


class _Organisations:
    """Finds an organisation as every import does (`OrganisationMatcher.find`: by name, alias or
    short name, else by a name it had before a rename, noted in `renamed`); adds the ones not yet
    on record, once each, and lists them in the report."""

    def __init__(self, session: Session, report: ImportReport):
        self.session, self.report = session, report
        self.matcher = ms.organisation_matcher_in(session)
        self.created: dict[str, tuple[int, str]] = {}  # name key -> (id, name)
        self.renamed: list[str] = []  # a note for each row naming an organisation by a name it had before

    def find(self, text: str, number: int = 0) -> tuple[int | None, str | None]:
        key = name_key(text)
        if key in self.created:
            return self.created[key][0], None
        if self.matcher.known(text):  # an archived one is refused, never added a second time
            return self.matcher.find(text, number, self.renamed)
        try:
            values = ms.check_organisation(self.session, ms.OrganisationFields(text, OrganisationKind.OTHER), None)
        except ValidationError as exc:  # the check names the organisation's own fields
            return None, " ".join(message.replace("Name ", "Organisation ", 1) if message.startswith("Name ") else message
                                  for message in exc.errors.values())
        ms.add_checked_in(self.session, "organisation", [values])
        new_id = max(o.id for o in ms.organisations_in(self.session) if o.name == values["name"])
        self.created[key] = (new_id, values["name"])
        return new_id, None

    def archived(self, text: str) -> int | None:
        """The id of the archived organisation `text` names (or named before a rename), where no live one does."""
        gone = self.matcher.archived_named(text)
        return gone.id if gone is not None else None

    def note(self, nothing_written: bool) -> None:
        """`nothing_written`: a dry run, or a refused file (its new organisations are not kept)."""
        if self.created:
            names = sorted(name for _, name in self.created.values())
            verb = "would be added" if nothing_written else ("was added" if len(names) == 1 else "were added")
            self.report.notes.append(f"{len(names)} organisation{'s' if len(names) != 1 else ''} not yet in Memberships {verb} "
                                     f"(kind Other; check them in the Memberships tab): {listed(names)}.")


# --------------------------------------------------------------------------- contributions


def import_contributions(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    lines = without_total_lines(table, report, "contributions")
    total = len(lines)

    def work(session: Session) -> None:
        organisations = _Organisations(session, report)
        existing: dict[tuple, fin.ContributionDTO] = {}
        gone_by: dict[tuple, fin.ContributionDTO] = {}  # archived, where no live one has the key
        for c in fin.contribution_dtos(session, include_archived=True):
            (gone_by if c.archived else existing)[(c.start_year, c.organisation_id, c.kind)] = c
        bounced_by = archived_payments_in(session)  # contribution id -> its archived payments
        seen: dict[tuple, int] = {}
        kept: list[str] = []  # the rows matching an archived contribution, left as it is
        kept_paid: list[str] = []  # the rows whose Received counts archived payments, left as it is
        paid_new: list[tuple[int, tuple, Decimal]] = []  # (row number, key, received) of new paid contributions
        rows = _Rows(report)
        for i, (number, cells) in enumerate(lines):
            if i % 200 == 0:
                progress(i, total, f"Checking row {i + 1:,} of {total:,}…")
            start_year = None
            try:
                start_year = fin.start_year_of(cell_value(cells, "financial_year"))
            except ValueError as exc:
                rows.add(f"Financial year: {exc}")
            org_text = cell_value(cells, "organisation")
            org_id = None
            archived = ""  # why an archived organisation's row may only match what is on record
            if not org_text:
                rows.add("Organisation is blank")
            else:
                org_id, problem = organisations.find(org_text, number)
                if problem and (gone := organisations.archived(org_text)) is not None:
                    org_id, archived = gone, problem
                elif problem:
                    rows.add(problem)
            kind = ContributionKind.CASH
            try:
                kind = parse_choice(ContributionKind, cell_value(cells, "kind")) or ContributionKind.CASH
            except ValueError:
                rows.add(f"Kind '{cell_value(cells, 'kind')}' is not Cash or In kind")
            in_kind = kind is ContributionKind.IN_KIND
            agreed = rows.money(cells, "agreed", "Agreed", required=False, negative=_not_a_reduction)
            notional = rows.money(cells, "_notional_value", "Notional value", required=False)
            invoiced_on = rows.date(cells, "invoiced_on", "Invoiced on")
            received = rows.money(cells, "received", "Received", required=False, negative=_not_a_reduction)
            received_on = rows.date(cells, "received_on", "Received on")
            if received and not cell_value(cells, "received_on"):
                rows.add("Received on is blank: give the date the money was received")
            if cell_value(cells, "received_on") and not cell_value(cells, "received"):
                rows.add("Received is blank but Received on has a date: give the amount received")
            if in_kind and received:
                rows.add("A contribution in kind is not paid: leave Received blank")
            key = (start_year, org_id, kind)
            if None not in key and not rows.errors:
                if key in seen:
                    rows.add(f"Repeats row {seen[key]} (the same organisation, year and kind)")
                else:
                    seen[key] = number
            if rows.errors:
                rows.finish(number)
                continue
            match = existing.get(key)
            if match is None and key in gone_by:  # left as it is: never added a second time
                match = gone_by[key]
                archived = archived or (f"{match.name} is archived: restore it in the Finance tab first, or leave the "
                                        "row out")
            if archived and match is None:
                rows.add(archived)
                rows.finish(number)
                continue
            if in_kind and notional is None and agreed:
                notional, agreed = agreed, None  # an in-kind row's amount is its notional value
            base = match.to_fields() if match else fin.ContributionFields(start_year, org_id, kind)
            fields = fin.ContributionFields(
                financial_year=start_year,
                organisation_id=org_id,
                kind=kind,
                agreed=agreed if agreed is not None else base.agreed,
                contributor_class=cell_value(cells, "_contributor_class") or base.contributor_class,
                agreed_meeting_id=base.agreed_meeting_id,
                invoice_reference=cell_value(cells, "_invoice_reference") or base.invoice_reference,
                invoiced_on=invoiced_on or base.invoiced_on,
                in_kind_description=(
                    (cell_value(cells, "description") or base.in_kind_description) if in_kind else base.in_kind_description
                ),
                notional_value=notional if notional is not None else base.notional_value,
                notes=cell_value(cells, "_notes") or base.notes,
            )
            try:
                values = fin.check_contribution(session, fields, match.id if match else None)
            except ValidationError as exc:
                for message in _in_file_words(exc.errors, _CONTRIBUTION_WORDS):
                    rows.add(message)
                rows.finish(number)
                continue
            changed = False
            already = match.received if match else Decimal("0.00")
            if match is not None and (bounced := _archived_in(received, already, bounced_by.get(match.id, []))):
                received = already  # left as it is: never recorded a second time
                kept_paid.append(_archived_payments_note(number, match, bounced))
            if match is None:
                contribution_id = fin.add_contribution_in(session, fields).id
                report.added += 1
                if received:
                    paid_new.append((number, key, received))
            else:
                contribution_id = match.id
                current = fin.check_contribution(session, match.to_fields(), match.id)
                if archived and (values != current or (received is not None and received != already)):
                    rows.add(archived)  # the row would change what is on record
                    rows.finish(number)
                    continue
                if values != current:
                    fin.update_contribution_in(session, match.id, fields)
                    changed = True
            if received is not None and received != already:
                if received < already:
                    rows.add(f"Received {format_money(received)} is less than the {format_money(already)} already recorded as "
                             "received; correct the payments in the Finance tab")
                else:
                    try:
                        fin.add_payment_in(session, fin.PaymentFields(contribution_id, received_on, received - already, notes="Imported"))
                    except ValidationError as exc:
                        agreed = values.get("agreed")
                        if "amount" in exc.errors and agreed is not None and received > agreed:  # said of the cell
                            exc.errors["amount"] = (
                                f"Received {format_money(received)} is more than the {format_money(agreed)} agreed: with {format_money(already)} already "
                                f"received, it would record {format_money(received - already)}, more than the "
                                f"{format_money(max(agreed - already, ZERO))} still owed (Received is the total received so far); "
                                f"{MORE_THAN_AGREED}")
                        for message in _in_file_words(exc.errors, _PAYMENT_WORDS):
                            rows.add(message)
                    changed = True
            if not rows.finish(number):
                continue  # the import is refused: the counts no longer matter
            if match is not None:
                if changed:
                    report.updated += 1
                else:
                    report.unchanged += 1
                if match.archived:
                    kept.append(f"Row {number} matches {match.name}, which is archived: left as it is, not added again (restore it in the Finance tab to count it).")
        if not report.bad_rows:  # a refused file names its bad rows alone
            _add_notes(report, organisations.renamed, " an organisation by a name it had before a rename")
            _add_notes(report, kept, " a contribution that is archived")
            _add_notes(report, kept_paid, " a payment that is archived")
            _add_notes(report, _other_years(paid_new, existing, seen, dry_run),
                       " an organisation's paid contribution of another year that no row names")
        organisations.note(dry_run or bool(report.bad_rows))  # a refused file adds none
        progress(total, total, "Saving…")

    _run(db, report, dry_run, work)


def _archived_in(received: Decimal | None, already: Decimal, archived: list[fin.PaymentDTO]) -> list[fin.PaymentDTO]:
    """The archived payments that make up the difference between a row's Received (the total received
    so far) and the total on record: one of exactly that amount (the latest), else all of them where
    that is their total; none where the difference is more than they explain."""
    difference = (received or ZERO) - already
    if difference <= ZERO or not archived:
        return []
    one = [p for p in archived if p.amount == difference][-1:]
    return one or (archived if sum(p.amount for p in archived) == difference else [])


def _archived_payments_note(number: int, match: fin.ContributionDTO, payments: list[fin.PaymentDTO]) -> str:
    """The note naming a row whose Received counts `payments`, archived, so left as it is."""
    one = len(payments) == 1
    each = [f"{format_money(p.amount)} received on {p.received_on:%d/%m/%Y}" for p in payments]
    said = each[0] if one else ", ".join(each[:-1]) + " and " + each[-1]
    return (f"Row {number} ({match.organisation_name}, {match.year_label}): Received counts the payment{'' if one else 's'} of "
            f"{said}, which {'is' if one else 'are'} archived: left as it is, not added again (restore the "
            f"payment{'' if one else 's'} in the Finance tab to count {'it' if one else 'them'}, or correct the file).")


def _other_years(paid_new: list[tuple[int, tuple, Decimal]], existing: dict[tuple, fin.ContributionDTO],
                 seen: dict[tuple, int], dry_run: bool) -> list[str]:
    """The warnings about new contributions with money received whose organisation and kind have
    a paid contribution on record in another year that no row of the file names: most likely its
    year corrected in the file, which an import cannot tell from another year's contribution (it
    is added, and what it received paid again). Only where the file names contributions on
    record (a workbook exported and edited): a file of a new year's contributions alone is not."""
    if not any(key in existing for key in seen):
        return []
    paid: dict[tuple, list[fin.ContributionDTO]] = {}  # (organisation, kind) -> its paid contributions no row names
    for key, c in existing.items():
        if c.received and key not in seen:
            paid.setdefault(key[1:], []).append(c)
    warnings = []
    for number, (start_year, org_id, kind), received in paid_new:
        others = sorted(paid.get((org_id, kind), []), key=lambda c: c.start_year)
        if others:
            were = listed([f"{c.year_label} ({format_money(c.received)} received)" for c in others], 4)
            one = len(others) == 1
            warnings.append(
                f"Row {number} ({others[0].organisation_name}, {kind.label}, {year_label(start_year)}) is for the "
                f"same organisation and kind as the contribution{'' if one else 's'} on record for {were}, which no "
                f"row names: if it corrects {'that' if one else 'one'} contribution's year, change the year in the "
                f"Finance tab instead (this import {'would add' if dry_run else 'adds'} it as a second contribution, "
                f"with {format_money(received)} received).")
    return warnings


def _add_notes(report: ImportReport, notes: list[str], what: str) -> None:
    """The first `_WARNINGS_AT_MOST` notes about rows, then how many more match `what`."""
    report.notes += notes[:_WARNINGS_AT_MOST]
    if len(notes) > _WARNINGS_AT_MOST:
        more = len(notes) - _WARNINGS_AT_MOST
        report.notes.append(f"{more:,} more row{'s' if more != 1 else ''} match{'' if more != 1 else 'es'}{what}.")


# --------------------------------------------------------------------------- expenditure


def import_expenditure(db, table: Table, report: ImportReport, dry_run: bool, progress: Progress) -> None:
    lines = without_total_lines(table, report, "expenditure")
    total = len(lines)

    def work(session: Session) -> None:
        categories = {c.name.casefold(): c for c in fin.categories_in(session)}
        loaded = categories_loaded(session)  # held while the rows are checked: each finds its category at once
        live = ", ".join(c.name for c in categories.values() if not c.archived)
        on_record: Counter = Counter()
        gone: Counter = Counter()  # the lines archived in the Finance tab: never added a second time
        amounts_of: dict[tuple, set[Decimal]] = {}  # a line on record less its amount -> its amounts
        dates_of: dict[tuple, set[date]] = {}  # a line on record less its date -> its dates
        names_of: dict[tuple, dict[tuple, tuple[str, str]]] = {}  # less its payee and description -> theirs
        one_in: dict[int, int] = {}  # category id -> a line on record in it
        for e in fin.expense_dtos(session, include_archived=True):
            line = (e.spent_on, e.category_id, e.payee.casefold(), e.description.casefold())
            if e.archived:
                gone[(*line, e.amount)] += 1
                continue
            on_record[(*line, e.amount)] += 1
            amounts_of.setdefault(line, set()).add(e.amount)
            dates_of.setdefault((*line[1:], e.amount), set()).add(e.spent_on)
            names_of.setdefault((e.spent_on, e.category_id, e.amount), {}).setdefault(line[2:], (e.payee, e.description))
            one_in.setdefault(e.category_id, e.id)
        kept: list[str] = []  # the rows matching an archived line
        rows = _Rows(report)
        first_with: dict[tuple, int] = {}  # a line's key -> the first row of the file holding it
        repeats: list[str] = []  # new lines the same in every column as an earlier row
        new_lines: list[tuple[int, fin.ExpenseFields, tuple, dict]] = []  # (row number, fields, key, values)
        for i, (number, cells) in enumerate(lines):
            if i % 200 == 0:
                progress(i, total, f"Checking row {i + 1:,} of {total:,}…")
            spent_on = rows.date(cells, "date", "Date")
            if spent_on is None and not cell_value(cells, "date"):
                rows.add("Date is blank")
            category_text = cell_value(cells, "category")
            category = categories.get(category_text.casefold()) if category_text else None
            if not category_text:
                rows.add("Category is blank")
            elif category is None:
                rows.add(f"Category '{category_text}' is not one of: {live} (add it in the Finance tab first)")
            archived = ""
            if category is not None and category.archived:
                archived = f"Category '{category.name}' is archived: restore it in the Finance tab first"
                if category.id not in one_in:  # no line on record for the row to match
                    rows.add(archived)
            if not cell_value(cells, "payee"):  # every required cell left blank is named
                rows.add("Payee is blank")
            amount = rows.money(cells, "amount", "Amount", required=True, negative=refund_is_income)
            if not rows.finish(number):
                continue
            fields = fin.ExpenseFields(spent_on, category.id, cell_value(cells, "payee"), cell_value(cells, "description"), amount)
            try:  # an archived category's line is checked as one already in it: it may match one on record
                values = fin.check_expense(session, fields, one_in[category.id] if archived else None)
            except ValidationError as exc:
                for message in exc.errors.values():
                    rows.add(message)
                rows.finish(number)
                continue
            key = (values["spent_on"], values["category_id"], values["payee"].casefold(), values["description"].casefold(), values["amount"])
            earlier = first_with.setdefault(key, number)
            if on_record[key] > 0:
                on_record[key] -= 1  # this line is already on record
                report.unchanged += 1
            elif gone[key] > 0:
                gone[key] -= 1  # left as it is
                report.unchanged += 1
                kept.append(f"Row {number} ({named_line(values)}, {format_money(values['amount'])}) matches a line that is archived: left as it is, "
                            "not added again (restore it in the Finance tab to count it).")
            elif archived:
                rows.add(archived)  # the row would add a line to it
                rows.finish(number)
            else:
                if earlier != number:  # two payments alike, or a row copied twice: the officer is told
                    repeats.append(_repeats(number, earlier, dry_run))
                new_lines.append((number, fields, key, values))
        if report.bad_rows:
            return
        warnings, moved, renamed = [], [], []
        held = report.unchanged > len(kept)  # the file holds lines on record: one whose date changed is a correction
        for number, _fields, key, values in new_lines:
            if warning := changed_amount(number, key, values, amounts_of, on_record, dry_run):
                warnings.append(warning)
            elif held and (warning := changed_date(number, key, values, dates_of, on_record, dry_run)):
                moved.append(warning)
            elif warning := changed_names(number, key, values, names_of, on_record, dry_run):
                renamed.append(warning)
        fin.add_checked_expenses(session, [values for *_, values in new_lines],
                                 lambda done, added: progress(total, total, f"Saving line {done:,} of {added:,}…"))
        report.added += len(new_lines)
        _add_notes(report, warnings, " a line on record in everything but the amount")
        _add_notes(report, moved, " a line on record in everything but the date")
        _add_notes(report, renamed, " a line on record in everything but the payee or description")
        _add_notes(report, kept, " a line that is archived")
        _add_notes(report, repeats, " an earlier row in every column")
        progress(total, total, "Saving…")
        del loaded

    _run(db, report, dry_run, work)


_WARNINGS_AT_MOST = 20  # of rows that may correct a record; then how many more


def _repeats(number: int, earlier: int, dry_run: bool) -> str:
    """The note about a new line the same in every column as an earlier row of the file."""
    added = "would be added" if dry_run else "was added"
    return (f"Row {number} is the same as row {earlier} (date, category, payee, description and amount): it "
            f"{added} as a payment of its own. If the row was copied twice, archive the line it added in the "
            "Finance tab.")


TEMPLATE_NOTES = {
    "contributions": [
        "Contributions: one row per organisation, financial year and kind.",
        "Financial year: as 2023/24 (1 April 2023 to 31 March 2024).",
        "Organisation: its name or short name as in Memberships (or a name it had before it was renamed); an "
        "organisation not found is added (kind Other) and listed when you import.",
        "Kind: Cash or In kind (blank means Cash). For In kind, Description says what is given (for example "
        "officer support for the partnership) and cannot be blank, and Agreed is its notional value, which never "
        "counts as cash; a Cash row's Description is not read. A Notes column, not in this template, is read too when a file has one.",
        "Agreed, Received: amounts as 1234.56, 1,234.56 or £1,234.56 (two decimal places at most; not 1.234,56). "
        "Received is the total received so far; importing again only records the difference.",
        "Invoiced on, Received on: dates as dd/mm/yyyy.",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
    "expenditure": [
        "Expenditure: one row per payment. Date, Category, Payee and Amount are required; Description may "
        "be left blank.",
        "Date: dd/mm/yyyy; the payment belongs to the financial year of its date.",
        "Category: one of the categories in the Finance tab (Independent Chair fees, Learning management "
        "system and website, External training facilitators, Events, Practice reviews, Section 11 and "
        "quality assurance, Other, or your own).",
        "Payee: who was paid (a supplier, a facilitator, a venue).",
        "Amount: as 1234.56, 1,234.56 or £1,234.56 (two decimal places at most; not 1.234,56). A refund or "
        "credit is not an expense line: record it with 'New income line' on the Other income page of the "
        "Finance tab.",
        "Importing the same file again adds nothing twice.",
        "Two rows the same in every column are two payments: both are added, and the import names them, in "
        "case a row was copied twice. An invoice number in the Description tells such payments apart.",
        "To correct an amount, a date, a payee or a description already imported, change the line in the "
        "Finance tab: a row with the new amount, date, payee or description is imported as a second line "
        "(the import warns about it).",
        "If any row has a problem, nothing is imported and every problem is listed by row number.",
    ],
}


__all__ = ["CONTRIBUTION_FIELDS", "EXPENDITURE_FIELDS", "TEMPLATE_NOTES", "import_contributions", "import_expenditure"]
