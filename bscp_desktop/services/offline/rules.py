"""The window's rules on the meeting's records as bringing back would leave them, checked with
the services' own checks before anything is written (`checks` gives each problem to the plan
and refuses bringing back with it). As brought back (`Merged`) is the team database's records
of the meeting with the fields changed offline written over them, and the records made offline
for it added. A problem the team database already has is not the copy's.

- `called_off_problems`: a meeting cancelled or postponed holds no minutes, decisions, actions or
  people in the room (`meetings.common.refuse_if_called_off`, as recording one there refuses,
  and as marking the meeting so refuses while it holds them);
- `deputy_problems`: a member's deputy recorded offline who is archived on the team database
  (and held no seat on the group that day, nor was recorded so before), or who holds only a place
  that never counts at the meeting, a secretariat's or an adviser's seat on the group that day or
  a guest's row on its register (the checks marking the register makes: `attendance.set_attendance`,
  `attendance.deputy_problem`);
- `register_problems`: someone added offline to the register who is archived on the team
  database and held no seat on the group that day (as `attendance.add_attendee` refuses);
- `owner_problems`: an action given offline to a person or organisation archived on the team
  database (as saving it there refuses: `action_rules.check_action`);
- `person_problems`: a person restored, moved to another organisation or made offline in an
  organisation archived on the team database (the checks restoring, changing or adding them
  make: `memberships.people`);
- `changed_problems`: an organisation, group, seat or agreement changed offline that the team
  database's own check of saving it, run there on its rows now, refuses (a name another live
  organisation or group took there meanwhile, a seat overlapping one given there, an agreement
  given to someone archived there: `memberships`). What changing a seat there refuses once it is
  changed, and the seats, agreements and registers as they would stand, are `people_checks`'s,
  which runs `deputy_problems` and `register_problems` on the rows as bringing back leaves them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Organisation, Person
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingStatus
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services.action_rules import ARCHIVED_OWNER
from bscp_desktop.services.attendance import ARCHIVED_ATTENDEE, ARCHIVED_DEPUTY, deputy_problem
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, chosen
from bscp_desktop.services.meetings.common import refuse_if_called_off
from bscp_desktop.services.memberships.dtos import AgreementFields, GroupFields, MembershipFields, OrganisationFields, PersonFields
from bscp_desktop.services.memberships.groups import _check_group
from bscp_desktop.services.memberships.memberships import _check_agreement, check_membership, held_seat_on
from bscp_desktop.services.memberships.organisations import check_organisation
from bscp_desktop.services.memberships.people import check_person, restorable_person
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.naming import Names

Key = tuple[str, int, str]
#: The records of a meeting that say it took place, as `Merged` holds them.
_HELD_TABLES = ("agenda_item", "decision", "action", "attendance")
_CHANGE_AFTERWARDS = "change it in the offline copy or on the team database, then bring the copy back"


@dataclass
class Merged:
    """The meeting and its records on the team database now (`there`) and as bringing back
    would leave them (`now`): a record there by its id, one made offline by ("new", its id)."""

    meeting_id: int
    meeting_there: dict
    meeting_now: dict
    there: dict[str, dict[object, dict]]
    now: dict[str, dict[object, dict]]


def merged(session: Session, meeting_id: int, writes: Mapping[Key, object], new: Mapping[str, list[dict]],
           server_id: Callable[[str, int], int]) -> Merged | None:
    """The meeting as brought back (see `Merged`); None when it is not on the team database.
    `server_id` gives the team database's id of a record written (the keys hold the copy's)."""
    conn = session.connection()
    meeting = copying.read_rows(conn, "meeting", [meeting_id]).get(meeting_id)
    if meeting is None:
        return None
    now_meeting = dict(meeting)
    there: dict[str, dict[object, dict]] = {}
    now: dict[str, dict[object, dict]] = {}
    for name in _HELD_TABLES:
        t = copying.table(name)
        there[name] = {r["id"]: dict(r) for r in conn.execute(select(t).where(t.c.meeting_id == meeting_id)).mappings()}
        now[name] = {i: dict(r) for i, r in there[name].items()}
    for (name, record_id, column), value in writes.items():
        if name == "meeting" and record_id == meeting_id:
            now_meeting[column] = value
        elif name in now and (row := now[name].get(server_id(name, record_id))) is not None:
            row[column] = value
    for name in _HELD_TABLES:
        for row in new.get(name, []):
            if row.get("meeting_id") == meeting_id:
                now[name][("new", row["id"])] = row
    return Merged(meeting_id, meeting, now_meeting, there, now)


def _held(name: str, row: Mapping) -> bool:
    """Whether the record says the meeting took place: minutes typed under a live item, a live
    decision or action, someone in the room."""
    if row.get("archived_at") is not None:
        return False
    if name == "agenda_item":
        return bool((row.get("minutes") or "").strip())
    if name == "attendance":
        try:
            return AttendanceStatus(row.get("status")).in_the_room
        except ValueError:
            return False
    return True


def _held_words(names: Names, name: str, row: dict) -> str:
    if name == "agenda_item":
        return f"minutes typed under {names.label(name, row)}"
    if name == "attendance":
        return f"{names.label(name, row)} marked {names.value(name, 'status', row.get('status')).lower()}"
    return names.label(name, row)


def _some(words: list[str]) -> str:
    """The first five, and how many more."""
    return "; ".join(words[:5]) + (f" and {len(words) - 5} more" if len(words) > 5 else "")


def called_off_problems(m: Merged, names: Names, label: str) -> list[str]:
    """The meeting as brought back would be cancelled or postponed, yet hold minutes, decisions,
    actions or people in the room (one side called it off, the other minuted it)."""
    try:
        status = MeetingStatus(m.meeting_now["status"])
    except ValueError:
        return []
    if not status.called_off:
        return []
    newly = m.meeting_now["status"] != m.meeting_there["status"]
    held = [_held_words(names, name, row) for name in _HELD_TABLES for key, row in m.now[name].items()
            if _held(name, row) and (newly or key not in m.there[name] or not _held(name, m.there[name][key]))]
    if not held:
        return []
    meeting = SimpleNamespace(status=m.meeting_now["status"], starts_at=m.meeting_now["starts_at"])
    reason = f"it is {status.label.lower()}"
    try:
        refuse_if_called_off(meeting, "status", "bring back what was recorded at it")
    except ValidationError as exc:
        reason = " ".join(exc.errors.values())
    return [f"{label}: as brought back it would be {status.label.lower()}, yet it would hold what was recorded at "
            f"it ({_some(held)}): {reason}, or withdraw, clear or mark absent what was recorded; {_CHANGE_AFTERWARDS}"]


#: What marking the register refuses of an archived deputy, and adding to it of an archived
#: person (`attendance.set_attendance`, `attendance.add_attendee`, in their words).


def _as_held(m: Merged) -> SimpleNamespace:
    return SimpleNamespace(id=m.meeting_id, group_id=m.meeting_now["group_id"], starts_at=m.meeting_now["starts_at"])


def deputy_problems(session: Session, m: Merged, names: Names, label: str, made_offline: set[int]) -> list[str]:
    """Members' deputies recorded offline whom marking the register on the team database
    refuses: archived there (unless the entry recorded them so already, or they held a seat on
    the group that day), or holding only a place at the meeting that never counts.
    `made_offline`: the people made offline, who hold no place there."""
    meeting = _as_held(m)
    problems = []
    for key, row in m.now["attendance"].items():
        deputy_id = row.get("deputy_person_id")
        if (row.get("archived_at") is not None or row.get("status") != AttendanceStatus.DEPUTY.value
                or deputy_id is None or deputy_id in made_offline or (deputy := session.get(Person, deputy_id)) is None):
            continue
        was = m.there["attendance"].get(key) or {}
        recorded = SimpleNamespace(deputy_person_id=was.get("deputy_person_id"), status=was.get("status"))
        kept = deputy_id if recorded.deputy_person_id == deputy_id or held_seat_on(
            session, deputy, meeting.group_id, meeting.starts_at.date()) else None
        chosen(c := Checker(), session, Person, "deputy", deputy_id, "", "deputy", archived=ARCHIVED_DEPUTY, kept=kept)
        if problem := c.errors.get("deputy") or deputy_problem(session, meeting, deputy_id, [recorded]):
            problems.append(f"{names.label('attendance', row)} (of {label}): the offline copy records a deputy for "
                            f"them, but {problem}; {_CHANGE_AFTERWARDS}")
    return problems


def register_problems(session: Session, m: Merged, names: Names, label: str, made_offline: set[int]) -> list[str]:
    """People added offline to the register whom adding there refuses: archived on the team
    database, holding no seat on the group that day (`made_offline`: the people made offline)."""
    meeting = _as_held(m)
    day = meeting.starts_at.date()
    problems = []
    for key, row in m.now["attendance"].items():
        person_id = row.get("person_id")
        if (key in m.there["attendance"] or row.get("archived_at") is not None or person_id is None
                or person_id in made_offline or (person := session.get(Person, person_id)) is None):
            continue
        if person.archived_at is not None and not held_seat_on(session, person, meeting.group_id, day):
            problems.append(f"{names.label('attendance', row)} (added in the offline copy to the register of {label}): "
                            f"{ARCHIVED_ATTENDEE.format(name=person.name, day=day)}; {_CHANGE_AFTERWARDS}")
    return problems


def owner_problems(session: Session, m: Merged, names: Names, label: str,
                   on_server: Callable[[str, int | None], int | None]) -> list[str]:
    """Actions given offline to a person or organisation archived on the team database, as saving
    them there refuses (`action_rules.check_action`); one who owned the action there already
    keeps it. `on_server` gives the team database's id of an owner chosen offline (None: one
    made offline, added with it)."""
    problems = []
    for key, row in m.now["action"].items():
        if row.get("archived_at") is not None:
            continue
        was = m.there["action"].get(key) or {}
        for column, table, model, words in (("owner_person_id", "person", Person, ARCHIVED_OWNER),
                                            ("owner_organisation_id", "organisation", Organisation, ARCHIVED_ORGANISATION)):
            chosen_id = row.get(column)
            if chosen_id is None or chosen_id == was.get(column) or (owner_id := on_server(table, chosen_id)) is None:
                continue
            owner = session.get(model, owner_id)
            if owner is not None and owner.archived_at is not None and owner_id != was.get(column):
                problems.append(f"{names.label('action', row)} (of {label}): the offline copy gives it to "
                                f"{words.format(name=owner.name)}; {_CHANGE_AFTERWARDS}")
    return problems


def person_problems(session: Session, rows: copying.Rows, writes: Mapping[Key, object],
                    new: Mapping[str, list[dict]], on_server: Callable[[str, int | None], int | None]) -> list[str]:
    """People that bringing back would leave live in an organisation archived on the team
    database: restored offline (as restoring refuses), moved to it offline (as changing their
    organisation refuses), or made offline in it (as adding them refuses). `on_server` gives the
    team database's id of a linked record (None for one made offline and added)."""
    problems = []
    touched = sorted({i for t, i, c in writes if t == "person" and c in ("archived_at", "organisation_id")})
    for person_id in touched:
        person = session.get(Person, person_id)
        if person is None or writes.get(("person", person_id, "archived_at"), person.archived_at) is not None:
            continue
        row = {**rows["person"][person_id], **{c: v for (t, i, c), v in writes.items() if t == "person" and i == person_id}}
        organisation_id = on_server("organisation", row.get("organisation_id"))
        try:
            if person.archived_at is not None:
                how = "restored in the offline copy"
                restorable_person(session, SimpleNamespace(organisation_id=organisation_id))
            elif organisation_id != person.organisation_id:
                how = "moved to another organisation in the offline copy"
                check_person(session, _fields(row, organisation_id), person.organisation_id)
        except ValidationError as exc:
            problems.append(f"Person: {person.name} ({how}): {' '.join(exc.errors.values())}; {_CHANGE_AFTERWARDS}")
    for row in new.get("person", []):
        if row.get("archived_at") is None:
            try:
                check_person(session, _fields(row, on_server("organisation", row.get("organisation_id"))))
            except ValidationError as exc:
                problems.append(f"{copying.label_of('person', row)} (made offline): {' '.join(exc.errors.values())}; "
                                f"{_CHANGE_AFTERWARDS}")
    return problems


def _fields(row: Mapping, organisation_id: int | None) -> PersonFields:
    """A person's fields as saving them would give them, in the team database's organisation."""
    return PersonFields(row.get("name") or "", row.get("job_title") or "", organisation_id, row.get("email") or "",
                        row.get("phone") or "", row.get("notes") or "")


#: The records changed offline checked on the team database, each with its form and the check
#: saving a change to it there makes (`update_organisation`, `update_group`, `update_membership`,
#: `update_agreement`).
_SAVED_THERE: dict[str, tuple[type, Callable]] = {
    "organisation": (OrganisationFields, check_organisation),
    "partnership_group": (GroupFields, _check_group),
    "membership": (MembershipFields, check_membership),
    "confidentiality_agreement": (AgreementFields, _check_agreement),
}


def _saved_there(session: Session, table: str, record_id: int, values: Mapping) -> dict[str, str]:
    form, check = _SAVED_THERE[table]
    fields = form(**{f: values[f] for f in form.__dataclass_fields__ if values.get(f) is not None})
    try:
        check(session, fields, record_id)
    except ValidationError as exc:
        return dict(exc.errors)
    return {}


def changed_problems(session: Session, rows: copying.Rows, writes: Mapping[Key, object], names: Names,
                     server_id: Callable[[str, int], int], on_server: Callable[[str, int | None], int | None],
                     refused: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Organisations, groups, seats and agreements that bringing back would change (`writes`) as
    saving the change on the team database refuses, checked there against its rows now: a name
    another live organisation or group has there, a seat overlapping another of the same person,
    group and role there, an agreement moved to someone archived there. Each problem by its
    record (table, the copy's id). `on_server` gives the team database's id of a linked record
    (None for one made offline: that record is not checked); those the copy's own checks refused
    (`refused`) are named once, by them. A problem the team database already has is not the
    copy's."""
    written: dict[tuple[str, int], dict[str, object]] = {}
    for (table, record_id, column), value in writes.items():
        if table in _SAVED_THERE and (table, record_id) not in refused:
            written.setdefault((table, record_id), {})[column] = value
    problems: dict[tuple[str, int], str] = {}
    for (table, record_id), changes in written.items():
        there_id = server_id(table, record_id)
        there = copying.read_rows(session.connection(), table, [there_id]).get(there_id)
        if there is None or there.get("archived_at") is not None or changes.get("archived_at") is not None:
            continue  # removed there, or archived as brought back: no save checks it
        now = {**there}
        for column, value in changes.items():
            linked = next((ref for col, ref in copying.links(copying.table(table)) if col == column), None)
            now[column] = value if linked is None or value is None else on_server(linked, value)
        if any(changes.get(col) is not None and now[col] is None for col, _ref in copying.links(copying.table(table))):
            continue  # linked to a record made offline, not on the team database yet
        before = _saved_there(session, table, there_id, there)
        errors = {f: m for f, m in _saved_there(session, table, there_id, now).items() if before.get(f) != m}
        if errors:
            said = " ".join(dict.fromkeys(errors.values()))
            problems[(table, record_id)] = (f"{names.label(table, rows[table][record_id])} (changed offline, as the "
                                            f"team database stands now): {said}; {_CHANGE_AFTERWARDS}")
    return problems
