"""What bringing a meeting back checks before it writes anything, with the rules the services
themselves use, so a record made or changed offline never breaks one on the team database:

- `match_new`: an organisation or group made offline whose name a live one on the team database
  has is that one (its links go to it, nothing is added); the same seat given in both places is
  one seat (any other seat, and agreement, made offline is held to the memberships service's
  checks there by `people_checks`: one overlapping another of the same person, group and role,
  or for someone archived there, is a problem);
- `meeting_problems`: the meeting as it would stand (archived there; minutes circulated or
  approved on a day, or for a meeting status, the minutes rules refuse; cancelled or postponed
  yet holding minutes, decisions, actions or people in the room: `rules`, which also checks the
  deputies recorded offline and the people restored, moved or made offline against the
  register's and the memberships' own checks);
- `placement_problems`: a record moved into another meeting or under another agenda item in
  the copy (no window does that; another program can); a record changed in the copy that is
  not the meeting's own on the team database now (`copying.own_records`: another meeting, its
  agenda or minutes, whatever the copy says it took); or a record made offline for another
  meeting on the team database, or a meeting made offline that a record of the meeting refers
  to, which bringing back would write past that meeting's own rules (its approved minutes, the
  approval dates);
- `left_out`: a record made offline that is not part of the meeting taken offline and of no
  other meeting (a person, organisation, group, seat or agreement none of its records refer
  to, such as a person made by mistake and then archived), or a meeting or series made offline
  that nothing of the meeting refers to, with what was recorded in it, is not added: it is
  left out and named with what was not brought back, and the rest comes back;
- `agenda_problems`: the agenda as it would stand, with the rule removing an item keeps (an item
  holding live decisions or actions is not removed: `meetings.archive_agenda_item`);
- `approved_minutes_problems`: minutes approved on the team database before the copy was taken
  (`compare.approved_meanwhile` reads which from the team database's history, never from the
  copy) change only by an amendment giving the reason, as in the window: an item's minutes
  changed in the copy with no amendment made offline to that text; a decision (its text, owner,
  due date, or withdrawn or restored), an action raised at the meeting (its description, owner,
  due date, or archived or restored) or a register entry changed or added with no amendment made
  offline for it; or the approval itself changed (approved minutes stay as approved), is a
  problem;
- `restored_problems`: a record removed on the team database meanwhile, restored as the officer
  chose (`compare`; for the plan, as keeping the offline copy's would), where the team database
  would refuse it: a register entry of someone on the register again there, or a record of
  another meeting whose minutes are approved (a seat or an agreement: `people_checks`; a
  person: `rules.person_problems`);
- `officer_problem`: the meeting is offline for another officer (by this copy's mark, or by
  another officer's copy taken since this one was released), so its records cannot be written
  by this one;
- `left_behind`: what was changed in the copy outside the records bringing back copies (another
  area's records, settings, an organisation's other names), named so the officer knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import ChangeRecord, Group, Membership, Organisation, Person
from bscp_desktop.db.models.actions import Action
from bscp_desktop.db.models.meetings import AgendaItem, Attendance, Decision, Meeting
from bscp_desktop.db.offline_guard import active_marks, local_time
from bscp_desktop.domain.meetings import MeetingStatus, MinutesStatus, approval_problem, circulation_problem
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.validation import ValidationError, and_list, clean_text
from bscp_desktop.services.actions import MINUTED as ACTION_MINUTED
from bscp_desktop.services.history_names import record_names, table_label
from bscp_desktop.services.meetings.decisions import MINUTED as DECISION_MINUTED
from bscp_desktop.services.memberships.dtos import OrganisationFields
from bscp_desktop.services.memberships.groups import GROUP_NAME
from bscp_desktop.services.memberships.organisations import check_organisation
from bscp_desktop.services.offline import copying, rules
from bscp_desktop.services.offline.compare import APPROVAL
from bscp_desktop.services.offline.naming import Names

Key = tuple[str, int, str]
#: Records of the meeting that only the officer who took it may change while it is offline.
_GUARDED = ("meeting", "agenda_item", "attendance", "decision", "minutes_amendment", "action", "action_update")
_CHANGE_AFTERWARDS = "change it in the offline copy or on the team database, then bring the copy back"


@dataclass
class Matched:
    ids: dict[str, dict[int, int]] = field(default_factory=dict)  # table -> offline id -> the team database's
    named: list[str] = field(default_factory=list)  # "Organisation: Brent Council"
    problems: list[str] = field(default_factory=list)

    def use(self, table: str, offline_id: int, server_id: int, label: str) -> None:
        self.ids.setdefault(table, {})[offline_id] = server_id
        self.named.append(label)


def _live_org(session: Session, name: str) -> int | None:
    key = name_key(name)
    for org_id, other in session.execute(select(Organisation.id, Organisation.name)
                                         .where(Organisation.archived_at.is_(None))):
        if name_key(other) == key:
            return org_id
    return None


def match_new(session: Session, new: Mapping[str, list[dict]]) -> Matched:
    """Records made offline that are already on the team database, and those that would break
    its rules there (see the module's description)."""
    found = Matched()
    for row in new.get("organisation", []):
        label = copying.label_of("organisation", row)
        if (org_id := _live_org(session, row["name"])) is not None:
            found.use("organisation", row["id"], org_id, label)
            continue
        try:  # the name and short name rules an organisation saved on the team database meets
            check_organisation(session, OrganisationFields(row["name"], row["kind"], row.get("short_name") or ""), None)
        except ValidationError as exc:
            found.problems.append(f"{label} (made offline): {exc.sentence()}")
    for row in new.get("partnership_group", []):
        if (group_id := GROUP_NAME.clash(session, None, row["name"])) is not None:
            found.use("partnership_group", row["id"], group_id, copying.label_of("partnership_group", row))
    new_ids = {t: {r["id"] for r in rows} for t, rows in new.items()}
    for row in new.get("membership", []):
        person_id = on_server(found, new_ids, "person", row["person_id"])
        group_id = on_server(found, new_ids, "partnership_group", row["group_id"])
        if person_id is None or group_id is None:
            continue  # a person or group made offline holds no seat on the team database
        person, group = session.get(Person, person_id), session.get(Group, group_id)
        if person is None or group is None:
            continue
        same = session.scalars(select(Membership.id).where(
            Membership.person_id == person_id, Membership.group_id == group_id, Membership.role == row["role"],
            Membership.start_date == row["start_date"], Membership.end_date.is_(None) if row["end_date"] is None
            else Membership.end_date == row["end_date"], Membership.archived_at.is_(None))).first()
        if same is not None:
            found.use("membership", row["id"], same, f"Membership: {person.name} in {group.name}")
    if found.problems:
        found.problems = [f"{p}; {_CHANGE_AFTERWARDS}" for p in found.problems]
    return found


def on_server(found: Matched, new_ids: dict[str, set[int]], table: str, record_id: int | None) -> int | None:
    """A linked record's id on the team database: its own, or the one it was matched to; None
    for a record made offline and added as new."""
    if record_id is None:
        return None
    if record_id in found.ids.get(table, {}):
        return found.ids[table][record_id]
    return None if record_id in new_ids.get(table, set()) else record_id


def _minutes_problem(row: Mapping, today: date) -> str | None:
    """Why the meeting's minutes could not stand as `row` has them (the rules used when they are
    circulated and approved), or None."""
    try:
        status, minutes = MeetingStatus(row["status"]), MinutesStatus(row["minutes_status"])
    except ValueError:
        return None
    starts = row["starts_at"]
    day = starts.date() if isinstance(starts, datetime) else starts
    if minutes is MinutesStatus.APPROVED and row.get("minutes_approved_on"):
        if problem := approval_problem(day, status, row["minutes_approved_on"], max(today, row["minutes_approved_on"]),
                                        row.get("minutes_circulated_on")):
            return problem
    if minutes is not MinutesStatus.DRAFT and row.get("minutes_circulated_on"):
        on = row["minutes_circulated_on"]
        return circulation_problem(day, status, on, max(today, on))
    return None


def meeting_problems(session: Session, label: str, meeting: rules.Merged | None, names: Names) -> list[str]:
    """Why the meeting cannot stand as bringing back would leave it (`meeting`, `rules.merged`):
    archived on the team database (as taking it offline refuses), its minutes circulated or
    approved where the minutes rules refuse it (a meeting cancelled there, or moved after the
    day the minutes went out), or cancelled or postponed yet holding minutes, decisions, actions
    or people in the room (`rules.called_off_problems`). A problem the team database already has
    is not the copy's."""
    if meeting is None:
        return []
    there, merged = meeting.meeting_there, meeting.meeting_now
    if there.get("archived_at") is not None:
        return [f"{label} is archived on the team database: restore it there before bringing the copy back"]
    problems = []
    today = date.today()
    problem = _minutes_problem(merged, today)
    if problem is not None and problem != _minutes_problem(there, today):
        words = (f"as brought back it would be {MeetingStatus(merged['status']).label.lower()}, on "
                 f"{merged['starts_at']:%d/%m/%Y}, with its minutes {merged['minutes_status']}")
        problems.append(f"{label}: {words}: {problem}; {_CHANGE_AFTERWARDS}")
    return problems + rules.called_off_problems(meeting, names, label)


#: The links placing a record in a meeting: no window changes them once it is made.
_PLACEMENT = ("meeting_id", "agenda_item_id")
_NOT_MOVED = ("bringing back does not move records between meetings or agenda items: put it back in the offline "
              "copy, or release the meeting and change it on the team database")


def _meeting_words(session: Session, rows: copying.Rows, meeting_id: int) -> str:
    """'Safeguarding Children Forum 11/01/2024: January forum'."""
    row = rows.get("meeting", {}).get(meeting_id) or copying.read_rows(
        session.connection(), "meeting", [meeting_id]).get(meeting_id)
    if row is None:
        return f"meeting {meeting_id}"
    group = rows.get("partnership_group", {}).get(row["group_id"]) or copying.read_rows(
        session.connection(), "partnership_group", [row["group_id"]]).get(row["group_id"]) or {}
    starts = row["starts_at"]
    return f"{group.get('name', '')} {starts:%d/%m/%Y}: {row['title']}".strip()


def _named(session: Session, rows: copying.Rows, table: str, row: dict) -> str:
    """A record as named to the officer, with the meeting it belongs to: 'Meeting: Executive
    Group 01/06/2031: Executive meeting', 'Agenda item 4: Budget (of Executive Group ...)'."""
    if table == "meeting":
        return f"Meeting: {_meeting_words(session, rows, row['id'])}"
    label = copying.label_of(table, row)
    return f"{label} (of {_meeting_words(session, rows, row['meeting_id'])})" if row.get("meeting_id") else label


def placement_problems(session: Session, meeting_id: int, base: Mapping, rows: copying.Rows,
                       new: Mapping[str, list[dict]], own: Mapping[str, set[int]],
                       behind: Mapping[str, set[int]] | None = None) -> list[str]:
    """Records the copy moved into another meeting or under another agenda item; records it
    changed that are not the meeting's own on the team database now (`own`: another meeting's
    minutes, whatever the copy says it took), but for those an amendment to that meeting's
    minutes made offline records (`behind`: left behind with it, `behind.leave_behind`); and
    records made offline that are not part of the meeting taken offline (`meeting_id`): for
    another meeting, under an agenda item of another meeting, a progress update of another
    meeting's action, or a meeting made offline that a record of the meeting refers to. Each is
    named. A record made offline apart from every meeting, or a meeting made offline nothing of
    the meeting refers to with the records made in it, is not a problem: it is left out
    (`left_out`)."""
    problems = []
    items = {**rows.get("agenda_item", {})}
    part = _part_of_meeting(session, meeting_id, base, rows, new, own)
    apart = _meetings_apart(meeting_id, base, rows, new, own, part)
    for t in copying.copied_tables():
        columns = [c for c in _PLACEMENT if c in t.c]
        taken = base.get(t.name, {})
        added = {r["id"] for r in new.get(t.name, [])}
        for record_id, row in rows[t.name].items():
            was = taken.get(record_id)
            if was is None or record_id in added:
                continue
            for column in columns:
                if column in was and as_text(row[column]) != was[column]:
                    where = (_meeting_words(session, rows, row[column]) if column == "meeting_id" and row[column]
                             else f"item {(items.get(row[column]) or {}).get('title', row[column])}")
                    problems.append(f"{copying.label_of(t.name, row)}: moved in the offline copy into another "
                                    f"{'meeting' if column == 'meeting_id' else 'agenda item'} ({where}); {_NOT_MOVED}")
                    break
            else:
                if record_id not in own.get(t.name, ()) and record_id not in (behind or {}).get(t.name, ()) and any(
                        column in row and as_text(row[column]) != value for column, value in was.items()):
                    problems.append(f"{_named(session, rows, t.name, row)}: changed in the offline copy, but it is "
                                    f"not a record of the meeting taken offline ({_meeting_words(session, rows, meeting_id)}) "
                                    "on the team database, and bringing back writes only those; make the change "
                                    "on the team database")
        for row in new.get(t.name, []):
            own_meeting, item_id = row.get("meeting_id"), row.get("agenda_item_id")
            item = None if item_id is None else items.get(item_id) or copying.read_rows(
                session.connection(), "agenda_item", [item_id]).get(item_id)
            if t.name != "meeting" and own_meeting not in (None, meeting_id, *apart):
                problems.append(f"{copying.label_of(t.name, row)} (made offline): it is for another meeting "
                                f"({_meeting_words(session, rows, own_meeting)}) than the one taken offline; add it on "
                                "the team database")
            elif item is not None and item.get("meeting_id") != own_meeting:
                problems.append(f"{copying.label_of(t.name, row)} (made offline): it is under an agenda item of "
                                f"another meeting; {_NOT_MOVED}")
            elif row["id"] not in part.get(t.name, ()) and not _apart(rows, t.name, row, apart):
                problems.append(f"{_named(session, rows, t.name, row)} (made offline): it is not part of the meeting "
                                f"taken offline ({_meeting_words(session, rows, meeting_id)}), so bringing the copy "
                                "back does not add it; add it on the team database")
    return problems


def _apart(rows: copying.Rows, table: str, row: dict, apart: set[int]) -> bool:
    """Whether a record made offline belongs to no meeting (a person, an organisation, a group,
    a seat, a series, an agreement, an action raised outside a meeting) or to a meeting made
    offline that nothing of the meeting taken offline refers to (`apart`: the meeting itself,
    its agenda, register, decisions and actions): left out, not refused, when it is not part of
    the meeting taken offline."""
    of = _meeting_of(rows, table, row)
    return of is None or of in apart


def _meetings_apart(meeting_id: int, base: Mapping, rows: copying.Rows, new: Mapping[str, list[dict]],
                    own: Mapping[str, set[int]], part: Mapping[str, set[int]]) -> set[int]:
    """The meetings made offline (New meeting or New series in the copy) that bringing back
    leaves out: those no record of the meeting taken offline refers to or belongs to, as the
    copy has them (the meeting's approval at another meeting, say)."""
    made = {r["id"] for r in new.get("meeting", [])}
    if not made:
        return set()
    added = {t: {r["id"] for r in found} for t, found in new.items()}
    referred: set[int] = set()
    for t in copying.copied_tables():
        sources = [rows[t.name][i] for i in own.get(t.name, ()) if i in rows[t.name]
                   and i in base.get(t.name, {}) and i not in added.get(t.name, ())]
        sources += [r for r in new.get(t.name, []) if r["id"] in part.get(t.name, ())]
        for row in sources:
            if t.name != "meeting" or row["id"] == meeting_id:
                referred.add(_meeting_of(rows, t.name, row))
            referred.update(row[column] for column, to in copying.links(t) if to == "meeting")
    return made - referred


def left_out(session: Session, meeting_id: int, base: Mapping, rows: copying.Rows,
             new: Mapping[str, list[dict]], own: Mapping[str, set[int]]) -> tuple[dict[str, set[int]], list[str]]:
    """The records made offline (`new`) that bringing back leaves out, by table and id, and each
    named: those not part of the meeting taken offline (`_part_of_meeting`: nothing of the
    meeting, as the copy has it, refers to them) and of no other meeting. What is written refers
    only to records of the meeting, so never to one of these."""
    part = _part_of_meeting(session, meeting_id, base, rows, new, own)
    apart = _meetings_apart(meeting_id, base, rows, new, own, part)
    ids: dict[str, set[int]] = {}
    named: list[str | int] = []  # a meeting left out by its id, named once its records are counted
    within: dict[int, int] = {}  # a meeting left out: how many records made in it go with it
    for t in copying.copied_tables():
        for row in new.get(t.name, []):
            if row["id"] not in part.get(t.name, ()) and _apart(rows, t.name, row, apart):
                ids.setdefault(t.name, set()).add(row["id"])
                of = _meeting_of(rows, t.name, row)
                if t.name == "meeting":
                    named.append(of)
                elif of in apart:
                    within[of] = within.get(of, 0) + 1
                else:
                    named.append(f"{_named(session, rows, t.name, row)} (made offline)")
    return ids, [n if isinstance(n, str) else _left_meeting(session, rows, n, within.get(n, 0)) for n in named]


def _left_meeting(session: Session, rows: copying.Rows, meeting_id: int, records: int) -> str:
    """'Meeting: Safeguarding Children Forum 02/04/2024: Extra forum (made offline, with the 3
    records made in it)'."""
    with_them = f", with the {records} record{'s' if records != 1 else ''} made in it" if records else ""
    return f"Meeting: {_meeting_words(session, rows, meeting_id)} (made offline{with_them})"


#: Records made offline that are part of the meeting when the record they hang under is:
#: (table, link, referred table). Any other is when one of the meeting's records refers to it.
_UNDER = (("action_update", "action_id", "action"), ("confidentiality_agreement", "person_id", "person"))


def _part_of_meeting(session: Session, meeting_id: int, base: Mapping, rows: copying.Rows,
                     new: Mapping[str, list[dict]], own: Mapping[str, set[int]]) -> dict[str, set[int]]:
    """The records made offline that its copy would hold were they on the team database
    (`copying.meeting_records`): the meeting's own agenda items, register, decisions,
    amendments and actions, seats in its group, the progress updates of its actions and the
    agreements of its people, and what those and its records refer to. Never a meeting."""
    added = {t: {r["id"] for r in found} for t, found in new.items()}
    there = copying.read_rows(session.connection(), "meeting", [meeting_id]).get(meeting_id) or {}
    part: dict[str, set[int]] = {t: set() for t in copying.NOUNS}
    for t in (*copying.MINUTES_TABLES, "action"):
        part[t] = {r["id"] for r in new.get(t, []) if r.get("meeting_id") == meeting_id}
    part["membership"] = {r["id"] for r in new.get("membership", []) if r.get("group_id") == there.get("group_id")
                          and r["group_id"] not in added.get("partnership_group", ())}

    def held(table: str, record_id) -> bool:  # a record of the meeting, made offline or on the team database
        if record_id in added.get(table, ()):
            return record_id in part[table]
        return record_id in own.get(table, ()) and record_id in base.get(table, {})

    growing = True
    while growing:
        growing = False
        for t, column, referred in _UNDER:
            for row in new.get(t, []):
                if row["id"] not in part[t] and held(referred, row.get(column)):
                    part[t].add(row["id"])
                    growing = True
        for t in copying.copied_tables():
            sources = [rows[t.name][i] for i in own.get(t.name, ()) if i in rows[t.name]
                       and i in base.get(t.name, {}) and i not in added.get(t.name, ())]
            sources += [r for r in new.get(t.name, []) if r["id"] in part[t.name]]
            for column, referred in copying.links(t):
                if referred == "meeting":
                    continue  # a meeting made offline is never part of another
                for row in sources:
                    value = row[column]
                    if value in added.get(referred, ()) and value not in part[referred]:
                        part[referred].add(value)
                        growing = True
    return part


def agenda_problems(session: Session, meeting_id: int, rows: copying.Rows, writes: Mapping[Key, object],
                    new: Mapping[str, list[dict]]) -> list[str]:
    """Agenda items that bringing back would leave removed while live decisions or actions are
    recorded under them (removed in one place, a decision recorded under them in the other), as
    removing an item refuses (`meetings.archive_agenda_item`). A problem the team database
    already has is not the copy's."""
    items: dict[tuple[str, int], dict] = {}  # ("there" | "new", id) -> archived, label
    for item_id, title, position, archived in session.execute(select(
            AgendaItem.id, AgendaItem.title, AgendaItem.position, AgendaItem.archived_at,
    ).where(AgendaItem.meeting_id == meeting_id)):
        items[("there", item_id)] = {"was": archived is not None, "now": archived is not None,
                                     "label": copying.label_of("agenda_item", {"title": title, "position": position})}
    for (table, record_id, column), value in writes.items():
        if table == "agenda_item" and column == "archived_at" and ("there", record_id) in items:
            items[("there", record_id)]["now"] = value is not None
    new_items = {r["id"] for r in new.get("agenda_item", []) if r.get("meeting_id") == meeting_id}
    for row in new.get("agenda_item", []):
        if row["id"] in new_items:
            items[("new", row["id"])] = {"was": False, "now": row.get("archived_at") is not None,
                                         "label": copying.label_of("agenda_item", row)}
    held: dict[tuple[str, int], dict[str, list[tuple[bool, bool]]]] = {}  # item -> noun -> (live there, as brought back)
    there_items = [i for side, i in items if side == "there"]
    for model, table, noun in ((Decision, "decision", "decision"), (Action, "action", "action")):
        for record_id, item_id, archived in (session.execute(select(
                model.id, model.agenda_item_id, model.archived_at).where(model.agenda_item_id.in_(there_items)))
                if there_items else ()):
            now = writes.get((table, record_id, "archived_at"), archived)
            item = ("there", writes.get((table, record_id, "agenda_item_id"), item_id))
            held.setdefault(item, {}).setdefault(noun, []).append((archived is None, now is None))
        for row in new.get(table, []):
            item_id = row.get("agenda_item_id")
            if item_id is not None:
                item = ("new", item_id) if item_id in new_items else ("there", item_id)
                held.setdefault(item, {}).setdefault(noun, []).append((False, row.get("archived_at") is None))
    problems = []
    for key, item in items.items():
        if not item["now"]:
            continue
        counts = {noun: [sum(live[i] for live in found) for i in (0, 1)] for noun, found in held.get(key, {}).items()}
        now = [f"{n[1]} {noun}{'s' if n[1] != 1 else ''}" for noun, n in counts.items() if n[1]]
        if not now or (item["was"] and all(n[0] >= n[1] for n in counts.values())):
            continue
        problems.append(f"{item['label']}: as brought back it would be removed from the agenda, yet it holds "
                        f"{and_list(now)}, which the minutes show under it (removed in one place, recorded under "
                        f"it in the other); withdraw or archive them, or keep the item: {_CHANGE_AFTERWARDS}")
    return problems


def approved_minutes_problems(session: Session, meeting_id: int, rows: copying.Rows, writes: Mapping[Key, object],
                              new: Mapping[str, list[dict]], approved: str) -> list[str]:
    """With the meeting's minutes approved on the team database on `approved` (dd/mm/yyyy),
    before the copy was taken ('' when they were not): each of its items whose minutes bringing
    back would change with no amendment made offline giving the reason for that text, and the
    meeting when its approval would change. Each is named."""
    if not approved:
        return []
    amended = {(r.get("agenda_item_id"), as_text(r.get("new_text"))) for r in new.get("minutes_amendment", [])
               if r.get("meeting_id") == meeting_id and clean_text(r.get("reason"))}
    before = f"approved on the team database on {approved}, before this copy was taken"
    problems = []
    for (table, record_id, column), value in writes.items():
        if (table == "agenda_item" and column == "minutes" and (record_id, as_text(value)) not in amended
                and rows[table][record_id].get("meeting_id") == meeting_id):
            problems.append(f"{copying.label_of(table, rows[table][record_id])}: its minutes were changed in the "
                            f"offline copy with no amendment, but the minutes of the meeting were {before}, so they "
                            "change only by an amendment giving the reason: amend them in the offline copy, or "
                            "release the meeting and amend them on the team database")
    problems += _records_amended_problems(session, meeting_id, rows, writes, new, before)
    if any(table == "meeting" and record_id == meeting_id and column in APPROVAL
           for table, record_id, column in writes):
        problems.append(f"{_named(session, rows, 'meeting', rows['meeting'][meeting_id])}: its minutes status and "
                        f"approval were changed in the offline copy by another program, but the minutes were {before}, "
                        "and approved minutes stay as approved: release the meeting on the team database and make "
                        "any amendment there, giving the reason")
    return problems


#: What approved minutes say of a decision and of an action raised at the meeting (what their
#: amendments record; whether it is there at all too), and of the register (all of it).
_MINUTED = {"decision": (*DECISION_MINUTED, "archived_at"), "action": (*ACTION_MINUTED, "archived_at"),
            "attendance": None}


def _amends(amendment: Mapping, table: str, row: Mapping, made_offline: bool) -> bool:
    """Whether an amendment made offline is the one the window makes for a change to the record
    (`meetings.common.guard_approved`): a decision's names it (one recorded names its agenda
    item), an action's its agenda item, the register's neither."""
    item, decision = amendment.get("agenda_item_id"), amendment.get("decision_id")
    if table == "decision":
        return decision == row["id"] or (made_offline and decision is None and item == row.get("agenda_item_id"))
    if table == "action":
        return decision is None and item is not None and item == row.get("agenda_item_id")
    return item is None and decision is None


def _records_amended_problems(session: Session, meeting_id: int, rows: copying.Rows, writes: Mapping[Key, object],
                              new: Mapping[str, list[dict]], before: str) -> list[str]:
    """Decisions, actions raised at the meeting and register entries of minutes approved before
    the copy was taken that bringing back would change (or add) with no amendment made offline
    for them, each named: the window changes them only by an amendment giving the reason."""
    amendments = [r for r in new.get("minutes_amendment", [])
                  if r.get("meeting_id") == meeting_id and clean_text(r.get("reason"))]
    changed: dict[tuple[str, int], bool] = {}  # (table, id) -> made offline
    for table, record_id, column in writes:
        if table in _MINUTED and (_MINUTED[table] is None or column in _MINUTED[table]) \
                and rows[table][record_id].get("meeting_id") == meeting_id:
            changed.setdefault((table, record_id), False)
    for table in _MINUTED:
        changed.update({(table, r["id"]): True for r in new.get(table, []) if r.get("meeting_id") == meeting_id})
    names = Names(session.connection(), rows)
    problems = []
    for (table, record_id), made in changed.items():
        row = rows[table][record_id]
        if any(_amends(a, table, row, made) for a in amendments):
            continue
        what = "the register" if table == "attendance" else f"the {copying.NOUNS[table].lower()}"
        problems.append(f"{names.label(table, row)}{' (made offline)' if made else ''} (of "
                        f"{_meeting_words(session, rows, meeting_id)}): {'added' if made else 'changed'} in the offline "
                        f"copy with no amendment, but the minutes of the meeting were {before}, so {what} changes only "
                        "by an amendment giving the reason: make the change in the offline copy (it asks for the "
                        "reason), or release the meeting and make it on the team database")
    return problems


def restored_problems(session: Session, meeting_id: int, rows: copying.Rows, restoring: list[tuple[str, int]],
                      names: Names) -> list[str]:
    """Records removed on the team database after the copy was taken that bringing back would
    restore (`restoring`: their conflicts, `compare`, with the offline copy's kept), where
    restoring them there would be refused: a register entry of someone on the register again
    there (they would be on it twice, as adding them refuses), or a record of another meeting,
    whose approved minutes it would change with no amendment. Each is named."""
    conn = session.connection()
    problems = []
    for table, record_id in restoring:
        there = copying.read_rows(conn, table, [record_id]).get(record_id)
        if there is None or there["archived_at"] is None:
            continue
        label = names.label(table, rows[table][record_id])
        removed = f"{label}: removed on the team database after the copy was taken"
        keep = "keep the team database's (leave it removed)"
        if table == "attendance" and there.get("person_id") is not None and session.scalar(select(Attendance.id).where(
                Attendance.meeting_id == there["meeting_id"], Attendance.person_id == there["person_id"],
                Attendance.archived_at.is_(None), Attendance.id != record_id)) is not None:
            problems.append(f"{removed}, and they are on its register again there, so restoring this entry would put "
                            f"them on it twice: {keep} and record what the copy says of them on their entry there")
        other = there.get("meeting_id")
        if other is not None and other != meeting_id and table != "meeting":
            minutes = session.scalar(select(Meeting.minutes_status).where(Meeting.id == other))
            if minutes is not None and MinutesStatus(minutes).locked:
                problems.append(f"{removed}; restoring it would change the approved minutes of "
                                f"{_meeting_words(session, rows, other)} with no amendment: {keep} and make the "
                                "change there, giving the reason")
    return problems


def _meeting_of(rows: copying.Rows, table: str, row: dict) -> int | None:
    if table == "meeting":
        return row["id"]
    if table == "action_update":
        action = rows.get("action", {}).get(row.get("action_id"))
        return action.get("meeting_id") if action else None
    return row.get("meeting_id")


def officer_problem(session: Session, mark, by: str, meeting_id: int, rows: copying.Rows, keys,
                    new: Mapping[str, list[dict]]) -> str:
    """The meeting is offline for another officer than `by` (by this copy's mark, or, that one
    released, by another officer's copy taken since), and the copy changes its records (which
    are read-only for everyone else until they bring it back; `offline_guard` refuses them as
    they are written): '' when neither."""
    touched = any(
        t in _GUARDED and _meeting_of(rows, t, rows[t][record_id]) == meeting_id for t, record_id, _c in keys
    ) or any(t in _GUARDED and _meeting_of(rows, t, r) == meeting_id for t, found in new.items() for r in found)
    if not touched:
        return ""
    if mark.ended_at is None:
        return "" if mark.taken_by == by else (
            f"This meeting was taken offline by {mark.taken_by} on {local_time(mark.taken_at)}, so only "
            f"{mark.taken_by} can bring this copy back; if they cannot, release the meeting first (giving the "
            "reason), then bring the copy back, with what was changed on the team database meanwhile shown beside it")
    held = next((m for m in active_marks(session, [meeting_id]) if m.taken_by != by), None)
    if held is None:
        return ""
    return (f"This copy's hold on the meeting was released, and the meeting was taken offline again by "
            f"{held.taken_by} on {local_time(held.taken_at)}, so it is read-only here until they bring their copy "
            f"back (or the meeting is released again, giving the reason); then bring this copy back, with what was "
            "changed on the team database meanwhile shown beside it")


def left_behind(session: Session, taken_at: datetime) -> list[str]:
    """What was changed in the copy since it was taken that bringing back does not copy, by
    record: '<Kind>: <name>' (a setting by its name)."""
    entries = session.execute(
        select(ChangeRecord.table_name, ChangeRecord.record_id, ChangeRecord.field).where(
            ChangeRecord.changed_at >= taken_at, ChangeRecord.table_name.not_in([*copying.NOUNS, "meeting_offline"]),
        ).order_by(ChangeRecord.id)
    ).all()
    by_table: dict[str, list[int]] = {}
    settings: list[str] = []
    for table, record_id, column in entries:
        if table == "setting":
            if column and column not in settings:
                settings.append(column)
        elif record_id not in by_table.setdefault(table, []):
            by_table[table].append(record_id)
    listed = [f"Setting: {key}" for key in settings]
    for table, ids in by_table.items():
        names = record_names(session, table, set(ids))
        listed += [f"{table_label(table)}: {names.get(i) or i}" for i in ids]
    return listed
