"""Audits outputs: the audits workbook (`export xlsx --area audits`), the Section 11 summary
(`report s11-summary --cycle ID`), one case audit (`report audit --id ID`) and the change log
(`report change-log --from DATE --to DATE [--area AREA]`, PDF or Excel by the file's suffix).
Case-audit outputs and the change log are OFFICIAL-SENSITIVE.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop import areas
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.section11 import standard_key
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs import Output, Progress, gather_then_write, no_progress, report, workbook
from bscp_desktop.reports.marking import marking
from bscp_desktop.services import history as hs
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_follow_on
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.settings import partnership_name

if TYPE_CHECKING:
    from bscp_desktop.reports import audits as out
    from bscp_desktop.reports.xlsx import WorkbookBuilder


def _action_line(source: str, action, today: date) -> out.ActionLine:
    from bscp_desktop.reports import audits as out
    return out.ActionLine(source, action.description, action.owner, action.due_date, action.status.label,
                          action.completed_on, action.evidence, overdue=action.overdue_on(today))


def _recommendation_label(rec) -> str:
    """'MAA-2023-01 R2', and '(archived)' after one archived: listed while an action of it is
    still open, which counts as open for the audit."""
    return f"{rec.label} (archived)" if rec.archived else rec.label


def _with_open(recommendations, actions) -> list:
    """The live recommendations, and after them any archived one whose open action is listed."""
    listed = {r.id for r in recommendations}
    archived = {row.recommendation.id: row.recommendation for row in actions if row.recommendation.id not in listed}
    return [*recommendations, *archived.values()]


def _cell_line(cell: sr.GridCell) -> out.S11CellLine:
    from bscp_desktop.reports import audits as out
    r = cell.rating
    return out.S11CellLine(r.self_rating, r.moderated_rating, cell.previous, cell.change, r.not_applicable_reason,
                           r.evidence, r.moderation_note)


def cycle_report(db, cycle_id: int, today: date, grid: sr.Grid | None = None,
                 actions: list[sr.AgencyActionRow] | None = None) -> out.S11CycleReport:
    """One cycle's report (`grid`, `actions`: its grid and actions, when the caller has read them already)."""
    from bscp_desktop.reports import audits as out
    grid = grid or sr.grid(db, cycle_id)
    cycle = grid.cycle
    agencies = tuple(
        out.S11AgencyLine(a.organisation_name, a.status.label, a.sent_on, a.returned_on, a.moderated_on,
                          a.timeliness(today), a.lateness(today), a.contact)
        for a in grid.agencies
    )
    cells = tuple(tuple(_cell_line(grid.cell(a.id, s.id)) for s in grid.standards) for a in grid.agencies)
    previous_cells: tuple = ()
    if grid.previous_grid is not None:
        before = {(c.rating.organisation_id, standard_key(c.rating.standard_title)): c
                  for c in grid.previous_grid.cells.values()}
        previous_cells = tuple(
            tuple(
                _cell_line(before[(a.organisation_id, s.key)]) if (a.organisation_id, s.key) in before else None
                for s in grid.standards
            )
            for a in grid.agencies
        )
    actions = tuple(
        _action_line(f"{cycle.name}: {row.organisation_name}, standard {row.standard_number}", row.action, today)
        for row in (sr.cycle_actions(db, cycle_id) if actions is None else actions)
    )
    return out.S11CycleReport(
        cycle.name, cycle.opens_on, cycle.due_on, grid.previous.name if grid.previous else "",
        tuple((s.number, s.title) for s in grid.standards), agencies, cells, actions, previous_cells,
        rating_scale=cycle.rating_scale,
        # the earlier cycle's improvement actions still open: said, not carried over
        previous_open_actions=s11_follow_on.open_actions_left(db, grid.previous.id) if grid.previous else 0,
    )


def audit_report(db, audit_id: int, today: date) -> out.CaseAuditReport:
    """One audit's report, read for that audit alone."""
    return _audit_lines(
        ca.get_audit(db, audit_id), sa.list_cases(db, audit_id), le.list_learning(db, audit_id),
        le.list_recommendations(db, audit_id, today=today), le.audit_actions(db, audit_id, today=today), today,
    )


def _by_audit(rows, audit_of) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(audit_of(row), []).append(row)
    return grouped


def _every_audit_report(db, audits, today: date) -> list[out.CaseAuditReport]:
    """Every listed audit's report, each part read once for all of them (not audit by audit)."""
    cases = _by_audit(sa.list_cases(db, None), lambda c: c.audit_id)
    learning = _by_audit(le.list_learning(db), lambda p: p.audit_id)
    recommendations = _by_audit(le.list_recommendations(db, today=today), lambda r: r.audit_id)
    actions = _by_audit(le.audit_actions(db, today=today), lambda row: row.recommendation.audit_id)
    return [
        _audit_lines(a, cases.get(a.id, []), learning.get(a.id, []), recommendations.get(a.id, []),
                     actions.get(a.id, []), today)
        for a in audits
    ]


def _audit_lines(a, cases, learning, recommendations, actions, today: date) -> out.CaseAuditReport:
    from bscp_desktop.reports import audits as out
    returns = tuple(
        out.AuditReturnLine(r.case_reference, r.case_alias, r.organisation_name, r.requested_on, r.received_on,
                            r.grading, r.good_practice, r.areas_for_development, r.timeliness(today),
                            r.received_text(today), r.lateness(today))
        for c in cases for r in c.returns if not r.archived
    )
    return out.CaseAuditReport(
        a.reference, a.title, a.theme, a.status.label, a.audit_date, a.returns_due, a.discussed_on, a.reported_on,
        a.closed_on, a.questions, a.scope, a.findings,
        tuple(f"{m.role.label}: {m.label}" for m in a.meetings),
        tuple(
            out.AuditCaseLine(c.reference, c.alias, c.age_band.label if c.age_band else "", c.agency_names,
                              c.agreed_grading, c.agreed_note, c.summary)
            for c in cases
        ),
        returns,
        tuple(out.LearningLine(p.audit_reference, p.text, p.theme, p.where_shared, p.shared_on) for p in learning),
        tuple((_recommendation_label(r), r.text, r.lead_organisation_name) for r in _with_open(recommendations, actions)),
        tuple(_action_line(_recommendation_label(row.recommendation), row.action, today) for row in actions),
    )


@workbook(RecordKind.AUDITS, "Audits workbook: Section 11 and case audits",
          outputs=(Output("Audits workbook (Excel)…", "Audits.xlsx"),))
def audits_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    from bscp_desktop.reports import audits as out
    today = today or date.today()
    cycles = s11.list_cycles(db)
    audits = ca.list_audits(db)
    total = len(cycles) + len(audits) + 1
    done = 0
    grids = sr.grids(db, [c.id for c in cycles])
    actions = sr.every_cycle_actions(db, [c.id for c in cycles])
    cycle_lines = []
    for cycle in cycles:
        progress(done, total, f"Section 11 {cycle.name}…")
        cycle_lines.append(cycle_report(db, cycle.id, today, grids[cycle.id], actions[cycle.id]))
        done += 1
    progress(done, total, "Case audits…")
    audit_lines = _every_audit_report(db, audits, today)
    done += len(audits)
    data = out.AuditsReport(partnership_name(db), today, tuple(cycle_lines), tuple(audit_lines),
                            tuple(x for c in cycle_lines for x in c.actions))
    progress(done, total, "Writing the workbook…")
    return out.audits_workbook(data)


@report("s11-summary", "Section 11 summary (landscape)", options=("cycle",), needs="cycle", sensitive=False,
        missing="Say which cycle: give its id or name with --cycle ID",
        outputs=(Output("Section 11 summary of the selected cycle (PDF)…", "Section 11 summary.pdf"),))
def s11_summary(db, path: Path, progress: Progress = no_progress, cycle: str | int | None = None,
                today: date | None = None) -> Path:
    from bscp_desktop.reports import audits as out
    today = today or date.today()
    return gather_then_write(
        progress, "Gathering the cycle…",
        lambda: out.AuditsReport(partnership_name(db), today, (cycle_report(db, s11.find_cycle(db, cycle).id, today),)),
        "Writing the summary…", lambda data: out.write_s11_summary(data, path),
    )


@report("audit", "Case audit report", options=("record_id",), needs="record_id",
        missing="Say which audit: give its reference or id with --id",
        find={"record_id": ca.find_audit}, outputs=(Output("Report of the selected case audit (PDF)…", "Case audit.pdf"),))
def audit_pdf(db, path: Path, progress: Progress = no_progress, record_id: int | None = None,
              today: date | None = None) -> Path:
    from bscp_desktop.reports import audits as out
    today = today or date.today()
    return gather_then_write(
        progress, "Gathering the audit…",
        lambda: out.AuditsReport(partnership_name(db), today, audits=(audit_report(db, int(record_id), today),)),
        "Writing the report…", lambda data: out.write_audit_pdf(data, path),
    )


@report("change-log", "Change log (PDF, or Excel for a .xlsx file)",
        options=("date_from", "date_to", "area", "person", "record", "search", "xlsx"),
        sensitive=False,  # marked by what it covers (`is_marked`): every area's, unless narrowed
        outputs=(Output("Change log as shown (Excel)…", "Change log.xlsx", {"xlsx": True}),
                 Output("Change log as shown (PDF)…", "Change log.pdf")))
def change_log(db, path: Path, progress: Progress = no_progress, date_from: date | None = None,
               date_to: date | None = None, area: str | None = None, person: str | None = None,
               record: tuple[str, int] | list | None = None, search: str = "", xlsx: bool | None = None) -> Path:
    """The change log, filtered as the window's change log view is; newest first. The words of
    confidential agenda items are left out, and a change found only by them is not listed."""
    from bscp_desktop.jobs.history import confidential_mask
    if date_from and date_to and date_to < date_from:
        raise ValidationError({"date_to": f"--to ({date_to:%d/%m/%Y}) cannot be before --from ({date_from:%d/%m/%Y})"})
    query = hs.ChangeQuery(date_from, date_to, person or None, hs.parse_area(area) if area else None,
                           tuple(record) if record else None, search or "")
    with marking(is_marked(query, db)):
        return _write_change_log(db, path, progress, query, confidential_mask(db), xlsx)


def is_marked(query: hs.ChangeQuery, db=None) -> bool:
    """Whether a change log of `query` is OFFICIAL-SENSITIVE, by the records it can print
    (`hs.tables_listed`): one record's history by that record's and its rows' tables, whatever
    area was asked for (an audited case's history is marked even when asked for with Training);
    otherwise by its area (`area_is_marked`)."""
    return tables_are_marked(hs.tables_listed(query), db)


def area_is_marked(area: str | None, db=None) -> bool:
    """Whether a change log of one area of the change history (of every area: None) is
    OFFICIAL-SENSITIVE (`tables_are_marked`, of the area's tables)."""
    return tables_are_marked(None if area is None else hs.area_tables().get(area, ()), db)


def tables_are_marked(tables, db=None) -> bool:
    """Whether changes to records of `tables` (of every table: None) are OFFICIAL-SENSITIVE:
    when any is of a kind the area registry marks (case reviews, audits), or of a kind that
    holds confidential agenda items' words (meetings, and the action log, which holds case
    review and audit actions too); finance's when it names a case review
    (`jobs.finance.change_log_is_marked`, read from `db`); not for training, memberships,
    settings or the yearly report. Marked too when none of them is of a kind known (a retired table)."""
    if tables is None:
        return True
    from bscp_desktop.db.base import Base
    from bscp_desktop.db.models import load_all
    from bscp_desktop.jobs.history import CONFIDENTIAL_FIELDS

    load_all()
    kind_of = {m.local_table.name: getattr(m.class_, "__kind__", None) for m in Base.registry.mappers}
    confidential = {kind_of.get(table) for table in CONFIDENTIAL_FIELDS}
    kinds = {kind_of.get(table) for table in tables} - {None}
    if not kinds or any(areas.is_sensitive(kind) or kind in confidential for kind in kinds):
        return True
    if RecordKind.FINANCE in kinds and db is not None:
        from bscp_desktop.jobs.finance import change_log_is_marked
        return change_log_is_marked(db)
    return False


#: Said of a searched change log that may list a confidential item's changes, whether or not any
#: was left out: how many were would itself say that the words left out hold what was searched for.
NOT_LISTED_WHEN_SEARCHED = ("changes found only in words this file leaves out, such as a confidential "
                            "item's minutes, are not listed")


def _described(query: hs.ChangeQuery, record_name: str) -> str:
    """The filter in words (`hs.describe`), saying of a search that a change found only in words
    the file leaves out is not listed, where the query's tables can hold such words."""
    from bscp_desktop.jobs.history import CONFIDENTIAL_FIELDS
    said, tables = hs.describe(query, record_name), hs.tables_listed(query)
    if query.search.strip() and (tables is None or not CONFIDENTIAL_FIELDS.keys().isdisjoint(tables)):
        return f"{said} ({NOT_LISTED_WHEN_SEARCHED})"
    return said


def _write_change_log(db, path: Path, progress: Progress, query, shown, xlsx: bool | None) -> Path:
    from bscp_desktop.reports import change_log as log_out
    from bscp_desktop.services.history_shown import found_as_shown
    progress(0, 0, "Counting the changes…")
    total = hs.count_changes(db, query, cap=10**9)
    record_name = _record_name(db, query.record, shown)
    found = found_as_shown(db, query)
    lines = []  # `shown`: the words of confidential agenda items are left out
    for i, change in enumerate(hs.iter_changes(db, query)):
        c = shown(change)
        if c is not change and not found(c):  # found only by the words left out: not listed either
            continue
        lines.append(log_out.ChangeLine(
            c.changed_at, c.changed_by, hs.area_label(hs.area_of_table(c.table_name)),
            c.record_text,
            c.action_label, c.field_label, c.old_text, c.new_text,
        ))
        if i % 5000 == 0:
            progress(i, total, f"Reading change {i + 1:,} of {total:,}…")
    data = log_out.ChangeLogReport(partnership_name(db), date.today(), _described(query, record_name), lines)
    progress(total, total, "Writing…")
    if xlsx or Path(path).suffix.lower() == ".xlsx":
        return log_out.change_log_workbook(data).save(path)
    return log_out.write_change_log_pdf(data, path)


def _record_name(db, record: tuple[str, int] | None, shown) -> str:
    """The name of the record whose history the change log is, for its title: the record's own
    (not that of the first row listed, which may be one of its rows: a case review's theme, an
    organisation's other name), left out as its rows' names are (`shown`) when it is a
    confidential item's decision or action."""
    if record is None:
        return ""
    table, record_id = record[0], int(record[1])
    own = hs.ChangeDTO(0, datetime.min, "", table, record_id, hs.record_name(db, table, record_id), "", "", None, None)
    return shown(own).record_name
