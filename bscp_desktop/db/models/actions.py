"""The one action log shared by meetings, case reviews and audits.

Each area links its actions through its own nullable column, added by that area's migration.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.kinds import RecordKind


class Action(Archivable, Record):
    __kind__ = RecordKind.ACTIONS
    __tablename__ = "action"
    __searchable__ = Searchable(
        RecordKind.MEETINGS, "Action", ("description", "evidence"), ("meeting_id.starts_at", "due_date", "created_at")
    )

    description: Mapped[str] = mapped_column(Text, nullable=False)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    owner_organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id"), nullable=True
    )
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", info=choices(ActionStatus))
    completed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="")
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("recommendation.id"), nullable=True, index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True, index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), nullable=True, index=True)
    s11_rating_id: Mapped[int | None] = mapped_column(ForeignKey("s11_rating.id"), nullable=True, index=True)
    audit_recommendation_id: Mapped[int | None] = mapped_column(
        ForeignKey("audit_recommendation.id"), nullable=True, index=True
    )


class ActionUpdate(Record):
    __kind__ = RecordKind.ACTIONS
    __tablename__ = "action_update"
    __searchable__ = Searchable(RecordKind.MEETINGS, "Progress update", ("note",), ("on",))

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), nullable=False, index=True)
    on: Mapped[date] = mapped_column(Date, nullable=False)
    note: Mapped[str] = mapped_column(Text, nullable=False)
