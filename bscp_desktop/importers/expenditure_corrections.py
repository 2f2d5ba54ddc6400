"""The notes of an expenditure import about a new line that is most likely a correction of a line
on record: one that matches it in everything but the amount, the date, or the payee or
description. Lines are matched on all five columns, so an import cannot tell a correction from
a second payment: the line is added, and the report names the line on record it may correct
(`importers.finance`). A line on record that another row of the file matched (`on_record`
counts those left) is never named: the file keeps it."""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.money import format_money
from bscp_desktop.importers.tabular import listed


def changed_amount(number: int, key: tuple, values: dict, amounts_of: dict[tuple, set[Decimal]],
                   on_record: Counter, dry_run: bool) -> str | None:
    """The warning about a new line that is a line on record in everything but its amount."""
    line = key[:-1]
    amounts = sorted(a for a in amounts_of.get(line, ()) if on_record[(*line, a)] > 0)
    if not amounts:
        return None
    return _near_match(number, named_line(values), [format_money(a) for a in amounts], "for", "amount", dry_run)


def changed_date(number: int, key: tuple, values: dict, dates_of: dict[tuple, set[date]],
                 on_record: Counter, dry_run: bool) -> str | None:
    """The warning about a new line that is a line on record in everything but its date (one
    moved across 31 March into the next year, say), where no row of the file holds that line:
    most likely the date corrected in the file, which an import cannot tell from a payment
    made again on another day."""
    line = key[1:]
    dates = sorted(d for d in dates_of.get(line, ()) if d != key[0] and on_record[(d, *line)] > 0)
    if not dates:
        return None
    named = f"{named_line(values)}, {format_money(values['amount'])}"
    return _near_match(number, named, [format_date(d) for d in dates], "dated", "date", dry_run)


def changed_names(number: int, key: tuple, values: dict, names_of: dict[tuple, dict[tuple, tuple[str, str]]],
                  on_record: Counter, dry_run: bool) -> str | None:
    """The warning about a new line that is a line on record in everything but its payee or
    description (or both: the same date, category and amount), where no row of the file holds
    that line: most likely the payee or description corrected in the file (an exported workbook
    edited), which would otherwise count the spending twice unnoticed. `names_of`: (date,
    category, amount) -> {(payee, description) folded: as on record}."""
    spent_on, category_id, payee, description, amount = key
    others = [names_of[(spent_on, category_id, amount)][folded] for folded in
              sorted(names_of.get((spent_on, category_id, amount), {}))
              if folded != (payee, description) and on_record[(spent_on, category_id, *folded, amount)] > 0]
    if not others:
        return None
    named = f"{named_line(values)}, {format_money(values['amount'])}"
    payees = {p.casefold() != payee for p, _ in others}
    descriptions = {d.casefold() != description for _, d in others}
    if descriptions == {False}:
        return _near_match(number, named, [f"'{_clipped(p)}'" for p, _ in others], "paid to", "payee", dry_run)
    if payees == {False} and all(d for _, d in others):
        return _near_match(number, named, [f"'{_clipped(d)}'" for _, d in others], "described as", "description", dry_run)
    both = "and" if payees == descriptions == {True} else "or"
    what = [f"'{', '.join(_clipped(v) for v in (p, d) if v)}'" for p, d in others]
    return _near_match(number, named, what, "named", f"payee {both} description", dry_run)


def _near_match(number: int, named: str, what: list[str], given: str, differs: str, dry_run: bool) -> str:
    """A row that matches lines on record (`what`, each its amount, date, payee or description)
    in everything but `differs`."""
    which = "a line" if len(what) == 1 else "lines"
    that = "that line" if len(what) == 1 else "one of them"
    return (
        f"Row {number} ({named}) matches {which} on record {given} {listed(what, 4)} in everything but the "
        f"{differs}: if it corrects {that}, change the line in the Finance tab instead "
        f"(this import {'would add' if dry_run else 'adds'} it as a second line)."
    )


def named_line(values: dict) -> str:
    """An expenditure line in a note: its payee, description and date."""
    return ", ".join(_clipped(v) for v in (values["payee"], values["description"], format_date(values["spent_on"])) if v)


def _clipped(text: str, at_most: int = 60) -> str:
    """A payee or description in a note: a long one named by its start."""
    return text if len(text) <= at_most else text[:at_most - 1] + "…"


__all__ = ["changed_amount", "changed_date", "changed_names", "named_line"]
