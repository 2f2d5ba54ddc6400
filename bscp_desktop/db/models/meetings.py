"""Meetings, series, agenda items, attendance registers, decisions, standing-item templates
and amendments of approved minutes. Actions live in the shared action table (`models.actions`).

Meeting times are naive local (Europe/London) wall-clock times.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import ApprovalMethod, AttendanceStatus, ItemKind, MeetingKind, MeetingStatus, MinutesStatus, QuorumRule
from bscp_desktop.domain.memberships import GUEST_ROLE, Role


class MeetingSeries(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "meeting_series"

    group_id: Mapped[int] = mapped_column(ForeignKey("partnership_group.id"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    financial_year: Mapped[int] = mapped_column(Integer, nullable=False)
    rule: Mapped[str] = mapped_column(String(200), nullable=False, default="")


class Meeting(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "meeting"
    __searchable__ = Searchable(RecordKind.MEETINGS, "Meeting", ("title", "notes", "place"), ("starts_at",))

    group_id: Mapped[int] = mapped_column(ForeignKey("partnership_group.id"), nullable=False, index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_series.id"), nullable=True, index=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="ordinary", info=choices(MeetingKind))
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    place: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    online_link: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="planned", info=choices(MeetingStatus))
    chair_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    minute_taker_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    minutes_status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", info=choices(MinutesStatus))
    minutes_circulated_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    minutes_approved_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    approved_at_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), nullable=True)
    minutes_approval_method: Mapped[str] = mapped_column(String(20), nullable=False, default="", info=choices(ApprovalMethod, blank=True))
    minutes_approved_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    # the group's quorum rule and number when the minutes were approved: the quorum they record
    # stays as it was decided, whatever the group's rule becomes ("" and None before approval)
    approved_quorum_rule: Mapped[str] = mapped_column(String(30), nullable=False, default="", server_default="",
                                                      info=choices(QuorumRule, blank=True))
    approved_quorum: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    key_focus: Mapped[str] = mapped_column(Text, nullable=False, default="")  # the yearly report's summary


class AgendaItem(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "agenda_item"
    __searchable__ = Searchable(
        RecordKind.MEETINGS, "Agenda item", ("title", "minutes", "key_focus_summary", "presenter", "paper_ref"),
        ("meeting_id.starts_at",),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="ordinary", info=choices(ItemKind))
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    presenter: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    paper_ref: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    minutes_allotted: Mapped[int | None] = mapped_column(Integer, nullable=True)
    confidential: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    key_focus: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    key_focus_summary: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    minutes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Attendance(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "attendance"
    # what was typed on the register (a guest's name, a deputy's, a note): a member's own entry,
    # where nothing was typed, is not indexed (`worded`), so the meeting's date finds the meeting
    __searchable__ = Searchable(RecordKind.MEETINGS, "Register entry", ("name", "deputy_name", "notes"),
                                ("meeting_id.starts_at",), worded=True)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True, index=True)
    role: Mapped[str] = mapped_column(String(30), nullable=False, default="", info=choices(Role, blank=True, also=(GUEST_ROLE,)))
    expected: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="absent", info=choices(AttendanceStatus))
    deputy_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    deputy_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(String(500), nullable=False, default="")


class Decision(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "decision"
    __searchable__ = Searchable(RecordKind.MEETINGS, "Decision", ("text", "evidence"), ("meeting_id.starts_at",))

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_item.id"), nullable=False, index=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    # who owns it, by when, and what it changed (as an action); a decision recorded while the
    # minutes are taken may have its text alone, and is flagged until they are given
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    owner_organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")


class StandingItemTemplate(Archivable, Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "standing_item_template"

    group_id: Mapped[int] = mapped_column(ForeignKey("partnership_group.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="ordinary", info=choices(ItemKind))
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    minutes_allotted: Mapped[int | None] = mapped_column(Integer, nullable=True)


class MinutesAmendment(Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "minutes_amendment"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"), nullable=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    old_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    new_text: Mapped[str] = mapped_column(Text, nullable=False, default="")


class AttendanceEscalation(Archivable, Record):
    """Poor attendance raised with an organisation: when, with whom, by whom, and the reply."""

    __tablename__ = "attendance_escalation"
    __kind__ = RecordKind.MEETINGS

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id"), nullable=False, index=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("partnership_group.id"), nullable=True)
    raised_on: Mapped[date] = mapped_column(Date, nullable=False)
    raised_with: Mapped[str] = mapped_column(String(200), nullable=False)
    raised_by: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    concern: Mapped[str] = mapped_column(Text, nullable=False, default="")
    replied_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    reply: Mapped[str] = mapped_column(Text, nullable=False, default="")
