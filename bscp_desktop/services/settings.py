"""Team settings stored in the database as JSON values (each change is in the history).

A setting holding text this version cannot read (left by another program, such as a database
browser) is read as not set: its default is used, the log says so and `check` names it. A
setting is the team's preference with a sensible default that can be set again from the window
(the partnership's name, the closure days, a threshold), so one that cannot be read does not
stop every paper and list that uses it, nor the dialog that sets it again."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Setting
from bscp_desktop.db.stored_values import UnreadableValue, json_held
from bscp_desktop.domain.dates import parse_date
from bscp_desktop.domain.validation import Checker

log = logging.getLogger(__name__)


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    with db.unit_of_work() as session:
        return setting_in(session, key, default)


def setting_in(session: Session, key: str, default: Any = None) -> Any:
    """A setting's value; `default` when it is not set, or holds text this version cannot read
    (the log names it, as `check` does)."""
    row = session.get(Setting, key)
    if row is None:
        return default
    try:
        return json_held(row, "value")
    except UnreadableValue as exc:
        log.warning("%s: this version cannot read it, so its default is used until it is set again", exc)
        return default


def set_setting(db: Database, key: str, value: Any) -> None:
    with db.unit_of_work() as session:
        put_setting_in(session, key, value)


def put_setting_in(session: Session, key: str, value: Any, *, sort_keys: bool = True, default: Any = None) -> None:
    """Keep `value` as the setting `key` (as JSON; `sort_keys=False` where the order of a
    mapping's keys means something). A value as it is kept already writes nothing, so the
    history has no change that changed nothing. A setting kept for the first time whose
    `default` was in force until then keeps the default first, in the same transaction: the
    history then shows the change from the default (15 working days to 20), not from nothing."""
    text = json.dumps(value, sort_keys=sort_keys, default=str)
    row = session.get(Setting, key)
    if row is None and default is not None:
        row = Setting(key=key, value=json.dumps(default, sort_keys=sort_keys, default=str))
        session.add(row)
        session.flush()  # the default's own entry, before the change from it
    if row is None:
        session.add(Setting(key=key, value=text))
    elif row.value != text:
        row.value = text


def name_list_problem(names: Sequence[str], noun: str, max_length: int = 100) -> str:
    """'' for a list of names a team keeps (themes, course topics; as `clean_names` leaves it)
    that can be saved; else why not: none kept ("Keep at least one theme"), or one too long."""
    if not names:
        return f"Keep at least one {noun}"
    for name in names:
        if len(name) > max_length:
            return f"The {noun} '{name[:30]}…' is too long (at most {max_length} characters)"
    return ""


PARTNERSHIP_NAME_KEY = "partnership_name"
DEFAULT_PARTNERSHIP_NAME = "Safeguarding Children Partnership"


def partnership_name(db: Database) -> str:
    """The partnership's name for page footers and titles (a general one until it is set)."""
    return get_setting(db, PARTNERSHIP_NAME_KEY, None) or DEFAULT_PARTNERSHIP_NAME


def partnership_name_set(db: Database) -> bool:
    return bool(get_setting(db, PARTNERSHIP_NAME_KEY, None))


def set_partnership_name(db: Database, name: str) -> str:
    """Set the partnership's name, e.g. "Brent Safeguarding Children Partnership": on one line,
    its spaces folded and control characters dropped, as every page footer prints it."""
    c = Checker()
    text = c.name("partnership_name", name, "The partnership's name", 200)
    c.raise_if_any()
    set_setting(db, PARTNERSHIP_NAME_KEY, text)
    return text


#: The team's local closure days, kept with the case review settings (which edit them) and not
#: working days for every clock that counts working days: case reviews', Training's notice of
#: cancellation, Section 11 returns' lateness.
CLOSURES_KEY = "closure_days"


def closure_dates_in(session: Session) -> frozenset[date]:
    """The team's local closure days (a hand-edited entry that is not a date is skipped)."""
    items = setting_in(session, CLOSURES_KEY, [])
    days: set[date] = set()
    for item in items if isinstance(items, list) else []:
        text = item.get("date", "") if isinstance(item, dict) else item
        try:
            days.add(parse_date(str(text)))
        except ValueError:
            continue
    return frozenset(days)
