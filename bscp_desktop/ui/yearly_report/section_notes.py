"""What the yearly report window says about the section shown: what its text is (`text_label`)
and when a built section's figures were built and whether they are out of date (`built_note`)."""

from __future__ import annotations

from bscp_desktop.domain.dates import format_datetime
from bscp_desktop.domain.validation import local_time
from bscp_desktop.domain.yearly_report import CheckState
from bscp_desktop.services import yearly_report as yr


def text_label(report: yr.ReportDTO | None, s: yr.SectionDTO, refused: str) -> str:
    """What the text under a section is: a built section's draft, the team's to edit (only to
    read for a login that may not save), until the report is final; then the final text,
    which no one edits (reopen the report as a draft). Words kept on a refresh that changed the
    draft are the team's to check."""
    if not s.built:
        return "Text:"
    if report is not None and report.final:
        return "Final text (not editable: reopen the report as a draft to change it):"
    if s.words_to_check:
        return "Your words, kept when the section was refreshed (check them against the new built draft below):"
    return "Draft text:" if refused else "Draft text (yours to edit; refreshing keeps your words):"


def built_note(report: yr.ReportDTO | None, s: yr.SectionDTO, refreshing: bool, state: object) -> str:
    """When a built section's figures were built, and whether the checklist found them out of
    date (`state`); in a final report, that it keeps them (it cannot be refreshed)."""
    if report is not None and report.final:
        day = f" of {report.finalised_on:%d/%m/%Y}" if report.finalised_on else ""
        if s.built_at is None:
            return "Not built from the records: this report is final, so it prints no figures here."
        return (f"Built from the records on {format_datetime(local_time(s.built_at))}. This report is final: it keeps "
                f"the figures{day}, the day it was marked final, whatever is recorded later.")
    if refreshing:
        return "Refreshing from the records…"
    if s.built_at is None:
        return "Not built yet: press Refresh from the records."
    note = f"Built from the records on {format_datetime(local_time(s.built_at))}."
    if state is CheckState.OUT_OF_DATE:
        note += (" Out of date: its records or the report's period have changed since. A draft written now "
                 "prints the figures as they stand; press Refresh from the records to keep them.")
    return note
