"""Which records a meeting taken offline needs, and reading and writing them table by table.

A meeting's offline copy holds the meeting, its agenda items (with their minutes), register,
decisions and amendments, the actions raised at it and the open actions of the group's earlier
meetings (with their progress updates), the group's memberships and the confidentiality
agreements of its people, and every record those refer to (people, organisations, groups,
series, earlier meetings), found by following their links. Links to records of other areas
(a case review's recommendation) are left empty in the copy: nothing of another area leaves
the team database. Settings are copied whole, for outputs made offline.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from bscp_desktop.db.base import Base
from bscp_desktop.db.history import LABEL_COLUMNS, as_text
from bscp_desktop.db.models import load_all
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.text import first_line

load_all()  # every table registered

#: The kinds of record an offline copy holds, with how one is named to the officer.
NOUNS = {
    "organisation": "Organisation",
    "person": "Person",
    "partnership_group": "Group",
    "membership": "Membership",
    "confidentiality_agreement": "Confidentiality agreement",
    "meeting_series": "Series",
    "meeting": "Meeting",
    "agenda_item": "Agenda item",
    "attendance": "Register entry",
    "decision": "Decision",
    "minutes_amendment": "Amendment",
    "action": "Action",
    "action_update": "Progress update",
}
#: Columns never compared or written back: the record's identity and its timestamps.
OWN_COLUMNS = ("id", "created_at", "updated_at")
#: ... nor a record's version number: each database counts its own saves.
VERSION_COLUMNS = ("version", "version_id", "row_version")
CHUNK = 500

Rows = dict[str, dict[int, dict]]  # table -> id -> column -> value


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def copied_tables() -> list[Table]:
    """The copied tables, each after those it refers to."""
    return [t for t in Base.metadata.sorted_tables if t.name in NOUNS]


@cache
def skipped(name: str) -> frozenset[str]:
    """A table's columns that bringing back neither compares nor writes."""
    own = set(OWN_COLUMNS) | set(VERSION_COLUMNS)
    for mapper in Base.registry.mappers:
        if mapper.local_table.name == name and mapper.version_id_col is not None:
            own.add(mapper.version_id_col.name)
    return frozenset(own)


def links(t: Table) -> list[tuple[str, str]]:
    """(column, referred table) of each of the table's links to another copied table."""
    return [
        (fk.parent.name, fk.column.table.name)
        for fk in t.foreign_keys if fk.column.table.name in NOUNS
    ]


def _outside_links(t: Table) -> list[str]:
    return [fk.parent.name for fk in t.foreign_keys if fk.column.table.name not in NOUNS]


def chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def read_rows(conn: Connection, name: str, ids: Iterable[int] | None = None, lock: bool = False) -> dict[int, dict]:
    """Rows of a table by id (all of them when `ids` is None); with `lock`, held until the
    transaction ends, so nobody changes them between reading and writing."""
    t = table(name)
    if ids is None:
        return {r["id"]: dict(r) for r in conn.execute(select(t)).mappings()}
    found: dict[int, dict] = {}
    for part in chunks(ids):
        query = select(t).where(t.c.id.in_(part))
        if lock:
            query = query.with_for_update()
        found.update({r["id"]: dict(r) for r in conn.execute(query).mappings()})
    return found


def _ids(conn: Connection, name: str, column: str, values: Iterable[int]) -> set[int]:
    t = table(name)
    found: set[int] = set()
    for part in chunks(set(values)):
        found.update(conn.scalars(select(t.c.id).where(t.c[column].in_(part))))
    return found


def meeting_records(conn: Connection, meeting_id: int, closed_too: bool = False) -> Rows:
    """Every record the offline copy of a meeting holds, by table and id; with `closed_too`,
    with every action of the group's earlier meetings, not only the open ones."""
    meeting = table("meeting")
    action = table("action")
    group_id = conn.scalar(select(meeting.c.group_id).where(meeting.c.id == meeting_id))
    starts_at = conn.scalar(select(meeting.c.starts_at).where(meeting.c.id == meeting_id))
    earlier = select(meeting.c.id).where(
        meeting.c.group_id == group_id, meeting.c.starts_at < starts_at, meeting.c.id != meeting_id
    )
    query = select(action.c.id).where(action.c.meeting_id.in_(earlier))
    if not closed_too:
        query = query.where(action.c.archived_at.is_(None),
                            action.c.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]))
    open_earlier = set(conn.scalars(query))
    wanted: dict[str, set[int]] = {name: set() for name in NOUNS}
    wanted["meeting"] = {meeting_id}
    wanted["partnership_group"] = {group_id}
    for name in ("agenda_item", "attendance", "decision", "minutes_amendment", "action"):
        wanted[name] = _ids(conn, name, "meeting_id", [meeting_id])
    wanted["action"] |= open_earlier
    wanted["action_update"] = _ids(conn, "action_update", "action_id", wanted["action"])
    wanted["membership"] = _ids(conn, "membership", "group_id", [group_id])
    rows = _with_links(conn, wanted)
    agreements = _ids(conn, "confidentiality_agreement", "person_id", rows["person"])
    return _with_links(conn, {name: set(found) for name, found in rows.items()} | {"confidentiality_agreement": agreements})


#: A meeting's own minutes: the records of no other meeting are ever written from its copy.
MINUTES_TABLES = ("agenda_item", "attendance", "decision", "minutes_amendment")


def own_records(conn: Connection, meeting_id: int) -> dict[str, set[int]]:
    """The records bringing back a meeting's copy compares and writes, as the team database has
    them now, whatever the copy says it took: those its copy holds (`meeting_records`), with the
    actions of the group's earlier meetings done or archived there since the copy was taken,
    but no other meeting, nor another meeting's agenda, register, decisions or amendments (the
    copy holds some of them only to be read)."""
    rows = meeting_records(conn, meeting_id, closed_too=True)
    own = {name: set(found) for name, found in rows.items()}
    own["meeting"] &= {meeting_id}
    for name in MINUTES_TABLES:
        own[name] = {i for i, row in rows[name].items() if row["meeting_id"] == meeting_id}
    return own


def _with_links(conn: Connection, wanted: dict[str, set[int]]) -> Rows:
    """The wanted rows and every copied row they refer to, following links until none is new."""
    rows: Rows = {name: {} for name in NOUNS}
    pending = {name: set(ids) for name, ids in wanted.items() if ids}
    while pending:
        name, ids = pending.popitem()
        new = read_rows(conn, name, ids - rows[name].keys())
        rows[name].update(new)
        for column, referred in links(table(name)):
            refs = {r[column] for r in new.values() if r[column] is not None} - rows[referred].keys()
            if refs:
                pending.setdefault(referred, set()).update(refs)
    for name, found in rows.items():
        for column in _outside_links(table(name)):
            for row in found.values():
                row[column] = None  # another area's record stays on the team database
    return rows


def base_of(rows: Rows) -> str:
    """The copied values as taken, as text (JSON): what bringing back compares with."""
    return json.dumps({
        name: {str(i): {k: as_text(v) for k, v in row.items() if k not in skipped(name)} for i, row in found.items()}
        for name, found in rows.items() if found
    }, ensure_ascii=False, separators=(",", ":"))


def read_base(text: str) -> dict[str, dict[int, dict[str, str | None]]]:
    data = json.loads(text or "{}")
    return {name: {int(i): values for i, values in found.items()} for name, found in data.items()}


def label_of(name: str, row: dict) -> str:
    """How a copied record is named to the officer: its kind and its name or first words."""
    noun = NOUNS.get(name, name)
    if name == "agenda_item" and row.get("position"):
        noun = f"Agenda item {row['position']}"
    for column in LABEL_COLUMNS:
        value = row.get(column)
        if isinstance(value, str) and value.strip():
            return f"{noun}: {first_line(value, 60)}"
    return f"{noun} {row.get('id', '')}".strip()
