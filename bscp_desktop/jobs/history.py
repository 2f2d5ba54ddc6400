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


# ---------------------------------------------------------------- everything in one workbook


def _kind_of(cell) -> str:
    """The WorkbookBuilder column kind that reproduces a written cell's format."""
    fmt = str(getattr(cell, "number_format", "") or "")
    if "£" in fmt:
        return "money"
    if "%" in fmt:
        return "percent"
    if "h" in fmt and "yy" in fmt:
        return "datetime"
    if "yy" in fmt:
        return "date"
    if fmt == "0":
        return "int"
    return "number" if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) else "text"


@xlsx_area("all", "Everything: every area's sheets in one workbook")
def export_everything(db, out: Path, progress: Progress = no_progress) -> Path:
    """Each area's workbook written in turn, then its sheets copied into one workbook
    (history last). Marked OFFICIAL-SENSITIVE if any area's workbook is."""
    import tempfile

    from openpyxl import load_workbook

    from bscp_desktop.jobs import XLSX_AREAS, load_all

    load_all()
    names = sorted((n for n in XLSX_AREAS if n != "all"), key=lambda n: (n == "history", n != "memberships", n))
    combined = WorkbookBuilder(title="All records", subject="Every area's records")
    with tempfile.TemporaryDirectory(prefix="bscp-all-") as folder:
        for i, name in enumerate(names):
            progress(i, len(names) + 1, f"{XLSX_AREAS[name].title}…")
            part = XLSX_AREAS[name].run(db, Path(folder) / f"{name}.xlsx")
            wb = load_workbook(part, read_only=True)
            try:
                if "OFFICIAL-SENSITIVE" in str(wb.properties.keywords or ""):
                    combined.sensitive = True
                for ws in wb.worksheets:
                    rows = list(ws.iter_rows())
                    if not rows:
                        continue
                    header, body = rows[0], rows[1:]
                    kinds = []
                    for col in range(len(header)):
                        sample = next((r[col] for r in body if col < len(r) and r[col].value is not None), None)
                        kinds.append(_kind_of(sample) if sample is not None else "text")
                    columns = [Column(str(h.value or ""), k) for h, k in zip(header, kinds, strict=True)]
                    combined.add_sheet(
                        ws.title, columns, ([c.value for c in r][: len(columns)] for r in body)
                    )
            finally:
                wb.close()
    progress(len(names), len(names) + 1, "Saving…")
    return combined.save(out)
