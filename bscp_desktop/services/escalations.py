"""The attendance escalation log: when poor attendance was raised with an organisation, with
whom, by whom, what was said and the reply. Records are archived, never deleted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Organisation
from bscp_desktop.db.models.meetings import AttendanceEscalation
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import ArchivedAt, CommandFields, archivers, assign, equal_where_given, get_or_raise, unarchived


@dataclass(frozen=True)
class EscalationFields(CommandFields):
    organisation_id: int | None
    raised_on: date | None
    raised_with: str
    raised_by: str = ""
    concern: str = ""
    group_id: int | None = None
    replied_on: date | None = None
    reply: str = ""


@dataclass(frozen=True)
class EscalationDTO(ArchivedAt):
    id: int
    organisation_id: int
    organisation_name: str
    group_id: int | None
    group_name: str
    raised_on: date
    raised_with: str
    raised_by: str
    concern: str
    replied_on: date | None
    reply: str

    @property
    def awaiting_reply(self) -> bool:
        return self.replied_on is None and not self.reply

    @property
    def name(self) -> str:
        return f"{self.organisation_name}, raised {format_date(self.raised_on)}"


def _check(session: Session, f: EscalationFields, today: date) -> dict:
    c = Checker()
    if f.organisation_id is None or session.get(Organisation, f.organisation_id) is None:
        c.add("organisation_id", "Choose the organisation whose attendance was raised")
    if f.group_id is not None and session.get(Group, f.group_id) is None:
        c.add("group_id", "Choose the group from the list")
    if f.raised_on is None:
        c.add("raised_on", "Enter the date the concern was raised")
    c.not_future("raised_on", f.raised_on, "The date raised", today)
    values = {
        "organisation_id": f.organisation_id,
        "group_id": f.group_id,
        "raised_on": f.raised_on,
        "raised_with": c.required("raised_with", f.raised_with, "Raised with", 200),
        "raised_by": c.optional("raised_by", f.raised_by, "Raised by", 200),
        "concern": c.optional("concern", f.concern, "Concern", 10000),
        "replied_on": f.replied_on,
        "reply": c.optional("reply", f.reply, "Reply", 10000),
    }
    c.date_order("replied_on", f.raised_on, f.replied_on, "Raised on", "Replied on")
    c.not_future("replied_on", f.replied_on, "The date of the reply", today)
    c.raise_if_any()
    return values


def _query():
    return (
        select(AttendanceEscalation, Organisation.name, Group.name)
        .join(Organisation, Organisation.id == AttendanceEscalation.organisation_id)
        .outerjoin(Group, Group.id == AttendanceEscalation.group_id)
    )


def _dto(row) -> EscalationDTO:
    e, org_name, group_name = row
    return EscalationDTO(
        e.id, e.organisation_id, org_name, e.group_id, group_name or "", e.raised_on, e.raised_with, e.raised_by,
        e.concern, e.replied_on, e.reply, archived_at=e.archived_at,
    )


def create_escalation(db: Database, fields: EscalationFields, today: date | None = None) -> EscalationDTO:
    with db.unit_of_work() as session:
        record = AttendanceEscalation(**_check(session, fields, today or date.today()))
        session.add(record)
        session.flush()
        return _dto(session.execute(_query().where(AttendanceEscalation.id == record.id)).one())


def update_escalation(db: Database, escalation_id: int, fields: EscalationFields, today: date | None = None) -> EscalationDTO:
    with db.unit_of_work() as session:
        record = get_or_raise(session, AttendanceEscalation, escalation_id, "escalation")
        assign(record, _check(session, fields, today or date.today()))
        session.flush()
        return _dto(session.execute(_query().where(AttendanceEscalation.id == escalation_id)).one())


archive_escalation, restore_escalation = archivers(AttendanceEscalation, "escalation")


def list_escalations(
    db: Database, organisation_id: int | None = None, include_archived: bool = False,
    date_from: date | None = None, date_to: date | None = None,
) -> list[EscalationDTO]:
    """Newest first; optionally one organisation's, or those raised in a period."""
    with db.unit_of_work() as session:
        q = _query()
        q = equal_where_given(q, (AttendanceEscalation.organisation_id, organisation_id))
        q = unarchived(q, AttendanceEscalation, include_archived)
        if date_from is not None:
            q = q.where(AttendanceEscalation.raised_on >= date_from)
        if date_to is not None:
            q = q.where(AttendanceEscalation.raised_on <= date_to)
        q = q.order_by(AttendanceEscalation.raised_on.desc(), AttendanceEscalation.id.desc())
        return [_dto(row) for row in session.execute(q)]
