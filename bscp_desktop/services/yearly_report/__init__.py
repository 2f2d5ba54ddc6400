"""Yearly reports: a period, a title and sections in the order of the reference report.

Narrative sections are written in the window and saved as the user types
(`save_section_text`, one small transaction per save, like the minutes). Built sections are
filled from the records of the period through each area's own services (`sections.BUILDERS`)
by `refresh_section` / `refresh_all`, which keep the figures (as JSON blocks), when they were
built and a fingerprint of them and of their draft; their text is a draft the team may edit. `checklist` ticks the
contents Working Together 2023 expects and flags what is empty or out of date. A refresh that
changes the draft of a section whose words the team edited keeps their words and flags them to
check (`words`: `keep_my_words`, `take_built_draft`, or an edit of the text, deal with it).

Kept figures another program changed so they cannot be read (`domain.yearly_report.read_figures`)
leave the rest of the report as it is: the section says so in place of its figures
(`SectionDTO.unreadable`), counts as empty, and the report is neither marked final nor written
out until it is refreshed. A refresh by a login that may not read a section's records leaves it as it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import versions
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.yearly_report import YearlyReport, YearlyReportSection
from bscp_desktop.db.stored_values import UnreadableValue, json_held
from bscp_desktop.domain.validation import Checker, RecordChanged, ValidationError, long_text_as_saved
from bscp_desktop.domain.yearly_report import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    SECTIONS,
    Block,
    BuiltSection,
    CheckLine,
    CheckState,
    KeptFigures,
    Para,
    SectionKind,
    TextBullets,
    blocks_to_json,
    check_period,
    checklist,
    default_title,
    escape,
    has_words,
    parse_text,
    priorities_without_progress,
    read_figures,
    section_spec,
    typed_length,
)
from bscp_desktop.services.common import ArchivedAt, CommandFields, OneLive, TextSaved, Versioned, archivers, get_or_raise, read_back, read_one, unarchived
from bscp_desktop.services.no_child_named import children_named
from bscp_desktop.services.no_child_named import without_children as without_child_named
from bscp_desktop.services.settings import get_setting
from bscp_desktop.services.yearly_report.final import NAME_KEPT_IN, REFUSED_TAIL, a_refusal, final_refusal, holds_a_refusal, keep_name, kept_name, period_not_ended, unrecorded_refusal
from bscp_desktop.services.yearly_report.sections import BUILDERS, blocks_without_children, without_children
from bscp_desktop.services.yearly_report.words import CHECKED_DRAFT, WordsState, after_refresh, checked, checked_draft, text_with, what_changed

Progress = Callable[[int, int, str], None]
DEFAULT_PARTNERSHIP_NAME = "Safeguarding Children Partnership"
FINAL_MESSAGE = "This report is marked final: reopen it as a draft to change it"


def partnership_name(db: Database) -> str:
    return get_setting(db, "partnership_name", None) or DEFAULT_PARTNERSHIP_NAME


@dataclass(frozen=True)
class ReportFields(CommandFields):
    title: str
    period_start: date | None
    period_end: date | None


@dataclass(frozen=True)
class SectionDTO(Versioned):
    id: int
    report_id: int
    key: str
    title: str
    kind: SectionKind
    hint: str
    text: str
    blocks: tuple[Block, ...]
    draft: str  # the built section's generated text (what `text` starts as)
    has_data: bool  # built: something happened in the period
    built_at: datetime | None
    fingerprint: str
    unreadable: str = ""  # why its kept figures cannot be read ('' when they can): see `_kept_figures`
    words_to_check: str = ""  # flagged after a refresh changed the draft under the team's words: what changed (`words`)

    @property
    def built(self) -> bool:
        return self.kind is SectionKind.BUILT


@dataclass(frozen=True)
class ReportDTO(ArchivedAt):
    id: int
    title: str
    period_start: date
    period_end: date
    final: bool
    finalised_on: date | None
    updated_at: datetime | None = None
    sections: tuple[SectionDTO, ...] = ()
    left: tuple[str, ...] = ()  # after `refresh_all`: each section left as it was, and why (`left_as_it_was`)
    kept_partnership_name: str = ""  # a final report's: the partnership's name the day it was marked final (`kept_name`)

    @property
    def name(self) -> str:
        return self.title

    @property
    def status(self) -> str:
        return "Final" if self.final else "Draft"

    def section(self, key: str) -> SectionDTO:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


# ---------------------------------------------------------------- reading


#: Why kept figures that are not JSON at all cannot be read, as the section says it.
NOT_FIGURES = "they are not set out as this program keeps figures"


def _kept_figures(row: YearlyReportSection) -> tuple[KeptFigures, str]:
    """A section's kept figures with '', or none with why they cannot be read (another program
    changed them), as `check` says it (`stored_values.json_held`, which reads them with `read_figures`)."""
    try:
        held = json_held(row, "data")
    except UnreadableValue as exc:
        return KeptFigures(), NOT_FIGURES if exc.bad.why == "not a JSON object" else exc.bad.why
    return read_figures(held), ""


def _unreadable_note(why: str, final: bool) -> str:
    """What a section whose kept figures cannot be read shows in their place, and what to do."""
    remedy = ("This report is final: reopen it as a draft, press Refresh from the records to build them again, "
              "then mark it final again." if final else "Press Refresh from the records to build them again.")
    return f"The figures kept for this section cannot be read: {why}. Another program may have changed them. {remedy}"


def _section_dto(row: YearlyReportSection, final: bool = False) -> SectionDTO:
    """A section as read; one whose kept figures cannot be read says so in their place (empty, refused
    by Mark final and the outputs until refreshed). A written section's figures are not read."""
    spec = section_spec(row.key)
    figures, why = _kept_figures(row) if spec.built else (KeptFigures(), "")
    blocks = (Para(_unreadable_note(why, final)),) if why else figures.blocks
    before = checked_draft(row.data) if spec.built and not why else None
    return SectionDTO(
        row.id, row.report_id, row.key, spec.title, spec.kind, spec.hint, row.text,
        blocks, figures.draft, figures.has_data, row.built_at, row.fingerprint, why,
        "" if before is None else what_changed(before, figures.draft), version=row.version,
    )


def _report_dto(r: YearlyReport, rows: list[YearlyReportSection] | None = None) -> ReportDTO:
    order = {s.key: i for i, s in enumerate(SECTIONS)}
    sections = tuple(_section_dto(s, r.final) for s in sorted(rows or (), key=lambda s: order.get(s.key, 999))
                     if s.key in order)
    return ReportDTO(r.id, r.title, r.period_start, r.period_end, r.final, r.finalised_on, r.updated_at, sections,
                     kept_partnership_name=kept_name(rows or ()) if r.final else "", archived_at=r.archived_at)


def list_reports(db: Database, include_archived: bool = False) -> list[ReportDTO]:
    """Every yearly report, latest period first (without their sections)."""
    with db.unit_of_work() as session:
        q = select(YearlyReport).order_by(YearlyReport.period_end.desc(), YearlyReport.id.desc())
        q = unarchived(q, YearlyReport, include_archived)
        return [_report_dto(r) for r in session.scalars(q)]


def _reports_in(session: Session, ids: Sequence[int]) -> list[ReportDTO]:
    """The reports with these ids, each with all its sections (`get_report`, and what commands return)."""
    sections: dict[int, list[YearlyReportSection]] = {}
    for row in session.scalars(select(YearlyReportSection).where(YearlyReportSection.report_id.in_(ids))):
        sections.setdefault(row.report_id, []).append(row)
    reports = session.scalars(select(YearlyReport).where(YearlyReport.id.in_(ids)).order_by(YearlyReport.id))
    return [_report_dto(r, sections.get(r.id, [])) for r in reports]


def get_report(db: Database, report_id: int) -> ReportDTO:
    """A report with all its sections, in the reference report's order."""
    return read_one(db, YearlyReport, report_id, "yearly report", _reports_in)


def as_published(report: ReportDTO, names: Sequence[str]) -> ReportDTO:
    """The report as it is written out (the PDF, the Word document, the yearly report workbook):
    no child's alias or case reference (`names`, from `children_named`) in its title or in any
    section's words, figures or charts, whether the team typed it or a section was built with it.
    Refused (`unreadable_refusal`) while a section's kept figures cannot be read."""
    for s in report.sections:
        _refuse_unreadable(report, s)
    return replace(report, title=without_child_named(report.title, names), sections=tuple(
        replace(s, text=without_child_named(s.text, names), draft=without_child_named(s.draft, names),
                blocks=blocks_without_children(s.blocks, names)) for s in report.sections))


def published_title(db: Database, title: str) -> str:
    """A report's title as its PDF and Word document print it (`as_published`): no child's alias or
    case reference in it (reading the names takes a moment: the window asks away from its thread)."""
    return without_child_named(title, children_named(db))


def published_reports(db: Database) -> list[ReportDTO]:
    """Every current report, as an output lists them: `list_reports` with no child named in a title."""
    names = children_named(db)
    return [as_published(r, names) for r in list_reports(db)]


# ---------------------------------------------------------------- commands

# One live report of a title: two drafts called the same cannot be told apart in the list.
REPORT_TITLE = OneLive(YearlyReport, "title", "There is already a yearly report called '{value}'")


def _check_fields(db: Database, f: ReportFields) -> tuple[str, date, date]:
    c = Checker()
    for name, message in check_period(f.period_start, f.period_end).items():
        c.add(name, message)
    title = c.optional("title", f.title, "Title", MAX_TITLE_CHARS)
    c.raise_if_any()
    assert f.period_start is not None and f.period_end is not None
    return title or default_title(partnership_name(db), f.period_start, f.period_end), f.period_start, f.period_end


def _refuse_a_second(session, title: str, report_id: int | None) -> None:
    """One live report of a title: two drafts called the same cannot be told apart in the list."""
    if problem := REPORT_TITLE.problem(session, report_id, title, advice=": open it, or give this one another title"):
        raise ValidationError({"title": problem})


def create_report(db: Database, fields: ReportFields) -> ReportDTO:
    """A new draft report for a period, with every section, empty."""
    title, start, end = _check_fields(db, fields)
    with db.unit_of_work() as session:
        _refuse_a_second(session, title, None)
        r = YearlyReport(title=title, period_start=start, period_end=end, final=False)
        session.add(r)
        session.flush()
        for spec in SECTIONS:
            session.add(YearlyReportSection(report_id=r.id, key=spec.key, text="", data="", fingerprint=""))
        return read_back(session, r, _reports_in)


def _editable(r: YearlyReport) -> None:
    if r.final:
        raise ValidationError({"final": FINAL_MESSAGE})
    if r.archived_at is not None:
        raise ValidationError({"archived": "This report is archived: restore it to change it"})


def update_report(db: Database, report_id: int, fields: ReportFields) -> ReportDTO:
    """Change the title or period (a draft only). Built sections then show as out of date."""
    title, start, end = _check_fields(db, fields)
    with db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        _editable(r)
        _refuse_a_second(session, title, report_id)
        r.title, r.period_start, r.period_end = title, start, end
        return read_back(session, r, _reports_in)


def set_final(db: Database, report_id: int, final: bool, on: date | None = None) -> ReportDTO:
    """Mark the report final (its outputs lose the DRAFT mark; nothing can change), or reopen it.
    Refused as `final_refusal` says (period not ended on `on`, a written section blank, a built
    section out of date, unreadable or holding a refusal, training attendance not recorded). A built
    section never built yet is built and kept in the same transaction as the mark, so the final
    report prints the figures of that day, and the partnership's name of that day is kept with them (`keep_name`)."""
    built: dict[str, BuiltSection] = {}
    name = partnership_name(db) if final else ""
    if final:
        report = get_report(db, report_id)
        _refuse_unfinished(db, report, on)
        if not report.final and not report.archived:
            stored = {s.key for s in report.sections if s.built_at is not None}
            for spec in SECTIONS:
                if spec.built and spec.key not in stored:
                    try:
                        built[spec.key] = _build(db, spec.key, report.period_start, report.period_end, on)
                    except PermissionError as exc:  # its words would say so in the final report
                        raise ValidationError({"final": f"'{spec.title}' has not been built from the records yet, and "
                                                        "this login may not read its records: a member of the case "
                                                        "reviews group can refresh it before the report is marked "
                                                        "final"}) from exc
                    if refusal := unrecorded_refusal(spec.key, built[spec.key].blocks):
                        raise refusal
                    if after_refresh(report.section(spec.key).text, "", None, built[spec.key].draft)[1] is not None:
                        raise ValidationError({"final": f"'{spec.title}' has not been built from the records yet, and "
                                                        "holds words written before it was: refresh it from the records "
                                                        "and check your words against its built draft first"})
    with db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        if r.archived_at is not None:
            raise ValidationError({"archived": "This report is archived: restore it first"})
        if final and not r.final:
            for key, section in built.items():
                _store(_section_row(session, report_id, key), section)
            keep_name(_section_row(session, report_id, NAME_KEPT_IN), name)
        r.final = bool(final)
        r.finalised_on = (on or date.today()) if final else None
        return read_back(session, r, _reports_in)


def _refuse_unfinished(db: Database, report: ReportDTO, today: date | None) -> None:
    refusal = final_refusal(report, today=today) or (
        None if report.final or report.archived else final_refusal(report, section_states(db, report, today), today))
    if refusal is not None:
        raise refusal


archive_report, restore_report = archivers(YearlyReport, "yearly report", REPORT_TITLE.restore_check)


def _section_row(session, report_id: int, key: str) -> YearlyReportSection:
    section_spec(key)  # a KeyError names an unknown section
    row = session.scalar(select(YearlyReportSection).where(
        YearlyReportSection.report_id == report_id, YearlyReportSection.key == key))
    if row is None:  # a section added to the program after the report was made
        row = YearlyReportSection(report_id=report_id, key=key, text="", data="", fingerprint="")
        session.add(row)
    return row


def save_section_text(db: Database, report_id: int, key: str, text: str, version: int | None = None) -> TextSaved:
    """Save a section's text as the user types: one small transaction, nothing written when it is
    unchanged, refused once final; with `version` (as the editor loaded it), RecordChanged if someone
    else saved its text since (a rebuild of its figures does not count). Control characters are
    dropped as from the minutes (`long_text_as_saved`), tabs, new lines and end spaces kept."""
    text = long_text_as_saved(text)
    # the characters typed count, not the formatting marks and backslashes the editor adds to them
    if typed_length(text) > MAX_TEXT_CHARS or len(text) > 4 * MAX_TEXT_CHARS:
        raise ValidationError({"text": f"A section can be at most {MAX_TEXT_CHARS:,} characters"})
    with _section_named(key), db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        row = _section_row(session, report_id, key)
        if row.id is not None:
            versions.check(session, row, version, fields=("text",))
        if row.text == text:
            return TextSaved(row.id or 0, len(text), False, row.version or 0)
        _editable(r)
        row.text = text
        _words_checked(row)  # an edit of the words: the team has looked at them
        session.flush()
        return TextSaved(row.id, len(text), True, row.version)


@contextmanager
def _section_named(key: str) -> Iterator[None]:
    """A refusal to save a section someone else saved first names it by its title, not its key."""
    try:
        yield
    except RecordChanged as exc:
        raise RecordChanged(exc.what, section_spec(key).title, exc.changed_by, exc.changed_at, exc.yours,
                            exc.current, exc.later, exc.table, exc.record_id) from None


def _words_checked(row: YearlyReportSection) -> None:
    if checked_draft(row.data) is not None:
        row.data = checked(row.data)


def _deal_with_words(db: Database, report_id: int, key: str, version: int | None, take: bool) -> SectionDTO:
    with _section_named(key), db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        _editable(r)
        row = _section_row(session, report_id, key)
        if row.id is not None:
            versions.check(session, row, version, fields=("text",))
        figures, why = _kept_figures(row)
        if take and not why and row.built_at is not None:
            row.text = figures.draft
        _words_checked(row)
        session.flush()
        return _section_dto(row)


def keep_my_words(db: Database, report_id: int, key: str, version: int | None = None) -> SectionDTO:
    """A section flagged "words to check" (`words`) no longer is: the team keeps its words as they
    are, having checked them against the new built draft. With `version` (as the window shows the
    section), RecordChanged if someone else saved its text since."""
    return _deal_with_words(db, report_id, key, version, take=False)


def take_built_draft(db: Database, report_id: int, key: str, version: int | None = None) -> SectionDTO:
    """A built section's text becomes its built draft in place of the team's words (kept in the
    change history), and it is no longer flagged "words to check". `version` as `keep_my_words`."""
    return _deal_with_words(db, report_id, key, version, take=True)


def build_section(db: Database, key: str, start: date, end: date, today: date | None = None) -> BuiltSection:
    """A built section's figures for a period, fresh from the records (nothing is saved). Its
    draft is kept as the team's text is, so the names in it print as they are spelt."""
    try:
        return _build(db, key, start, end, today)
    except PermissionError as exc:  # a team database keeps this section's records from the login
        return BuiltSection(key, (Para(f"{exc} {REFUSED_TAIL}"),), "", False)


CLOSED_RECORDS = {"case_reviews": "case reviews", "audits": "audits"}  # what only the case reviews group reads


def left_as_it_was(key: str) -> str:
    """Why a refresh left a section as it was: the login may not read its records."""
    return (f"{section_spec(key).title} was left as it was: your login may not read "
            f"{CLOSED_RECORDS.get(key, 'its records')}; ask a colleague who can to refresh it")


def _refreshed(db: Database, key: str, report: ReportDTO, today: date | None) -> BuiltSection | None:
    """A section built afresh for `report`'s period, or None when this login may not read its records."""
    try:
        return _build(db, key, report.period_start, report.period_end, today)
    except PermissionError:
        return None


def _build(db: Database, key: str, start: date, end: date, today: date | None) -> BuiltSection:
    """`build_section`, with a PermissionError when the login may not read the section's records."""
    if section_spec(key).kind is not SectionKind.BUILT:
        raise ValueError(f"The section '{key}' is written, not built")
    built = without_children(BUILDERS[key](db, start, end, today or date.today()), children_named(db))
    return replace(built, draft=escape(built.draft))


def _store(row: YearlyReportSection, built: BuiltSection) -> None:
    """Keep `built` as the section's figures and draft; the team's words kept, flagged to check
    when the draft changed under them (`words.after_refresh`)."""
    old, _ = _kept_figures(row)  # figures that cannot be read are built again, the team's words kept
    row.text, before = after_refresh(row.text or "", old.draft, checked_draft(row.data), built.draft)
    row.data = json.dumps({"blocks": blocks_to_json(built.blocks), "draft": built.draft, "has_data": built.has_data,
                           **({} if before is None else {CHECKED_DRAFT: before})}, ensure_ascii=False)
    row.fingerprint = built.fingerprint()
    row.built_at = utcnow()


def refresh_section(db: Database, report_id: int, key: str, today: date | None = None,
                    progress: Progress | None = None) -> SectionDTO:
    """Rebuild one built section from the records of the report's period (built first, then
    saved, as `refresh_all` does each; the window runs it away from its thread). Refused, the
    section left as it is, when this login may not read its records (`left_as_it_was`)."""
    report = get_report(db, report_id)
    if report.final:
        raise ValidationError({"final": FINAL_MESSAGE})
    if progress:
        progress(0, 2, f"Building {section_spec(key).title.lower()}…")
    built = _refreshed(db, key, report, today)
    if built is None:
        raise ValidationError({"refresh": left_as_it_was(key)})
    if progress:
        progress(1, 2, "Saving…")
    with db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        _editable(r)
        row = _section_row(session, report_id, key)
        _store(row, built)
        session.flush()
        refreshed = _section_dto(row)
    if progress:
        progress(2, 2, "Done")
    return refreshed


def refresh_all(db: Database, report_id: int, today: date | None = None,
                progress: Progress | None = None) -> ReportDTO:
    """Rebuild every built section, all in one transaction (each built first, then saved). A
    section whose records this login may not read is left as it is (built or not), and the report
    returned says so in `left` (`left_as_it_was`, one sentence a section)."""
    report = get_report(db, report_id)
    if report.final:
        raise ValidationError({"final": FINAL_MESSAGE})
    keys = [s.key for s in SECTIONS if s.built]
    built = {}
    for i, key in enumerate(keys):
        if progress:
            progress(i, len(keys) + 1, f"Building {section_spec(key).title.lower()}…")
        built[key] = _refreshed(db, key, report, today)
    with db.unit_of_work() as session:
        r = get_or_raise(session, YearlyReport, report_id, "yearly report")
        _editable(r)
        for key in keys:
            if (section := built[key]) is not None:
                _store(_section_row(session, report_id, key), section)
        refreshed = read_back(session, r, _reports_in)
    refreshed = replace(refreshed, left=tuple(left_as_it_was(key) for key in keys if built[key] is None))
    if progress:
        progress(len(keys) + 1, len(keys) + 1, "Done")
    return refreshed


# ---------------------------------------------------------------- checklist


def section_states(db: Database, report: ReportDTO, today: date | None = None) -> dict[str, CheckState | WordsState]:
    """Each section: has content, is empty, or (built) was built before its records changed, or
    has the team's words to check since a refresh changed its draft (`WordsState`). A
    final report's built sections keep the figures of the day it was marked final, as its
    outputs print them: never out of date (nothing in it can be refreshed). A built section whose
    kept figures cannot be read, or holding only a refusal (`holds_a_refusal`), is empty until refreshed."""
    states: dict[str, CheckState | WordsState] = {}
    for s in report.sections:
        if not s.built:
            states[s.key] = CheckState.DONE if has_words(s.text) else CheckState.EMPTY
            if s.key == "priorities" and has_words(s.text) and (
                    not any(isinstance(b, TextBullets) for b in parse_text(s.text))
                    or priorities_without_progress(s.text)):
                states[s.key] = CheckState.INCOMPLETE
        elif s.built_at is None or s.unreadable or holds_a_refusal(s):
            states[s.key] = CheckState.EMPTY
        elif report.final:
            states[s.key] = CheckState.DONE if s.has_data else CheckState.EMPTY
        else:
            fresh = build_section(db, s.key, report.period_start, report.period_end, today)
            if out_of_date(s, fresh):
                states[s.key] = CheckState.OUT_OF_DATE
            elif s.words_to_check:
                states[s.key] = WordsState.TO_CHECK
            else:
                states[s.key] = CheckState.DONE if s.has_data else CheckState.EMPTY
    return states


def out_of_date(section: SectionDTO, fresh: BuiltSection) -> bool:
    """The one rule of "out of date": a built section's kept figures or draft differ from `fresh`,
    the section built now for the report's period (its records, or the report's period, changed
    since): `BuiltSection.kept_as_built`, which reads fingerprints of earlier versions too."""
    return section.built_at is not None and not fresh.kept_as_built(section.fingerprint, section.draft)


def as_it_stands(db: Database, report: ReportDTO, section: SectionDTO, today: date | None = None) -> SectionDTO:
    """A draft's built section as its PDF or Word document prints it: the figures kept; or, when
    never built or out of date (`out_of_date`, as the checklist judges it: after a change of period
    the kept figures are another period's), built fresh for the output and not saved, with the
    fresh draft in place of an old draft the team has not changed."""
    _refuse_unreadable(report, section)
    if not section.built or report.final:
        return section
    try:
        fresh = build_section(db, section.key, report.period_start, report.period_end, today)
    except ValidationError:  # a period no figures can be read for (outside 1900 to 2200): as kept
        return section
    if section.built_at is not None and a_refusal(fresh.blocks):  # this login may not read its records
        return section
    if section.built_at is not None and not out_of_date(section, fresh):
        return section
    return replace(section, blocks=fresh.blocks, draft=fresh.draft, has_data=fresh.has_data,
                   text=text_with(section.text, section.draft, fresh.draft))


def unreadable_refusal(report: ReportDTO, section: SectionDTO) -> ValidationError:
    """The refusal to write out `report` while `section`'s kept figures cannot be read."""
    remedy = ("reopen it as a draft, refresh that section from the records (Reports > Yearly report…, the section, "
              "Refresh from the records) and mark it final again" if report.final else
              "refresh that section from the records (Reports > Yearly report…, the section, Refresh from the records) "
              "to build them again")
    return ValidationError({"figures": f"The figures kept for the section '{section.title}' of the yearly report "
                                       f"'{report.title}' cannot be read ({section.unreadable}); another program may "
                                       f"have changed them. Nothing was written: {remedy}"})


def _refuse_unreadable(report: ReportDTO, section: SectionDTO) -> None:
    if section.unreadable:
        raise unreadable_refusal(report, section)


def report_checklist(db: Database, report_id: int, today: date | None = None) -> list[CheckLine]:
    """The contents Working Together 2023 expects, each ticked or flagged for this report."""
    report = get_report(db, report_id)
    return checklist(section_states(db, report, today))


__all__ = [
    "FINAL_MESSAGE", "ReportDTO", "ReportFields", "SectionDTO", "archive_report", "as_it_stands", "as_published",
    "blocks_without_children", "build_section", "children_named", "create_report", "final_refusal", "get_report",
    "holds_a_refusal", "keep_my_words", "left_as_it_was", "list_reports", "take_built_draft", "WordsState",
    "out_of_date", "partnership_name", "period_not_ended", "REFUSED_TAIL", "unrecorded_refusal", "kept_name", "published_reports", "published_title", "refresh_all",
    "refresh_section", "report_checklist", "restore_report", "save_section_text", "section_states",
    "set_final", "unreadable_refusal", "update_report", "without_child_named",
]
