"""The multi-agency training programme: courses, sessions, bookings, figures and charges (its
evaluations: `domain.evaluations`). Pure Python.

Bookings and places
-------------------
A booking holds a place when its outcome is booked, attended or no-show; a waitlisted booking
waits for one and a cancelled booking has given its place back. A booking called off by the
partnership (the whole session called off: the facilitator is ill, the venue is lost) is
neither the delegate's cancellation nor a no-show: it is never charged, and never counted. A new booking is waitlisted
once the places held reach the session's capacity (`outcome_for_new_booking`), and when a
booking that held a place is cancelled the first delegate on the waiting list (earliest booked,
then earliest entered) is offered it (`first_on_waitlist`).

Late cancellation
-----------------
A cancellation is late when the session falls within the configured number of working days
after it (`is_late_cancellation`): working days are counted as in `dates.working_days_between`
(the cancellation day is not counted, the session day is). With 3 days, cancelling on the
Wednesday before a Monday session (Thursday, Friday, Monday) is late; on the Tuesday before it
is not. Cancelling on the day or afterwards is always late.

Figures
-------
Every figure comes with the counts behind it, and both denominators the partnership reports:

* bookings = every booking except those on the waiting list or who left it (never held a place),
  and those of a session the partnership called off (which is not counted at all: its sessions
  and places are left out, and `called_off_sentence` says how many);
* attendance rate = attended / bookings; take-up = attended / places (capacity);
* no-show rate = no-shows / bookings; cancellation rate = cancellations / bookings.

A period is compared with the one before it of the same length (`Period.previous`): whole
calendar months with the same number of months before (a quarter with the quarter before, a
financial year with the year before), any other range with the same number of days.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from bscp_desktop.domain.dates import add_months, financial_year_label, financial_year_of, format_date_long, working_days_between
from bscp_desktop.domain.money import ZERO, format_money
from bscp_desktop.domain.percent import format_percent, half_up
from bscp_desktop.domain.text import counted

#: the sector of a booking whose organisation was typed but matches none on record
NOT_MATCHED = "Not matched to an organisation"


def told_apart(names: Sequence[tuple[str, str]]) -> list[str]:
    """Each (organisation, sector) as a label: a name typed in bookings but linked to no
    organisation, written as an organisation's name is, says so, "Brent Council (typed, not
    linked)", so the two rows are not read as one organisation twice (the summary, the charges,
    the yearly report and the Charges page label them alike)."""
    linked = {name.casefold() for name, sector in names if sector != NOT_MATCHED}
    return [f"{name} (typed, not linked)" if sector == NOT_MATCHED and name.casefold() in linked else name
            for name, sector in names]

DEFAULT_LATE_CANCELLATION_DAYS = 3

#: Course topics offered when a course is added; the team can change the list in the settings.
#: From the partnership's 2022-24 report, plus the topics its programme already ran.
DEFAULT_TOPICS: tuple[str, ...] = (
    "Child Sexual Abuse",
    "Coercive and controlling behaviour",
    "Contextual safeguarding",
    "Domestic abuse",
    "Exploitation",
    "ICON, safe sleeping and head trauma",
    "Information sharing",
    "LADO",
    "Lead professional",
    "Learning from cases",
    "Multiple and complex needs",
    "Neglect",
    "Neurodiversity",
    "Private fostering and kinship care",
    "Safeguarding practice reviews",
    "Serious violence",
    "Trauma-informed practice",
    "Working Together 2023",
)


class _Labelled(enum.StrEnum):
    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def _labels(cls) -> dict[str, str]:  # pragma: no cover - each subclass has its own
        raise NotImplementedError

    @classmethod
    def _other_words(cls) -> dict[str, str]:
        return {}

    @classmethod
    def parse(cls, value: object):
        """The member for a value, a label or a common other word (any case); ValueError."""
        if isinstance(value, cls):
            return value
        text = " ".join(str(value or "").replace("_", " ").replace("-", " ").split()).casefold()
        for member in cls:
            words = {member.value.replace("_", " "), member.label.casefold().replace("-", " ")}
            if text in words:
                return member
        found = cls._other_words().get(text)
        if found is not None:
            return cls(found)
        raise ValueError(str(value))

    @classmethod
    def choices_text(cls) -> str:
        return ", ".join(m.label for m in cls)


class Audience(_Labelled):
    CHILDREN = "children"
    ADULTS = "adults"
    JOINT = "joint"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"children": "Children", "adults": "Adults", "joint": "Joint with the Adults Board"}

    @classmethod
    def _other_words(cls) -> dict[str, str]:
        return {"both": "joint", "children and adults": "joint", "all age": "joint", "all ages": "joint",
                "child": "children", "adult": "adults"}


class CourseFormat(_Labelled):
    E_LEARNING = "e_learning"
    VIRTUAL = "virtual"
    IN_PERSON = "in_person"
    BRIEFING = "briefing"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"e_learning": "E-learning", "virtual": "Virtual (live online)", "in_person": "In person",
                "briefing": "Briefing (60 to 90 minutes)"}

    @classmethod
    def _other_words(cls) -> dict[str, str]:
        return {"elearning": "e_learning", "online": "virtual", "teams": "virtual", "zoom": "virtual",
                "face to face": "in_person", "classroom": "in_person", "virtual": "virtual"}


class Facilitator(_Labelled):
    INTERNAL = "internal"
    EXTERNAL = "external"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"internal": "Internal", "external": "External"}


class Outcome(_Labelled):
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    ATTENDED = "attended"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    CALLED_OFF = "called_off"  # given only by calling the whole session off (`services.training.called_off`)

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"booked": "Booked", "waitlisted": "Waitlisted", "attended": "Attended",
                "no_show": "No-show", "cancelled": "Cancelled", "called_off": "Called off by the partnership"}

    @classmethod
    def parse(cls, value: object):
        """As `_Labelled.parse`, but called off is never read from words typed or imported: a
        session is called off whole, on the Sessions page, never booking by booking."""
        found = super().parse(value)
        if found is cls.CALLED_OFF and not isinstance(value, cls):
            raise ValueError(str(value))
        return found

    @classmethod
    def choices_text(cls) -> str:
        """The outcomes a booking is given one by one (called off is the whole session's)."""
        return ", ".join(m.label for m in cls if m is not cls.CALLED_OFF)

    @classmethod
    def _other_words(cls) -> dict[str, str]:
        return {
            "noshow": "no_show", "no show": "no_show", "did not attend": "no_show", "dna": "no_show",
            "absent": "no_show", "non attendance": "no_show",
            "waiting list": "waitlisted", "wait list": "waitlisted", "waitlist": "waitlisted",
            "wait listed": "waitlisted",
            "present": "attended", "completed": "attended", "attended": "attended",
            "canceled": "cancelled", "withdrawn": "cancelled",
            "registered": "booked", "enrolled": "booked", "confirmed": "booked",
        }

    @property
    def holds_place(self) -> bool:
        return self in (Outcome.BOOKED, Outcome.ATTENDED, Outcome.NO_SHOW)


class ChargeKind(_Labelled):
    NO_SHOW = "no_show"
    LATE_CANCELLATION = "late_cancellation"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {"no_show": "No-show", "late_cancellation": "Late cancellation"}


# --------------------------------------------------------------------------- places


def places_held(outcomes: Iterable[Outcome]) -> int:
    return sum(1 for o in outcomes if o.holds_place)


def outcome_for_new_booking(capacity: int, held: int) -> Outcome:
    """Booked while places are left, else waitlisted."""
    return Outcome.BOOKED if held < capacity else Outcome.WAITLISTED


@dataclass(frozen=True)
class WaitingDelegate:
    booking_id: int
    booked_on: date
    name: str


def first_on_waitlist(waiting: Iterable[WaitingDelegate]) -> WaitingDelegate | None:
    """Who is offered a place that comes free: earliest booked, then earliest entered."""
    return min(waiting, key=lambda w: (w.booked_on, w.booking_id), default=None)


def gave_up_a_place(was: Outcome | None, was_gave_up: bool = True) -> bool:
    """Whether a cancellation gave up a place, so that it can be late (and charged): a new
    booking recorded as cancelled had its place; a delegate leaving the waiting list gave up
    none; a cancellation saved again stays as it was stored (`was_gave_up`)."""
    if was is Outcome.WAITLISTED:
        return False
    if was is Outcome.CANCELLED:
        return was_gave_up
    return True


def is_late_cancellation(
    cancelled_on: date, session_day: date, days: int, closures: Iterable[date] = ()
) -> bool:
    """True when the session falls within `days` working days after the cancellation (or
    the cancellation is on the day or later)."""
    if cancelled_on >= session_day:
        return True
    return working_days_between(cancelled_on, session_day, closures) <= days


# --------------------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"The period ends ({format_date_long(self.end)}) before it starts "
                f"({format_date_long(self.start)})"
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        fy = financial_year_of(self.start)
        if (self.start, self.end) == (date(fy, 4, 1), date(fy + 1, 3, 31)):
            return financial_year_label(fy)
        return f"{format_date_long(self.start)} to {format_date_long(self.end)}"

    @property
    def whole_months(self) -> int | None:
        """How many calendar months the period is, when it runs from a 1st to a month end."""
        if self.start.day != 1 or (self.end + timedelta(days=1)).day != 1:
            return None
        after = self.end + timedelta(days=1)
        return (after.year - self.start.year) * 12 + after.month - self.start.month

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        months = self.whole_months
        if months:
            return Period(add_months(self.start, -months), self.start - timedelta(days=1))
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def financial_year_period(start_year: int) -> Period:
    return Period(date(start_year, 4, 1), date(start_year + 1, 3, 31))


def quarter_of(day: date) -> Period:
    """The financial quarter (April to June, ...) containing `day`."""
    start = date(day.year, ((day.month - 1) // 3) * 3 + 1, 1)
    return Period(start, add_months(start, 3) - timedelta(days=1))


# --------------------------------------------------------------------------- rates and figures


@dataclass(frozen=True)
class Rate:
    """A share with the counts behind it: 150 of 212 is 71%."""

    numerator: int
    denominator: int | None

    @property
    def value(self) -> Decimal | None:
        """The fraction (0.7075...), or None when there is nothing to divide by."""
        if not self.denominator:
            return None
        return Decimal(self.numerator) / Decimal(self.denominator)

    @property
    def percent(self) -> str:
        """'71%', '4.5%' below ten per cent, '' when there is no denominator."""
        return format_percent(self.value)

    @property
    def text(self) -> str:
        """'71% (150 of 212)'; 'n/a (0 of 0)' when nothing to divide by."""
        if not self.denominator:
            return f"n/a ({self.numerator:,} of 0)" if self.denominator == 0 else ""
        return f"{self.percent} ({self.numerator:,} of {self.denominator:,})"


@dataclass(frozen=True)
class Figures:
    """The counts for one group of sessions and bookings. `places` is None where capacity
    cannot be shared out (an organisation's bookings), so take-up is blank there."""

    sessions: int = 0
    places: int | None = 0
    bookings: int = 0
    booked: int = 0  # still booked: the session is ahead, or attendance is not marked yet
    attended: int = 0
    no_shows: int = 0
    cancellations: int = 0
    late_cancellations: int = 0
    waitlisted: int = 0

    @property
    def on_time_cancellations(self) -> int:
        return self.cancellations - self.late_cancellations

    @property
    def has_attendance(self) -> bool:
        """A delegate attended or did not come: a bar on an attendance chart (bookings all
        waitlisted or cancelled have no attendance to show)."""
        return bool(self.attended or self.no_shows)

    @property
    def attendance_rate(self) -> Rate:
        return Rate(self.attended, self.bookings)

    @property
    def take_up(self) -> Rate:
        return Rate(self.attended, self.places)

    @property
    def no_show_rate(self) -> Rate:
        return Rate(self.no_shows, self.bookings)

    @property
    def cancellation_rate(self) -> Rate:
        return Rate(self.cancellations, self.bookings)

    @property
    def late_cancellation_rate(self) -> Rate:
        return Rate(self.late_cancellations, self.bookings)


#: Every figure in reading order: (attribute, label, is a rate).
FIGURE_FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("sessions", "Sessions run", False),
    ("places", "Places", False),
    ("bookings", "Bookings", False),
    ("attended", "Attended", False),
    ("no_shows", "No-shows", False),
    ("cancellations", "Cancellations", False),
    ("late_cancellations", "Late cancellations", False),
    ("on_time_cancellations", "Cancellations in time", False),
    ("waitlisted", "Waitlisted", False),
    ("booked", "Still booked", False),
    ("attendance_rate", "Attendance rate (attended / bookings)", True),
    ("take_up", "Take-up (attended / places)", True),
    ("no_show_rate", "No-show rate (no-shows / bookings)", True),
    ("cancellation_rate", "Cancellation rate (cancellations / bookings)", True),
)


@dataclass
class Tally:
    """Adds sessions and bookings up into `Figures`."""

    session_ids: set[int] = field(default_factory=set)
    places: int = 0
    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))
    late: int = 0

    def add_session(self, session_id: int, capacity: int) -> None:
        if session_id not in self.session_ids:
            self.session_ids.add(session_id)
            self.places += capacity

    def add_booking(self, outcome: Outcome, late: bool = False, count: int = 1) -> None:
        """Count `count` bookings with this outcome (late: cancelled late)."""
        self.counts[outcome] += count
        if outcome is Outcome.CANCELLED and late:
            self.late += count

    def figures(self, with_places: bool = True) -> Figures:
        c = self.counts
        return Figures(
            sessions=len(self.session_ids),
            places=self.places if with_places else None,
            bookings=sum(n for o, n in c.items() if o not in (Outcome.WAITLISTED, Outcome.CALLED_OFF)),
            booked=c[Outcome.BOOKED],
            attended=c[Outcome.ATTENDED],
            no_shows=c[Outcome.NO_SHOW],
            cancellations=c[Outcome.CANCELLED],
            late_cancellations=self.late,
            waitlisted=c[Outcome.WAITLISTED],
        )


@dataclass(frozen=True)
class Change:
    """One figure now and in the previous period."""

    current: int | Rate | None
    previous: int | Rate | None

    @property
    def difference(self) -> Decimal | None:
        """Counts: the difference; rates: the difference in percentage points."""
        now, before = self.current, self.previous
        if isinstance(now, Rate) and isinstance(before, Rate):
            if now.value is None or before.value is None:
                return None
            return (now.value - before.value) * 100
        if now is None or before is None:
            return None
        return Decimal(now - before)

    @property
    def relative(self) -> Decimal | None:
        """Counts only: the change as a fraction of the previous figure (+0.04 is up 4%)."""
        now, before = self.current, self.previous
        if isinstance(now, Rate) or now is None or not before:
            return None
        return Decimal(now - before) / Decimal(before)

    @property
    def text(self) -> str:
        """'up 4% (from 200)', 'down 3 points (from 74%)', 'no change', '' when unknown. A rate's
        points are the difference between the two percentages as shown (12% against 13% is down
        1 point), so the sentence agrees with the figures beside it."""
        diff = self.difference
        if diff is None:
            return ""
        if isinstance(self.current, Rate):
            points = _shown(self.current.percent) - _shown(self.previous.percent)  # as the two read
            if points == points.to_integral_value():
                points = points.quantize(Decimal("1"))
            if points == 0:
                return f"no change (was {self.previous.percent})"
            word = "up" if points > 0 else "down"
            unit = "point" if abs(points) == 1 else "points"
            return f"{word} {abs(points)} {unit} (from {self.previous.percent})"
        if diff == 0:
            return "no change"
        word = "up" if diff > 0 else "down"
        relative = self.relative
        if relative is None:
            return f"{word} {abs(int(diff)):,} (from {self.previous:,})"
        return f"{word} {half_up(abs(relative) * 100):,}% (from {self.previous:,})"


def _shown(percent: str) -> Decimal:
    """The number a percentage shows ("12%" is 12, "4.5%" is 4.5)."""
    return Decimal(percent.rstrip("%"))


def compare(current: Figures, previous: Figures) -> dict[str, Change]:
    """{figure attribute: Change} for every figure of FIGURE_FIELDS."""
    return {name: Change(getattr(current, name), getattr(previous, name)) for name, _l, _r in FIGURE_FIELDS}


# --------------------------------------------------------------------------- charges


@dataclass(frozen=True)
class ChargeRates:
    """What a no-show and a late cancellation cost in one financial year (may be £0.00)."""

    financial_year: int
    no_show: Decimal = ZERO
    late_cancellation: Decimal = ZERO

    @property
    def label(self) -> str:
        return financial_year_label(self.financial_year)


def charge_kind(outcome: Outcome, late: bool, session_called_off: bool = False) -> ChargeKind | None:
    """What the booking is charged as, or None. No booking of a session the partnership called
    off is charged, whatever its outcome: a delegate's own late cancellation made before it was
    called off included (charged again if the session is reinstated)."""
    if session_called_off:
        return None
    if outcome is Outcome.NO_SHOW:
        return ChargeKind.NO_SHOW
    if outcome is Outcome.CANCELLED and late:
        return ChargeKind.LATE_CANCELLATION
    return None


def charge_for(kind: ChargeKind, rates: ChargeRates | None) -> Decimal:
    if rates is None:
        return ZERO
    return rates.no_show if kind is ChargeKind.NO_SHOW else rates.late_cancellation


def rates_for_year(rates: Sequence[ChargeRates], financial_year: int) -> ChargeRates | None:
    return next((r for r in rates if r.financial_year == financial_year), None)


def charge_sentence(kind: ChargeKind, amount: Decimal) -> str:
    return f"{kind.label}: {format_money(amount)}"


def session_label(course_title: str, starts_at: datetime) -> str:
    return f"{course_title}, {format_date_long(starts_at.date())} {starts_at:%H:%M}"


def not_counted_yet(sessions: int, bookings: int) -> str:
    """The sentence for `sessions` later in a running period with their `bookings`, not counted
    yet ('' for none): the training summary and the yearly report say it alike."""
    if not sessions:
        return ""
    return (f"{counted(sessions, 'session')} later in the period ({counted(bookings, 'booking')}) "
            f"{'is' if sessions == 1 else 'are'} not counted yet: only sessions that have run are.")


def called_off_sentence(sessions: int, bookings: int) -> str:
    """The sentence for `sessions` of a period the partnership called off, with the `bookings`
    they had, left out of the figures ('' for none): said beside the sessions not counted yet."""
    if not sessions:
        return ""
    one = sessions == 1
    return (f"{counted(sessions, 'session')} {'was' if one else 'were'} called off by the partnership "
            f"({counted(bookings, 'booking')}): {'it is' if one else 'they are'} not counted, and no one is "
            f"charged for {'it' if one else 'them'}.")
