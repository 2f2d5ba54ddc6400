"""The yearly report (`report yearly --id ID -o FILE`): a PDF or a Word document, as the file's
extension says (.pdf or .docx). Built sections print the figures kept when they were last
refreshed (a section never refreshed is built fresh for the output, and not saved)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs import Output, Progress, no_progress, report
from bscp_desktop.services import yearly_report as yr

if TYPE_CHECKING:
    from bscp_desktop.reports import yearly_report as out

FORMATS = (".pdf", ".docx")


def document(db, report_id: int, today: date | None = None, progress: Progress = no_progress) -> out.YearlyReportDocument:
    """The report as plain data for the PDF and Word builders."""
    from bscp_desktop.reports import yearly_report as out
    r = yr.get_report(db, report_id)
    names = yr.children_named(db)  # as they are now: a case recorded since a section was built too
    sections = []
    for number, s in enumerate(r.sections, start=1):
        progress(number, len(r.sections) + 1, f"{s.title}…")
        blocks, text = s.blocks, s.text
        if s.built and s.built_at is None:
            built = yr.build_section(db, s.key, r.period_start, r.period_end, today)
            blocks, text = built.blocks, text or built.draft
        if s.built:  # figures kept from the records: no child named in them, whenever they were built
            blocks, text = yr.blocks_without_children(blocks, names), yr.without_child_named(text, names)
        sections.append(out.ReportSection(number, s.title, text, blocks, s.built))
    return out.YearlyReportDocument(r.title, yr.partnership_name(db), r.period_start, r.period_end, r.final,
                                    tuple(sections))


@report("yearly", "Yearly report", options=("record_id",), needs="record_id", sensitive=False,
        outputs=(Output("Yearly report (PDF)…", "Yearly report.pdf"),
                 Output("Yearly report (Word)…", "Yearly report.docx")))
def yearly_report(db, path: Path, progress: Progress = no_progress, record_id: int | None = None,
                  today: date | None = None) -> Path:
    from bscp_desktop.reports import yearly_report as out
    if record_id is None:
        raise ValidationError({"record_id": "Say which yearly report to write (--id ID)"})
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError({"output": f"Give a file name ending .pdf or .docx for the yearly report (not '{suffix or path}')"})
    data = document(db, record_id, today, progress)
    progress(1, 1, "Writing the file…")
    return out.write_docx(data, path) if suffix == ".docx" else out.write_pdf(data, path)
