"""The training programme: courses, series, sessions, bookings (from the LMS or typed in),
evaluations with their confidence scores, monthly LMS registrations, charge rates per
financial year and the names other systems use for organisations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Archivable, Record, choices
from bscp_desktop.db.money import Pence
from bscp_desktop.db.search import Searchable
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.money import ZERO
from bscp_desktop.domain.training import Audience, CourseFormat, Facilitator, Outcome


class TrainingCourse(Archivable, Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_course"
    # what the course is, what it teaches and who gives it: found by a word of its title, topic,
    # learning outcomes or description, or by its trainer's name (undated: a course runs on many days)
    __searchable__ = Searchable(
        RecordKind.TRAINING, "Course", ("title", "topic", "learning_outcomes", "description", "facilitator_name"),
    )

    title: Mapped[str] = mapped_column(String(200), nullable=False, index=True)
    topic: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    audience: Mapped[str] = mapped_column(String(20), nullable=False, default="children", info=choices(Audience))
    format: Mapped[str] = mapped_column(String(20), nullable=False, default="virtual", info=choices(CourseFormat))
    length_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    learning_outcomes: Mapped[str] = mapped_column(Text, nullable=False, default="")  # one a line
    facilitator: Mapped[str] = mapped_column(String(20), nullable=False, default="internal", info=choices(Facilitator))
    facilitator_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    cost: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=ZERO)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class TrainingSeries(Archivable, Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_series"

    title: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class TrainingSession(Archivable, Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_session"
    # where it is held, who gives it and what was noted (the reason it was called off), dated by its start
    __searchable__ = Searchable(RecordKind.TRAINING, "Session", ("venue", "facilitator", "notes"), ("starts_at",))

    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"), nullable=False, index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("training_series.id"), nullable=True, index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    venue: Mapped[str] = mapped_column(String(2000), nullable=False, default="")  # a meeting link can be long
    online: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    capacity: Mapped[int] = mapped_column(Integer, nullable=False)
    facilitator: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    cost: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=ZERO)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class TrainingBooking(Archivable, Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_booking"
    __table_args__ = (UniqueConstraint("session_id", "delegate_key"),)
    # the delegate as the booking records them, and what was typed about the booking: a subject
    # access request finds every booking of a name or an email, dated by its session
    __searchable__ = Searchable(
        RecordKind.TRAINING, "Booking",
        ("delegate_name", "email", "job_title", "organisation_name", "notes", "non_attendance_reason", "waiver_reason"),
        ("session_id.starts_at",),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), nullable=False, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    delegate_name: Mapped[str] = mapped_column(String(200), nullable=False)
    email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    job_title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    organisation_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True, index=True)
    delegate_key: Mapped[str] = mapped_column(String(260), nullable=False, index=True)
    booked_on: Mapped[date] = mapped_column(Date, nullable=False)
    outcome: Mapped[str] = mapped_column(String(20), nullable=False, index=True, info=choices(Outcome))
    cancelled_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    late_cancellation: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    # False only for a cancellation that held no place (the delegate left the waiting list):
    # never late, never charged, and not counted among the bookings and cancellations
    gave_up_place: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default=true())
    non_attendance_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    followed_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    charge_waived: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    waiver_reason: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")
    # what the bookings import last gave the booking, as JSON: the row's course, session start
    # and delegate as matched, and its values (`importers.training_bookings_rules.as_imported`).
    # A later import keeps what the team corrected where the file still says the same. Empty for
    # a booking made in the window, or imported before the program remembered it.
    imported_as: Mapped[str | None] = mapped_column(Text, nullable=True)


class TrainingEvaluation(Archivable, Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_evaluation"
    __table_args__ = (UniqueConstraint("session_id", "delegate_key"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"), nullable=False, index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("training_booking.id"), nullable=True, index=True)
    delegate_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    delegate_key: Mapped[str] = mapped_column(String(260), nullable=False)
    comments: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delegate_follow_up: Mapped[str] = mapped_column(Text, nullable=False, default="")
    delegate_follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    manager_follow_up: Mapped[str] = mapped_column(Text, nullable=False, default="")
    manager_follow_up_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class TrainingScore(Record):
    """Confidence before and after the session in one learning outcome (1 to 5)."""

    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_score"
    __table_args__ = (UniqueConstraint("evaluation_id", "outcome_number"),)

    evaluation_id: Mapped[int] = mapped_column(ForeignKey("training_evaluation.id"), nullable=False, index=True)
    outcome_number: Mapped[int] = mapped_column(Integer, nullable=False)  # 0: overall confidence
    before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    after: Mapped[int | None] = mapped_column(Integer, nullable=True)


class TrainingRegistrations(Record):
    """New LMS accounts in one calendar month."""

    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_registrations"

    month: Mapped[date] = mapped_column(Date, nullable=False, unique=True)  # the 1st of the month
    count: Mapped[int] = mapped_column(Integer, nullable=False)


class TrainingChargeRate(Record):
    __kind__ = RecordKind.TRAINING
    __tablename__ = "training_charge_rate"

    financial_year: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    no_show: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=ZERO)
    late_cancellation: Mapped[Decimal] = mapped_column(Pence, nullable=False, default=ZERO)
