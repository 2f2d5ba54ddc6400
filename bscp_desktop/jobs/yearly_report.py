"""The yearly report (`report yearly --id TITLE -o FILE`): a PDF or a Word document, as the file's
extension says (.pdf or .docx). Built sections print the figures kept when they were last
refreshed. In a draft, a section never refreshed, or out of date as the checklist judges it (its
records or the report's period changed since), is built fresh for the output, and not saved;
a final report prints only what it keeps (marking it final keeps every section, and the partnership's
name of that day). No child's alias or case reference is written, in the title or in any section,
typed or built."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.validation import NotFoundError, ValidationError
from bscp_desktop.domain.yearly_report import Para
from bscp_desktop.jobs import Output, Progress, no_progress, report
from bscp_desktop.services import yearly_report as yr

if TYPE_CHECKING:
    from bscp_desktop.reports import yearly_report as out

FORMATS = (".pdf", ".docx")
NOT_KEPT = ("The figures of this section were not kept when the report was marked final: reopen the report as a "
            "draft, refresh the section and mark it final again.")


def document(db, report_id: int, today: date | None = None, progress: Progress = no_progress) -> out.YearlyReportDocument:
    """The report as plain data for the PDF and Word builders: no child named anywhere in it
    (`yearly_report.as_published`), with every alias and reference as the records stand now."""
    from bscp_desktop.reports import yearly_report as out
    r = yr.get_report(db, report_id)
    sections = []
    for number, s in enumerate(r.sections, start=1):
        progress(number, len(r.sections) + 1, f"{s.title}…")
        if s.built and s.built_at is None and r.final:  # final before its figures were kept with it
            s = replace(s, blocks=(Para(NOT_KEPT),))
        elif s.built:  # a draft: never built, or out of date (its records or period changed), built fresh
            s = yr.as_it_stands(db, r, s, today)
        sections.append(s)
    r = yr.as_published(replace(r, sections=tuple(sections)), yr.children_named(db))
    # a final report is printed under the name it was marked final under; a draft (or a report
    # marked final before the name was kept with it) under the partnership's name now
    return out.YearlyReportDocument(
        r.title, r.kept_partnership_name or yr.partnership_name(db), r.period_start, r.period_end, r.final,
        tuple(out.ReportSection(number, s.title, s.text, s.blocks, s.built) for number, s in enumerate(r.sections, 1)))


def _folded(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def find_yearly_report(db, text: str | int) -> yr.ReportDTO:
    """A yearly report by id, or by its title as Reports > Yearly report lists it (with or
    without its "(draft)"; case and spacing do not matter); an archived one only when no
    current one has the title. A number no report has may be a title ("2024"). NotFoundError in
    one sentence otherwise."""
    given = " ".join(str(text).split())
    number = given.isascii() and given.isdigit()
    if number:
        try:
            return yr.get_report(db, int(given))
        except NotFoundError:
            pass  # no report of that number: a report may be called it
    wanted = _folded(given)
    current = yr.list_reports(db)
    archived = [r for r in yr.list_reports(db, include_archived=True) if r.archived]
    for reports in (current, archived):
        found = [r for r in reports if wanted in (_folded(r.title), _folded(f"{r.title} ({r.status})"))]
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError(f"More than one yearly report is called '{given}': give its number "
                                f"({', '.join(str(r.id) for r in sorted(found, key=lambda r: r.id))}).")
    named = f"numbered {given} or called '{given}'" if number else f"called '{given}'"
    if not current and not archived:  # none at all: no title to give
        raise NotFoundError(f"There is no yearly report {named}: this database has no yearly report yet; start one "
                            "in the window (Reports > Yearly report…, then New report).")
    raise NotFoundError(f"There is no yearly report {named}: give its title as Reports > Yearly report lists it"
                        f"{_titles(current)}.")


#: How many reports' titles a report not found names, latest period first.
TITLES_NAMED = 6


def _titles(reports: list[yr.ReportDTO]) -> str:
    """'' with no current report; else the titles of the first `TITLES_NAMED`, as --id takes them."""
    if not reports:
        return ""
    shown = "; ".join(f"'{r.title}'" for r in reports[:TITLES_NAMED])
    more = f"; and {len(reports) - TITLES_NAMED} more" if len(reports) > TITLES_NAMED else ""
    return f" ({shown}{more})"


@report("yearly", "Yearly report", options=("record_id",), needs="record_id", sensitive=False,
        missing="Say which yearly report to write (--id TITLE)",
        find={"record_id": find_yearly_report},
        outputs=(Output("Yearly report (PDF)…", "Yearly report.pdf"),
                 Output("Yearly report (Word)…", "Yearly report.docx")))
def yearly_report(db, path: Path, progress: Progress = no_progress, record_id: int | None = None,
                  today: date | None = None) -> Path:
    from bscp_desktop.reports import yearly_report as out
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValidationError({"output": f"Give a file name ending .pdf or .docx for the yearly report (not '{suffix or path}')"})
    report_id = find_yearly_report(db, record_id).id  # an all-digit title reaches here as a number
    data = document(db, report_id, today, progress)
    progress(1, 1, "Writing the file…")
    return out.write_docx(data, path) if suffix == ".docx" else out.write_pdf(data, path)
