"""Decisions recorded against agenda items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.db.models.meetings import AgendaItem, Decision, Meeting
from bscp_desktop.domain.dates import date_range_problem, format_date
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.common import equal_where_given, get_or_raise, unarchived, with_owner_names
from bscp_desktop.services.meetings.common import guard_approved, item_on_agenda, refuse_if_archived, refuse_if_called_off
from bscp_desktop.services.meetings.dtos import CHUNK, DecisionDTO, DecisionFields, decision_line

# ---------------------------------------------------------------- decisions
#
# A decision has its text and, as DOMAIN.md asks of every decision, an owner (a person and/or an
# organisation), a due date and evidence of impact. Typed during the meeting it may have its text
# alone: it is saved and flagged ("No owner, no due date", `DecisionDTO.gaps`) until they are
# given. Its text, owner and due date are part of the minutes: once they are approved a change
# is an amendment with a reason. Its evidence of impact is gathered afterwards, so adding it to
# a decision of approved minutes is no amendment.


def _decision_query():
    query = select(Decision, AgendaItem.position, AgendaItem.title).join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
    return with_owner_names(query, Decision)


def _decision_dto(row) -> DecisionDTO:
    d, pos, title, person_name, organisation_name = row
    return DecisionDTO(
        d.id, d.meeting_id, d.agenda_item_id, pos, title, d.text, d.due_date, d.evidence or "", version=d.version or 0,
        owner_person_id=d.owner_person_id, owner_person_name=person_name or "",
        owner_organisation_id=d.owner_organisation_id, owner_organisation_name=organisation_name or "",
        archived_at=d.archived_at,
    )


def _as_fields(given: DecisionFields | str, was: Decision | None = None) -> DecisionFields:
    """The fields a caller gave: text alone keeps the decision's other fields as they are."""
    if isinstance(given, DecisionFields):
        return given
    if was is None:
        return DecisionFields(given)
    return DecisionFields(given, was.owner_person_id, was.owner_organisation_id, was.due_date, was.evidence)


def check_decision_fields(session: Session, f: DecisionFields, held_on: date, was: Decision | None = None) -> dict:
    """The checked values of a decision; ValidationError naming each field refused. Its due date
    (where given or changed: `was`, the decision as saved) cannot come before the meeting's day."""
    c = Checker()
    text = c.required("text", f.text, "Decision", 5000)
    if f.owner_person_id is not None and session.get(Person, f.owner_person_id) is None:
        c.add("owner_person_id", "Choose the owner from the list of people")
    if f.owner_organisation_id is not None and session.get(Organisation, f.owner_organisation_id) is None:
        c.add("owner_organisation_id", "Choose the owning organisation from the list")
    if problem := date_range_problem(f.due_date, "Due date"):
        c.add("due_date", problem)
    elif f.due_date is not None and f.due_date < held_on and (was is None or was.due_date != f.due_date):
        c.add("due_date", f"Due date ({format_date(f.due_date)}) cannot be before the day of the meeting "
                          f"({format_date(held_on)})")
    evidence = c.optional("evidence", f.evidence, "Evidence of impact", 10000)
    c.raise_if_any()
    return {"text": text, "owner_person_id": f.owner_person_id, "owner_organisation_id": f.owner_organisation_id,
            "due_date": f.due_date, "evidence": evidence}


def _minuted(session: Session, values: dict) -> str:
    """The decision as the minutes give it (its text, owner and due date), for an amendment."""
    person = session.get(Person, values["owner_person_id"]) if values["owner_person_id"] else None
    organisation = session.get(Organisation, values["owner_organisation_id"]) if values["owner_organisation_id"] else None
    owner = ", ".join(n for n in (person.name if person else "", organisation.name if organisation else "") if n)
    return decision_line(values["text"], owner, values["due_date"])


MINUTED = ("text", "owner_person_id", "owner_organisation_id", "due_date")


def _decision_in(session: Session, decision_id: int) -> DecisionDTO:
    return _decision_dto(session.execute(_decision_query().where(Decision.id == decision_id)).one())


def add_decision(db: Database, item_id: int, text: DecisionFields | str, reason: str | None = None) -> DecisionDTO:
    """Record a decision against an agenda item: its text alone (typed during the meeting), or
    `DecisionFields` with its owner, due date and evidence of impact."""
    if isinstance(text, str):
        _checked_text(text)  # refused before anything is read, as ever
    fields = _as_fields(text)
    with db.unit_of_work() as session:
        item = item_on_agenda(session, item_id)
        meeting = session.get(Meeting, item.meeting_id)
        refuse_if_archived(meeting, "text", "record a decision")
        values = check_decision_fields(session, fields, meeting.starts_at.date())
        guard_approved(session, meeting, reason, field="text", item_id=item.id, new=_minuted(session, values))
        d = Decision(meeting_id=item.meeting_id, agenda_item_id=item.id, **values)
        session.add(d)
        session.flush()
        return _decision_in(session, d.id)


def update_decision(db: Database, decision_id: int, text: DecisionFields | str, reason: str | None = None) -> DecisionDTO:
    """Change a decision: its text alone (the rest kept as it is), or `DecisionFields`."""
    if isinstance(text, str):
        _checked_text(text)  # refused before anything is read, as ever
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        meeting = session.get(Meeting, d.meeting_id)
        values = check_decision_fields(session, _as_fields(text, d), meeting.starts_at.date(), d)
        was = {key: getattr(d, key) for key in values}
        if was != values:
            refuse_if_archived(meeting, "text", "change a decision")
        if any(was[key] != values[key] for key in MINUTED):
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id,
                           old=_minuted(session, was), new=_minuted(session, values))
        for key, value in values.items():
            if was[key] != value:
                setattr(d, key, value)
        session.flush()
        return _decision_in(session, d.id)


def _checked_text(text: str) -> str:
    """The decision's text, checked: ValidationError on "text" when it is missing or too long."""
    c = Checker()
    body = c.required("text", text, "Decision", 5000)
    c.raise_if_any()
    return body


def archive_decision(db: Database, decision_id: int, reason: str | None = None) -> None:
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.archived_at is None:
            meeting = session.get(Meeting, d.meeting_id)
            refuse_if_archived(meeting, "text", "withdraw a decision")
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id, old=d.text, new="(withdrawn)")
            d.archived_at = utcnow()


def restore_decision(db: Database, decision_id: int, reason: str | None = None) -> DecisionDTO:
    """Bring back a decision withdrawn by mistake, as recording it again would: refused while
    its meeting is archived (or was called off) or its agenda item is off the agenda. Once the
    minutes are approved it is an amendment with a reason, as withdrawing it was."""
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.archived_at is not None:
            meeting = session.get(Meeting, d.meeting_id)
            refuse_if_archived(meeting, "text", "restore a decision")
            item = session.get(AgendaItem, d.agenda_item_id)
            if item.archived_at is not None:
                raise ValidationError({"agenda": f"The item '{item.title}' was taken off the agenda: restore it first "
                                                 "(Agenda page, Show archived), then its decision"})
            refuse_if_called_off(meeting, "text", "restore a decision")
            guard_approved(session, meeting, reason, field="text", item_id=item.id, decision_id=d.id, old="(withdrawn)",
                           new=_minuted(session, {key: getattr(d, key) for key in MINUTED}))
            d.archived_at = None
            session.flush()
        return _decision_in(session, d.id)


def decisions_in(session: Session, meeting_id: int | None = None, include_archived: bool = False) -> list[DecisionDTO]:
    q = _decision_query()
    q = equal_where_given(q, (Decision.meeting_id, meeting_id))
    q = unarchived(q, Decision, include_archived)
    q = q.order_by(Decision.meeting_id, AgendaItem.position, Decision.id).execution_options(yield_per=CHUNK)
    return [_decision_dto(row) for row in session.execute(q)]


def list_decisions(db: Database, meeting_id: int | None = None, include_archived: bool = False) -> list[DecisionDTO]:
    """Decisions of one meeting (or of every meeting), in agenda order."""
    with db.unit_of_work() as session:
        return decisions_in(session, meeting_id, include_archived)
