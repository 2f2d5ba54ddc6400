"""Marking a yearly report final: why it cannot be yet (`final_refusal`), and what it keeps of
the day it was marked beside its figures, the partnership's name (`keep_name`, `kept_name`), so
the final report prints the name it was marked final under, whatever the partnership is called
later. The name is kept in the JSON of the first built section (`NAME_KEPT_IN`), beside its
figures, where `domain.yearly_report.read_figures` reads past it."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bscp_desktop.domain.validation import ValidationError, and_list
from bscp_desktop.domain.yearly_report import SECTIONS, Block, CheckState, Para, Table, has_words, section_spec
from bscp_desktop.services.yearly_report.sections import FIGURES_TABLE, NOT_RECORDED_ROW

if TYPE_CHECKING:
    from bscp_desktop.db.models.yearly_report import YearlyReportSection
    from bscp_desktop.services.yearly_report import ReportDTO, SectionDTO

REFUSED_TAIL = "A member of the case reviews group can build this section."  # how `build_section`'s refusal ends
#: The section whose kept figures hold the partnership's name once the report is final, and the name's key there.
NAME_KEPT_IN = next(s.key for s in SECTIONS if s.built)
NAME_KEY = "partnership_name"


def a_refusal(blocks: Sequence[Block]) -> bool:
    return len(blocks) == 1 and isinstance(blocks[0], Para) and blocks[0].text.endswith(REFUSED_TAIL)


def holds_a_refusal(section: SectionDTO) -> bool:
    """A built section kept (by earlier versions) with no figures, only a refusal to build it: empty, never final."""
    return section.built and section.built_at is not None and not section.has_data and a_refusal(section.blocks)


def period_not_ended(report: ReportDTO, today: date | None = None) -> str | None:
    """Why the report cannot be marked final yet, or None: its period ends on or after `today`
    (by default the day it is), so the figures a final report keeps would leave out what is still
    to be recorded in the period."""
    end, today = report.period_end, today or date.today()
    if end < today:
        return None
    try:
        from_day = f"from {end + timedelta(days=1):%d/%m/%Y}"
    except OverflowError:  # the last day of the calendar
        from_day = "once it has ended"
    return (f"The report's period ends on {end:%d/%m/%Y}: it can be marked final {from_day}, once every figure "
            "of the period is in")


def final_refusal(report: ReportDTO, states: dict | None = None, today: date | None = None) -> ValidationError | None:
    """Why the report cannot be marked final, or None: its period not ended on `today`
    (`period_not_ended`), a section the team writes without words
    (`has_words`, the checklist's own rule: "___" or a soft hyphen alone is not written), a built
    section whose kept figures cannot be read or that holds only a refusal (`holds_a_refusal`),
    (with `states`, `section_states` of the report) a built section out of date, a built section
    whose words are to be checked since a refresh changed its draft (`SectionDTO.words_to_check`), or training
    bookings of the period on sessions already held with no attendance recorded (`unrecorded_refusal`).
    The window asks before its question "Mark this report final?", so a refusal never follows a yes."""
    if report.final or report.archived:
        return None
    if (early := period_not_ended(report, today)) is not None:
        return ValidationError({"period_end": early})
    unreadable = [f"'{s.title}'" for s in report.sections if s.unreadable]
    if unreadable:
        them = "them" if len(unreadable) > 1 else "it"
        return ValidationError({"final": f"Refresh {and_list(unreadable)} from the records first: the figures kept "
                                         f"for {them} cannot be read (another program may have changed them), "
                                         "and a final report cannot be refreshed"})
    if refused := [f"'{s.title}'" for s in report.sections if holds_a_refusal(s)]:
        return ValidationError({"final": f"{and_list(refused)}: no figures from the records, only a note that a login "
                                         "which may not read them refreshed it; a colleague who can read them must "
                                         "refresh it before the report is marked final"})
    blank = [f"'{s.title}'" for s in report.sections if not s.built and not has_words(s.text)]
    if blank:
        return ValidationError({"final": f"Write {and_list(blank)} before marking the report final: "
                                         f"{'they have' if len(blank) > 1 else 'it has'} not been written yet, "
                                         "and nothing in a final report can change"})
    stale = [f"'{s.title}'" for s in report.sections if (states or {}).get(s.key) is CheckState.OUT_OF_DATE]
    if stale:
        return ValidationError({"final": f"Refresh {and_list(stale)} from the records first: {'their' if len(stale) > 1 else 'its'} "
                                         f"figures are out of date for {report.period_start:%d/%m/%Y} to "
                                         f"{report.period_end:%d/%m/%Y}, and a final report cannot be refreshed"})
    if to_check := [f"'{s.title}'" for s in report.sections if s.built and s.words_to_check]:
        several = len(to_check) > 1
        return ValidationError({"final": f"Check your words in {and_list(to_check)} before marking the report final: "
                                         f"{'their' if several else 'its'} figures changed when {'they were' if several else 'it was'} "
                                         "refreshed, and your words were kept, so they may no longer match. Open "
                                         f"{'each' if several else 'it'} and edit your words, use the new built draft, or "
                                         "press Keep my words"})
    for s in report.sections:
        if s.built and s.built_at is not None and (refusal := unrecorded_refusal(s.key, s.blocks)):
            return refusal
    return None


def unrecorded_attendance(blocks: Sequence[Block]) -> int:
    """The bookings of the period on training sessions already held with no attendance recorded,
    as the training section's table of figures keeps them (0 for none, or for another section)."""
    for block in blocks:
        if isinstance(block, Table) and block.title == FIGURES_TABLE:
            for row in block.rows:
                if len(row) > 1 and row[0] == NOT_RECORDED_ROW and row[1].replace(",", "").isdigit():
                    return int(row[1].replace(",", ""))
    return 0


def unrecorded_refusal(key: str, blocks: Sequence[Block]) -> ValidationError | None:
    """The refusal to mark a report final while its training section (`key`, `blocks` as kept or
    built) counts bookings of the period on sessions already held whose attendance was never
    recorded: a final report would count them as not attended for good. None otherwise."""
    if key != "training" or not (n := unrecorded_attendance(blocks)):
        return None
    return ValidationError({"final": (
        f"'{section_spec(key).title}' counts {n:,} booking{'s' if n != 1 else ''} on training sessions already held "
        f"with no attendance recorded, so the attendance rate counts {'them' if n != 1 else 'it'} as not attended. "
        "Mark the registers of those sessions in Training (the Sessions list says how many are not marked beside "
        "each), refresh this section from the records, then mark the report final")})


def keep_name(row: YearlyReportSection, name: str) -> None:
    """Keep the partnership's `name` with `row`'s figures (`NAME_KEPT_IN`'s, as read: refused
    before now when they cannot be), as the report is marked final."""
    held = json.loads(row.data) if row.data else {}
    row.data = json.dumps({**held, NAME_KEY: name}, ensure_ascii=False)


def kept_name(rows: Sequence[YearlyReportSection]) -> str:
    """The partnership's name kept when the report was marked final ('' when none was: marked
    final before names were kept, or the figures holding it cannot be read)."""
    for row in rows:
        if row.key == NAME_KEPT_IN and row.data:
            try:
                held = json.loads(row.data)
            except ValueError:
                return ""
            name = held.get(NAME_KEY) if isinstance(held, dict) else None
            return name.strip() if isinstance(name, str) else ""
    return ""
