"""The checks the services make as a record is saved, run on what an offline copy changed or
added before it is brought back. A window saving into the copy makes them, so a record failing
one was changed by another program (a database browser, a script): minutes longer than an item
holds, an action marked done with no evidence of impact, a register entry marked as a deputy's
with nobody named, a meeting moved to a day the people on its register were not members. Each
is named by its record, in the services' own words, and the copy is not brought back as it is.

- `refusals` runs them in the copy, as bringing back reads it (`bring_back._read_copy`), on the
  records whose saved fields differ from their values as taken, or that were made offline: the
  people, organisations, memberships and meetings the checks look up are the copy's own (a
  person made offline is found there), and the team database is not asked. Each check runs
  where the service runs it: an action's, a decision's or an agenda item's when a field of its
  form changed (archiving one, or moving an item, saves none of them); an item's minutes when
  they changed; a register entry's mark when its attendance or deputy changed; a meeting's
  details when they changed (its status alone: the check marking it held makes), and, when it
  moved to another day or group, the checks moving it makes (`meetings.update_meeting`); a
  person's, organisation's, group's, seat's, agreement's or progress update's fields when one
  of them changed, with the check saving it in the window makes (`_RECORDS`: a name of spaces,
  a seat ending before it starts, an agreement signed in the future).
- `moved_cases_problems` runs on the team database the check moving a meeting makes of the case
  reviews taking a stage date from it (not in the copy: `case_review_meetings.moved_cases_problem`),
  for a meeting bringing back moves to another day, and `follow_moves` then moves those dates
  with it in the same transaction, as saving the move does.
- `problems` keeps those of the records bringing back adds or writes a field of that the check
  covers (a conflict kept as the team database has it is not the copy's to refuse).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.actions import ActionFields, check_action, check_progress_update
from bscp_desktop.services.attendance import check_attendance_status
from bscp_desktop.services.case_review_meetings import follow_moved_meeting, moved_cases_problem
from bscp_desktop.services.meetings.agenda import check_agenda_item
from bscp_desktop.services.meetings.decisions import check_decision_fields as check_decision
from bscp_desktop.services.meetings.dtos import MAX_MINUTES_CHARS, AgendaItemFields, DecisionFields, MeetingFields
from bscp_desktop.services.meetings.meetings import check_meeting_fields, move_actions_problem, move_deputies_problem, move_register_problem
from bscp_desktop.services.memberships.dtos import AgreementFields, GroupFields, MembershipFields, OrganisationFields, PersonFields
from bscp_desktop.services.memberships.groups import _check_group
from bscp_desktop.services.memberships.memberships import _check_agreement, check_membership
from bscp_desktop.services.memberships.organisations import check_organisation
from bscp_desktop.services.memberships.people import check_person
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.naming import Names

Key = tuple[str, int, str]
PUT_RIGHT = ("saving that in the window is refused, so the offline copy was changed by another program: put it "
             "right in the offline copy, or release the meeting on the team database and minute it there")


def _form(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_ACTION, _DECISION, _ITEM, _MEETING = _form(ActionFields), _form(DecisionFields), _form(AgendaItemFields), _form(MeetingFields)
_MINUTES = ("minutes",)
_REGISTER = ("status", "deputy_person_id", "deputy_name", "expected")
_MOVED = ("group_id", "starts_at")
_ORGANISATION = tuple(f for f in _form(OrganisationFields) if f != "aliases")  # its other names are not copied
_UPDATE = ("on", "note")


@dataclass(frozen=True)
class Refusal:
    """A record of the copy that a check made on saving it refuses: written (or added), the
    copy is not brought back."""

    table: str
    record_id: int
    fields: tuple[str, ...]  # the fields whose writing brings the check to bear
    text: str


def _fields(cls: type, row: Mapping) -> object:
    """The form's fields as the row holds them (nothing held: the form's own default)."""
    return cls(**{f: row[f] for f in _form(cls) if row.get(f) is not None})


def _day(value) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _taken_date(was: Mapping | None, column: str) -> date | None:
    text = (was or {}).get(column)
    return date.fromisoformat(text[:10]) if text else None


def _errors(check) -> dict[str, str]:
    """What `check` refuses, field by field ({} when nothing)."""
    try:
        check()
    except ValidationError as exc:
        return dict(exc.errors)
    return {}


def _checker_errors(check) -> dict[str, str]:
    c = Checker()
    check(c)
    return c.errors


def _action(session: Session, rows: copying.Rows, row: dict, was: Mapping | None) -> dict[str, str]:
    meeting = rows.get("meeting", {}).get(row.get("meeting_id"))
    raised_on = _day(meeting["starts_at"]) if meeting else None
    saved = None if was is None else SimpleNamespace(due_date=_taken_date(was, "due_date"))
    return _errors(lambda: check_action(session, _fields(ActionFields, row), raised_on, saved))


def _decision(session: Session, rows: copying.Rows, row: dict, was: Mapping | None) -> dict[str, str]:
    meeting = rows.get("meeting", {}).get(row.get("meeting_id"))
    held_on = _day(meeting["starts_at"]) if meeting else date.min
    saved = None if was is None else SimpleNamespace(due_date=_taken_date(was, "due_date"))
    return _errors(lambda: check_decision(session, _fields(DecisionFields, row), held_on, saved))


def _minutes(row: dict) -> dict[str, str]:
    held = len(row.get("minutes") or "")
    if held <= MAX_MINUTES_CHARS:
        return {}
    return {"minutes": f"The minutes of one item can be at most {MAX_MINUTES_CHARS:,} characters (these hold {held:,})"}


def _register(row: dict) -> dict[str, str]:
    return _checker_errors(lambda c: check_attendance_status(row.get("status"), bool(row.get("expected")),
                                                   row.get("deputy_person_id"), row.get("deputy_name") or "", c))


def _meeting(session: Session, row: dict, was: Mapping, changed: set[str]) -> dict[str, str]:
    """A meeting's details as saving them checks them, and, moved to another day or group, as
    moving it does; its status alone changed: as marking it does (a held meeting has taken place)."""
    taken = SimpleNamespace(id=row["id"], group_id=int(was["group_id"]) if was.get("group_id") else None,
                            starts_at=datetime.fromisoformat(was["starts_at"]) if was.get("starts_at") else None)
    fields = _fields(MeetingFields, row)
    errors = _errors(lambda: check_meeting_fields(session, fields, taken))
    moved = None not in (taken.starts_at, fields.starts_at) and (
        (fields.group_id, fields.starts_at.date()) != (taken.group_id, taken.starts_at.date()))
    if moved and not errors:
        for more in (move_actions_problem(session, taken, fields.starts_at),
                     move_register_problem(session, taken, fields.group_id, fields.starts_at),
                     move_deputies_problem(session, taken, fields.group_id, fields.starts_at)):
            errors = more | errors  # the first reason found for a field is given, as moving it does
    return errors if changed - {"status"} else {k: v for k, v in errors.items() if k == "status"}


def _update(rows: copying.Rows, row: dict) -> dict[str, str]:
    """A progress update as adding one checks it: a note, a date not in the future and not
    before the day the action was raised (`actions.add_progress_update`)."""
    meeting = rows.get("meeting", {}).get((rows.get("action", {}).get(row.get("action_id")) or {}).get("meeting_id"))
    check_progress_update(c := Checker(), row.get("on"), row.get("note"), _day(meeting["starts_at"]) if meeting else None)
    return c.errors


def _kept(was: Mapping | None, column: str) -> int | None:
    """A link's value as taken (None for a record made offline): a link kept as it was may
    stay to an archived record, as saving the record in the window allows."""
    text = (was or {}).get(column)
    return int(text) if text else None


#: The people, organisations, groups, seats, agreements and progress updates the copy can write,
#: each with the fields the service's check covers and that check (record ids are the copy's:
#: a check run in the copy finds the record itself, so it is not its own clash).
_RECORDS: dict[str, tuple[tuple[str, ...], Callable[..., dict[str, str]]]] = {
    "person": (_form(PersonFields), lambda s, rows, row, was: _errors(
        lambda: check_person(s, _fields(PersonFields, row), _kept(was, "organisation_id")))),
    "organisation": (_ORGANISATION, lambda s, rows, row, was: _errors(
        lambda: check_organisation(s, _fields(OrganisationFields, row), row["id"]))),
    "partnership_group": (_form(GroupFields), lambda s, rows, row, was: _errors(
        lambda: _check_group(s, _fields(GroupFields, row), row["id"]))),
    "membership": (_form(MembershipFields), lambda s, rows, row, was: _errors(
        lambda: check_membership(s, _fields(MembershipFields, row), row["id"]))),
    "confidentiality_agreement": (_form(AgreementFields), lambda s, rows, row, was: _errors(
        lambda: _check_agreement(s, _fields(AgreementFields, row), row["id"]))),
    "action_update": (_UPDATE, lambda s, rows, row, was: _update(rows, row)),
}


def _named_as_taken(names: Names, table: str, row: dict, was: Mapping | None) -> str:
    """The record's name, or, its name blanked in the copy, the name it was taken with."""
    if "name" in row and not (row.get("name") or "").strip() and (was or {}).get("name"):
        return names.label(table, {**row, "name": was["name"]})
    return names.label(table, row)


def _changed(row: dict, was: Mapping, columns: Iterable[str]) -> set[str]:
    """The `columns` whose value in the copy differs from the value as taken."""
    return {c for c in columns if c in row and c in was and as_text(row[c]) != was[c]}


def _clause(message: str, names: set[str]) -> str:
    """A service's message as the clause after a record's name: its first letter small, unless
    it starts with a name ('Safeguarding Children Forum is archived')."""
    word = message.split(" ", 1)[0]
    if word[:1].isupper() and (word[1:].islower() or len(word) == 1) and not any(message.startswith(n) for n in names):
        return message[:1].lower() + message[1:]
    return message


def _proper_names(rows: copying.Rows) -> set[str]:
    return {r["name"] for t in ("person", "organisation", "partnership_group") for r in rows.get(t, {}).values()
            if r.get("name")}


def _preload_owners(session: Session, rows: copying.Rows, records: list[tuple[str, dict]]) -> None:
    """Read the people and organisations the checks look up as owners in one query each, so
    the checks find them in the session rather than asking for each record."""
    for model, column in ((Person, "owner_person_id"), (Organisation, "owner_organisation_id")):
        ids = {r[column] for _t, r in records if r.get(column) is not None}
        for part in copying.chunks(ids):
            session.scalars(select(model).where(model.id.in_(part))).all()


def refusals(session: Session, base: Mapping[str, Mapping[int, Mapping]], rows: copying.Rows) -> list[Refusal]:
    """The records of the copy (`rows`, read in `session`, the copy's) that a check made on
    saving them refuses: those made offline (not in `base`, the values as taken) and those
    whose checked fields changed offline. See the module's description."""
    due: list[tuple[str, dict, Mapping | None, tuple[str, ...], set[str]]] = []
    for table, checked in (("meeting", (_MEETING,)), ("agenda_item", (_ITEM, _MINUTES)), ("attendance", (_REGISTER,)),
                           ("decision", (_DECISION,)), ("action", (_ACTION,)),
                           *((t, (columns,)) for t, (columns, _check) in _RECORDS.items())):
        taken = base.get(table, {})
        for record_id, row in rows.get(table, {}).items():
            was = taken.get(record_id)
            if was is None and table == "meeting":
                continue  # a meeting made offline is never brought back (`checks.placement_problems`)
            for columns in checked:
                changed = set(columns) if was is None else _changed(row, was, columns)
                if changed:
                    due.append((table, row, was, columns, changed))
    if not due:
        return []
    _preload_owners(session, rows, [(t, r) for t, r, *_ in due if t in ("action", "decision")])
    names, proper = Names(session.connection(), rows), _proper_names(rows)
    found = []
    for table, row, was, columns, changed in due:
        try:
            if table == "meeting":
                errors = _meeting(session, row, was, changed)
            elif table == "agenda_item":
                errors = _minutes(row) if columns == _MINUTES else _errors(
                    lambda r=row: check_agenda_item(_fields(AgendaItemFields, r)))
            elif table == "attendance":
                errors = _register(row)
            elif table == "decision":
                errors = _decision(session, rows, row, was)
            elif table in _RECORDS:
                errors = _RECORDS[table][1](session, rows, row, was)
            else:
                errors = _action(session, rows, row, was)
        except ValidationError as exc:  # a value its form cannot take at all
            errors = dict(exc.errors)
        except (TypeError, ValueError):
            continue  # a value no record can hold at all: `holdable` names it first
        if errors:
            made = " (made offline)" if was is None else ""
            said = "; ".join(_clause(m, proper) for m in dict.fromkeys(errors.values()))
            found.append(Refusal(table, row["id"], columns, f"{_named_as_taken(names, table, row, was)}{made}: {said}; {PUT_RIGHT}"))
    return found


def problems(found: Iterable[Refusal], keys: Iterable[Key], new: Mapping[str, list[dict]]) -> list[str]:
    """Of the refusals `found`, those of records bringing back adds (`new`) or writes a checked
    field of (`keys`: the fields it writes, and those changed in both places)."""
    written = {(t, i, c) for t, i, c in keys}
    added = {(t, r["id"]) for t, made in new.items() for r in made}
    return [r.text for r in found if (r.table, r.record_id) in added
            or any((r.table, r.record_id, c) in written for c in r.fields)]


def moves(session: Session, rows: copying.Rows, writes: Mapping[Key, object],
          keys: Iterable[Key]) -> list[tuple[Meeting, datetime]]:
    """The meetings on the team database (`session`) that bringing back moves to another day,
    each with its start as written: of `keys` (the fields it writes, and, for its plan, those
    changed in both places), a meeting's start, its value from `writes` or else the copy's."""
    found = []
    for key in dict.fromkeys(keys):
        table, record_id, column = key
        if (table, column) != ("meeting", "starts_at"):
            continue
        starts_at = writes[key] if key in writes else rows.get(table, {}).get(record_id, {}).get(column)
        meeting = session.get(Meeting, record_id)
        if (meeting is not None and isinstance(starts_at, datetime)
                and starts_at.date() != meeting.starts_at.date()):
            found.append((meeting, starts_at))
    return found


def moved_cases_problems(found: Iterable[tuple[Meeting, datetime]], session: Session, names: Names,
                         rows: copying.Rows) -> list[str]:
    """Of the meetings bringing back moves (`moves`), those a case review takes a date from
    that its rules would refuse on the new day, each named with the case, in the words moving
    the meeting in the window on the team database gives."""
    problems = []
    for meeting, starts_at in found:
        if message := moved_cases_problem(session, meeting, starts_at).get("starts_at"):
            problems.append(f"{names.label('meeting', rows['meeting'][meeting.id])}, moved in the offline copy from "
                            f"{format_date(meeting.starts_at.date())}: {message[:1].lower()}{message[1:]}, then "
                            "bring the copy back")
    return problems


def follow_moves(found: Iterable[tuple[Meeting, datetime]], session: Session) -> None:
    """The case reviews taking a date from a meeting bringing back moved (`moves`, read before
    writing, its new start written since) take its new day, as saving the move does."""
    for meeting, _starts_at in found:
        follow_moved_meeting(session, meeting)
