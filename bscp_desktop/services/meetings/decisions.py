"""Decisions recorded against agenda items."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.meetings import AgendaItem, Decision, Meeting
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import equal_where_given, get_or_raise, unarchived
from bscp_desktop.services.meetings.common import guard_approved, item_on_agenda
from bscp_desktop.services.meetings.dtos import CHUNK, DecisionDTO

# ---------------------------------------------------------------- decisions


def _decision_query():
    return select(Decision, AgendaItem.position, AgendaItem.title).join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)


def _decision_dto(row) -> DecisionDTO:
    d, pos, title = row
    return DecisionDTO(d.id, d.meeting_id, d.agenda_item_id, pos, title, d.text, archived_at=d.archived_at)


def _decision_text(text: str) -> str:
    """The decision's text, checked: ValidationError on "text" when it is missing or too long."""
    c = Checker()
    body = c.required("text", text, "Decision", 5000)
    c.raise_if_any()
    return body


def _decision_in(session: Session, decision_id: int) -> DecisionDTO:
    return _decision_dto(session.execute(_decision_query().where(Decision.id == decision_id)).one())


def add_decision(db: Database, item_id: int, text: str, reason: str | None = None) -> DecisionDTO:
    body = _decision_text(text)
    with db.unit_of_work() as session:
        item = item_on_agenda(session, item_id)
        meeting = session.get(Meeting, item.meeting_id)
        guard_approved(session, meeting, reason, field="text", item_id=item.id, new=body)
        d = Decision(meeting_id=item.meeting_id, agenda_item_id=item.id, text=body)
        session.add(d)
        session.flush()
        return _decision_in(session, d.id)


def update_decision(db: Database, decision_id: int, text: str, reason: str | None = None) -> DecisionDTO:
    body = _decision_text(text)
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.text != body:
            meeting = session.get(Meeting, d.meeting_id)
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id, old=d.text, new=body)
            d.text = body
        session.flush()
        return _decision_in(session, d.id)


def archive_decision(db: Database, decision_id: int, reason: str | None = None) -> None:
    with db.unit_of_work() as session:
        d = get_or_raise(session, Decision, decision_id, "decision")
        if d.archived_at is None:
            meeting = session.get(Meeting, d.meeting_id)
            guard_approved(session, meeting, reason, field="text", item_id=d.agenda_item_id, decision_id=d.id, old=d.text, new="(withdrawn)")
            d.archived_at = utcnow()


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
