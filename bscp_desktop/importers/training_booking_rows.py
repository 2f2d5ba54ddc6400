"""Reading one row of a bookings import (`importers.training`): each cell checked as the
booking window checks what is typed, every problem of the row said at once. An export repeats
the same few courses, starts, capacities, job titles, organisations and dates on thousands of
rows, so each such text is cleaned and read once an import (`CellReader`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache

from bscp_desktop.domain.dates import format_date, missing_local_time
from bscp_desktop.domain.delegates import delegate_key, key_problem
from bscp_desktop.domain.training import Outcome
from bscp_desktop.domain.validation import Checker, clean_email, clean_text, email_problem, whole_number
from bscp_desktop.importers.tabular import cell_date
from bscp_desktop.importers.training_evaluations import session_start, start_problem
from bscp_desktop.importers.training_titles import title_key
from bscp_desktop.services.training.sessions import MAX_CAPACITY


@dataclass
class BookingRow:
    number: int
    course: str
    start: datetime
    capacity: int | None
    name: str
    email: str
    job_title: str
    organisation: str
    booked_on: date | None
    outcome: Outcome | None
    cancelled_on: date | None
    session_key: tuple[str, datetime]  # (`title_key` of the course, start), as the row is read
    delegate_key: str  # `delegate_key` of its name and address
    called_off: bool = False  # its Outcome says called off by the partnership, as the training workbook does

    @property
    def delegate_name(self) -> str:
        return self.name


# An LMS export repeats the same few dates and outcomes on thousands of rows: each is read once.
_date = lru_cache(maxsize=4096)(cell_date)
_outcome = lru_cache(maxsize=64)(Outcome.parse)


@lru_cache(maxsize=64)
def says_called_off(text: str) -> bool:
    """Whether an Outcome reads "Called off by the partnership": the training workbook's outcome of a
    booking whose session was called off, which a row may keep (never one a row gives a booking)."""
    try:
        return super(Outcome, Outcome).parse(text) is Outcome.CALLED_OFF
    except ValueError:
        return False


def _one_line(text: str) -> str:
    return " ".join(clean_text(text).split())  # on one line, spaces folded, as the window keeps it


def _capacity(raw: str) -> tuple[int | None, str]:
    """The places a Capacity cell gives (None when blank), or why it gives none."""
    if not raw:
        return None, ""
    try:
        capacity = whole_number(raw)
    except ValueError as exc:  # "1,0" is not ten places
        return None, (f"Capacity '{raw}' is not a whole number: {exc}" if str(exc) else
                      f"Capacity '{raw}' is not a number of places from 1 to {MAX_CAPACITY:,}")
    if not 1 <= capacity <= MAX_CAPACITY:
        return None, f"Capacity '{raw}' is not a number of places from 1 to {MAX_CAPACITY:,}"
    return capacity, ""


class CellReader:
    """How one import reads its cells: an export repeats the same few courses, starts,
    capacities, job titles, organisations and dates on thousands of rows, so each text is
    cleaned (`clean_text`) and read once (one import's answers, gone with it)."""

    def __init__(self) -> None:
        self.text = cache(clean_text)
        self.line = cache(_one_line)
        self.capacity = cache(_capacity)
        self.title_key = cache(title_key)


def _read_date(text: str, label: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        return _date(text)
    except ValueError as exc:
        errors.append(f"{label}: {exc}")
        return None


def parse_booking(number: int, cells: dict[str, str], columns: set[str], today: date,
                   read: CellReader) -> tuple[BookingRow | None, list[str]]:
    errors: list[str] = []
    get, text_of = cells.get, read.text  # each cell cleaned once (`cell_value`)
    course = text_of(get("course", ""))
    if not course:
        errors.append("Course is empty")
    elif len(course) > 200:
        errors.append("Course is too long (at most 200 characters)")
    start = None
    text = text_of(get("start", ""))
    try:
        start = session_start(text, text_of(get("_time", "")))
        if problem := missing_local_time(start):
            start = None
            errors.append(f"Session start: {problem}")
    except ValueError as exc:
        errors.append(start_problem(exc, text, "Session start is empty; give it as dd/mm/yyyy HH:MM"))
    capacity, problem = read.capacity(text_of(get("capacity", "")))
    if problem:
        errors.append(problem)
    name = _one_line(get("delegate", ""))  # on one line, spaces folded, as the window keeps it
    email = clean_email(get("email", ""))  # as the booking window keeps it: one address, one delegate
    if not name:
        errors.append("Delegate is empty; give the delegate's name")
    if len(name) > 200:
        errors.append("Delegate is too long (at most 200 characters)")
    if problem := email_problem(email):
        errors.append(problem)
    elif len(name) <= 200:  # as the booking window refuses it (`delegate_key`)
        errors.extend(key_problem(name, email, "Delegate").values())
    given = "_as_booked" if "_as_booked" in columns else "organisation"  # the workbook's Organisation is the matched name
    job_title, organisation = read.line(get("job_title", "")), read.line(get(given, ""))
    for label, value in (("Job title", job_title), ("Organisation", organisation)):
        if len(value) > 200:
            errors.append(f"{label} is too long (at most 200 characters)")
    cancelled_text = text_of(get("cancelled_on", ""))
    booked_on = _read_date(text_of(get("booked_on", "")), "Booked on", errors)
    cancelled_on = _read_date(cancelled_text, "Cancelled on", errors)
    outcome = None
    outcome_text = text_of(get("outcome", ""))
    if outcome_text and not says_called_off(outcome_text):  # called off: a booking as held (`import_bookings`)
        try:
            outcome = _outcome(outcome_text)
        except ValueError:
            errors.append(f"Outcome '{outcome_text}' is not one of: {Outcome.choices_text()}")
    if outcome is Outcome.CANCELLED and not cancelled_text:  # one it cannot read is said above
        errors.append("Cancelled on is empty: a cancellation needs its date, to tell whether it was late")
    if cancelled_on is not None and outcome not in (Outcome.CANCELLED, None):
        errors.append(f"Cancelled on is given but the outcome is {outcome.label}")
    if cancelled_on is not None and not outcome_text and "outcome" in columns:  # one not read is said above
        errors.append("Cancelled on is given but the outcome is empty; put Cancelled")
    if start is not None:
        if booked_on and booked_on > start.date():
            errors.append(f"Booked on ({format_date(booked_on)}) is after the session ({format_date(start.date())})")
        if cancelled_on and cancelled_on > start.date():  # on the day is late; after it, absent
            errors.append(f"Cancelled on ({format_date(cancelled_on)}) is after the session "
                          f"({format_date(start.date())}): record it as a no-show")
        if outcome in (Outcome.ATTENDED, Outcome.NO_SHOW) and start.date() > today:
            errors.append(f"The session on {format_date(start.date())} has not happened yet, so it cannot be {outcome.label}")
    if booked_on and cancelled_on and cancelled_on < booked_on:
        errors.append("Cancelled on is before Booked on")
    if (booked_on and booked_on > today) or (cancelled_on and cancelled_on > today):
        later = Checker()  # a cancellation is recorded once made, as in the booking window
        later.not_future("booked_on", booked_on, "Booked on", today)
        later.not_future("cancelled_on", cancelled_on, "Cancelled on", today)
        errors.extend(later.errors.values())
    if errors:
        return None, errors
    return BookingRow(number, course, start, capacity, name, email, job_title, organisation, booked_on, outcome, cancelled_on,
                      (read.title_key(course), start), delegate_key(name, email), says_called_off(outcome_text)), []
