"""The change history workbook: every insert, update and archive, with old and new values."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from bscp_desktop.jobs import Progress, no_progress, xlsx_area
from bscp_desktop.reports.xlsx import Column, WorkbookBuilder
from bscp_desktop.services.history import list_changes

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


@xlsx_area("history", "Change history")
def export_history(db, out: Path, progress: Progress = no_progress) -> Path:
    progress(0, 2, "Reading the change history…")
    changes = list_changes(db)
    progress(1, 2, f"Writing {len(changes):,} changes…")
    wb = WorkbookBuilder(
        title="Change history",
        # case review and other sensitive areas are recorded here too
        sensitive=True,
        subject="Who changed what, and when",
    )
    wb.add_sheet(
        "Change history",
        COLUMNS,
        (
            [
                # stored in UTC; an aware datetime is written in the computer's local time
                c.changed_at.replace(tzinfo=UTC),
                c.changed_by,
                c.table_label,
                c.record_label,
                c.action_label,
                c.field_label,
                c.old_value,
                c.new_value,
            ]
            for c in changes
        ),
    )
    progress(2, 2, "Saving…")
    return wb.save(out)
