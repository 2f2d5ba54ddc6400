"""Working days, financial years and en-GB date formats. Pure Python: stdlib and `holidays`.

Working days
------------
A working day is Monday to Friday and not an England and Wales bank holiday (from
``holidays.country_holidays("GB", subdiv="ENG")``, which includes one-off days such as the
Platinum Jubilee, the State Funeral and the Coronation, and the substitute days when Christmas,
Boxing Day or New Year's Day fall at a weekend) and not one of the team's local closure days.

Counting follows the statutory guidance: the start date is day 0 and "within 5 working days"
means by the end of the 5th working day after it.

* ``add_working_days(start, n)``: for n >= 1 the nth working day strictly after ``start``; for
  n == 0 ``start`` itself (whether or not it is a working day); for n <= -1 the |n|th working
  day strictly before ``start`` (for "7 working days before publication").
* ``working_days_between(start, end)``: the working days stepped onto going from ``start`` to
  ``end``, never counting ``start`` and always counting ``end``. Going forward that is the
  working days d with start < d <= end; going back (end < start) it is minus the number with
  end <= d < start. The rule is the same in both directions, so
  ``working_days_between(s, add_working_days(s, n)) == n`` for every n, positive or negative.
  (When both dates are working days, ``working_days_between(a, b) == -working_days_between(b, a)``.)
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from bscp_desktop.domain.ics import local_zone

_ONE_DAY = timedelta(days=1)
_MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


# --------------------------------------------------------------------------- bank holidays


@lru_cache(maxsize=256)
def _bank_holidays_cached(year: int) -> tuple[tuple[date, str], ...]:
    # the calendar is loaded when a working day is first counted, not at start
    from holidays.countries.united_kingdom import UnitedKingdom as rules

    if year > rules.end_year:  # the package's calendar stops at a year; its standing rules go on
        rules = type("UnitedKingdomLater", (rules,), {"end_year": LATEST_YEAR})
    calendar_for_year = rules(subdiv="ENG", years=year)
    return tuple(sorted((day, name) for day, name in calendar_for_year.items() if day.year == year))


@lru_cache(maxsize=256)
def _weekday_holidays(year: int) -> frozenset[date]:
    """Bank holidays in ``year`` that fall Monday to Friday (the ones that cost a working day)."""
    return frozenset(day for day, _ in _bank_holidays_cached(year) if day.weekday() < 5)


def bank_holidays(year: int) -> dict[date, str]:
    """England and Wales bank holidays in ``year``, date -> name, in date order.

    Includes the substitute ("observed") days; the original weekend dates are listed too.
    """
    return dict(_bank_holidays_cached(year))


def day_off(day: date) -> str:
    """Why `day` is not a working day in England, in words ("a bank holiday (Good Friday)", "a
    Saturday"); '' when it is one."""
    name = bank_holidays(day.year).get(day)
    if name:
        return f"a bank holiday ({name})"
    return f"a {('Saturday', 'Sunday')[day.weekday() - 5]}" if day.weekday() >= 5 else ""


def _closure_set(closures: Iterable[date]) -> frozenset[date] | set[date]:
    if isinstance(closures, (set, frozenset)):
        return closures
    return frozenset(closures)


def is_working_day(d: date, closures: Iterable[date] = ()) -> bool:
    """True for Monday to Friday that is neither a bank holiday nor a local closure day."""
    return (
        d.weekday() < 5 and d not in _weekday_holidays(d.year) and d not in _closure_set(closures)
    )


# --------------------------------------------------------------------------- working days


def add_working_days(start: date, days: int, closures: Iterable[date] = ()) -> date:
    """The ``days``-th working day after ``start`` (before it when ``days`` is negative).

    ``start`` is day 0 and is never counted; ``days == 0`` returns ``start`` unchanged.
    """
    closed = _closure_set(closures)
    step = _ONE_DAY if days > 0 else -_ONE_DAY
    remaining = abs(days)
    current = start
    while remaining:
        current += step
        if is_working_day(current, closed):
            remaining -= 1
    return current


def _weekdays_up_to(d: date) -> int:
    """Number of Mondays to Fridays from 1 Jan year 1 (a Monday) up to and including ``d``."""
    weeks, extra = divmod(d.toordinal(), 7)
    return weeks * 5 + min(extra, 5)


def _working_days_after_until(after: date, until: date, closed: Iterable[date]) -> int:
    """Working days d with after < d <= until (``after`` <= ``until``)."""
    count = _weekdays_up_to(until) - _weekdays_up_to(after)
    lost = {
        day
        for year in range(after.year, until.year + 1)
        for day in _weekday_holidays(year)
        if after < day <= until
    }
    lost.update(day for day in closed if after < day <= until and day.weekday() < 5)
    return count - len(lost)


def working_days_between(start: date, end: date, closures: Iterable[date] = ()) -> int:
    """Working days from ``start`` to ``end``: start not counted, end counted; negative going back.

    Forward: #{d working : start < d <= end}. Back (end < start): -#{d working : end <= d < start}.
    """
    closed = _closure_set(closures)
    if end >= start:
        return _working_days_after_until(start, end, closed)
    return -_working_days_after_until(end - _ONE_DAY, start - _ONE_DAY, closed)


# --------------------------------------------------------------------------- months


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, clamped to the month end (31 Aug + 6 -> 28/29 Feb)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    month = month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


# --------------------------------------------------------------------------- financial years


def financial_year_of(d: date) -> int:
    """Start year of the financial year (1 April to 31 March) containing ``d``."""
    return d.year if d.month >= 4 else d.year - 1


def financial_year_label(start_year: int) -> str:
    """``2023`` -> ``"2023/24"``; ``1999`` -> ``"1999/00"``."""
    return f"{start_year:04d}/{(start_year + 1) % 100:02d}"


def financial_year_bounds(start_year: int) -> tuple[date, date]:
    """First and last day: (1 April start_year, 31 March start_year + 1); for the years a date
    can reach only in part (1 January year 1 to 31 March, April to 31 December 9999), as far as
    the calendar goes."""
    first = date(start_year, 4, 1) if start_year >= date.min.year else date.min
    last = date(start_year + 1, 3, 31) if start_year < date.max.year else date.max
    return first, last


# --------------------------------------------------------------------------- accepted range


def in_date_range(d: date) -> bool:
    """Whether ``d`` (a date or datetime) falls in the years this program accepts, 1900 to 2200."""
    return EARLIEST_YEAR <= d.year <= LATEST_YEAR


def date_range_problem(value: date | None, label: str) -> str:
    """'' for a date in the years 1900 to 2200 (or None); else a sentence naming the field."""
    if value is None or in_date_range(value):
        return ""
    day = value.date() if isinstance(value, datetime) else value
    return f"{label} {format_date(day)} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}"


def _as_text(value: object) -> str:
    return "" if value is None else str(value).strip()


_FY_LABEL = re.compile(r"^(\d{4})\s*/\s*(\d{2}|\d{4})$")


def parse_financial_year_label(text: str) -> int:
    """``"2023/24"`` (or ``"2023/2024"``) -> 2023. Raises ValueError with a plain message."""
    cleaned = _as_text(text)
    match = _FY_LABEL.match(cleaned)
    if match:
        start, end = int(match.group(1)), match.group(2)
        expected = f"{start + 1:04d}" if len(end) == 4 else f"{(start + 1) % 100:02d}"
        if end == expected:
            return start
    shown = f"'{cleaned}'" if cleaned else "A blank value"
    raise ValueError(
        f"{shown} is not a financial year; use the form 2023/24 (1 April 2023 to 31 March 2024)"
    )


# --------------------------------------------------------------------------- en-GB formats


def format_date(d: date | None) -> str:
    """``dd/mm/yyyy``; an empty string for None."""
    if d is None:
        return ""
    return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"


def format_date_long(d: date | None) -> str:
    """``7 Nov 2022`` (month names are English whatever the machine's locale); '' for None."""
    if d is None:
        return ""
    return f"{d.day} {_MONTH_ABBREVIATIONS[d.month - 1]} {d.year}"


_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def parse_date(text: str, label: str = "") -> date:
    """Read ``dd/mm/yyyy``, ``d/m/yyyy`` or ISO ``yyyy-mm-dd``, in the years 1900 to 2200.

    Raises `NoSuchDay` (a ValueError: "'31/02/2023' is not a date (February 2023 has no 31st);
    use dd/mm/yyyy", "'abc' is not a date; use dd/mm/yyyy") on anything else, and
    ValueError("'01/01/3000' is outside the years 1900 to 2200") for a real date out of that
    range; with `label` the message starts with the field's name.
    """
    cleaned = _as_text(text)
    parts: tuple[int, int, int] | None = None
    if match := _UK_DATE.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
        parts = (year, month, day)
    elif match := _ISO_DATE.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
        parts = (year, month, day)
    named = f"{label} " if label else ""
    if parts is not None:
        try:
            parsed = date(*parts)
        except ValueError:
            pass
        else:
            return _checked_year(parsed, f"{named}'{cleaned}'")
    shown = f"'{cleaned}'" if cleaned else "a blank value" if label else "A blank value"
    raise NoSuchDay(f"{named}{shown} is not a date", "use dd/mm/yyyy", parts)


# --------------------------------------------------------------------------- dates as typed

EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"),
            ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"),
        )
    )
    for name in names
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_APART = r"(?:\s+|\s*-\s*)"  # "1 Apr 2024" or, as a spreadsheet shows it, "01-Apr-24"
# "1 April 2024", "1st Apr 24", "01-Apr-24", and any of them after its weekday ("Mon, 1 Apr 24")
_WORDS_DATE = re.compile(
    rf"^(?:([a-z]+)(?:,\s*|\s+))?(\d{{1,2}})(?:st|nd|rd|th)?{_APART}([a-z]+)\.?,?{_APART}(\d{{4}}|\d{{2}})$"
)
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}T")
# the seconds may carry a fraction, as LMS exports write them ("09:30:00.000"): read as without it
_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?m\.?)?$")


class DateRefused(ValueError):
    """A date read from what was typed, refused for a reason its message gives (a year outside
    1900 to 2200, or a weekday the date does not fall on), not as something that is no date."""


class NoSuchDay(ValueError):
    """What was typed is not a date: "'29/02/2025' is not a date (February 2025 has no 29th); use
    dd/mm/yyyy". Where it is a day and a month of the calendar that do not go together (a 29th of
    February outside a leap year, a 31st of a month of 30 days, a 13th month), `why` says so in
    brackets before what to type; else it is ''."""

    def __init__(self, said: str, what_to_type: str, parts: tuple[int, int, int] | None = None) -> None:
        self.why = _no_such_day(*parts) if parts else ""
        super().__init__(f"{said}{f' ({self.why})' if self.why else ''}; {what_to_type}")


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 31st."""
    last = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{last}"


def _no_such_day(year: int, month: int, day: int) -> str:
    """Why a day and a month that are each in the calendar make no date: "February 2025 has no
    29th", "April 2024 has no 31st", "there is no 13th month" (12/25/2024, the month before the
    day, has no 25th month either); '' for anything else (a 32nd, a month 99, a day 0), which is
    no mix-up of a day and a month but no date at all."""
    if not 1 <= day <= 31 or not 1 <= year <= 9999:
        return ""
    if 1 <= month <= 12:
        return f"{_MONTHS[month - 1]} {year} has no {_ordinal(day)}" if day > calendar.monthrange(year, month)[1] else ""
    return f"there is no {_ordinal(month)} month" if 13 <= month <= 31 else ""


def _checked_year(day: date, shown: str) -> date:
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise DateRefused(f"{shown} is outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")
    return day


def _on_weekday(day: date, weekday: int | None) -> date:
    """`day`, or DateRefused when it does not fall on the weekday typed before it."""
    if weekday is not None and day.weekday() != weekday:
        raise DateRefused(f"{day.day} {_MONTHS[day.month - 1]} {day.year} is a {_WEEKDAYS[day.weekday()]}, "
                          f"not a {_WEEKDAYS[weekday]}")
    return day


def parse_date_as_typed(text: object) -> date:
    """A date as people type it or a spreadsheet holds it: ``01/04/2024``, ``1/4/24``,
    ``1-4-2024``, ``2024-04-01``, ``1 April 2024``, ``1st Apr 2024``, ``Monday 1 April 2024``,
    ``1 Apr 24``, ``01-Apr-2024`` (as a spreadsheet shows it), or a `date`/`datetime` value. Day before month, always. Two-digit years are 2000 to 2099.
    Only a weekday (``Mon``, ``Tues``, ``Thurs``, ..., with or without a comma) may come before a
    date in words, and it must be the date's own. Raises ValueError with a plain message, and
    `DateRefused` for a year outside 1900 to 2200 or a weekday the date does not fall on.
    """
    if isinstance(text, datetime):
        return _checked_year(text.date(), f"'{format_date(text.date())}'")
    if isinstance(text, date):
        return _checked_year(text, f"'{format_date(text)}'")
    cleaned = " ".join(_as_text(text).split())
    shown = f"'{cleaned}'" if cleaned else "A blank value"
    parts: tuple[int, int, int] | None = None
    weekday: int | None = None
    if match := _NUMERIC_DATE.match(cleaned):
        day, month, year_text = match.groups()
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        parts = (year, int(month), int(day))
    elif match := _ISO_DATE.match(cleaned):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif match := _WORDS_DATE.match(cleaned.casefold()):
        month = _MONTH_NAMES.get(match[3])
        weekday = _WEEKDAY_NAMES.get(match[1]) if match[1] else None
        if month is not None and (match[1] is None or weekday is not None):  # "not 1 April 2024" is no date
            year = int(match[4]) + (2000 if len(match[4]) == 2 else 0)
            parts = (year, month, int(match[2]))
    if parts is not None:
        try:
            return _on_weekday(_checked_year(date(*parts), shown), weekday)
        except DateRefused:
            raise
        except ValueError:
            pass
    raise NoSuchDay(f"{shown} is not a date", "use dd/mm/yyyy", parts)


class ClockRefused(ValueError):
    """A time with AM or PM whose hour the 12-hour clock does not have ("13:00 PM"), said in plain words."""


def time_of_day(text: str, hour: int, minute: int, second: int, half: str | None) -> time | None:
    """The time a date and time's clock reads (`half`: "a" or "p" for AM or PM, None on the
    24-hour clock); None for an hour past 23 on the 24-hour clock (no time the pattern reads).
    Raises ValueError in plain words for an hour the 12-hour clock does not have."""
    if half is None:
        return time(hour, minute, second) if hour <= 23 else None
    marker = "AM" if half.casefold() == "a" else "PM"
    if not 1 <= hour <= 12:
        if hour == 0 and marker == "AM":
            instead = f"12:{minute:02d} AM, or {hour:02d}:{minute:02d} without AM"
        elif 13 <= hour <= 23 and marker == "PM":
            instead = f"{hour - 12}:{minute:02d} PM, or {hour}:{minute:02d} without PM"
        else:
            instead = f"the time on the 24-hour clock (HH:MM) without {marker}"
        raise ClockRefused(f"'{text}' has the time {hour}:{minute:02d} {marker}, which the 12-hour clock does not "
                         f"have (its hours are 1 to 12): give {instead}")
    return time(hour % 12 + (12 if marker == "PM" else 0), minute, second)


def parse_time_as_typed(text: str) -> time:
    """``09:30``, ``9.30``, ``9:30:00``, ``9:30:00.000``, ``2pm``, ``2.30 pm``. Raises ValueError."""
    cleaned = _as_text(text).casefold()
    match = _TIME.match(cleaned)
    if match:
        hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        if match[4]:
            if minute < 60 and second < 60:
                return time_of_day(_as_text(text), hour, minute, 0, match[4]) or time(hour, minute)
        elif match[2] is None:
            match = None  # a bare number is not a time
        if match and hour < 24 and minute < 60 and second < 60:
            return time(hour, minute)
    raise ValueError(f"'{_as_text(text)}' is not a time; use HH:MM (24-hour clock)")


def parse_datetime_as_typed(text: object) -> datetime:
    """A date and time: ``01/04/2024 09:30``, ``2024-04-01T09:30:00``, ``1 April 2024 2pm`` or a
    spreadsheet's date-time cell. A date alone is midnight. Raises ValueError."""
    if isinstance(text, datetime):
        return datetime.combine(parse_date_as_typed(text), time(text.hour, text.minute))
    if isinstance(text, date):
        return datetime.combine(parse_date_as_typed(text), time(0, 0))
    raw = _as_text(text)
    if _ISO_START.match(raw):
        raw = raw.replace("T", " ", 1)
    cleaned = " ".join(raw.split())
    why = ""  # a day and a month read before the time that do not go together (`NoSuchDay`)
    try:
        return datetime.combine(parse_date_as_typed(cleaned), time(0, 0))
    except DateRefused:
        raise
    except NoSuchDay as exc:
        why = exc.why
    except ValueError:
        pass
    words = cleaned.replace(",", " ").split()
    for cut in (1, 2):  # the time is the last word, or the last two ("2.30 pm")
        if len(words) > cut:
            try:
                day = parse_date_as_typed(" ".join(words[:-cut]))
                return datetime.combine(day, parse_time_as_typed(" ".join(words[-cut:])))
            except (DateRefused, ClockRefused):
                raise
            except NoSuchDay as exc:
                why = why or exc.why
            except ValueError:
                pass
    shown = f"'{_as_text(text)}'" if _as_text(text) else "A blank value"
    raise ValueError(f"{shown} is not a date and time{f' ({why})' if why else ''}; use dd/mm/yyyy HH:MM")


def format_datetime(value: datetime | None) -> str:
    """``dd/mm/yyyy HH:MM``; '' for None."""
    if value is None:
        return ""
    return f"{format_date(value.date())} {value.hour:02d}:{value.minute:02d}"


def _shows_on_uk_clocks(moment: datetime) -> bool:
    zone = local_zone()
    return moment.replace(tzinfo=zone).astimezone(UTC).astimezone(zone).replace(tzinfo=None) == moment


def missing_local_time(moment: datetime | None) -> str:
    """Why a naive London wall-clock time never shows on UK clocks, or "" when it does: a time
    in the hour skipped when the clocks go forward in March ("01:30 on 29/03/2026 does not
    exist in the UK: the clocks go forward from 01:00 to 02:00 that night"). A time in the hour
    repeated in October does show (twice) and passes; `ics.to_utc` says which one it is read as."""
    if moment is None or moment.tzinfo is not None:
        return ""
    try:
        if _shows_on_uk_clocks(moment):
            return ""
        zone, minute = local_zone(), timedelta(minutes=1)
        jump = moment.replace(tzinfo=zone, fold=1).utcoffset() - moment.replace(tzinfo=zone, fold=0).utcoffset()
        skipped_from = moment.replace(second=0, microsecond=0)
        while not _shows_on_uk_clocks(skipped_from - minute):
            skipped_from -= minute
    except (OverflowError, ValueError):  # at the very ends of the calendar: no clock changes to tell
        return ""
    return (f"{moment:%H:%M} on {format_date(moment.date())} does not exist in the UK: the clocks go forward "
            f"from {skipped_from:%H:%M} to {skipped_from + jump:%H:%M} that night")


_RELATIVE_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}


def parse_date_entry(text: object, today: date | None = None) -> date:
    """A date typed into a form: anything `parse_date_as_typed` reads (``14/1/27``,
    ``14/01/2027``, ``14 Jan 2027``, ``1 April 2027``) and the words ``today``, ``tomorrow`` and
    ``yesterday``. Raises ValueError with a plain message that shows what to type."""
    word = _as_text(text).casefold()
    if word in _RELATIVE_DAYS:
        return (today or date.today()) + timedelta(days=_RELATIVE_DAYS[word])
    try:
        return parse_date_as_typed(text)
    except DateRefused:
        raise
    except ValueError as exc:
        cleaned = " ".join(_as_text(text).split())
        shown = f"'{cleaned}'" if cleaned else "A blank value"
        why = f" ({exc.why})" if isinstance(exc, NoSuchDay) and exc.why else ""
        raise ValueError(f"{shown} is not a date{why}; type it as 14/01/2027, 14 Jan 2027 or today") from None
