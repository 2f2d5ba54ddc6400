"""Rules every write keeps, whichever command makes it, checked as the unit of work flushes.

Dates: every date and date-time column holds a date from 1900 to 2200 (see
`domain.dates.in_date_range`). A value outside that range set by any command raises a
ValidationError naming the field, so nothing of that unit of work is written. Only values
being written are checked: a record holding a far date from an earlier version can still be
archived or have its other fields corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from sqlalchemy import Date, DateTime, event, inspect
from sqlalchemy.orm import Session

from bscp_desktop.domain.dates import date_range_problem, in_date_range
from bscp_desktop.domain.validation import ValidationError


def _label(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _date_problems(session: Session) -> dict[str, str]:
    problems: dict[str, str] = {}
    new = session.new  # built afresh on every read: once, not once per column of every record
    for obj in [*new, *session.dirty]:
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            if not isinstance(attr.columns[0].type, (Date, DateTime)):
                continue
            if obj not in new and not state.attrs[attr.key].history.has_changes():
                continue
            value = getattr(obj, attr.key)
            if isinstance(value, date):
                problem = date_range_problem(value, _label(attr.key))
                if problem:
                    problems.setdefault(attr.key, problem)
    return problems


def check_dates(model: type, rows: Sequence[Mapping]) -> None:
    """The date rule for records saved in bulk (`db/bulk.py`), which no flush sees: a
    ValidationError naming the field if any row's date is out of range."""
    keys = [attr.key for attr in inspect(model).column_attrs if isinstance(attr.columns[0].type, (Date, DateTime))]
    problems: dict[str, str] = {}
    for key in keys:
        for row in rows:
            value = row.get(key)
            if isinstance(value, date) and not in_date_range(value):  # the sentence only when wanted
                problems[key] = date_range_problem(value, _label(key))
                break
    if problems:
        raise ValidationError(problems)


def _before_flush(session: Session, flush_context, instances) -> None:
    problems = _date_problems(session)
    if problems:
        raise ValidationError(problems)


def install(session_factory) -> None:
    event.listen(session_factory, "before_flush", _before_flush)
    event.listen(session_factory, "before_flush", _offline_before_flush)


def _offline_before_flush(session: Session, flush_context, instances) -> None:
    """A meeting taken offline is read-only for others (loaded with the meetings' models by the
    first write, not when the database is opened)."""
    from bscp_desktop.db import offline_guard

    offline_guard.before_flush(session, flush_context, instances)
