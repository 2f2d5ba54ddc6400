"""Multi-agency case audits: the audit itself (theme, question set, dates, meetings, status).
Its sample of cases and agency returns are in `samples`, its learning log and recommendations
in `learning`.

The status moves one step at a time and each step checks what it stands for
(`domain.audits.check_status_change`), from facts gathered in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db import engines
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Organisation
from bscp_desktop.db.models.audits import AuditCase, AuditLearning, AuditRecommendation, AuditReturn, CaseAudit, CaseAuditMeeting
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.db.models.memberships import Group
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AUDIT_FLOW, AuditFacts, AuditStatus, MeetingRole, check_audit_dates, check_status_change, status_date_problems
from bscp_desktop.domain.case_reviews import next_reference, parse_enum
from bscp_desktop.domain.section11 import clean_questions
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, NotFoundError, ValidationError
from bscp_desktop.services.action_rules import first_few, recommendations_actions_left_before
from bscp_desktop.services.audits import DEFAULT_PREFIX, PREFIX_SETTING, meeting_label, questions_problem, settings_in
from bscp_desktop.services.audits.learning import RECOMMENDATIONS
from bscp_desktop.services.common import ArchivedAt, CommandFields, archivers, assign, get_or_raise, only_ids, plain_id, read, read_back, read_found, read_one, set_rows, unarchived
from bscp_desktop.services.settings import setting_in

# ---------------------------------------------------------------- audits


@dataclass(frozen=True)
class AuditFields(CommandFields):
    title: str
    audit_date: date | None
    theme: str = ""
    questions: str | Sequence[str] | None = None  # None: the team's default question set
    scope: str = ""
    status: AuditStatus | str = AuditStatus.PLANNED
    returns_due: date | None = None
    discussed_on: date | None = None
    reported_on: date | None = None
    closed_on: date | None = None
    findings: str = ""
    meetings: tuple[tuple[int, MeetingRole | str], ...] = ()  # (meeting id, role)


@dataclass(frozen=True)
class MeetingLink:
    meeting_id: int
    role: MeetingRole
    label: str  # "20/04/2023 Multi-agency Audit Group"
    starts_at: datetime


@dataclass(frozen=True)
class AuditDTO(ArchivedAt):
    id: int
    reference: str
    title: str
    theme: str
    questions: tuple[str, ...]
    scope: str
    status: AuditStatus
    audit_date: date
    returns_due: date | None
    discussed_on: date | None
    reported_on: date | None
    closed_on: date | None
    findings: str
    meetings: tuple[MeetingLink, ...]
    cases: int = 0
    returns_requested: int = 0
    returns_received: int = 0
    learning_points: int = 0
    actions_open: int = 0

    @property
    def name(self) -> str:
        return f"{self.reference} {self.title}"

    def to_fields(self) -> AuditFields:
        return AuditFields(
            self.title, self.audit_date, self.theme, self.questions, self.scope, self.status, self.returns_due,
            self.discussed_on, self.reported_on, self.closed_on, self.findings,
            tuple((m.meeting_id, m.role) for m in self.meetings),
        )


def _status(c: Checker, value) -> AuditStatus | None:
    try:
        member = parse_enum(AuditStatus, value)
    except ValueError:
        c.add("status", f"'{value}' is not an audit status; choose from the list")
        return None
    return member or AuditStatus.PLANNED


def check_audit_fields(f: AuditFields, default_questions: Sequence[str]) -> tuple[Checker, dict]:
    """Every check that needs no database."""
    c = Checker()
    title = c.required("title", f.title, "Title", 200)
    theme = c.optional("theme", f.theme, "Theme", 100)
    if f.audit_date is None:
        c.add("audit_date", "Enter the audit date (when the cases are audited)")
    dates = {k: getattr(f, k) for k in ("audit_date", "returns_due", "discussed_on", "reported_on", "closed_on")}
    for key, message in check_audit_dates(dates).items():
        c.add(key, message)
    for key, label in (("reported_on", "Reported"), ("closed_on", "Closed")):  # done, so not still to come
        if key not in c.errors:
            c.not_future(key, dates[key], label, date.today())
    given = default_questions if f.questions is None else f.questions
    questions = clean_questions(given) if isinstance(given, str | Iterable) else ()
    if not questions:
        c.add("questions", "Give the audit at least one question (one per line)")
    elif problem := questions_problem(questions, "The audit"):
        c.add("questions", problem)
    status = _status(c, f.status)
    roles: list[tuple[int, MeetingRole]] = []
    for link in f.meetings:
        try:
            meeting_id, role = link
            roles.append((plain_id(meeting_id), MeetingRole(role)))
        except (TypeError, ValueError):
            c.add("meetings", "Say whether each meeting planned, discussed or followed up the audit")
    values = {
        "title": title, "theme": theme, "questions": "\n".join(questions),
        "scope": c.optional("scope", f.scope, "Scope", 10000),
        "findings": c.optional("findings", f.findings, "Findings", 50000),
        **dates,
    }
    return c, {"values": values, "status": status, "meetings": list(dict.fromkeys(roles))}


def facts_in(session: Session, audit_id: int, dates: dict | None = None) -> AuditFacts:
    """What the status rules need, read in the caller's transaction (dates may be the new ones)."""
    audit = session.get(CaseAudit, audit_id)
    dates = dates or {k: getattr(audit, k) for k in ("discussed_on", "reported_on", "closed_on")}
    cases = list(session.scalars(
        select(AuditCase).where(AuditCase.audit_id == audit_id, AuditCase.archived_at.is_(None)).order_by(AuditCase.number)
    ))
    returns = sorted(session.execute(  # by case, then by agency as names are listed (`alphabetical`)
        select(AuditReturn.received_on, Organisation.name, AuditCase.alias, AuditCase.number)
        .join(AuditCase, AuditCase.id == AuditReturn.audit_case_id)
        .join(Organisation, Organisation.id == AuditReturn.organisation_id)
        .where(AuditCase.audit_id == audit_id, AuditCase.archived_at.is_(None), AuditReturn.archived_at.is_(None))
        .order_by(AuditReturn.id)
    ).all(), key=lambda row: (row.number, alphabetical(row.name)))
    return AuditFacts(
        cases=len(cases),
        returns_requested=len(returns),
        returns_outstanding=tuple(f"{org} for {alias}" for received, org, alias, _n in returns if received is None),
        cases_without_agreed_grading=tuple(c.alias for c in cases if not c.agreed_grading),
        discussed_on=dates.get("discussed_on"),
        reported_on=dates.get("reported_on"),
        closed_on=dates.get("closed_on"),
        open_actions=open_action_counts(session, [audit_id]).get(audit_id, 0),
    )


def open_action_counts(session: Session, audit_ids: Sequence[int]) -> dict[int, int]:
    """{audit id: its live actions still to do}. An archived recommendation's count too: as a
    case review's, its actions stay in the action log until done, dropped or archived."""
    return dict(session.execute(
        select(AuditRecommendation.audit_id, func.count())
        .join(Action, Action.audit_recommendation_id == AuditRecommendation.id)
        .where(
            AuditRecommendation.audit_id.in_(list(audit_ids)), Action.archived_at.is_(None),
            Action.status.notin_([ActionStatus.DONE.value, ActionStatus.DROPPED.value]),
        )
        .group_by(AuditRecommendation.audit_id)
    ).all())


def earliest_return_date(audit_date: date) -> date:
    """The earliest day a return of an audit dated `audit_date` is requested, or received
    unasked: a year before the audit date, as cases are chosen and agencies asked in the run-up
    to it (the audit may be entered long after it was held, so the day it was set up in the
    program is no bound). An earlier date is a year typed wrong."""
    try:
        return audit_date.replace(year=audit_date.year - 1)
    except ValueError:  # 29 February
        return audit_date.replace(year=audit_date.year - 1, day=28)


def return_date_problems(c: Checker, requested: date | None, received: date | None, audit_date: date | None,
                          today: date, held: tuple[date | None, date | None] = (None, None)) -> None:
    """Requested and received are steps done, so neither is after `today`; with the audit's date,
    neither is more than a year before it (`earliest_return_date`), unless it is the date `held`
    already (an audit moved later does not refuse a return's dates nobody is changing)."""
    c.not_future("requested_on", requested, "Requested", today)  # a request made, not one planned
    c.not_future("received_on", received, "Received", today)  # a return in hand, not one promised
    if audit_date is None:
        return
    earliest = earliest_return_date(audit_date)
    for key, label, value, was in (("requested_on", "Requested", requested, held[0]),
                                   ("received_on", "Received", received, held[1])):
        if value is not None and value != was and value < earliest:
            c.add(key, f"{label} ({value:%d/%m/%Y}) is more than a year before the audit date "
                       f"({audit_date:%d/%m/%Y}): check the year")


def request_returns_in(session: Session, audit_id: int, on: date) -> int:
    """Mark every return of the audit's live cases not yet requested, nor received, as requested
    on `on`, in the caller's transaction; how many were marked. A return received before it was
    asked for (imported, or entered by hand) is left as it is: it was not asked for then. `on`
    is refused as a return's own Requested date is (`return_date_problems`); requested today (the
    Request returns button, moving the audit to Returns requested), more than a year before the
    audit's date, it is the audit date that is named, as the likelier mistake."""
    audit_date, today = session.get(CaseAudit, audit_id).audit_date, date.today()
    if on == today and audit_date is not None and on < earliest_return_date(audit_date):
        raise ValidationError({"audit_date": f"The returns would be requested today ({on:%d/%m/%Y}), which is more than "
                                             f"a year before the audit date ({audit_date:%d/%m/%Y}): check the Audit "
                                             "date, or request the returns within a year of it"})
    checker = Checker()
    return_date_problems(checker, on, None, audit_date, today)
    checker.raise_if_any()
    marked = 0
    for ret in session.scalars(
        select(AuditReturn).join(AuditCase, AuditCase.id == AuditReturn.audit_case_id)
        .where(AuditCase.audit_id == audit_id, AuditCase.archived_at.is_(None), AuditReturn.archived_at.is_(None))
    ):
        if ret.requested_on is None and ret.received_on is None:
            ret.requested_on = on
            marked += 1
    session.flush()
    return marked


def _move_to(session: Session, audit: CaseAudit, new: AuditStatus) -> None:
    """Set the audit's status; moving to Returns requested requests, today, every return not
    yet requested, as the Request returns button does (`samples.request_returns`)."""
    if new is AuditStatus.RETURNS_REQUESTED and audit.status != new.value:
        request_returns_in(session, audit.id, date.today())
    audit.status = new.value


def archived_audit(audit: CaseAudit | None) -> str:
    """Why an archived audit takes no change to its sample, returns, learning points or status,
    said as for its recommendations ("Case audit MAA-2023-01 is archived: restore it first"), or ""."""
    return RECOMMENDATIONS.archived_parent(audit)


def unmet_step(status: AuditStatus, facts: AuditFacts) -> tuple[AuditStatus, str] | None:
    """The first step up to `status` whose needs `facts` do not meet, with why; None if all are met."""
    for step in AUDIT_FLOW[1: status.step + 1]:
        if problem := check_status_change(AUDIT_FLOW[step.step - 1], step, facts):
            return step, problem
    return None


def _move_problem(current: AuditStatus, new: AuditStatus, facts: AuditFacts) -> str | None:
    """Why the audit may not move from `current` to `new`: the step itself, or (moving on) an
    earlier step whose needs are no longer met."""
    problem = check_status_change(current, new, facts)
    if problem is None and new.step > current.step and (unmet := unmet_step(new, facts)):
        problem = unmet[1]
    return problem


#: What a status says about the sample and the returns, by the step that first says it.
_STANDS_FOR = {
    AuditStatus.RETURNS_REQUESTED: "its returns were requested for a sample of cases and their agencies",
    AuditStatus.RETURNS_IN: "every return is in",
    AuditStatus.DISCUSSED: "every case has its agreed grading",
}


def _some(names: Sequence[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")


def keep_status_true(session: Session, audit_id: int, fields: str | Mapping[AuditStatus, str]) -> None:
    """Refuse a change to an audit's sample or returns, made in the caller's transaction, after
    which its status would no longer be true: a closed audit taking a case whose returns are
    still to come, an agreed grading cleared after the discussion. `fields` names the field the
    change is in (by the step it would undo, where that decides it). The dates and the actions a
    status stands on are `update_audit`'s to hold."""
    session.flush()
    audit = session.get(CaseAudit, audit_id)
    status = AuditStatus(audit.status)
    held = {key: audit.audit_date for key in ("discussed_on", "reported_on", "closed_on")}
    facts = replace(facts_in(session, audit_id, held), open_actions=0)
    if (unmet := unmet_step(status, facts)) is None:
        return
    step = unmet[0]
    detail = {
        AuditStatus.RETURNS_IN: f" ({_some(facts.returns_outstanding)} would be outstanding)",
        AuditStatus.DISCUSSED: f" (missing for {_some(facts.cases_without_agreed_grading)})",
    }.get(step, "")
    field = fields if isinstance(fields, str) else fields[step]
    raise ValidationError({field: f"This audit is {status.label}, which says {_STANDS_FOR[step]}{detail}: move it "
                                  f"back to {AUDIT_FLOW[step.step - 1].label} first"})


def _check_meetings(session: Session, c: Checker, meetings: list[tuple[int, MeetingRole]]) -> None:
    ids = {m for m, _ in meetings}
    if ids and len(set(session.scalars(select(Meeting.id).where(Meeting.id.in_(ids))))) != len(ids):
        c.add("meetings", "Choose the meetings from the list")


def _set_meetings(session: Session, audit_id: int, meetings: list[tuple[int, MeetingRole]]) -> None:
    current = {
        (link.meeting_id, link.role): link
        for link in session.scalars(select(CaseAuditMeeting).where(CaseAuditMeeting.audit_id == audit_id))
    }
    set_rows(session, current, {(m, r.value) for m, r in meetings},
             lambda key: CaseAuditMeeting(audit_id=audit_id, meeting_id=key[0], role=key[1]))


def moved_actions_problem(session: Session, audit: CaseAudit, audit_date: date | None) -> str:
    """The actions of an audit's recommendations are raised on the audit's date, so none is due
    or done before it (as a meeting's actions and its day, `meetings.move_actions_problem`): a
    move of the audit date to a later day that would leave one so is refused, naming them ("" when
    none would be)."""
    was = audit.audit_date
    if audit_date is None or was is None or audit_date <= was:
        return ""
    named = recommendations_actions_left_before(session, AuditRecommendation, Action.audit_recommendation_id,
                                                AuditRecommendation.audit_id, audit.id, was, audit_date)
    if not named:
        return ""
    one, listed = len(named) == 1, first_few(named)
    return (f"{'An action' if one else f'{len(named)} actions'} raised from this audit's recommendations would be "
            f"due or done before the Audit date ({audit_date:%d/%m/%Y}), the day the audit's actions are raised on: {listed}. "
            f"Change the dates of {'that action' if one else 'those actions'} first, or keep the audit date ({was:%d/%m/%Y})")


def _new_reference(session: Session, audit_date: date) -> str:
    engines.decide_alone(session, "case audit references")  # another program's new audit waits until this one is saved
    prefix = setting_in(session, PREFIX_SETTING, DEFAULT_PREFIX)
    existing = session.scalars(select(CaseAudit.reference).where(CaseAudit.reference.like(f"{prefix}-{audit_date.year:04d}-%")))
    return next_reference(prefix, audit_date.year, existing)


def create_audit(db: Database, fields: AuditFields) -> AuditDTO:
    """A new audit, always starting as planned, with the team's default questions unless given."""
    with db.unit_of_work() as session:
        c, checked = check_audit_fields(fields, settings_in(session).questions)
        _check_meetings(session, c, checked["meetings"])
        if checked["status"] not in (None, AuditStatus.PLANNED):
            c.add("status", "A new audit starts as Planned; move it on once it is saved")
        c.raise_if_any()
        values = checked["values"]
        audit = CaseAudit(reference=_new_reference(session, values["audit_date"]), status=AuditStatus.PLANNED.value,
                          **values)
        session.add(audit)
        session.flush()
        _set_meetings(session, audit.id, checked["meetings"])
        session.flush()
        return _audit_dtos(session, [audit.id])[0]


def update_audit(db: Database, audit_id: int, fields: AuditFields) -> AuditDTO:
    with db.unit_of_work() as session:
        audit = get_or_raise(session, CaseAudit, audit_id, "case audit")
        c, checked = check_audit_fields(fields, settings_in(session).questions)
        _check_meetings(session, c, checked["meetings"])
        if "audit_date" not in c.errors and (moved := moved_actions_problem(session, audit, checked["values"]["audit_date"])):
            c.add("audit_date", moved)
        new_status = checked["status"] or AuditStatus(audit.status)
        facts = facts_in(session, audit_id, checked["values"])
        problem = _move_problem(AuditStatus(audit.status), new_status, facts)
        if new_status.value != audit.status and (why := archived_audit(audit)):
            problem = why
        if problem:
            c.add("status", problem)
        else:
            for key, message in status_date_problems(new_status, facts, date.today()).items():
                c.add(key, message)
        c.raise_if_any()
        assign(audit, checked["values"])
        _move_to(session, audit, new_status)
        _set_meetings(session, audit_id, checked["meetings"])
        return read_back(session, audit, _audit_dtos)


def set_status(db: Database, audit_id: int, status: AuditStatus | str) -> AuditDTO:
    """Move an audit to another status (one step), checking what the step needs."""
    with db.unit_of_work() as session:
        audit = get_or_raise(session, CaseAudit, audit_id, "case audit")
        c = Checker()
        new = _status(c, status)
        c.raise_if_any()
        if why := archived_audit(audit):
            raise ValidationError({"status": why})
        facts = facts_in(session, audit_id)
        problem = _move_problem(AuditStatus(audit.status), new, facts) or next(
            iter(status_date_problems(new, facts, date.today()).values()), None)
        if problem:
            raise ValidationError({"status": problem})
        _move_to(session, audit, new)
        return read_back(session, audit, _audit_dtos)


archive_audit, restore_audit = archivers(CaseAudit, "case audit")


def _audit_dtos(session: Session, ids: Sequence[int] | None = None, include_archived: bool = True) -> list[AuditDTO]:
    q = select(CaseAudit).order_by(CaseAudit.audit_date.desc(), CaseAudit.reference.desc())
    q = only_ids(q, CaseAudit, ids)
    q = unarchived(q, CaseAudit, include_archived)
    audits = list(session.scalars(q))
    audit_ids = [a.id for a in audits] or [0]
    meetings: dict[int, list[MeetingLink]] = {}
    for audit_id, meeting_id, role, starts, title, group in session.execute(
        select(CaseAuditMeeting.audit_id, Meeting.id, CaseAuditMeeting.role, Meeting.starts_at, Meeting.title, Group.name)
        .join(Meeting, Meeting.id == CaseAuditMeeting.meeting_id)
        .join(Group, Group.id == Meeting.group_id)
        .where(CaseAuditMeeting.audit_id.in_(audit_ids))
        .order_by(Meeting.starts_at)
    ):
        meetings.setdefault(audit_id, []).append(
            MeetingLink(meeting_id, MeetingRole(role), meeting_label(group, starts, title), starts)
        )
    cases = dict(session.execute(
        select(AuditCase.audit_id, func.count())
        .where(AuditCase.audit_id.in_(audit_ids), AuditCase.archived_at.is_(None)).group_by(AuditCase.audit_id)
    ).all())
    returns: dict[int, list[int]] = {}
    for audit_id, received in session.execute(
        select(AuditCase.audit_id, AuditReturn.received_on)
        .join(AuditCase, AuditCase.id == AuditReturn.audit_case_id)
        .where(AuditCase.audit_id.in_(audit_ids), AuditCase.archived_at.is_(None), AuditReturn.archived_at.is_(None))
    ):
        tally = returns.setdefault(audit_id, [0, 0])
        tally[0] += 1
        tally[1] += received is not None
    learning = dict(session.execute(
        select(AuditLearning.audit_id, func.count())
        .where(AuditLearning.audit_id.in_(audit_ids), AuditLearning.archived_at.is_(None)).group_by(AuditLearning.audit_id)
    ).all())
    open_actions = open_action_counts(session, audit_ids)
    return [
        AuditDTO(
            a.id, a.reference, a.title, a.theme, clean_questions(a.questions), a.scope, AuditStatus(a.status),
            a.audit_date, a.returns_due, a.discussed_on, a.reported_on, a.closed_on, a.findings,
            tuple(meetings.get(a.id, [])), cases.get(a.id, 0), *returns.get(a.id, [0, 0]),
            learning.get(a.id, 0), open_actions.get(a.id, 0), archived_at=a.archived_at,
        )
        for a in audits
    ]


def list_audits(db: Database, include_archived: bool = False) -> list[AuditDTO]:
    """Audits, newest first."""
    return read(db, _audit_dtos, include_archived=include_archived)


def get_audit(db: Database, audit_id: int) -> AuditDTO:
    return read_one(db, CaseAudit, audit_id, "case audit", _audit_dtos)


def find_audit(db: Database, text: str | int) -> AuditDTO:
    """An audit by id or reference (any case); NotFoundError in one sentence otherwise."""
    return read_found(db, CaseAudit, CaseAudit.reference, "case audit", _audit_dtos, text)


def known_themes(db: Database) -> list[str]:
    """The configured themes, then any other theme already used on an audit or learning point."""
    from bscp_desktop.domain.validation import clean_names

    with db.unit_of_work() as session:
        configured = list(settings_in(session).themes)
        used = set(session.scalars(select(CaseAudit.theme).where(CaseAudit.theme != "").distinct()))
        used |= set(session.scalars(select(AuditLearning.theme).where(AuditLearning.theme != "").distinct()))
        return clean_names([*configured, *sorted(used, key=str.casefold)])


def audit_choices(db: Database, include: Iterable[int] = ()) -> list[tuple[str, int]]:
    keep = set(include)
    return [(a.name, a.id) for a in list_audits(db, include_archived=True) if not a.archived or a.id in keep]


def require_audit(db: Database, audit_id: int) -> AuditDTO:
    try:
        return get_audit(db, audit_id)
    except NotFoundError as exc:
        raise ValidationError({"audit_id": str(exc)}) from exc


#: Tables whose rows belong to one case audit, and how to reach the audit's id from a row.
_AUDIT_OF = {
    "case_audit": (CaseAudit.id, CaseAudit.id, None),
    "audit_case": (AuditCase.audit_id, AuditCase.id, None),
    "audit_return": (AuditCase.audit_id, AuditReturn.id, (AuditReturn, AuditCase.id == AuditReturn.audit_case_id)),
    "audit_learning": (AuditLearning.audit_id, AuditLearning.id, None),
    "audit_recommendation": (AuditRecommendation.audit_id, AuditRecommendation.id, None),
}


def audit_of(db: Database, table: str, record_id: int) -> int | None:
    """The case audit a record of `table` belongs to (a case, a return, a learning point...);
    None for another table or a record that does not exist."""
    if table not in _AUDIT_OF:
        return None
    wanted, key, join = _AUDIT_OF[table]
    q = select(wanted).where(key == record_id)
    if join is not None:
        q = q.join(*join)
    with db.unit_of_work() as session:
        return session.scalar(q)
