"""The change history workbook: every insert, update and archive, with old and new values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bscp_desktop.domain.validation import local_time
from bscp_desktop.jobs import Output, Progress, no_progress, workbook
from bscp_desktop.jobs.meetings import CONFIDENTIAL_NOT_EXPORTED
from bscp_desktop.reports.xlsx_cells import Column
from bscp_desktop.services.history import ChangeDTO, confidential_records, each_change

if TYPE_CHECKING:
    from bscp_desktop.reports.xlsx import WorkbookBuilder

COLUMNS = [
    Column("When", "datetime"),
    Column("Who"),
    Column("Table"),
    Column("Record"),
    Column("Action"),
    Column("Field"),
    Column("Old value"),
    Column("New value"),
]


#: The words of records under a confidential agenda item (`services.history.confidential_records`)
#: that outputs leave out, as the meetings workbook leaves them out: the item's minutes and
#: key-area-of-focus summary, and what its decisions, actions, updates and amendments say.
CONFIDENTIAL_FIELDS = {
    "agenda_item": {"minutes", "key_focus_summary"},
    "decision": {"text", "evidence"},
    "action": {"description", "evidence"},
    "action_update": {"note"},
    "minutes_amendment": {"reason", "old_text", "new_text"},
}
#: Records named by those words (a decision by its text): their name is left out too.
NAMED_BY_THEIR_WORDS = {"decision", "action", "action_update"}


def confidential_mask(db) -> Callable[[ChangeDTO], ChangeDTO]:
    """A change as an output shows it: the words of a confidential item's records left out."""
    secret = confidential_records(db)

    def masked(c: ChangeDTO) -> ChangeDTO:
        if c.record_id not in secret.get(c.table_name, ()):
            return c
        if c.field in CONFIDENTIAL_FIELDS[c.table_name] or not c.field:  # not c.field: a deletion's summary
            c = replace(c, old_value=c.old_value and CONFIDENTIAL_NOT_EXPORTED, old_name="",
                        new_value=c.new_value and CONFIDENTIAL_NOT_EXPORTED, new_name="")
        if c.table_name in NAMED_BY_THEIR_WORDS:
            c = replace(c, record_name=CONFIDENTIAL_NOT_EXPORTED)
        return c

    return masked


@workbook("history", "Change history", sensitive=True,  # every area's changes are in it
          outputs=(Output("Change history workbook…", "Change history.xlsx"),))
def history_workbook(db, progress: Progress = no_progress) -> WorkbookBuilder:
    """Every change, oldest first: read a batch at a time while the file is written."""
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    wb = WorkbookBuilder(
        title="Change history",
        subject="Who changed what, and when",
    )

    def rows():
        progress(0, 2, "Reading and writing the change history…")
        shown = confidential_mask(db)
        for c in map(shown, each_change(db)):
            yield [
                local_time(c.changed_at),  # stored in UTC: written as this computer's clock showed it
                c.changed_by,
                c.table_label,
                c.record_label,
                c.action_label,
                c.field_label,
                c.old_text,
                c.new_text,
            ]

    wb.add_streamed_sheet("Change history", COLUMNS, rows)
    return wb


# ---------------------------------------------------------------- everything in one workbook


#: Sheets that several areas' workbooks have, named by their area in the workbook of everything,
#: where "Actions (2)" would not say whose actions they are.
NAMED_BY_AREA = {
    "audits": {"Actions": "Audit actions"},
    "case-reviews": {"Actions": "Case review actions"},
    "meetings": {"Actions": "Meeting actions"},
}


@workbook("all", "Everything: every area's sheets in one workbook",
          outputs=(Output("Everything in one workbook…", "All records.xlsx"),))
def everything_workbook(db, progress: Progress = no_progress) -> WorkbookBuilder:
    """Each area's workbook sheets in one workbook (memberships first, history last), asked of
    each area as sheets, not read back from files, one area at a time while the file is written
    (only one area's records are in memory at once). Marked OFFICIAL-SENSITIVE if any area is."""
    from bscp_desktop.jobs import XLSX_AREAS, load_all
    from bscp_desktop.reports.xlsx import WorkbookBuilder

    load_all()
    names = sorted((n for n in XLSX_AREAS if n != "all"), key=lambda n: (n == "history", n != "memberships", n))
    closed: list[str] = []

    def part(i: int, name: str):
        def make() -> WorkbookBuilder | None:
            progress(i, len(names) + 1, f"{XLSX_AREAS[name].title}…")
            try:
                book = XLSX_AREAS[name].build(db)
            except PermissionError:  # a team database's grants keep the area from this login
                closed.append(XLSX_AREAS[name].title)
                return None
            book.rename_sheets(NAMED_BY_AREA.get(name, {}))
            return book
        return make

    def left_out() -> WorkbookBuilder | None:
        progress(len(names), len(names) + 1, "Saving…")
        if not closed:
            return None
        notes = WorkbookBuilder(title="All records")
        notes.add_notes_sheet([
            "Left out: your login on this team database may not read some of their records.",
            *closed], name="Left out")
        return notes

    # each area's sheets are made while the file is written, and let go once written
    combined = WorkbookBuilder(title="All records", subject="Every area's records",
                               sensitive=any(XLSX_AREAS[name].marked for name in names))
    for i, name in enumerate(names):
        combined.add_part(part(i, name))
    combined.add_part(left_out)
    return combined
