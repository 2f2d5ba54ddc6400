"""Working days (England and Wales), financial years and en-GB date formats."""

from __future__ import annotations

import ast
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bscp_desktop.domain import dates
from bscp_desktop.domain.dates import (
    add_months,
    add_working_days,
    bank_holidays,
    financial_year_bounds,
    financial_year_label,
    financial_year_of,
    format_date,
    format_date_long,
    is_working_day,
    parse_date,
    parse_date_as_typed,
    parse_date_entry,
    parse_datetime_as_typed,
    parse_financial_year_label,
    working_days_between,
)
from tests.examples import examples

D = date
any_date = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))
closure_sets = st.frozensets(
    st.dates(min_value=D(2021, 12, 1), max_value=D(2027, 1, 31)), max_size=8
)


def naive_between(start: date, end: date, closures=()) -> int:
    """Day-by-day reference for working_days_between."""
    if end >= start:
        days = (start + timedelta(n) for n in range(1, (end - start).days + 1))
        return sum(is_working_day(d, closures) for d in days)
    days = (end + timedelta(n) for n in range((start - end).days))
    return -sum(is_working_day(d, closures) for d in days)


# --------------------------------------------------------------------------- bank holidays


@pytest.mark.slow
@pytest.mark.parametrize(
    ("day", "name_part"),
    [
        # Easter, 2022 to 2026
        (D(2022, 4, 15), "Good Friday"),
        (D(2022, 4, 18), "Easter Monday"),
        (D(2023, 4, 7), "Good Friday"),
        (D(2023, 4, 10), "Easter Monday"),
        (D(2024, 3, 29), "Good Friday"),
        (D(2024, 4, 1), "Easter Monday"),
        (D(2025, 4, 18), "Good Friday"),
        (D(2025, 4, 21), "Easter Monday"),
        (D(2026, 4, 3), "Good Friday"),
        (D(2026, 4, 6), "Easter Monday"),
        # substitute days for Christmas, Boxing Day and New Year at weekends
        (D(2022, 1, 3), "New Year"),  # 1 Jan 2022 a Saturday
        (D(2022, 12, 27), "Christmas"),  # 25 Dec 2022 a Sunday, 26th is Boxing Day
        (D(2023, 1, 2), "New Year"),  # 1 Jan 2023 a Sunday
        (D(2026, 12, 28), "Boxing"),  # 26 Dec 2026 a Saturday
        # one-off days
        (D(2022, 6, 2), "Spring"),  # moved from the last Monday in May
        (D(2022, 6, 3), "Jubilee"),
        (D(2022, 9, 19), "Funeral"),
        (D(2023, 5, 8), "Coronation"),
        # England-only days that need subdiv="ENG"
        (D(2024, 8, 26), "Summer"),
    ],
)
def test_bank_holidays_are_not_working_days(day, name_part):
    assert day in bank_holidays(day.year)
    assert name_part.lower() in bank_holidays(day.year)[day].lower()
    assert day.weekday() < 5
    assert not is_working_day(day)


def test_years_past_the_calendar_package_follow_the_standing_rules():
    # 1 Jan 2101 is a Saturday: its substitute is Monday 3 January
    assert D(2101, 1, 3) in bank_holidays(2101) and not is_working_day(D(2101, 1, 3))
    # Christmas 2150 is a Friday, Boxing Day a Saturday (substitute Monday 28), 1 Jan 2151 a Friday
    assert add_working_days(D(2150, 12, 24), 5) == D(2151, 1, 5)


def test_bank_holidays_returns_a_fresh_dict_in_date_order():
    first = bank_holidays(2023)
    first.clear()
    again = bank_holidays(2023)
    assert len(again) == 10  # nine weekday holidays and Sun 1 Jan
    assert list(again) == sorted(again)


@pytest.mark.parametrize(
    "day",
    [D(2022, 5, 30), D(2022, 1, 4), D(2022, 12, 28), D(2023, 1, 3), D(2023, 5, 9), D(1990, 6, 1)],
)
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


def test_weekends_are_not_working_days():
    assert not is_working_day(D(2023, 1, 7))  # Saturday
    assert not is_working_day(D(2023, 1, 8))  # Sunday


def test_local_closures():
    assert not is_working_day(D(2022, 12, 28), closures=[D(2022, 12, 28)])
    assert not is_working_day(D(2022, 12, 28), closures=(d for d in [D(2022, 12, 28)]))
    assert is_working_day(D(2022, 12, 29), closures={D(2022, 12, 28)})


@pytest.mark.parametrize("year", [1990, 2000, 2050, 2100, 2101, 2150, 2200])
def test_any_year_from_1990_to_the_last_the_program_keeps(year):
    holidays_in_year = bank_holidays(year)
    assert D(year, 12, 25) in holidays_in_year
    assert sum(1 for d in holidays_in_year if d.weekday() < 5) >= 8
    assert all(d.year == year for d in holidays_in_year)


@pytest.mark.parametrize(
    ("year", "working_days"),
    [
        (2022, 250),  # 260 weekdays, 10 weekday holidays incl. Jubilee and State Funeral
        (2023, 251),  # 260 weekdays, 9 weekday holidays incl. the Coronation
        (2024, 254),  # leap year: 262 weekdays, 8 weekday holidays
    ],
)
def test_working_days_in_a_year(year, working_days):
    assert working_days_between(D(year - 1, 12, 31), D(year, 12, 31)) == working_days


# --------------------------------------------------------------------------- add_working_days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Thu 22 Dec 2022: 23 Dec = 1; 26, 27 holidays; 28 = 2, 29 = 3, 30 = 4;
        # 2 Jan 2023 New Year substitute; 3 Jan = 5
        (D(2022, 12, 22), 5, D(2023, 1, 3)),
        (D(2022, 12, 22), 1, D(2022, 12, 23)),
        (D(2022, 12, 23), 1, D(2022, 12, 28)),
        # Fri 31 Dec 2021 -> 3 Jan 2022 is a substitute day
        (D(2021, 12, 31), 1, D(2022, 1, 4)),
        # Easter 2024: Good Friday 29 Mar, Easter Monday 1 Apr
        (D(2024, 3, 28), 1, D(2024, 4, 2)),
        (D(2024, 3, 28), 2, D(2024, 4, 3)),
        # Easter 2025 and 2026
        (D(2025, 4, 17), 1, D(2025, 4, 22)),
        (D(2026, 4, 2), 1, D(2026, 4, 7)),
        # Wed 1 Jun 2022: 2 Jun spring bank holiday, 3 Jun Platinum Jubilee
        (D(2022, 6, 1), 1, D(2022, 6, 6)),
        # Fri 16 Sep 2022: Mon 19 Sep State Funeral
        (D(2022, 9, 16), 1, D(2022, 9, 20)),
        # Fri 28 Apr 2023: 1 May bank holiday; 2,3,4,5 = 1..4; 8 May Coronation; 9 May = 5
        (D(2023, 4, 28), 5, D(2023, 5, 9)),
        # Christmas 2023 (Mon, Tue)
        (D(2023, 12, 22), 1, D(2023, 12, 27)),
        # Christmas 2024 (Wed, Thu), New Year 2025 (Wed)
        (D(2024, 12, 24), 1, D(2024, 12, 27)),
        (D(2024, 12, 24), 4, D(2025, 1, 2)),
        # Christmas 2025 (Thu, Fri): 29, 30, 31 Dec, 1 Jan holiday, 2 Jan = 4
        (D(2025, 12, 24), 4, D(2026, 1, 2)),
        # Christmas 2026: Fri 25, Boxing Day Sat 26 -> substitute Mon 28
        (D(2026, 12, 24), 1, D(2026, 12, 29)),
        # starting at a weekend: day 0 is the Saturday
        (D(2023, 1, 7), 1, D(2023, 1, 9)),
        (D(2023, 1, 7), 0, D(2023, 1, 7)),
        (D(2023, 1, 3), 0, D(2023, 1, 3)),
        # backwards: the nth working day strictly before
        (D(2023, 1, 9), -1, D(2023, 1, 6)),
        (D(2023, 1, 8), -1, D(2023, 1, 6)),
        (D(2023, 1, 3), -1, D(2022, 12, 30)),
        # Tue 3 Jan 2023 back 5: 30, 29, 28 Dec, (27, 26 holidays) 23, 22 Dec
        (D(2023, 1, 3), -5, D(2022, 12, 22)),
        # Thu 29 Feb 2024 back 7 (panel report before publication): 28,27,26,23,22,21,20
        (D(2024, 2, 29), -7, D(2024, 2, 20)),
    ],
)
def test_add_working_days_hand_computed(start, days, expected):
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days


def test_add_working_days_skips_local_closures():
    # closure 28 Dec: 23 = 1, 29 = 2, 30 = 3, 3 Jan = 4, 4 Jan = 5
    assert add_working_days(D(2022, 12, 22), 5, closures=[D(2022, 12, 28)]) == D(2023, 1, 4)
    # closures on a weekend or a bank holiday change nothing
    assert add_working_days(D(2022, 12, 22), 5, closures={D(2022, 12, 24), D(2022, 12, 27)}) == D(
        2023, 1, 3
    )
    # closures given as a one-shot generator still count at every step
    gen = (d for d in [D(2022, 12, 28), D(2022, 12, 29)])
    assert add_working_days(D(2022, 12, 22), 2, closures=gen) == D(2022, 12, 30)


def test_working_days_between_examples():
    assert working_days_between(D(2022, 12, 22), D(2023, 1, 3)) == 5
    assert working_days_between(D(2023, 1, 3), D(2022, 12, 22)) == -5
    assert working_days_between(D(2023, 1, 6), D(2023, 1, 6)) == 0
    assert working_days_between(D(2023, 1, 6), D(2023, 1, 7)) == 0  # Fri -> Sat
    assert working_days_between(D(2023, 1, 6), D(2023, 1, 9)) == 1  # Fri -> Mon
    # going back the end is counted and the start is not: Sat -> Fri steps onto Friday
    assert working_days_between(D(2023, 1, 7), D(2023, 1, 6)) == -1
    assert working_days_between(D(2022, 12, 22), D(2023, 1, 3), [D(2022, 12, 28)]) == 4


def test_long_spans_are_fast_and_exact():
    assert working_days_between(D(1990, 1, 1), D(2100, 12, 31)) == naive_between(
        D(1990, 1, 1), D(2100, 12, 31)
    )


@settings(max_examples=examples(300))
@given(start=any_date, days=st.integers(min_value=-300, max_value=300))
def test_round_trip_with_working_days_between(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


@settings(max_examples=examples(200))
@given(start=any_date, days=st.integers(min_value=-60, max_value=60), closures=closure_sets)
def test_round_trip_with_closures(start, days, closures):
    end = add_working_days(start, days, closures)
    assert working_days_between(start, end, closures) == days


@given(start=any_date, days=st.integers(min_value=1, max_value=300), closures=closure_sets)
def test_result_is_a_working_day_on_the_right_side(start, days, closures):
    later = add_working_days(start, days, closures)
    earlier = add_working_days(start, -days, closures)
    assert is_working_day(later, closures) and later > start
    assert is_working_day(earlier, closures) and earlier < start


@given(start=any_date, days=st.integers(min_value=-300, max_value=299))
def test_monotonic_in_days(start, days):
    assert add_working_days(start, days) < add_working_days(start, days + 1)


@given(start=any_date, days=st.integers(min_value=-200, max_value=200))
def test_back_and_forth_from_a_working_day(start, days):
    start = add_working_days(start, 1)  # a working day
    assert add_working_days(add_working_days(start, days), -days) == start


@settings(max_examples=examples(300))
@given(start=any_date, span=st.integers(min_value=-70, max_value=70), closures=closure_sets)
def test_between_matches_day_by_day_count(start, span, closures):
    end = start + timedelta(days=span)
    assert working_days_between(start, end, closures) == naive_between(start, end, closures)


@given(a=any_date, b=any_date)
def test_between_is_antisymmetric_for_working_days(a, b):
    a, b = add_working_days(a, 1), add_working_days(b, 1)
    assert working_days_between(a, b) == -working_days_between(b, a)


# --------------------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # leap year
        (D(2022, 8, 31), 6, D(2023, 2, 28)),
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2023, 3, 15), 6, D(2023, 9, 15)),
        (D(2023, 11, 30), 2, D(2024, 1, 30)),
        (D(2023, 3, 31), -1, D(2023, 2, 28)),
        (D(2023, 1, 15), -1, D(2022, 12, 15)),
        (D(2023, 5, 31), 12, D(2024, 5, 31)),
        (D(2023, 5, 31), 0, D(2023, 5, 31)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


@given(start=any_date, months=st.integers(min_value=-120, max_value=120))
def test_add_months_lands_in_the_right_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result.day < start.day and (result + timedelta(1)).day == 1)


# --------------------------------------------------------------------------- financial years


@pytest.mark.parametrize(
    ("day", "start_year"),
    [
        (D(2024, 3, 31), 2023),
        (D(2024, 4, 1), 2024),
        (D(2023, 4, 1), 2023),
        (D(2023, 3, 31), 2022),
        (D(2023, 12, 31), 2023),
        (D(2024, 1, 1), 2023),
    ],
)
def test_financial_year_of(day, start_year):
    assert financial_year_of(day) == start_year


def test_financial_year_labels_and_bounds():
    assert financial_year_label(2023) == "2023/24"
    assert financial_year_label(1999) == "1999/00"
    assert financial_year_label(2009) == "2009/10"
    assert financial_year_bounds(2023) == (D(2023, 4, 1), D(2024, 3, 31))
    # the years the calendar reaches only in part end where it does (a record dated far off)
    assert financial_year_bounds(0) == (D.min, D(1, 3, 31))
    assert financial_year_bounds(9999) == (D(9999, 4, 1), D.max)


@pytest.mark.parametrize(
    ("text", "start_year"),
    [
        ("2023/24", 2023),
        (" 2023/24 ", 2023),
        ("1999/00", 1999),
        ("2023/2024", 2023),
        ("2023 / 24", 2023),
    ],
)
def test_parse_financial_year_label(text, start_year):
    assert parse_financial_year_label(text) == start_year


@pytest.mark.parametrize(
    "text", ["2023/25", "2023", "23/24", "2023-24", "", "  ", "abcd/ef", None, 2023]
)
def test_parse_financial_year_label_rejects_bad_input(text):
    with pytest.raises(ValueError, match=r"is not a financial year; use the form 2023/24"):
        parse_financial_year_label(text)


def test_parse_financial_year_label_message_names_the_input():
    with pytest.raises(ValueError, match=r"^'2023/25' is not a financial year"):
        parse_financial_year_label("2023/25")


@given(year=st.integers(min_value=1900, max_value=2200))
def test_financial_year_label_round_trip(year):
    assert parse_financial_year_label(financial_year_label(year)) == year


@given(day=any_date)
def test_every_date_lies_in_its_financial_year(day):
    first, last = financial_year_bounds(financial_year_of(day))
    assert first <= day <= last


# --------------------------------------------------------------------------- en-GB formats


def test_format_date():
    assert format_date(D(2022, 11, 7)) == "07/11/2022"
    assert format_date(None) == ""
    assert format_date_long(D(2022, 11, 7)) == "7 Nov 2022"
    assert format_date_long(D(2024, 2, 29)) == "29 Feb 2024"
    assert format_date_long(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07/11/2022", D(2022, 11, 7)),
        ("7/11/2022", D(2022, 11, 7)),
        ("7/1/2023", D(2023, 1, 7)),
        (" 29/02/2024 ", D(2024, 2, 29)),
        ("2022-11-07", D(2022, 11, 7)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "29/02/2023",
        "7-11-2022",
        "07/11/22",
        "11/2022",
        "2022-11-7",
        "13/13/2022",
        "abc",
        "",
        None,
    ],
)
def test_parse_date_rejects_bad_input(text):
    with pytest.raises(ValueError, match=r"is not a date( \([^)]+\))?; use dd/mm/yyyy$"):
        parse_date(text)


def test_parse_date_message_names_the_input():
    with pytest.raises(ValueError, match=r"^'31/02/2023' is not a date \(February 2023 has no 31st\); use dd/mm/yyyy$"):
        parse_date("31/02/2023")


@given(day=st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
def test_parse_date_round_trips(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day


@given(day=st.one_of(st.dates(min_value=D(1000, 1, 1), max_value=D(1899, 12, 31)), st.dates(min_value=D(2201, 1, 1))))
def test_parse_date_refuses_years_outside_1900_to_2200(day):
    with pytest.raises(ValueError, match="outside the years 1900 to 2200"):
        parse_date(format_date(day))


# --------------------------------------------------------------------------- purity


@pytest.mark.parametrize("module", ["dates", "deadlines"])
def test_domain_modules_use_only_stdlib_and_holidays(module):
    path = Path(dates.__file__).with_name(f"{module}.py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            imported.add(node.module)
    for name in imported:
        top = name.split(".")[0]
        assert (
            top in sys.stdlib_module_names
            or top == "holidays"
            or name.startswith("bscp_desktop.domain")
        ), name


# --------------------------------------------------------------------------- a weekday before a date


@pytest.mark.parametrize("text", [
    "Monday 1 April 2024", "Mon 1 Apr 24", "mon, 1 apr 2024", "MONDAY,1 April 2024", "Mon, 1st April 2024",
    "Monday 01-Apr-24",
])
def test_a_date_after_its_own_weekday(text):
    assert parse_date_as_typed(text) == D(2024, 4, 1)
    assert parse_date_entry(text) == D(2024, 4, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("Tue 2 Apr 2024", D(2024, 4, 2)), ("Tues 2 April 2024", D(2024, 4, 2)), ("Wed 3 Apr 2024", D(2024, 4, 3)),
    ("Thu 4 Apr 2024", D(2024, 4, 4)), ("Thur 4 Apr 2024", D(2024, 4, 4)), ("Thurs, 4 Apr 2024", D(2024, 4, 4)),
    ("Fri 5 Apr 2024", D(2024, 4, 5)), ("Sat 6 Apr 2024", D(2024, 4, 6)), ("Sunday 7 April 2024", D(2024, 4, 7)),
])
def test_every_weekday_and_its_short_forms(text, expected):
    assert parse_date_as_typed(text) == expected


@pytest.mark.parametrize("text", ["not 1 April 2026", "before 1 April 2026", "after 1 Apr 26", "the 1st April 2026",
                                  "Mo 1 April 2026", "Mond 1 April 2026"])
def test_a_word_other_than_a_weekday_before_a_date_is_no_date(text):
    with pytest.raises(ValueError, match="is not a date"):
        parse_date_as_typed(text)
    with pytest.raises(ValueError, match="is not a date"):
        parse_date_entry(text)
    with pytest.raises(ValueError, match="is not a date"):
        parse_datetime_as_typed(f"{text} 09:30")


@pytest.mark.parametrize("read", [parse_date_as_typed, parse_date_entry, parse_datetime_as_typed])
def test_a_weekday_the_date_does_not_fall_on_is_refused_saying_so(read):
    with pytest.raises(ValueError, match="^31 March 2026 is a Tuesday, not a Monday$"):
        read("Monday 31 March 2026")
    with pytest.raises(ValueError, match="^2 April 2024 is a Tuesday, not a Wednesday$"):
        parse_datetime_as_typed("Wed, 2 Apr 2024 2.30 pm")
