"""The sample of cases of a case audit (alias and the audit's own reference only) and each
involved agency's return for each case: requested, received, good practice, areas for
development and the agency's grading; the agreed grading per case after the joint discussion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation
from bscp_desktop.db.models.audits import AuditCase, AuditReturn, CaseAudit
from bscp_desktop.domain.audits import AuditStatus, Grading, check_status_change, parse_grading, return_due_on
from bscp_desktop.domain.case_reviews import AgeBand, parse_enum
from bscp_desktop.domain.section11 import Timeliness
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.audits.case_audits import AuditDTO, archived_audit, earliest_return_date, facts_in, keep_status_true, request_returns_in, return_date_problems  # noqa: F401 - earliest_return_date, re-exported
from bscp_desktop.services.audits.section11 import NOT_REQUESTED, return_lateness, return_timeliness
from bscp_desktop.services.common import (
    ARCHIVED_ORGANISATION,
    ArchivedAt,
    CommandFields,
    OneLive,
    assign,
    equal_where_given,
    get_or_raise,
    only_ids,
    read,
    read_back,
    read_one,
    set_archived,
    unarchived,
)
from bscp_desktop.services.settings import closure_dates_in

ALIAS_MAX = 60
# A live case's alias is one of its kind in its audit: saving and restoring ask this rule.
CASE_ALIAS = OneLive(AuditCase, "alias", "The alias '{value}' is already used by case {clash} of this audit", ("audit_id",), named_by="number")
#: The field of a case a change to its audit's sample is in, by the step of the audit it would undo.
CASE_FIELDS = {AuditStatus.RETURNS_REQUESTED: "agency_ids", AuditStatus.RETURNS_IN: "agency_ids",
               AuditStatus.DISCUSSED: "agreed_grading"}


# ---------------------------------------------------------------- the sample of cases


@dataclass(frozen=True)
class AuditCaseFields(CommandFields):
    audit_id: int | None
    alias: str
    age_band: AgeBand | str | None = None
    summary: str = ""
    agency_ids: tuple[int, ...] = ()
    agreed_grading: Grading | str | None = None
    agreed_note: str = ""


@dataclass(frozen=True)
class ReturnDTO(ArchivedAt):
    id: int
    audit_id: int
    audit_reference: str
    audit_case_id: int
    case_reference: str
    case_alias: str
    organisation_id: int
    organisation_name: str
    requested_on: date | None
    received_on: date | None
    good_practice: str
    areas_for_development: str
    grading: Grading | None
    returns_due: date | None
    closures: frozenset[date] = frozenset()  # the team's closure days: not working days for lateness

    @property
    def received(self) -> bool:
        return self.received_on is not None

    @property
    def name(self) -> str:
        return f"{self.organisation_name} return for {self.case_alias} ({self.case_reference})"

    @property
    def not_requested(self) -> bool:
        """Never asked for, and not given: neither late nor overdue (as a Section 11 return)."""
        return self.requested_on is None and self.received_on is None

    @property
    def due_on(self) -> date | None:
        """The day this return is due: the audit's returns-due date, or some days after its own
        request for an agency asked only after that date (`domain.audits.return_due_on`)."""
        return return_due_on(self.returns_due, self.requested_on)

    def timeliness(self, today: date) -> Timeliness:
        """Against `due_on`; a return never asked for, and not given, is neither late nor overdue."""
        return return_timeliness(self.due_on, self.requested_on, self.received_on, today)

    def overdue_on(self, today: date) -> bool:
        return self.timeliness(today) is Timeliness.OVERDUE

    def lateness(self, today: date) -> str:
        """In a Section 11 return's words (`section11.return_lateness`): "Returned 3 working days
        late", "Overdue by 12 working days", "Returned on time", "Due 24/02/2023", "Not requested"."""
        return return_lateness(self.due_on, self.requested_on, self.received_on, today, self.closures)

    def received_text(self, today: date) -> str:
        """What the list of returns and the audit report say under Received: the day it came in,
        with "(late: due 24/02/2023)" after one received after its due date; of one not in,
        "Not requested", "Overdue" or "Not yet"."""
        if self.received_on is not None:
            late = self.timeliness(today) is Timeliness.LATE
            return f"{self.received_on:%d/%m/%Y}" + (f" (late: due {self.due_on:%d/%m/%Y})" if late else "")
        return NOT_REQUESTED if self.not_requested else "Overdue" if self.overdue_on(today) else "Not yet"

    def to_fields(self) -> ReturnFields:
        return ReturnFields(self.requested_on, self.received_on, self.good_practice, self.areas_for_development,
                            self.grading)


@dataclass(frozen=True)
class AuditCaseDTO(ArchivedAt):
    id: int
    audit_id: int
    audit_reference: str
    number: int
    alias: str
    age_band: AgeBand | None
    summary: str
    agreed_grading: Grading | None
    agreed_note: str
    returns: tuple[ReturnDTO, ...] = ()

    @property
    def reference(self) -> str:
        return case_reference(self.audit_reference, self.number)

    @property
    def name(self) -> str:
        return f"{self.reference} ({self.alias})"

    @property
    def agency_ids(self) -> tuple[int, ...]:
        return tuple(r.organisation_id for r in self.returns if not r.archived)

    @property
    def agency_names(self) -> tuple[str, ...]:
        return tuple(r.organisation_name for r in self.returns if not r.archived)

    def to_fields(self) -> AuditCaseFields:
        return AuditCaseFields(self.audit_id, self.alias, self.age_band, self.summary, self.agency_ids,
                               self.agreed_grading, self.agreed_note)


def case_reference(audit_reference: str, number: int) -> str:
    """``MAA-2023-01`` and 2 -> ``MAA-2023-01-C2``."""
    return f"{audit_reference}-C{number}"


def _grading(c: Checker, field_name: str, value) -> Grading | None:
    try:
        return parse_grading(value)
    except ValueError as exc:
        c.add(field_name, str(exc))
        return None


def _check_case(session: Session, f: AuditCaseFields, record_id: int | None) -> dict:
    c = Checker()
    alias = c.name("alias", f.alias, "Alias", ALIAS_MAX)  # "Child  A" is "Child A": one alias to see and match
    try:
        age_band = parse_enum(AgeBand, f.age_band)
    except ValueError:
        age_band = None
        c.add("age_band", f"'{f.age_band}' is not an age band; choose from the list")
    grading = _grading(c, "agreed_grading", f.agreed_grading)
    if f.audit_id is None or session.get(CaseAudit, f.audit_id) is None:
        c.add("audit_id", "Choose the audit the case belongs to")
    elif why := archived_audit(session.get(CaseAudit, f.audit_id)):
        c.add("audit_id", why)
    elif problem := CASE_ALIAS.problem(session, record_id, alias, f.audit_id, advice="; choose another"):
        c.add("alias", problem)
    agency_ids = list(dict.fromkeys(f.agency_ids))
    if agency_ids and len(set(session.scalars(select(Organisation.id).where(Organisation.id.in_(agency_ids))))) != len(agency_ids):
        c.add("agency_ids", "Choose the agencies from the list of organisations")
    elif archived := _archived_newcomers(session, agency_ids, record_id):
        c.add("agency_ids", ARCHIVED_ORGANISATION.format(name=archived))
    summary = c.optional("summary", f.summary, "Summary", 10000)
    note = c.optional("agreed_note", f.agreed_note, "Note of the joint discussion", 10000)
    c.raise_if_any()
    return {
        "values": {
            "alias": alias, "age_band": age_band.value if age_band else "", "summary": summary,
            "agreed_grading": grading.value if grading else "", "agreed_note": note,
        },
        "agency_ids": agency_ids,
    }


def _archived_newcomers(session: Session, agency_ids: list[int], case_id: int | None) -> str:
    """The name of the first archived organisation (alphabetically) among `agency_ids` not
    already involved in the case ('' for none): an organisation archived in Memberships joins no case, as it joins no
    Section 11 cycle; one involved before it was archived stays."""
    involved = set() if case_id is None else set(session.scalars(
        select(AuditReturn.organisation_id).where(AuditReturn.audit_case_id == case_id, AuditReturn.archived_at.is_(None))))
    names = session.scalars(select(Organisation.name).where(
        Organisation.id.in_([i for i in agency_ids if i not in involved]), Organisation.archived_at.is_not(None)))
    return min(names, key=alphabetical, default="")


def _set_agencies(session: Session, case: AuditCase, agency_ids: list[int]) -> None:
    """One return per agency involved; an agency whose return came back cannot be removed."""
    current = {r.organisation_id: r for r in session.scalars(select(AuditReturn).where(AuditReturn.audit_case_id == case.id))}
    for org_id, ret in current.items():
        if org_id not in agency_ids and ret.archived_at is None:
            if ret.received_on is not None or ret.good_practice or ret.areas_for_development or ret.grading:
                name = session.get(Organisation, org_id).name
                raise ValidationError({
                    "agency_ids": f"{name} has already returned this case, so it stays involved; "
                    "archive its return instead if it was a mistake"
                })
            ret.archived_at = utcnow()
    audit = session.get(CaseAudit, case.audit_id)
    requested = date.today() if AuditStatus(audit.status).step >= AuditStatus.RETURNS_REQUESTED.step else None
    for org_id in agency_ids:
        existing = current.get(org_id)
        if existing is None:
            session.add(AuditReturn(audit_case_id=case.id, organisation_id=org_id, requested_on=requested))
        elif existing.archived_at is not None:
            existing.archived_at = None
    session.flush()


def add_case(db: Database, fields: AuditCaseFields) -> AuditCaseDTO:
    with db.unit_of_work() as session:
        checked = _check_case(session, fields, None)
        number = (session.scalar(select(func.max(AuditCase.number)).where(AuditCase.audit_id == fields.audit_id)) or 0) + 1
        case = AuditCase(audit_id=fields.audit_id, number=number, **checked["values"])
        session.add(case)
        session.flush()
        _set_agencies(session, case, checked["agency_ids"])
        keep_status_true(session, case.audit_id, CASE_FIELDS)  # a change undoing its status is named for that first
        if why := closed_to_cases(session.get(CaseAudit, case.audit_id)):
            raise ValidationError({"audit_id": why})
        return _case_dtos(session, ids=[case.id])[0]


def update_case(db: Database, case_id: int, fields: AuditCaseFields) -> AuditCaseDTO:
    with db.unit_of_work() as session:
        case = get_or_raise(session, AuditCase, case_id, "audited case")
        if fields.audit_id != case.audit_id:
            raise ValidationError({"audit_id": "A case cannot move to another audit; archive it and add it there"})
        if not archived_audit(session.get(CaseAudit, case.audit_id)) and (why := archived_case(session, case)):
            raise ValidationError({"archived": why})  # an archived audit says so first (`_check_case`)
        checked = _check_case(session, fields, case_id)
        assign(case, checked["values"])
        _set_agencies(session, case, checked["agency_ids"])
        keep_status_true(session, case.audit_id, CASE_FIELDS)  # a change undoing its status is named for that first
        if why := closed_to_cases(session.get(CaseAudit, case.audit_id)):
            raise ValidationError({"audit_id": why})
        return _case_dtos(session, ids=[case_id])[0]


def _archivers(model: type, label: str, audit_id_of, restore_check=None, closed=None):
    """(archive, restore) commands for a case or a return, refused when the audit's status
    would no longer be true after it (the last case gone, a return still to come brought back
    into a closed audit), or where `closed(audit)` says why not (a case or return of a closed audit);
    restoring is refused too while the audit is archived."""

    def command(archived: bool):
        def status_held(session: Session, record) -> None:
            audit_id = audit_id_of(session, record)
            if not archived:
                if why := archived_audit(session.get(CaseAudit, audit_id)):
                    raise ValidationError({"audit_id": why})
                if restore_check is not None:
                    restore_check(session, record)
            record.archived_at = utcnow() if archived else None  # the audit's facts as they will be
            keep_status_true(session, audit_id, "archived")
            if closed is not None and (why := closed(session.get(CaseAudit, audit_id))):
                raise ValidationError({"audit_id": why})

        def run(db: Database, record_id: int) -> None:
            set_archived(db, model, record_id, label, archived, restore_check=None if archived else status_held,
                         archive_check=status_held if archived else None)

        return run

    return command(True), command(False)


def _return_dtos(session: Session, *, audit_id: int | None = None, case_ids: Sequence[int] | None = None,
                 ids: Sequence[int] | None = None, organisation_id: int | None = None) -> list[ReturnDTO]:
    q = (
        select(AuditReturn, AuditCase, CaseAudit.reference, CaseAudit.returns_due, Organisation.name)
        .join(AuditCase, AuditCase.id == AuditReturn.audit_case_id)
        .join(CaseAudit, CaseAudit.id == AuditCase.audit_id)
        .join(Organisation, Organisation.id == AuditReturn.organisation_id)
        .order_by(AuditReturn.id)
    )
    q = equal_where_given(q, (AuditCase.audit_id, audit_id))
    if case_ids is not None:
        q = q.where(AuditReturn.audit_case_id.in_(case_ids))
    q = only_ids(q, AuditReturn, ids)
    q = equal_where_given(q, (AuditReturn.organisation_id, organisation_id))
    closures = closure_dates_in(session)
    return [
        ReturnDTO(
            r.id, case.audit_id, audit_ref, case.id, case_reference(audit_ref, case.number), case.alias,
            r.organisation_id, org_name, r.requested_on, r.received_on, r.good_practice, r.areas_for_development,
            Grading(r.grading) if r.grading else None, due, closures, archived_at=r.archived_at,
        )
        for r, case, audit_ref, due, org_name in sorted(  # by case, then by agency as names are listed
            session.execute(q), key=lambda row: (row[1].number, alphabetical(row[4])))
    ]


def _case_dtos(session: Session, *, audit_id: int | None = None, ids: Sequence[int] | None = None,
               include_archived: bool = True) -> list[AuditCaseDTO]:
    q = (
        select(AuditCase, CaseAudit.reference)
        .join(CaseAudit, CaseAudit.id == AuditCase.audit_id)
        .order_by(CaseAudit.audit_date, AuditCase.number)
    )
    q = equal_where_given(q, (AuditCase.audit_id, audit_id))
    q = only_ids(q, AuditCase, ids)
    q = unarchived(q, AuditCase, include_archived)
    rows = session.execute(q).all()
    returns: dict[int, list[ReturnDTO]] = {}
    for r in _return_dtos(session, case_ids=[c.id for c, _ in rows] or [0]):
        returns.setdefault(r.audit_case_id, []).append(r)
    return [
        AuditCaseDTO(
            c.id, c.audit_id, ref, c.number, c.alias, AgeBand(c.age_band) if c.age_band else None, c.summary,
            Grading(c.agreed_grading) if c.agreed_grading else None, c.agreed_note,
            tuple(returns.get(c.id, [])), archived_at=c.archived_at,
        )
        for c, ref in rows
    ]


def list_cases(db: Database, audit_id: int | None, include_archived: bool = False) -> list[AuditCaseDTO]:
    """The cases of one audit (of every audit when None), in audit date and case number order."""
    return read(db, _case_dtos, audit_id=audit_id, include_archived=include_archived)


def get_case(db: Database, case_id: int) -> AuditCaseDTO:
    return read_one(db, AuditCase, case_id, "audited case", _case_dtos)


# ---------------------------------------------------------------- agency returns


@dataclass(frozen=True)
class ReturnFields(CommandFields):
    requested_on: date | None = None
    received_on: date | None = None
    good_practice: str = ""
    areas_for_development: str = ""
    grading: Grading | str | None = None


def check_return_fields(f: ReturnFields, audit_date: date | None = None, today: date | None = None,
                        held: tuple[date | None, date | None] = (None, None)) -> tuple[Checker, dict]:
    """The checks of a return's fields; its dates against the audit's date when it is given (those
    changed from the requested and received dates `held`)."""
    c = Checker()
    grading = _grading(c, "grading", f.grading)
    good = c.cell_text("good_practice", f.good_practice, "Good practice", 20000)  # each one cell of the return
    development = c.cell_text("areas_for_development", f.areas_for_development, "Areas for development", 20000)
    if f.requested_on and f.received_on and f.received_on < f.requested_on:
        c.add("received_on", f"Received ({f.received_on:%d/%m/%Y}) cannot be before it was requested "
                             f"({f.requested_on:%d/%m/%Y})")
    received = f.received_on
    return_date_problems(c, f.requested_on, received, audit_date, today or date.today(), held)
    if received is None and (good or development or grading):
        c.add("received_on", "Enter the date the return was received")
    return c, {
        "requested_on": f.requested_on, "received_on": received, "good_practice": good,
        "areas_for_development": development, "grading": grading.value if grading else "",
    }


#: Where an archived case or return is restored, as the Case audits page shows it.
RESTORE_FIRST = ("restore it first (tick 'Show archived cases and returns', choose the {what} in the {tab} list and "
                 "press Restore {what})")


def archived_case(session: Session, case: AuditCase) -> str:
    """Why a case takes no change ('' when it does): it is archived, so is restored first."""
    if case.archived_at is None:
        return ""
    reference = case_reference(session.get(CaseAudit, case.audit_id).reference, case.number)
    return f"Case {reference} is archived: " + RESTORE_FIRST.format(what="case", tab="Cases and agreed gradings")


def archived_return(session: Session, ret: AuditReturn) -> str:
    """Why a return takes no change ('' when it does): it is archived, or its case is; either is
    restored first, as the return's import says."""
    case = session.get(AuditCase, ret.audit_case_id)
    if why := archived_case(session, case):
        return why
    reference = case_reference(session.get(CaseAudit, case.audit_id).reference, case.number)
    if ret.archived_at is not None:
        return (f"The return of {session.get(Organisation, ret.organisation_id).name} on case {reference} is archived: "
                + RESTORE_FIRST.format(what="return", tab="Agency returns"))
    return ""


def closed_to_returns(reference: str, status: AuditStatus | str, change: str = "record or change a return") -> str:
    """Why a closed audit takes no new or changed return (or, with `change` saying so, case), as
    it takes no new recommendation: moved back to Reported, it takes them again ('' for an audit
    of any other status). Its sample and agreed gradings are what its report says."""
    if AuditStatus(status) is not AuditStatus.CLOSED:
        return ""
    return f"Case audit {reference} is closed: move it back to Reported to {change}"


#: What a closed audit refuses of its sample of cases (`closed_to_returns`).
CASE_CHANGES = "add, change, archive or restore a case"


def closed_to_cases(audit: CaseAudit | AuditDTO) -> str:
    """Why the audit (on record, or as a page shows it) takes no new, changed, archived or
    restored case ('' when it does)."""
    return closed_to_returns(audit.reference, audit.status, CASE_CHANGES)


archive_case, restore_case = _archivers(AuditCase, "audited case", lambda session, case: case.audit_id,
                                        CASE_ALIAS.restore_check, closed=closed_to_cases)


def closed_audit(audit: CaseAudit) -> str:
    """`closed_to_returns` of the audit on record."""
    return closed_to_returns(audit.reference, audit.status)


def write_return(session: Session, ret: AuditReturn, values: dict) -> bool:
    """Apply checked values inside the caller's unit of work; True if anything changed."""
    return assign(ret, values)


def update_return(db: Database, return_id: int, fields: ReturnFields) -> ReturnDTO:
    with db.unit_of_work() as session:
        ret = get_or_raise(session, AuditReturn, return_id, "audit return")
        audit_id = _audit_of_return(session, ret)
        audit = session.get(CaseAudit, audit_id)
        if why := archived_audit(audit):
            raise ValidationError({"audit_id": why})
        if why := archived_return(session, ret):
            raise ValidationError({"archived": why})
        checker, values = check_return_fields(fields, audit.audit_date, held=(ret.requested_on, ret.received_on))
        checker.raise_if_any()
        write_return(session, ret, values)
        keep_status_true(session, audit_id, "received_on")  # a change undoing its status is named for that first
        if why := closed_audit(audit):
            raise ValidationError({"audit_id": why})
        return read_back(session, ret, _return_dtos)


def request_returns(db: Database, audit_id: int, on: date | None = None) -> int:
    """Record that every return not yet requested was requested on `on` (default today), and
    move a planned audit to Returns requested. Returns how many were marked. A return already
    received (imported, or entered by hand, before the request) is left as it is: it was not
    asked for then (`case_audits.request_returns_in`, which moving the audit to Returns
    requested uses too). One asked after the audit's returns-due date is due
    `LATE_REQUEST_DAYS` after `on` (`late_request_text` says when). `on` is a day the request was made, as a return's own Requested date is
    (`return_date_problems`): not after today, nor more than a year before the audit date."""
    on = on or date.today()
    with db.unit_of_work() as session:
        audit = get_or_raise(session, CaseAudit, audit_id, "case audit")
        if why := archived_audit(audit):
            raise ValidationError({"audit_id": why})
        marked = request_returns_in(session, audit_id, on)  # refused, naming the date, a year or more before the audit
        if audit.status == AuditStatus.PLANNED.value:
            problem = check_status_change(AuditStatus.PLANNED, AuditStatus.RETURNS_REQUESTED, facts_in(session, audit_id))
            if problem:
                raise ValidationError({"status": problem})
            audit.status = AuditStatus.RETURNS_REQUESTED.value
        return marked


def closed_return(db: Database, return_id: int) -> str:
    """Why the return takes no change now ('' when it does), in the words its save is refused with."""
    with db.unit_of_work() as session:
        ret = get_or_raise(session, AuditReturn, return_id, "audit return")
        audit = session.get(CaseAudit, _audit_of_return(session, ret))
        return archived_audit(audit) or archived_return(session, ret) or closed_audit(audit)


def list_returns(db: Database, audit_id: int, organisation_id: int | None = None) -> list[ReturnDTO]:
    return read(db, _return_dtos, audit_id=audit_id, organisation_id=organisation_id)


def get_return(db: Database, return_id: int) -> ReturnDTO:
    return read_one(db, AuditReturn, return_id, "audit return", _return_dtos)


def _audit_of_return(session: Session, ret: AuditReturn) -> int:
    return session.get(AuditCase, ret.audit_case_id).audit_id


archive_return, restore_return = _archivers(AuditReturn, "audit return", _audit_of_return, closed=closed_audit)


def audit_agencies(db: Database, audit_id: int) -> list[tuple[str, int]]:
    """(name, id) of the agencies involved in any live case of the audit."""
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Organisation.name, Organisation.id).distinct()
            .join(AuditReturn, AuditReturn.organisation_id == Organisation.id)
            .join(AuditCase, AuditCase.id == AuditReturn.audit_case_id)
            .where(AuditCase.audit_id == audit_id, AuditCase.archived_at.is_(None), AuditReturn.archived_at.is_(None))
            .order_by(Organisation.id)
        )
        return sorted(((name, org_id) for name, org_id in rows), key=lambda row: alphabetical(row[0]))


def find_case(db: Database, audit_id: int, text: str) -> AuditCaseDTO | None:
    """A live case of the audit by its reference, its number or its alias (any case)."""
    wanted = " ".join(str(text).split()).casefold()
    for case in list_cases(db, audit_id):
        if wanted in (case.reference.casefold(), str(case.number), f"c{case.number}", case.alias.casefold()):
            return case
    return None


