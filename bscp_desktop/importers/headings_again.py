"""A heading row repeated lower down an imported table: two exports pasted one under the other,
or the headings copied down with a block of rows.

`read_table` leaves such a row out of the table's rows and names it in `Table.headings_again`;
the import's report says so in its notes (`headings_again_note`), never a person called "Name",
nor a jumble of problems, one a column, for a row that holds no record at all.

A row repeats the headings when every cell filled in of the columns read reads as a heading of
its own column (its label or any heading it answers to, in any case and spacing: " FULL NAME "
under "Name") and every required column is filled in; in a table with no required column, at
least two cells are filled in (one, in a table of one column). A row with one heading-like word
among its values ("Status" as someone's note, "Amount" as a description) is a row like any other.
"""

from __future__ import annotations

from collections.abc import Sequence

from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import FieldSpec, Table, normalise_header


class HeadingsAgain:
    """Tells the rows of a table that repeat its headings: `names`, {field key: the headings (as
    `normalise_header` gives them) its column answers to}, of the columns the file has; `required`,
    the keys of those that must be filled in. `of_fields` makes one of an import's fields."""

    def __init__(self, names: dict[str, set[str]], required: Sequence[str] = ()) -> None:
        self.names = names
        self.required = [key for key in required if key in names]
        # a row of one cell repeats them only where that cell is a required column's (a person's
        # Name reading "Name"): one heading-like word elsewhere may be a value
        self.least = 1 if self.required else min(2, len(names))

    @classmethod
    def of_fields(cls, fields: Sequence[FieldSpec], read: Sequence[str]) -> HeadingsAgain:
        """For the `fields` an import reads, of which `read` (field keys) are the columns the file has."""
        return cls({spec.key: spec.names() for spec in fields if spec.key in read},
                   [spec.key for spec in fields if spec.required])

    def repeats(self, values: dict[str, str]) -> bool:
        """Whether a row's cells ({field key: text}) repeat the headings."""
        filled = {key: text for key, text in values.items() if key in self.names and text.strip()}
        if not filled or len(filled) < self.least or any(key not in filled for key in self.required):
            return False
        return all(normalise_header(text) in self.names[key] for key, text in filled.items())


def headings_again_note(rows: list[int]) -> str | None:
    """The report's note naming the rows left out for repeating the headings, or None."""
    if not rows:
        return None
    if len(rows) == 1:
        return f"Row {rows[0]} repeats the column headings, so it is left out."
    return f"Rows {', '.join(map(str, rows[:-1]))} and {rows[-1]} repeat the column headings, so they are left out."


def note_headings_again(table: Table, report: ImportReport) -> None:
    """Add to the notes of `report` the rows of `table` left out for repeating its headings, if any."""
    if note := headings_again_note(table.headings_again):
        report.notes.append(note)
