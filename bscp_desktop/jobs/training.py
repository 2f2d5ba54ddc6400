"""Training outputs: the training workbook (`export xlsx --area training`), the summary
(`report training-summary --from --to`, PDF or Excel), a session's sign-in sheet
(`report session-register --id ID`), a certificate of attendance (`report certificate
--booking ID`) and the charges statement (`report charges --from --to [--organisation ORG]`,
PDF or Excel).

Each job gathers DTOs through the training services and hands plain data to
`reports.training`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.dates import financial_year_of, format_date, in_date_range
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.text import duration_words
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.jobs import Output, Progress, gather_then_write, no_progress, report, workbook
from bscp_desktop.jobs.case_reviews import partnership_name
from bscp_desktop.services.settings import get_setting
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import called_off as co
from bscp_desktop.services.training import charges as ch
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import evaluations as ev
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training.settings import ILLUSTRATIVE_SETTING

if TYPE_CHECKING:
    from bscp_desktop.reports import training as out
    from bscp_desktop.reports.xlsx import WorkbookBuilder


def key_figure_rows(report: fg.FiguresReport) -> list[list]:
    """The key figures as the Figures page, the summary PDF and its workbook list them: [label,
    this period, the previous one, the change in words] (`reports.training.key_figures`)."""
    from bscp_desktop.reports import training as out
    return [[k.label, k.current, k.previous, k.change] for k in out.key_figures_of(
        report.total.figures, report.total.previous, report.registrations, report.previous_registrations)]


def figures_data(report: fg.FiguresReport) -> out.FiguresData:
    """The plain data of a figures report, for the summary and the window's charts."""
    from bscp_desktop.reports import training as out
    def lines(rows):
        return tuple(out.FigureLine(r.label, r.figures, r.previous, r.detail) for r in rows)

    return out.FiguresData(
        # the period as counted ("2026/27 to 05/12/2026"), beside the period before to the same point
        period=fg.PeriodToDate(report.period.start, report.counted_to, whole=report.period) if report.counted_to
        else report.period,
        previous_period=report.previous_period,
        total=out.FigureLine("Total", report.total.figures, report.total.previous),
        by_course=lines(report.by_course),
        by_topic=lines(report.by_topic),
        by_organisation=lines(report.by_organisation),
        by_sector=lines(report.by_sector),
        years=tuple(out.YearLine(y.label, y.figures, y.registrations) for y in report.years),
        registrations=report.registrations,
        previous_registrations=report.previous_registrations,
        gains=tuple(out.GainLine(g.course_title, g.evaluations, g.gain, g.by_outcome, g.delegate_follow_ups,
                                 g.manager_follow_ups) for g in report.gains),
        upcoming_sessions=report.upcoming_sessions,
        upcoming_bookings=report.upcoming_bookings,
        called_off=report.called_off_note,
    )


def _whole_programme(db, sessions=None) -> tuple[date, date]:
    """From the first session recorded to the last (this financial year when there are none);
    a date outside 1900 to 2200 kept by an earlier version does not stretch it. `sessions`:
    every session, archived ones too, when the caller has read them already."""
    if sessions is None:
        sessions = cs.list_sessions(db, include_archived=True)
    days = [s.day for s in sessions if in_date_range(s.day)]
    if not days:
        fy = financial_year_of(date.today())
        return date(fy, 4, 1), date(fy + 1, 3, 31)
    return min(days), max(days)


def _illustrative(db) -> bool:
    return bool(get_setting(db, ILLUSTRATIVE_SETTING, False))


def _wants_xlsx(path: Path, xlsx: bool | None) -> bool:
    return bool(xlsx) or Path(path).suffix.lower() == ".xlsx"


@workbook(RecordKind.TRAINING, "Training programme", outputs=(Output("Training workbook (Excel)…", "Training.xlsx"),))
def training_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    from bscp_desktop.reports import training as out
    progress(0, 3, "Gathering courses, sessions and bookings")
    sessions = tuple(cs.list_sessions(db, include_archived=True))
    start, end = _whole_programme(db, sessions)
    data = out.TrainingData(
        partnership_name=partnership_name(db),
        today=today or date.today(),
        courses=tuple(cs.list_courses(db, include_archived=True)),
        sessions=sessions,
        bookings=tuple(bk.list_bookings(db)),
        evaluations=tuple(ev.list_evaluations(db)),
        figures=figures_data(fg.figures_report(db, start, end)),
        charges=ch.charges_report(db, start, end),
        illustrative=_illustrative(db),
    )
    progress(2, 3, "Writing the workbook")
    return out.training_workbook(data)


@report("training-summary", "Training summary", options=("date_from", "date_to", "xlsx"),
        required=("date_from", "date_to"), outputs=(
    Output("Training summary of the period on Figures (PDF)…", "Training summary.pdf"),
    Output("Training summary of the period on Figures (Excel)…", "Training summary.xlsx", {"xlsx": True})))
def training_summary(
    db, path: Path, progress: Progress = no_progress, date_from: date | None = None, date_to: date | None = None,
    xlsx: bool | None = None, today: date | None = None,
) -> Path:
    from bscp_desktop.reports import training as out

    def gather() -> out.TrainingData:
        figures = fg.figures_report(db, date_from, date_to)
        return out.TrainingData(partnership_name(db), today or date.today(), (), (), (), (), figures_data(figures), None,
                                _illustrative(db))

    return gather_then_write(
        progress, "Adding up the figures", gather, "Writing the summary",
        lambda data: out.figures_workbook(data).save(path) if _wants_xlsx(path, xlsx) else out.write_summary_pdf(data, path),
    )


@report("session-register", "Sign-in sheet for a session", options=("record_id",), needs="record_id",
        missing="Say which session: give its id with --id ID",
        outputs=(Output("Sign-in sheet of the selected session (PDF)…", "Sign-in sheet.pdf"),))
def session_register(db, path: Path, progress: Progress = no_progress, record_id: int | None = None) -> Path:
    from bscp_desktop.reports import training as out

    def gather() -> tuple[cs.SessionDTO, list[bk.BookingDTO]]:
        session = cs.get_session(db, int(record_id))
        if problem := register_problem(db, session.id):
            raise ValidationError({"record_id": problem})
        return session, bk.list_bookings(db, session_id=session.id)

    return gather_then_write(progress, "Gathering the session", gather, "Writing the sign-in sheet",
                             lambda found: out.write_register_pdf(partnership_name(db), *found, path))


def register_problem(db, session_id: int) -> str:
    """Why no sign-in sheet is written for the session ('' when one is): the partnership called it
    off, so a sheet would go to a session that will not run, saying nothing of it. The command
    line and the window's File > Export ask it, as the session is now."""
    session = co.with_called_off(db, [cs.get_session(db, session_id)])[0]
    if (called := session.called_off) is not None:
        return (f"The session {session.name} was called off by the partnership on {format_date(called.on)}: no "
                "sign-in sheet is written for it (if it goes ahead after all, reinstate it first: Sessions, "
                "Reinstate session)")
    return ""


def certificate_problem(booking: bk.BookingDTO, session: cs.SessionDTO) -> str:
    """Why no certificate of attendance is written for the booking ('' when one is): it is
    archived (entered by mistake), its session is archived, or the delegate did not attend.
    The command line and the window's File > Export ask it."""
    if booking.archived:
        return (f"{booking.delegate_name}'s booking on {booking.session_name} is archived: a certificate is only for "
                "a booking on record (restore it first: Bookings, Show archived)")
    if session.archived:
        return (f"The session {booking.session_name} is archived: a certificate is only for a session on record "
                "(restore it first: Sessions, Show archived)")
    if booking.outcome is not Outcome.ATTENDED:
        return (f"{booking.delegate_name} is recorded as {booking.outcome_text.lower()} for {booking.session_name}: "
                "a certificate is only for delegates who attended")
    return ""


def session_length_text(session: cs.SessionDTO, course: cs.CourseDTO) -> str:
    """How long the session ran, worded as the course's length is ("1 h 30 min"): its end time
    less its start time, or the course's standard length when the session has no end time, or
    one not later on the same day (a session ends on the day it starts: an end on another day,
    kept by an earlier version, says nothing of how long it ran)."""
    ends = session.ends_at
    if ends is None or ends <= session.starts_at or ends.date() != session.starts_at.date():
        return course.length_text
    return duration_words((ends - session.starts_at) // timedelta(minutes=1))


@report("certificate", "Certificate of attendance", options=("booking",), needs="booking",
        missing="Say whose certificate: give the booking's id with --booking ID",
        outputs=(Output("Certificate of attendance of the selected booking (PDF)…", "Certificate.pdf"),))
def certificate(db, path: Path, progress: Progress = no_progress, booking: int | None = None) -> Path:
    from bscp_desktop.reports import training as out
    found = bk.get_booking(db, int(booking))
    session = cs.get_session(db, found.session_id)
    if problem := certificate_problem(found, session):
        raise ValidationError({"booking": problem})
    course = cs.get_course(db, found.course_id)
    progress(0, 1, "Writing the certificate")
    data = out.CertificateData(partnership_name(db), found.delegate_name,
                               found.organisation if found.organisation_name or found.organisation_id else "",
                               found.course_title, found.starts_at.date(), session_length_text(session, course),
                               course.learning_outcomes,
                               session.facilitator or course.facilitator_name)
    written = out.write_certificate_pdf(data, path)
    progress(1, 1, "Done")
    return written


@report("charges", "No-show and late-cancellation charges", options=("date_from", "date_to", "organisation", "xlsx"),
        required=("date_from", "date_to"), outputs=(Output("Charges statement of the period on Charges (PDF)…", "Training charges.pdf"),
                 Output("Charges statement of the period on Charges (Excel)…", "Training charges.xlsx", {"xlsx": True})))
def charges(
    db, path: Path, progress: Progress = no_progress, date_from: date | None = None, date_to: date | None = None,
    organisation: str | None = None, xlsx: bool | None = None,
) -> Path:
    from bscp_desktop.reports import training as out

    def write(found) -> Path:
        name = partnership_name(db)
        if _wants_xlsx(path, xlsx):
            return out.charges_workbook(name, found).save(path)
        return out.write_charges_pdf(name, found, path)

    return gather_then_write(progress, "Finding chargeable bookings",
                             lambda: ch.charges_report(db, date_from, date_to, organisation), "Writing the statement",
                             write)
