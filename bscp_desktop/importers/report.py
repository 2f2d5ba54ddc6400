"""What an import did (or would do), and the error raised when any row is bad."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bscp_desktop.domain.validation import as_sentence

KIND_NOUNS = {"people": ("person", "people"), "organisations": ("organisation", "organisations")}


# A value a message quotes: 'text' after a space, "(" or ":" (or at the start), up to the quote
# that ends it (one followed by a space, punctuation or the end), so "O'Brien" and "the course's"
# stay whole.
_OPENS_AFTER = "(:"
_ENDS_BEFORE = ".,;:)!?"
QUOTE_AT_MOST = 60


def clip_quoted(line: str) -> str:
    """A report line with each quoted value over QUOTE_AT_MOST characters cut short ("…"): a
    cell of 100,000 characters is named by its start, not copied into the report whole. One
    pass over the line, whatever quotes a hostile cell holds."""
    parts: list[str] = []
    done = 0  # what is before this is in `parts`
    at = 0
    while (start := line.find("'", at)) >= 0:
        before = line[start - 1] if start else " "
        if not (before.isspace() or before in _OPENS_AFTER):
            at = start + 1
            continue
        end = _closing_quote(line, start + 1)
        if end < 0:  # no quote after this one ends a value, so none after it does either
            break
        value = line[start + 1:end]
        if len(value) > QUOTE_AT_MOST:
            parts += [line[done:start], f"'{value[:QUOTE_AT_MOST - 20]}…'"]
            done = end + 1
        at = end + 1
    return "".join([*parts, line[done:]]) if parts else line


def _closing_quote(line: str, at: int) -> int:
    """Where the first quote from `at` that ends a value stands (-1: none)."""
    while (quote := line.find("'", at)) >= 0:
        after = line[quote + 1:quote + 2]
        if not after or after.isspace() or after in _ENDS_BEFORE:
            return quote
        at = quote + 1
    return -1


_ROW = re.compile(r"Row (\d+): (.*)", re.DOTALL)


def by_row(lines: list[str]) -> list[str]:
    """Bad-row lines in row order, one line a row: an importer that finds a second problem with
    a row later (a session's capacity once every row is read) adds it to that row's line.
    Lines about no one row come first, as they were."""
    general: list[str] = []
    rows: dict[int, list[str]] = {}
    for line in lines:
        match = _ROW.fullmatch(line)
        if match is None:
            general.append(line)
        else:
            rows.setdefault(int(match[1]), []).append(match[2])
    return general + [f"Row {number}: " + " ".join(rows[number]) for number in sorted(rows)]


def _rows(n: int) -> str:
    return f"{n:,} row" + ("" if n == 1 else "s")


@dataclass
class ImportReport:
    kind: str  # "people" or "organisations"
    source: str  # the file name
    rows: int = 0  # data rows read (blank rows are not counted)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows marked archived in the file
    dry_run: bool = False
    bad_rows: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: a return's 'Label | value' lines above its table of answers, {row number: label}: named
    #: on their own in the summary, not counted among the `rows` of the table
    labels: dict[int, str] = field(default_factory=dict)

    def refuse_row(self, number: int, errors: Iterable[str]) -> None:
        """Row `number` is bad, for each of `errors` (one sentence each)."""
        self.bad_rows.append(f"Row {number}: " + " ".join(as_sentence(e) for e in errors))

    @property
    def ok(self) -> bool:
        return not self.bad_rows

    @property
    def changed(self) -> int:
        return self.added + self.updated

    def summary(self) -> str:
        if self.bad_rows:
            return f"Nothing imported from {self.source}: {self._problems()}; correct them and import the file again."
        skipped = f", {self.skipped:,} skipped (marked archived)" if self.skipped else ""
        if self.dry_run:
            return (
                f"Checked {self.kind.replace('-', ' ')} in {self.source} (dry run, nothing changed): "
                f"{_rows(self.rows)}; would add {self.added:,}, update {self.updated:,}, "
                f"leave {self.unchanged:,} unchanged{skipped}."
            )
        return (
            f"Imported {self.kind.replace('-', ' ')} from {self.source}: {_rows(self.rows)}; "
            f"{self.added:,} added, {self.updated:,} updated, {self.unchanged:,} unchanged{skipped}."
        )

    def _problems(self) -> str:
        """'2 of 8 rows have problems', the rows of the table only; a line above it by its label:
        'the Agency line has problems', 'the Agency and Completed by lines, and 1 of 8 rows, have problems'."""
        named = []
        for line in self.bad_rows:
            match = _ROW.fullmatch(line)
            if match is not None and int(match[1]) in self.labels and self.labels[int(match[1])] not in named:
                named.append(self.labels[int(match[1])])
        table = sum(1 for line in self.bad_rows
                    if (match := _ROW.fullmatch(line)) is None or int(match[1]) not in self.labels)
        if not named:
            return f"{table:,} of {_rows(self.rows)} {'has' if table == 1 else 'have'} problems"
        words = [*named[:-1], f"and {named[-1]}"] if len(named) > 2 else [" and ".join(named)]
        lines = f"the {', '.join(words)} line{'s' if len(named) > 1 else ''}"
        if not table:
            return f"{lines} {'have' if len(named) > 1 else 'has'} problems"
        return f"{lines}, and {table:,} of {_rows(self.rows)}, have problems"

    def lines(self) -> list[str]:
        """The summary, then one line per bad row, then any notes."""
        return [self.summary(), *self.bad_rows, *self.notes]


#: The most sheets a note on the sheets left unread names; then how many more there are.
SHEETS_NAMED = 6


def _sheets(unread: tuple[str, ...]) -> str:
    """The sheets `unread` in a sentence: "sheet 'Data'", "sheets 'Data' and 'Old'"."""
    named = [f"'{title}'" for title in unread[:SHEETS_NAMED]]
    if len(unread) > SHEETS_NAMED:
        named.append(f"{len(unread) - SHEETS_NAMED:,} more")
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
    return f"{'sheet' if len(unread) == 1 else 'sheets'} {listed}"


def unread_sheets(read: str | None, unread: tuple[str, ...]) -> str:
    """The note on a workbook's other sheets, which an import of one list does not read: what
    was changed on them (a seat ended on the memberships workbook's Memberships sheet) is not
    saved, and says so."""
    return f"Only the sheet '{read}' was read: nothing on the {_sheets(unread)} is imported."


def _runs(numbers: list[int], at_most: int = 6) -> str:
    """Row numbers in order as runs: "2 to 3,001", "4, 6 to 9 and 12"; after `at_most` runs, how
    many rows more ("4, 6, 8, 10, 12, 14 and 3 more")."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    said = [f"{a:,}" if a == b else f"{a:,} to {b:,}" for a, b in runs[:at_most]]
    if len(runs) > at_most:
        said.append(f"{sum(b - a + 1 for a, b in runs[at_most:]):,} more")
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def formulas_alone(numbers: list[int]) -> str:
    """The note on the rows left out holding nothing but formulas showing 0 or nothing (a
    formula filled down a column past the rows filled in): nothing was typed in them to import."""
    one = len(numbers) == 1
    return (f"{_rows(len(numbers))} held only formulas with no value (showing 0 or nothing) and {'was' if one else 'were'} "
            f"left out: row{'' if one else 's'} {_runs(numbers)}.")


#: How to have a hidden sheet read, after "show it": a hidden sheet is never imported.
SHOW_HIDDEN = ("(in Excel, right-click any sheet's tab, choose Unhide and pick it), save the workbook and import it "
               "again")


def hidden_sheet(title: str) -> str:
    """What a workbook refused for want of the list's columns says of the hidden sheet named for the list."""
    return f"The sheet '{title}' is hidden, and a hidden sheet is never imported: show it {SHOW_HIDDEN}."


def list_not_on_sheet(read: str, unread: tuple[str, ...], named: str | None) -> str:
    """What a workbook refused for want of the list's columns on the sheet `read` adds about its
    other sheets shown (`unread`), which were not read, and how to have the list's sheet read:
    the sheet named for the list (`named`) is read, else the sheet the workbook was saved showing."""
    were = f"The workbook's other {_sheets(unread)} {'was' if len(unread) == 1 else 'were'} not read"
    if named and read.strip().casefold() == named.strip().casefold():
        return f"{were}, as the sheet named '{read}' is the one read: put the list on it, then import again."
    if named:
        return (f"{were}: name the sheet holding the list '{named}', or save the workbook showing that sheet, "
                "then import again.")
    return f"{were}: save the workbook showing the sheet holding the list, then import again."


class ImportRejected(ValueError):
    """At least one row is bad, so nothing was imported. `report.bad_rows` lists every one."""

    def __init__(self, report: ImportReport):
        report.bad_rows[:] = [clip_quoted(line) for line in by_row(report.bad_rows)]
        self.report = report
        super().__init__(report.summary())
