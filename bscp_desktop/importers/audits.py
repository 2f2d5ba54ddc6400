"""Returns partners fill in and send back: one agency's Section 11 return (`s11`) and one
agency's case audit return (`audit-return`). The program writes the workbook (`write_*_template`)
and reads it back (`import_*`).

Rules, as for every import: every row is checked first; if any row is bad nothing is written and
`ImportRejected` lists every bad row with the reason (an unknown rating or grading, a standard
or case not in the cycle or audit, an agency not taking part). Importing the same file again
changes nothing; a changed return updates the answers, each change recorded in the history.
A blank answer never clears one already held; where a row answers something, the report names
each answer its blanks keep (an improvement action only while it is still open). An agency's
Section 11 return is marked returned (the report says so, with the day) only when the file
itself answers something; one leaving a standard without a rating is recorded all the same,
the report naming each such standard. A case audit return is refused, nothing imported, while
its audit is closed, and none is written for it. A workbook the program did not write is
refused in one sentence, as is one whose table holds no row at all (its rows deleted or moved
to another sheet). A refusal says nothing of the changes the good rows would make. An
improvement action due more than ten years after its cycle opened is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import select

from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.audits import AuditCase, AuditReturn, CaseAudit, S11Cycle, S11Standard
from bscp_desktop.db.targets import ending_alone
from bscp_desktop.domain.audits import Grading
from bscp_desktop.domain.case_reviews import name_warnings
from bscp_desktop.domain.section11 import Rating, RatingScale, no_standards_problem, opening_problems, standard_key
from bscp_desktop.domain.validation import Checker, NotFoundError, ValidationError
from bscp_desktop.importers.report import ImportRejected, ImportReport
from bscp_desktop.importers.return_blanks import answers_in, audit_blanks_kept, rating_label, s11_blanks_kept
from bscp_desktop.importers.return_dates import far_due_problem, read_date
from bscp_desktop.importers.return_sheets import AUDIT_MARK, S11_MARK, ReturnSheet, require_columns
from bscp_desktop.importers.s11_standards import STANDARD_NO, held_before, named_before, removed_problem, removed_standard, unrated_note
from bscp_desktop.importers.tabular import ImportFileError
from bscp_desktop.reports import audit_templates as tpl
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import find_organisation
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.audits.s11_follow_on import later_cycle_opened, no_return_written, opened_after
from bscp_desktop.services.history import values_held
from bscp_desktop.services.settings import partnership_name

Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, text: str = "") -> None:
    return None


def _partnership(db) -> str:
    return partnership_name(db)


def _organisation(db, agency: str | int) -> tuple[int, str]:
    """(id, name) of the organisation a command line names by id or name."""
    with db.unit_of_work() as session:
        org_id, problem = find_organisation(session, agency)
        if problem:
            raise NotFoundError(problem + ".")
        return org_id, session.get(Organisation, org_id).name


#: The return's column for a check's field, where the check's message quotes the value alone.
_COLUMNS = {"self_rating": "Rating", "grading": "Grading"}
#: The return's column for why a standard does not apply, which the window calls otherwise.
_REASON = "Reason if not applicable"


def _named(errors: dict[str, str]) -> list[str]:
    """Each message naming its column: "Rating: 'Purple' is not a rating; ...", and a rating of
    Not applicable without its reason naming the column the reason goes in."""
    said = []
    for field, message in errors.items():
        if field == "not_applicable_reason" and "is too long" in message:
            message = f"{_REASON} {message[message.index('is too long'):]}"
        elif field == "not_applicable_reason" and "'Not applicable'" in message:
            message = f"Rating is 'Not applicable' but {_REASON} is blank: say why the standard does not apply there"
        elif field in _COLUMNS and message.startswith("'"):
            message = f"{_COLUMNS[field]}: {message}"
        said.append(message)
    return said


def _check_agency_fact(session, sheet: ReturnSheet, report: ImportReport, org: Organisation) -> None:
    """The visible Agency line must name the agency the return was written for: by its name,
    one of its other names or its short name, or a name or short name it had before (a return
    written before a rename still counts)."""
    fact = sheet.fact("Agency")
    if fact is None or not fact[1]:
        return
    if not ms.organisation_matcher_in(session).is_called(org.id, fact[1]):
        report.refuse_row(fact[0], [f"The agency '{fact[1]}' is not the one this return was written for ({org.name}); "
                               "write a return for that agency instead"])


def _check_record_fact(sheet: ReturnSheet, report: ImportReport, label: str, shown: str, expected: str,
                       also: set[str] = frozenset()) -> None:
    """Refuse at once a return whose visible `label` line (the cycle, the audit) names another
    record than the one its marker line (the line under the title) marks it for, `expected`: it
    would be imported into that one, which may not be the one meant. Which of the two lines was
    changed cannot be told, so the refusal names both. `shown` is the line's value as checked (for
    an audit, its reference alone); `also`, names the record had when the return may have been
    written."""
    fact = sheet.fact(label)
    if fact is not None and shown and shown.casefold() not in {n.casefold() for n in (expected, *also)}:
        what = label.lower()
        report.refuse_row(fact[0], [f"The {what} '{fact[1]}' named here is not the {what} the line under the title "
                               f"marks this return for, {expected}, which it would be imported into: write a new "
                               f"return for the {what} you mean and copy the answers into it"])
        raise ImportRejected(report)


# --------------------------------------------------------------------------- Section 11


_AGAIN = ("write a new return for {} (Audits tab, Section 11: Write an agency's return…), copy the answers into it "
          "and import that")


def return_file(out: Path | str, kind: str) -> Path:
    """`out` if it names a workbook, as a return must be ("s11" or "audit-return"); else a
    ValueError with one sentence."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        what = "Section 11 return" if kind == "s11" else "audit return"
        if ending_alone(out) == ".xlsx":
            raise ValueError(f"'{out.name}' has no name before its ending: name the {what} file (-o), for example "
                             f"{kind}-return.xlsx")
        raise ValueError(f"Choose a file name (-o) ending in .xlsx for the {what}, not '{out.name}'")
    return out


def write_s11_template(db, cycle: str | int, agency: str | int, out: Path | str, today: date | None = None) -> Path:
    """One agency's Section 11 return for a cycle (cycle by id or name; agency by id or name),
    with any answers it has already given. Given `today`, refused once a later cycle compared
    with it has opened by then (`later_cycle_opened`): the return could no longer be imported."""
    out = return_file(out, "s11")
    found = s11.find_cycle(db, cycle)
    if found.archived:
        raise ValidationError({"cycle": f"The cycle {found.name} is archived: restore it before writing returns for it"})
    if today is not None and (later := opened_after(db, found.id, today)):
        raise ValidationError({"cycle": no_return_written(found.name, later)})
    if not found.standards:
        raise ValidationError({"cycle": no_standards_problem(found.name, found.opens_on, date.today())
                               + ", then write the agency's return"})
    org_id, org_name = _organisation(db, agency)
    with db.unit_of_work() as session:
        participant = s11.participant_in(session, found.id, org_id)
    if participant is None or participant.archived_at is not None:
        raise ValidationError({"agency": f"{org_name} is not taking part in the cycle {found.name}: add it to the cycle first"})
    answers = {r.standard_id: r for r in sr.list_ratings(db, found.id) if r.participant_id == participant.id}
    rows = []
    for standard in s11.list_standards(db, found.id):
        answer = answers.get(standard.id)
        rows.append(tpl.S11TemplateRow(
            standard.number, standard.title, standard.questions,
            answer.self_rating.label if answer and answer.self_rating else "",
            answer.not_applicable_reason if answer else "", answer.evidence if answer else "",
            answer.action.description if answer and answer.action else "",
            answer.action.due_date if answer and answer.action else None,
        ))
    data = tpl.S11Template(_partnership(db), found.id, found.name, found.due_on, org_id, org_name,
                           participant.contact, tuple(rows), found.rating_scale)
    return tpl.write_s11_template(data, out)


def _superseded(cycle: str, later: str, agency: str, file: str) -> str:
    """Why a return for `cycle` is refused once `later`, compared with its ratings, has opened."""
    return (f"This return is for the Section 11 cycle {cycle}, but {later} has opened since and compares with "
            f"{cycle}'s ratings: send {agency} the {later} return instead (Audits tab, Section 11: choose {later}, "
            f"then Write an agency's return…; or bscp-desktop template s11 --cycle {later} --agency \"{agency}\" "
            f"-o FILE). To correct a {cycle} rating, change it in the Audits tab (Section 11, {cycle}). "
            f"Nothing was imported from {file}.")


def import_s11(db, path: Path | str, dry_run: bool = False, progress: Progress = _no_progress,
               today: date | None = None) -> ImportReport:
    path = Path(path)
    progress(0, 0, f"Reading {path.name}…")
    sheet = ReturnSheet(path, tpl.S11_SHEET, S11_MARK, "Section 11 return", "template s11", "no")
    cycle_id, org_id = sheet.ids
    table = sheet.table()
    report = ImportReport("Section 11 return", path.name, rows=len(table), dry_run=dry_run,
                          labels=sheet.labels())
    report.notes.extend(sheet.unread(tpl.S11_HEADERS))
    sheet.note_headings_again(report)
    require_columns(sheet, path, ("No.", "Rating", "Reason if not applicable", "Evidence", "Your improvement action",
                                   "Action due by"))
    sheet.note_cell_problems(report)  # refused with every other bad row
    with db.unit_of_work() as session:
        cycle = session.get(S11Cycle, cycle_id)
        org = session.get(Organisation, org_id)
        if cycle is None or org is None:
            raise ImportFileError(
                f"{path.name} belongs to a cycle or agency that is not in this database; "
                "import it into the database the return was written from."
            )
        cycle_line = (sheet.fact("Cycle") or (0, ""))[1]
        _check_record_fact(sheet, report, "Cycle", cycle_line, cycle.name,
                           values_held(session, S11Cycle.__tablename__, cycle.id, "name"))
        if cycle.archived_at is not None:
            raise ImportFileError(f"The cycle {cycle.name} is archived: restore it (Audits tab, Section 11) before "
                                  "importing returns for it.")
        if (later := later_cycle_opened(session, cycle, today or date.today())) is not None:
            raise ImportFileError(_superseded(cycle.name, later.name, org.name, path.name))
        participant = s11.participant_in(session, cycle.id, org.id)
        agency_row = (sheet.fact("Agency") or (3, ""))[0]
        if participant is None or participant.archived_at is not None:
            report.refuse_row(agency_row, [f"{org.name} is not taking part in the cycle {cycle.name}: add it to the cycle, "
                                      "then import the return again"])
        _check_agency_fact(session, sheet, report, org)
        every_standard = list(session.scalars(select(S11Standard).where(S11Standard.cycle_id == cycle.id)))
        standards = [s for s in every_standard if s.archived_at is None]
        removed = [s for s in every_standard if s.archived_at is not None]  # named as removed, not as unknown
        if not standards:
            raise ImportFileError(f"{no_standards_problem(cycle.name, cycle.opens_on, today or date.today())}. "
                                  f"Nothing was imported from {path.name}.")
        sheet.refuse_no_rows(table, f"none of the standards of the cycle {cycle.name}", tpl.S11_HEADERS)
        scale = RatingScale(cycle.rating_scale)  # a rating of the other scale is refused, naming this one
        by_number = {s.number: s for s in standards}
        by_title = {standard_key(s.title): s for s in standards}
        held = held_before(session, standards)
        current = {}
        if participant is not None:
            current = {r.standard_id: r for r in sr._ratings(session, cycle.id, participant_ids=[participant.id])}
        seen: dict[int, int] = {}
        work = []
        changes: list[str] = []  # notes of what changes: said only once no row is bad, as then it does
        answered = False
        for number, cells in table:
            if number in sheet.refused:  # named for its cell already
                continue
            errors: list[str] = []
            text_no, title = cells.get("no", ""), cells.get("standard", "")
            read_no = STANDARD_NO.fullmatch(text_no.strip().casefold())
            typed_no = int(read_no[1]) if read_no and not (read_no[2] or "").strip("0") else None
            standard = by_number.get(typed_no) if typed_no is not None else None
            numbered = standard
            if standard is not None and title and standard_key(title) != standard_key(standard.title):
                standard = by_title.get(standard_key(title))
            if standard is None and title and not read_no:  # no number, or none to read ("one", "inf"): the title
                standard = by_title.get(standard_key(title))
            if standard is None and title and (typed_no is not None or not read_no):  # one the team has changed since
                standard = named_before(held, standard_key(title), typed_no, by_title)
            gone = removed_standard(removed, typed_no, title) if standard is None else None
            if gone is not None and not answers_in(cells):  # removed since the return was written: nothing to import
                report.unchanged += 1
                report.notes.append(f"Row {number} (standard {gone.number}): left as it is, as the standard was removed "
                                    f"from the cycle {cycle.name} and the row holds no answers.")
                continue
            if gone is not None:
                report.refuse_row(number, [removed_problem(gone, cycle, today or date.today())])
                continue
            if standard is None and numbered is not None and len(held[numbered][0]) > 1:
                errors.append(f"Standard {numbered.number} is titled “{numbered.title}” now, and this row's title "
                              f"'{title}' is not one it has had: the team has changed the standard since the return "
                              f"was written, so {_AGAIN.format(org.name)}")
            elif standard is None and numbered is not None:
                errors.append(f"Standard {numbered.number}'s title was changed to '{title}': put back the title "
                              f"the return was written with, “{numbered.title}”")
            elif standard is None and (moved := [s for s in standards if typed_no in held[s][1] - {s.number}]):
                errors.append(f"Standard {typed_no} is not in the cycle {cycle.name}: the team has renumbered the "
                              f"standards since the return was written (it is standard {moved[0].number} now), so "
                              + _AGAIN.format(org.name))
            elif standard is None and not text_no and not title:
                errors.append("This row names no standard (No. and Standard are empty): write anything more in "
                              "the Evidence of the standard it is about")
            elif standard is None:
                typed = text_no[8:].lstrip() if text_no[:8].casefold() == "standard" else text_no  # said once
                shown = f"Standard {typed}" if text_no else f"The standard '{title[:60]}'"
                errors.append(f"{shown} is not in the cycle {cycle.name}")
            elif standard.id in seen:
                errors.append(f"Repeats row {seen[standard.id]} (standard {standard.number})")
            else:
                seen[standard.id] = number
            before = current.get(standard.id) if standard is not None else None
            base = before.to_fields() if before is not None else sr.RatingFields()
            due_text = cells.get("action due by", "")
            try:
                due = read_date(due_text) if due_text else base.action_due
            except ValueError as exc:
                errors.append(f"Action due by: {exc}")
                due = None
            fields = sr.RatingFields(
                self_rating=cells.get("rating") or base.self_rating,
                not_applicable_reason=cells.get("reason if not applicable") or base.not_applicable_reason,
                evidence=cells.get("evidence") or base.evidence,
                moderated_rating=base.moderated_rating,
                moderation_note=base.moderation_note,
                action=cells.get("your improvement action") or base.action,
                action_due=due,
            )
            checker, checked = sr.check_rating_fields(fields, scale)
            unread = due_text and due is None  # said once: not also that the action has no due date
            # the moderation is the team's, kept as held: the return has no column for its note
            unnoted = checker.errors.pop("moderation_note", "")
            errors.extend(_named({k: v for k, v in checker.errors.items() if not (unread and k == "action_due")}))
            if "action_due" not in checker.errors and (problem := sr.action_due_problem(checked["action_due"], cycle)
                                                        or due_text and far_due_problem(due_text, due, cycle)):
                errors.append(problem)
            if (cells.get("reason if not applicable") and "self_rating" not in checker.errors
                    and checked["values"]["self_rating"] != Rating.NOT_APPLICABLE.value):  # not kept: said, not lost
                errors.append("Reason if not applicable is given, but Rating is not Not applicable: set Rating to "
                              "Not applicable or clear the reason")
            if participant is not None and standard is not None and sr.adds_an_action(
                    session, before and before.id, checked["action"], checked["action_due"], True) and (
                    why := sr.archived_agency(session, participant)):  # refused in a dry run too, naming the row
                errors.append(f"Your improvement action: {why}, then import the return again")
            if errors:
                report.refuse_row(number, errors)
                continue
            answered = answered or answers_in(cells)  # the file's own answers, not those already held
            change = sr.returned_change(session, before, checked)  # an action the team archived stays so
            setattr(report, change, getattr(report, change) + 1)
            if change == "added" and before is not None and before.id is not None:
                changes.append(f"Standard {standard.number}: the improvement action the team archived stays "
                               f"archived; the return's action '{checked['action'][:60]}' is added as a new one.")
            elif change == "updated":
                own = checked["values"]["self_rating"]
                if before.moderated_rating is not None and own != (before.self_rating or ""):
                    changes.append(
                        f"Standard {standard.number}: {org.name}'s own rating changes from "
                        f"{rating_label(before.self_rating)} to {rating_label(own)} after moderation; the moderated "
                        f"rating ({before.moderated_rating.label}) stays and is the one that counts"
                        + ("; add a moderation note saying why it differs." if unnoted else "."))
            changes.extend(s11_blanks_kept(standard.number, cells, before, checked))
            work.append((standard, checked))
        completed_by = sheet.fact("Completed by") or (0, "")
        checker = Checker()
        contact = checker.optional("contact", completed_by[1], "Completed by", s11.CONTACT_MAX)
        if checker.errors:  # held in full or not at all
            report.refuse_row(completed_by[0], [checker.errors["contact"] + ": shorten it, then import the return again"])
        if report.bad_rows:
            raise ImportRejected(report)
        report.notes.extend(changes)
        if contact and participant.contact != contact:  # said, as a changed answer is counted
            report.notes.append(f"Completed by: {org.name}'s contact for this cycle changes from "
                                f"'{participant.contact}' to '{contact}'." if participant.contact else
                                f"Completed by: {org.name}'s contact for this cycle is recorded as '{contact}'.")
        returned_on = (today or date.today()) if participant.returned_on is None and answered else None
        if problem := opening_problems(cycle.opens_on, returned_on=returned_on, then=", then import the return again"):
            raise ImportFileError(f"{org.name}'s return is recorded as returned on the day it is imported. "
                                  f"{problem['returned_on']}. Nothing was imported from {path.name}.")
        if returned_on is not None:
            report.notes.append(f"Returned: {org.name}'s return for this cycle is recorded as returned on "
                                f"{returned_on:%d/%m/%Y}.")
        elif not answered and participant.returned_on is None:
            report.notes.append(f"The return holds no answers (its Rating, Evidence and other answer columns are "
                                f"empty): {org.name}'s return is not recorded as returned.")
        rated = {s.id: bool(checked["values"]["self_rating"]) for s, checked in work}  # the file's, else as held
        if answered and (note := unrated_note(org.name, [s for s in standards if not rated.get(
                s.id, bool(current.get(s.id) and current[s.id].self_rating))])):
            report.notes.append(note)
        if not dry_run:
            for i, (standard, checked) in enumerate(work):
                sr.write_rating(session, participant, standard, checked, returned=True)
                progress(i + 1, len(work), f"Saving {i + 1} of {len(work)}…")
            if contact and participant.contact != contact:
                participant.contact = contact
            if returned_on is not None:
                participant.returned_on = returned_on
    report.notes.append(f"Return of {org.name} for the Section 11 cycle {cycle.name}.")
    return report


# --------------------------------------------------------------------------- case audit returns


def _warn_of_names(report: ImportReport, number: int, case: str, given: dict[str, str]) -> None:
    """A note (never a refusal, as for the case tracker) where the return's own words for a case
    mention what looks like a real name: the audit report prints them."""
    warnings = name_warnings("", {"Good practice": given["good practice"],
                                  "Areas for development": given["areas for development"]})
    if warnings:
        report.notes.append(f"Row {number} ({case}): " + "; ".join(warnings) + ". Use an alias such as Child A, "
                            "never a child's or a family member's name: correct the return before the audit "
                            "report is shared.")


def write_audit_template(db, audit: str | int, agency: str | int, out: Path | str) -> Path:
    """One agency's return for a case audit: a row per case the agency is involved in."""
    out = return_file(out, "audit-return")
    from bscp_desktop.services.audits.case_audits import find_audit

    found = find_audit(db, audit)
    if found.archived:
        raise ValidationError({"audit": f"The audit {found.reference} is archived: restore it before writing returns "
                                        "for it"})
    if why := sa.closed_to_returns(found.reference, found.status):  # its return could never be imported
        raise ValidationError({"audit": f"{why} (Audits tab, Case audits), then write the agency's return"})
    org_id, org_name = _organisation(db, agency)
    returns = [r for r in sa.list_returns(db, found.id, organisation_id=org_id) if not r.archived]
    cases = {c.id: c for c in sa.list_cases(db, found.id)}
    returns = [r for r in returns if r.audit_case_id in cases]
    if not returns:
        raise ValidationError({"agency": f"{org_name} is not involved in any case of the audit {found.reference}: "
                                         "add it to the cases first"})
    rows = tuple(
        tpl.AuditTemplateRow(
            r.case_reference, r.case_alias,
            cases[r.audit_case_id].age_band.label if cases[r.audit_case_id].age_band else "",
            r.good_practice, r.areas_for_development, r.grading.label if r.grading else "",
        )
        for r in returns
    )
    # this agency's own day: later than the audit's for an agency asked only after it (`ReturnDTO.due_on`)
    due = max((r.due_on for r in returns if r.due_on is not None), default=found.returns_due)
    data = tpl.AuditTemplate(_partnership(db), found.id, found.reference, found.title, found.theme, due,
                             org_id, org_name, found.questions, rows)
    return tpl.write_audit_template(data, out)


#: Where an archived case or return of an audit is restored, as its Case audits page shows it.
_RESTORE = ("restore it first (Audits tab, Case audits: choose the audit, tick 'Show archived cases and returns', "
            "choose the {what} in the {tab} list and press Restore {what}), then import the return again")


def import_audit_return(db, path: Path | str, dry_run: bool = False, progress: Progress = _no_progress,
                        today: date | None = None) -> ImportReport:
    path = Path(path)
    progress(0, 0, f"Reading {path.name}…")
    sheet = ReturnSheet(path, tpl.AUDIT_SHEET, AUDIT_MARK, "case audit return", "template audit-return", "case")
    audit_id, org_id = sheet.ids
    table = sheet.table()
    report = ImportReport("audit return", path.name, rows=len(table), dry_run=dry_run,
                          labels=sheet.labels())
    report.notes.extend(sheet.unread(tpl.AUDIT_HEADERS))
    sheet.note_headings_again(report)
    require_columns(sheet, path, ("Case", "Good practice", "Areas for development", "Grading"))
    sheet.note_cell_problems(report)  # refused with every other bad row
    with db.unit_of_work() as session:
        audit = session.get(CaseAudit, audit_id)
        org = session.get(Organisation, org_id)
        if audit is None or org is None:
            raise ImportFileError(
                f"{path.name} belongs to an audit or agency that is not in this database; "
                "import it into the database the return was written from."
            )
        audit_line = (sheet.fact("Audit") or (0, ""))[1]  # its reference, then its title (which may change)
        _check_record_fact(sheet, report, "Audit", (audit_line.split() or [""])[0], audit.reference)
        if audit.archived_at is not None:
            raise ImportFileError(f"The audit {audit.reference} is archived: restore it (Audits tab, Case audits) "
                                  "before importing returns for it.")
        if why := sa.closed_audit(audit):
            raise ImportFileError(f"{why} (Audits tab, Case audits), then import the return again. Nothing was "
                                  f"imported from {path.name}.")
        sheet.refuse_no_rows(table, f"none of the cases of the audit {audit.reference}", tpl.AUDIT_HEADERS)
        _check_agency_fact(session, sheet, report, org)
        every_case = list(session.scalars(select(AuditCase).where(AuditCase.audit_id == audit.id)))
        cases = {c.id: c for c in every_case if c.archived_at is None}
        archived_cases = [c for c in every_case if c.archived_at is not None]  # named as archived, not as unknown
        held = {  # the agency's returns, the archived ones too
            r.audit_case_id: r for r in session.scalars(
                select(AuditReturn).where(AuditReturn.audit_case_id.in_([c.id for c in every_case] or [0]),
                                          AuditReturn.organisation_id == org.id))
        }
        returns = {k: r for k, r in held.items() if r.archived_at is None and k in cases}
        if not held:
            report.refuse_row((sheet.fact("Agency") or (3, ""))[0],
                 [f"{org.name} is not involved in any case of the audit {audit.reference}"])
        seen: dict[int, int] = {}
        work = []
        changes: list[str] = []  # notes of what changes: said only once no row is bad, as then it does
        for number, cells in table:
            if number in sheet.refused:  # named for its cell already
                continue
            errors: list[str] = []
            wanted = (cells.get("case") or cells.get("alias") or "").casefold()
            case = next(
                (c for c in (*cases.values(), *archived_cases)  # a live case first
                 if wanted in (sa.case_reference(audit.reference, c.number).casefold(), c.alias.casefold())),
                None,
            )
            given = {k: cells.get(k, "") for k in ("good practice", "areas for development", "grading")}
            archived = case is not None and (case.archived_at is not None or (case.id in held and case.id not in returns))
            if archived and not any(given.values()):  # archived since the return was written: nothing to import
                report.unchanged += 1
                whose = "the case" if case.archived_at is not None else f"{org.name}'s return on this case"
                report.notes.append(f"Row {number} ({sa.case_reference(audit.reference, case.number)}): left as it is, "
                                    f"as {whose} is archived and the row holds no answers.")
                continue
            if case is None and not wanted:
                errors.append("This row names no case (Case and Alias are empty): write anything more in the "
                              "answers of the case it is about")
            elif case is None:
                errors.append(f"Case '{cells.get('case') or cells.get('alias')}' is not in the audit {audit.reference}")
            elif case.archived_at is not None:
                errors.append(f"Case {sa.case_reference(audit.reference, case.number)} is archived: "
                              + _RESTORE.format(what="case", tab="Cases and agreed gradings"))
            elif case.id in held and case.id not in returns:
                errors.append(f"The return of {org.name} on case {sa.case_reference(audit.reference, case.number)} is "
                              "archived: " + _RESTORE.format(what="return", tab="Agency returns"))
            elif case.id not in returns:
                errors.append(f"{org.name} is not involved in case {sa.case_reference(audit.reference, case.number)}; "
                              "the audit asked it for no return on this case")
            elif case.id in seen:
                errors.append(f"Repeats row {seen[case.id]} (the same case)")
            else:
                seen[case.id] = number
            earlier = bool(case is not None and cells.get("alias") and cells.get("case")
                           and cells["alias"].casefold() != case.alias.casefold())  # an alias it had, or never had
            if earlier and cells["alias"].casefold() not in {
                    v.casefold() for v in values_held(session, AuditCase.__tablename__, case.id, "alias")}:
                errors.append(f"The alias '{cells['alias']}' is not the alias of case "
                              f"{sa.case_reference(audit.reference, case.number)} ({case.alias}), nor one it had: "
                              f"write a new return for {org.name} (Audits tab, Case audits: choose the audit and "
                              "press Write an agency's return…), copy the answers into it and import that")
            ret = returns.get(case.id) if case is not None else None
            received = ret.received_on if ret is not None and ret.received_on else (
                (today or date.today()) if any(given.values()) else None)
            fields = sa.ReturnFields(
                requested_on=ret.requested_on if ret else None,
                received_on=received,
                good_practice=given["good practice"] or (ret.good_practice if ret else ""),
                areas_for_development=given["areas for development"] or (ret.areas_for_development if ret else ""),
                grading=given["grading"] or (ret.grading if ret else ""),
            )
            checker, values = sa.check_return_fields(fields)
            errors.extend(_named(checker.errors))
            if errors:
                report.refuse_row(number, errors)
                continue
            _warn_of_names(report, number, sa.case_reference(audit.reference, case.number), given)
            if earlier:
                report.notes.append(f"Row {number} ({sa.case_reference(audit.reference, case.number)}): matched by the "
                                    f"case's earlier alias '{cells['alias']}'; the case now reads '{case.alias}'.")
            old = {k: getattr(ret, k) for k in values}
            if case.agreed_grading and ret.grading and values["grading"] != ret.grading:
                changes.append(
                    f"{sa.case_reference(audit.reference, case.number)}: {org.name}'s own grading changes from "
                    f"{Grading(ret.grading).label} to {Grading(values['grading']).label} after the joint discussion; "
                    f"the agreed grading ({Grading(case.agreed_grading).label}) stays as agreed.")
            changes.extend(audit_blanks_kept(f"Row {number} ({sa.case_reference(audit.reference, case.number)})",
                                              given, ret))
            if old == values:
                report.unchanged += 1
            elif ret.received_on is None and not (ret.good_practice or ret.areas_for_development or ret.grading):
                report.added += 1
            else:
                report.updated += 1
            work.append((ret, values))
        if report.bad_rows:
            raise ImportRejected(report)
        report.notes.extend(changes)
        if not dry_run:
            for ret, values in work:
                sa.write_return(session, ret, values)
    report.notes.append(f"Return of {org.name} for the audit {audit.reference}.")
    return report

