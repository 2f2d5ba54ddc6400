"""Team settings stored in the database as JSON values (each change is in the history).

A setting holding text this version cannot read (left by another program, such as a database
browser) is read as not set: its default is used, the log says so and `check` names it. A
setting is the team's preference with a sensible default that can be set again from the window
(the partnership's name, the closure days, a threshold), so one that cannot be read does not
stop every paper and list that uses it, nor the dialog that sets it again.

No silent overwrite: a settings dialog keeps the stored text of each setting it shows as it
read it (`Opened`, carried by the area's settings, e.g. `CaseReviewSettings.opened`), and its
save passes them back. `put_settings_in` compares them with what is stored now, in the save's
own transaction (the settings held until it ends, so two saves at one moment take turns): a
setting the save writes that someone else changed since is refused with `SettingsChanged` (a
`RecordChanged`), naming who changed it and when from its change history, and nothing is
written. A save passing no texts (the demo, a command) is not checked."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import CALENDAR_ID_KEY, Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import ChangeRecord, Setting
from bscp_desktop.db.stored_values import UnreadableValue, json_held
from bscp_desktop.domain.dates import parse_date
from bscp_desktop.domain.validation import Checker, LaterChange, RecordChanged, and_list, local_time

log = logging.getLogger(__name__)
T = TypeVar("T")


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


#: The stored texts (JSON) of settings as a dialog read them, by key: None for one not set.
Opened = tuple[tuple[str, str | None], ...]


def opened_in(session: Session, keys: Iterable[str]) -> Opened:
    """The stored texts of the settings `keys` now. Their rows are loaded into `session`, so
    `setting_in` reads the very values these texts hold in the same unit of work."""
    keys = tuple(keys)
    rows = {row.key: row.value for row in session.scalars(select(Setting).where(Setting.key.in_(keys)))}
    return tuple((key, rows.get(key)) for key in keys)


def read_opened(session: Session, keys: Iterable[str], read: Callable[[Session], T]) -> T:
    """An area's settings as `read(session)` gives them, carrying (`opened`) the stored texts of
    `keys` they were read from: what its dialog shows and saves from."""
    opened = opened_in(session, keys)
    return replace(read(session), opened=opened)  # type: ignore[type-var]


def opened_settings(db: Database, keys: Iterable[str]) -> Opened:
    """The stored texts of the settings `keys`, for a dialog to save from (read them before the
    values it shows: a change in between is then refused, never overwritten)."""
    with db.unit_of_work() as session:
        return opened_in(session, keys)


@dataclass(frozen=True)
class SettingPut:
    """One setting a save keeps (`put_setting_in`): `field` is the service's name for it, as a
    refusal names it ("closures"), and `label` how people call it ("Local closure days").
    `default` is the value in force while it is not set, kept first when it is first set;
    `when_unset` that value where it is not kept first (closure days: none)."""

    key: str
    value: Any
    field: str
    label: str
    default: Any = None
    sort_keys: bool = True
    when_unset: Any = None

    @property
    def text(self) -> str:
        return json.dumps(self.value, sort_keys=self.sort_keys, default=str)

    def as_read(self, text: str | None) -> str | None:
        """A stored text, or the default's for a setting not set: a setting first kept as the
        default in force until then has not changed."""
        unset = self.default if self.default is not None else self.when_unset
        if text is None and unset is not None:
            return json.dumps(unset, sort_keys=self.sort_keys, default=str)
        return text


@dataclass(frozen=True)
class ChangedSetting:
    """A setting someone else saved after the dialog read it: the user's value and theirs, in
    words, and who saved it and when (UTC; None where the history does not say)."""

    field: str
    label: str
    yours: str
    theirs: str
    changed_by: str | None
    changed_at: datetime | None


class SettingsChanged(RecordChanged):
    """A settings save refused: someone else changed one of the settings it writes after the
    dialog read them. Nothing was written; `settings` names each and what it holds now."""

    def __init__(self, settings: tuple[ChangedSetting, ...]):
        self.settings = settings
        last = max(settings, key=lambda c: (c.changed_at is not None, c.changed_at or datetime.min))
        later = tuple(LaterChange(c.field, c.theirs, c.changed_by or "", c.changed_at) for c in settings)
        super().__init__("setting", and_list([c.label for c in settings]), last.changed_by, last.changed_at,
                         later=later, table="setting")

    def sentence(self) -> str:
        names = and_list([f"“{c.label}”" for c in self.settings])
        record = f"the setting{'s' if len(self.settings) > 1 else ''} {names}"
        if self.changed_by:
            when = f" on {local_time(self.changed_at):%d/%m/%Y at %H:%M}" if self.changed_at else ""
            who = f"{self.changed_by} changed {record}{when}, after you opened the settings"
        else:
            who = f"Someone else changed {record} after you opened the settings"
        return f"{who}. Your changes have not been saved: reload to see theirs, or compare the two."


def _in_words(key: str, text: str | None) -> str:
    from bscp_desktop.services.history_names import value_text

    if text is None:
        return "Not set (the program's default)"
    return value_text(text, "setting", key) or "None"  # an empty list (no closure days) said, not a blank


def refuse_changed_since(session: Session, opened: Opened, puts: Sequence[SettingPut]) -> None:
    """Refuse the save (SettingsChanged) if a setting of `puts` is no longer stored as it was
    read (`opened`); a setting not among `opened` is not checked. The settings checked are
    held until the transaction ends (set or not yet), so a save of one of them at the same
    moment waits, and then finds this one's."""
    was = dict(opened)
    checked = [put for put in puts if put.key in was]
    if not checked:
        return
    for key in sorted(put.key for put in checked):  # always in one order: two saves never each wait for the other
        decide_alone(session, f"setting {key}")
    now = dict(session.execute(
        select(Setting.key, Setting.value).where(Setting.key.in_([put.key for put in checked]))).all())
    changed = []
    for put in checked:
        if put.as_read(now.get(put.key)) == put.as_read(was[put.key]):
            continue
        last = session.execute(
            select(ChangeRecord.changed_by, ChangeRecord.changed_at)
            .where(ChangeRecord.table_name == "setting", ChangeRecord.record_id == 0, ChangeRecord.field == put.key)
            .order_by(ChangeRecord.id.desc()).limit(1)
        ).first()
        changed.append(ChangedSetting(put.field, put.label, _in_words(put.key, put.text),
                                      _in_words(put.key, now.get(put.key)),
                                      last.changed_by if last else None, last.changed_at if last else None))
    if changed:
        raise SettingsChanged(tuple(changed))


def put_settings_in(session: Session, puts: Sequence[SettingPut], opened: Opened = ()) -> None:
    """Keep every setting of one save (`put_setting_in` each), unless one of them was changed
    by someone else after the dialog saving them read it (`refuse_changed_since`)."""
    refuse_changed_since(session, opened, puts)
    for put in puts:
        put_setting_in(session, put.key, put.value, sort_keys=put.sort_keys, default=put.default)


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


def set_partnership_name(db: Database, name: str, opened: Opened = ()) -> str:
    """Set the partnership's name, e.g. "Brent Safeguarding Children Partnership": on one line,
    its spaces folded and control characters dropped, as every page footer prints it. Refused
    (SettingsChanged) if someone else set it after the dialog read it (`opened`)."""
    c = Checker()
    text = c.name("partnership_name", name, "The partnership's name", 200)
    c.raise_if_any()
    with db.unit_of_work() as session:
        put_settings_in(session, [SettingPut(PARTNERSHIP_NAME_KEY, text, "partnership_name", "The partnership's name")],
                        opened)
    return text


def calendar_id(db: Database) -> str | None:
    """The database's own calendar id, which its calendar files' event UIDs carry (so meeting 1
    of another database never updates this one's in a calendar): written once, with no history
    entry, when the database is made (db/database.py), carried by a copy, a backup and an
    offline copy; no dialog shows or sets it. None for a database made before it was kept (its
    invitations keep their first UIDs) or one holding another value (the log says so)."""
    value = get_setting(db, CALENDAR_ID_KEY)
    if value is None or (isinstance(value, str) and re.fullmatch(r"[0-9a-z]{1,32}", value)):
        return value
    log.warning("The setting %s holds %r, not a calendar id, so calendar files use the UIDs of a database without one",
                CALENDAR_ID_KEY, value)
    return None


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
