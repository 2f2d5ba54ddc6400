"""Reading the change history (who changed what, when, from what to what). Read-only.

The history itself is written automatically by `db.history` for every insert, update and
archive; nothing here can change it.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import DateTime, String, column, func, literal_column, select, text, union_all
from sqlalchemy import table as sql_table

from bscp_desktop.db.base import Base
from bscp_desktop.db.database import Database
from bscp_desktop.db.history import SEARCH_TABLE, has_search_index, search_expression
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AuditStatus, Grading, MeetingRole, SharedVia
from bscp_desktop.domain.case_reviews import AgeBand
from bscp_desktop.domain.search import search_terms
from bscp_desktop.domain.section11 import Rating

TABLE_LABELS = {
    "organisation": "Organisation",
    "person": "Person",
    "partnership_group": "Group",
    "membership": "Membership",
    "confidentiality_agreement": "Confidentiality agreement",
    "action": "Action",
    "action_update": "Action update",
    "setting": "Setting",
    "case_review": "Case review",
    "recommendation": "Recommendation",
    "s11_cycle": "Section 11 cycle",
    "s11_standard": "Section 11 standard",
    "s11_agency": "Section 11 agency",
    "s11_rating": "Section 11 rating",
    "case_audit": "Case audit",
    "case_audit_meeting": "Case audit meeting",
    "audit_case": "Audited case",
    "audit_return": "Audit return",
    "audit_learning": "Learning point",
    "audit_recommendation": "Audit recommendation",
    "financial_year": "Financial year",
    "contribution": "Contribution",
    "contribution_payment": "Payment received",
    "other_income": "Other income",
    "expense_category": "Expense category",
    "expense": "Expense",
    "budget": "Budget",
    "yearly_report": "Yearly report",
    "yearly_report_section": "Yearly report section",
}

ACTION_LABELS = {
    "insert": "Added",
    "update": "Changed",
    "archive": "Archived",
    "restore": "Restored",
    "delete": "Deleted",
}

# columns that name a record, in order of preference, for the "Record" column
_NAME_COLUMNS = ("name", "title", "reference", "alias", "key")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table) or table.replace("_", " ").capitalize()


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$")


_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


#: Fields holding one of a vocabulary's codes, shown by the word the window uses for it.
VALUE_LABELS: dict[tuple[str, str], type[enum.Enum]] = {
    ("action", "status"): ActionStatus,
    ("s11_rating", "self_rating"): Rating,
    ("s11_rating", "moderated_rating"): Rating,
    ("case_audit", "status"): AuditStatus,
    ("audit_case", "agreed_grading"): Grading,
    ("audit_case", "age_band"): AgeBand,
    ("audit_return", "grading"): Grading,
    ("audit_learning", "shared_via"): SharedVia,
    ("case_audit_meeting", "role"): MeetingRole,
}


def value_text(value: str | None, table: str = "", field: str = "") -> str:
    """A stored old or new value as people read it: a vocabulary's code by its word ("Returns
    in"), dates as dd/mm/yyyy, other codes such as in_progress as words, the rest as stored."""
    if not value:
        return ""
    vocabulary = VALUE_LABELS.get((table, field))
    if vocabulary is not None:
        try:
            return vocabulary(value).label
        except ValueError:
            pass
    if match := _ISO_DATE.match(value):
        return f"{match[3]}/{match[2]}/{match[1]}"
    if match := _ISO_MOMENT.match(value):
        return f"{match[3]}/{match[2]}/{match[1]} {match[4]}:{match[5]}"
    if _CODE.match(value):
        return value.replace("_", " ")
    return value


@functools.cache
def _link_target(table: str, field: str) -> str | None:
    """The table a column links to (`organisation` for `owner_organisation_id`), if any."""
    columns = Base.metadata.tables.get(table)
    if columns is None or field not in columns.c:
        return None
    keys = list(columns.c[field].foreign_keys)
    return keys[0].column.table.name if keys else None


def field_label(field: str) -> str:
    if field.endswith("_id"):
        field = field[:-3]
    if field == "archived_at":
        return "Archived"
    return field.replace("_", " ").capitalize()


@dataclass(frozen=True)
class ChangeDTO:
    id: int
    changed_at: datetime  # UTC, naive (as stored)
    changed_by: str
    table_name: str
    record_id: int
    record_name: str  # the record's current name or title, where it has one
    action: str
    field: str
    old_value: str | None
    new_value: str | None
    old_name: str = ""  # for a link to another record (an organisation's id): that record's name
    new_name: str = ""

    @property
    def table_label(self) -> str:
        return table_label(self.table_name)

    @property
    def old_text(self) -> str:
        """The old value as people read it (a linked record by its name, dates as dd/mm/yyyy)."""
        return self.old_name or value_text(self.old_value, self.table_name, self.field)

    @property
    def new_text(self) -> str:
        return self.new_name or value_text(self.new_value, self.table_name, self.field)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action.capitalize())

    @property
    def field_label(self) -> str:
        return field_label(self.field)

    @property
    def record_label(self) -> str:
        if self.record_name:
            return f"{self.record_name} (#{self.record_id})"
        return f"#{self.record_id}" if self.record_id else ""


def _names(session, table_name: str, ids: set[int]) -> dict[int, str]:
    """Current names of the given records of one table (one query per table, not per row)."""
    table = Base.metadata.tables.get(table_name)
    if table is None or "id" not in table.c:
        return {}
    column = next((table.c[c] for c in _NAME_COLUMNS if c in table.c), None)
    if column is None:
        return {}
    names: dict[int, str] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start:start + 500]
        for record_id, name in session.execute(select(table.c.id, column).where(table.c.id.in_(chunk))):
            names[record_id] = "" if name is None else str(name)
    return names


def list_changes(
    db: Database, table: str | None = None, since: date | datetime | None = None
) -> list[ChangeDTO]:
    """Every change record, oldest first; optionally of one table, or from `since` (UTC)."""
    with db.unit_of_work() as session:
        q = select(ChangeRecord).order_by(ChangeRecord.changed_at, ChangeRecord.id)
        if table is not None:
            q = q.where(ChangeRecord.table_name == table)
        if since is not None:
            if not isinstance(since, datetime):
                since = datetime.combine(since, time.min)
            q = q.where(ChangeRecord.changed_at >= since)
        records = list(session.scalars(q))
        wanted: dict[str, set[int]] = {}
        for r in records:
            if r.record_id:
                wanted.setdefault(r.table_name, set()).add(r.record_id)
        names = {t: _names(session, t, ids) for t, ids in wanted.items()}
        return [
            ChangeDTO(
                r.id, r.changed_at, r.changed_by, r.table_name, r.record_id,
                names.get(r.table_name, {}).get(r.record_id, ""),
                r.action, r.field, r.old_value, r.new_value,
            )
            for r in records
        ]


# ---------------------------------------------------------------- the change log view
#
# Newest first, a page at a time, straight from SQL: filters use the indexes on
# (changed_at), (table_name, changed_at), (changed_by, changed_at) and (table_name, record_id);
# paging is by keyset (changed_at, id), so page 500 costs what page 1 costs.

PAGE_SIZE = 200
#: Tables that are plumbing, not records people work with.
_NOT_AN_AREA = {"change_record", "alembic_version"}


@functools.cache
def _module_area(table: str) -> str:
    """The area a table belongs to: the models module that defines it (memberships,
    meetings, case_reviews, audits, actions, settings, ...)."""
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return mapper.class_.__module__.rsplit(".", 1)[-1]
    return "other"


@functools.cache
def area_tables() -> dict[str, tuple[str, ...]]:
    """{area key: its tables}, from the models themselves."""
    areas: dict[str, list[str]] = {}
    for name in sorted(Base.metadata.tables):
        if name not in _NOT_AN_AREA:
            areas.setdefault(_module_area(name), []).append(name)
    return {k: tuple(v) for k, v in sorted(areas.items())}


def area_label(area: str) -> str:
    return {"case_reviews": "Case reviews", "audits": "Audits", "actions": "Action log"}.get(
        area, area.replace("_", " ").capitalize()
    )


def area_of_table(table: str) -> str:
    return _module_area(table)


def parse_area(text: str) -> str:
    """'case-reviews', 'Case reviews' or 'case_reviews' -> 'case_reviews'; ValueError naming
    the choices otherwise."""
    key = "_".join(str(text).strip().casefold().replace("-", " ").split())
    areas = area_tables()
    for area in areas:
        if key in (area, "_".join(area_label(area).casefold().split())):
            return area
    raise ValueError(
        f"There is no area called '{text}'; choose one of: "
        + ", ".join(a.replace("_", "-") for a in areas)
    )


@dataclass(frozen=True)
class ChangeQuery:
    """What the change log shows. Dates are the user's own days, inclusive."""

    date_from: date | None = None
    date_to: date | None = None
    person: str | None = None
    area: str | None = None
    record: tuple[str, int] | None = None  # (table, id): one record's own history
    search: str = ""


def _utc_bound(day: date, end: bool) -> datetime:
    """The start of a local day (or of the day after, for an inclusive end) in stored UTC."""
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min).astimezone(UTC)
    return moment.replace(tzinfo=None)


def _id_bounds(session, query: ChangeQuery) -> tuple[int | None, int | None] | None:
    """The date range as entry numbers (entries are in time order): (first id, last id), or
    None when no entry falls in the range. The dates themselves are checked as well."""
    c = ChangeRecord
    low = high = None
    if query.date_from is not None:
        low = session.scalar(
            select(c.id).where(c.changed_at >= _utc_bound(query.date_from, end=False))
            .order_by(c.changed_at, c.id).limit(1)
        )
        if low is None:
            return None
    if query.date_to is not None:
        high = session.scalar(
            select(c.id).where(c.changed_at < _utc_bound(query.date_to, end=True))
            .order_by(c.changed_at.desc(), c.id.desc()).limit(1)
        )
        if high is None or (low is not None and high < low):
            return None
    return low, high


def _like(text_: str) -> str:
    return "%" + text_.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _column(name: str, search_leads: bool, type_=None):
    """A history column for a condition. When the full-text index leads, the column is written
    `+change_record.x`, which tells SQLite not to use the column's own index: it then reads the
    index's matches newest first and checks each entry, instead of checking the index for
    every one of a person's entries."""
    if not search_leads:
        return getattr(ChangeRecord, name)
    return literal_column(f"+{ChangeRecord.__tablename__}.{name}", type_=type_)


def _conditions(session, query: ChangeQuery, bounds: tuple[int | None, int | None], search_leads: bool,
                with_area: bool) -> list:
    """Every filter as SQL conditions (the area only if `with_area`)."""
    c = ChangeRecord
    low, high = bounds
    entry = _SEARCH.c.rowid if search_leads else c.id
    when = _column("changed_at", search_leads, DateTime())
    conditions = []
    if low is not None:
        conditions += [entry >= low, when >= _utc_bound(query.date_from, end=False)]
    if high is not None:
        conditions += [entry <= high, when < _utc_bound(query.date_to, end=True)]
    if query.person:
        conditions.append(_column("changed_by", search_leads, String()) == query.person)
    if query.record is not None:
        conditions += [c.table_name == query.record[0], c.record_id == int(query.record[1])]
    elif with_area and query.area:
        conditions.append(_column("table_name", search_leads, String()).in_(area_tables().get(query.area, ("",))))
    expression = search_expression(query.search)
    if expression and query.record is not None and has_search_index(session.connection()):
        # one record's few entries are read first, and kept if the full-text index matched them
        matches = (
            select(_SEARCH.c.rowid).select_from(_SEARCH)
            .where(text(f"{SEARCH_TABLE} MATCH :expression").bindparams(expression=expression))
        )
        conditions.append(c.id.in_(matches))
    elif expression and not has_search_index(session.connection()):
        # no full-text index (another database engine): every word somewhere in the entry
        for word in search_terms(query.search):
            pattern = _like(word)
            conditions.append(
                c.record_label.like(pattern, escape="\\") | c.field.like(pattern, escape="\\")
                | c.new_value.like(pattern, escape="\\") | c.old_value.like(pattern, escape="\\")
                | c.changed_by.like(pattern, escape="\\")
            )
    elif expression:
        conditions.append(text(f"{SEARCH_TABLE} MATCH :expression").bindparams(expression=expression))
    return conditions


_SEARCH = sql_table(SEARCH_TABLE, column("rowid"))


def _statements(session, query: ChangeQuery, bounds, cursor: int | None, columns) -> list:
    """The statements (newest first, not yet limited) whose rows together make the answer.

    Three ways, by what is most selective: with a search (and not one record), the full-text
    index leads, joined to each entry; with an area alone, each of its tables is read from its
    own index; otherwise the filters' indexes lead.
    """
    c = ChangeRecord
    search_leads = (
        bool(search_expression(query.search)) and query.record is None and has_search_index(session.connection())
    )
    by_table = not search_leads and query.area and query.record is None and not query.person
    conditions = _conditions(session, query, bounds, search_leads, with_area=not by_table)
    if search_leads:
        if cursor is not None:
            conditions.append(_SEARCH.c.rowid < cursor)
        statement = select(*columns).select_from(_SEARCH).join(c, c.id == _SEARCH.c.rowid).where(*conditions)
        return [statement.order_by(_SEARCH.c.rowid.desc())]
    if cursor is not None:
        conditions.append(c.id < cursor)
    if by_table:
        return [
            select(*columns).where(c.table_name == name, *conditions).order_by(c.id.desc())
            for name in area_tables().get(query.area, ())
        ]
    return [select(*columns).where(*conditions).order_by(c.id.desc())]


@dataclass(frozen=True)
class ChangePage:
    rows: tuple[ChangeDTO, ...]
    cursor: int | None  # the last entry shown: pass it back for the next page; None at the end


def _labels(session, rows) -> dict[tuple[str, int], str]:
    """Readable names for records whose entries carry none (links such as memberships or
    ratings), looked up once per table for the whole page."""
    wanted: dict[str, set[int]] = {}
    for r in rows:
        if not r.record_label and r.record_id:
            wanted.setdefault(r.table_name, set()).add(r.record_id)
    found: dict[tuple[str, int], str] = {}
    for table, ids in wanted.items():
        namer = RECORD_NAMERS.get(table)
        names = namer(session, ids) if namer else _names(session, table, ids)
        found.update({(table, i): n for i, n in names.items()})
    return found


_COLUMNS = (
    ChangeRecord.id, ChangeRecord.changed_at, ChangeRecord.changed_by, ChangeRecord.table_name,
    ChangeRecord.record_id, ChangeRecord.record_label, ChangeRecord.action, ChangeRecord.field,
    ChangeRecord.old_value, ChangeRecord.new_value,
)


def change_page(db: Database, query: ChangeQuery, cursor: int | None = None, limit: int = PAGE_SIZE) -> ChangePage:
    """One page of the change log, newest first, after entry `cursor` (from the previous page).

    Each filter is answered from an index in entry order, so a page costs the same however
    deep it is (see `_statements`). Plain rows, not ORM objects: the page is read in a worker
    thread while the window keeps drawing, so the less Python work the better.
    """
    c = ChangeRecord
    with db.unit_of_work() as session:
        bounds = _id_bounds(session, query)
        if bounds is None:
            return ChangePage((), None)
        statements = _statements(session, query, bounds, cursor, _COLUMNS)
        if len(statements) == 1:
            rows = session.execute(statements[0].limit(limit + 1)).all()
        else:  # an area: the newest of each table's newest, in one statement
            ids = _statements(session, query, bounds, cursor, (c.id,))
            newest = union_all(*(select(s.limit(limit + 1).subquery()) for s in ids)).subquery()
            top = select(newest.c.id).order_by(newest.c.id.desc()).limit(limit + 1)
            rows = session.execute(select(*_COLUMNS).where(c.id.in_(top)).order_by(c.id.desc())).all()
        more = len(rows) > limit
        rows = rows[:limit]
        labels = _labels(session, rows)
        links = _link_names(session, rows)
    dtos = tuple(
        ChangeDTO(
            r.id, r.changed_at, r.changed_by, r.table_name, r.record_id,
            r.record_label or labels.get((r.table_name, r.record_id), ""),
            r.action, r.field, r.old_value, r.new_value,
            links.get((r.table_name, r.field, r.old_value), ""), links.get((r.table_name, r.field, r.new_value), ""),
        )
        for r in rows
    )
    return ChangePage(dtos, rows[-1].id if more and rows else None)


def _link_names(session, rows) -> dict[tuple[str, str, str], str]:
    """Names of the records that changed links point at, one query per linked table."""
    wanted: dict[str, set[int]] = {}
    keys: list[tuple[str, str, str, str]] = []
    for r in rows:
        target = _link_target(r.table_name, r.field)
        if target is None:
            continue
        for value in (r.old_value, r.new_value):
            if value and value.isdigit():
                wanted.setdefault(target, set()).add(int(value))
                keys.append((r.table_name, r.field, value, target))
    names: dict[str, dict[int, str]] = {}
    for target, ids in wanted.items():
        namer = RECORD_NAMERS.get(target)
        names[target] = namer(session, ids) if namer else _names(session, target, ids)
    return {(table, field, value): names[target].get(int(value), "") for table, field, value, target in keys}


COUNT_CAP = 100_000


def count_changes(db: Database, query: ChangeQuery, cap: int = COUNT_CAP) -> int:
    """How many changes the query selects, counted up to `cap` (more counts as cap + 1)."""
    with db.unit_of_work() as session:
        bounds = _id_bounds(session, query)
        if bounds is None:
            return 0
        total = 0
        for statement in _statements(session, query, bounds, None, (ChangeRecord.id,)):
            inner = statement.order_by(None).limit(cap - total + 1).subquery()
            total += session.scalar(select(func.count()).select_from(inner)) or 0
            if total > cap:
                break
        return min(total, cap + 1)


def iter_changes(db: Database, query: ChangeQuery, batch: int = 2000):
    """Every change the query selects, newest first, a batch at a time (for exports)."""
    cursor = None
    while True:
        page = change_page(db, query, cursor, batch)
        yield from page.rows
        if page.cursor is None:
            return
        cursor = page.cursor


def people(db: Database) -> list[str]:
    """Everyone who has changed anything, by name."""
    with db.unit_of_work() as session:
        return sorted(session.scalars(select(ChangeRecord.changed_by).distinct()), key=str.casefold)


def describe(query: ChangeQuery, record_name: str = "") -> str:
    """The filter in words, for titles: 'from 01/04/2024 to 30/06/2024, Audits, by jsmith'."""
    parts = []
    if query.date_from and query.date_to:
        parts.append(f"from {query.date_from:%d/%m/%Y} to {query.date_to:%d/%m/%Y}")
    elif query.date_from:
        parts.append(f"from {query.date_from:%d/%m/%Y}")
    elif query.date_to:
        parts.append(f"up to {query.date_to:%d/%m/%Y}")
    if query.record:
        parts.append(f"{table_label(query.record[0])}: {record_name or '#' + str(query.record[1])}")
    elif query.area:
        parts.append(area_label(query.area))
    if query.person:
        parts.append(f"by {query.person}")
    if query.search.strip():
        parts.append(f"containing '{query.search.strip()}'")
    return ", ".join(parts) or "every change"


# ---------------------------------------------------------------- names of records without one


def _join_names(session, sql: str, ids: set[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        chunk = id_list[start:start + 500]
        marks = ", ".join(str(int(i)) for i in chunk)
        for record_id, name in session.execute(text(sql.format(ids=marks))):
            out[int(record_id)] = "" if name is None else str(name)
    return out


def _namer(sql: str):
    return lambda session, ids: _join_names(session, sql, ids)


#: Readable names for tables whose rows have no name of their own. Each query takes the ids
#: (integers) in `{ids}` and returns (id, name).
RECORD_NAMERS = {
    "membership": _namer(
        "SELECT m.id, p.name || ' in ' || g.name FROM membership m JOIN person p ON p.id = m.person_id "
        "JOIN partnership_group g ON g.id = m.group_id WHERE m.id IN ({ids})"
    ),
    "confidentiality_agreement": _namer(
        "SELECT a.id, 'Agreement of ' || p.name FROM confidentiality_agreement a JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})"
    ),
    "attendance": _namer(
        "SELECT a.id, COALESCE(p.name, a.name) || ' at ' || m.title || ' (' || strftime('%d/%m/%Y', m.starts_at) || ')' "
        "FROM attendance a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})"
    ),
    "action_update": _namer(
        "SELECT u.id, 'Update to: ' || substr(a.description, 1, 80) FROM action_update u "
        "JOIN action a ON a.id = u.action_id WHERE u.id IN ({ids})"
    ),
    "case_review_agency": _namer(
        "SELECT x.id, o.name || ' on ' || c.reference FROM case_review_agency x JOIN organisation o "
        "ON o.id = x.organisation_id JOIN case_review c ON c.id = x.case_review_id WHERE x.id IN ({ids})"
    ),
    "s11_agency": _namer(
        "SELECT a.id, o.name || ' in Section 11 ' || c.name FROM s11_agency a JOIN organisation o "
        "ON o.id = a.organisation_id JOIN s11_cycle c ON c.id = a.cycle_id WHERE a.id IN ({ids})"
    ),
    "s11_rating": _namer(
        "SELECT r.id, o.name || ': standard ' || s.number || ' (' || c.name || ')' FROM s11_rating r "
        "JOIN s11_agency a ON a.id = r.s11_agency_id JOIN organisation o ON o.id = a.organisation_id "
        "JOIN s11_standard s ON s.id = r.standard_id JOIN s11_cycle c ON c.id = a.cycle_id WHERE r.id IN ({ids})"
    ),
    "audit_return": _namer(
        "SELECT r.id, o.name || ' return for ' || c.alias || ' (' || a.reference || '-C' || c.number || ')' "
        "FROM audit_return r JOIN organisation o ON o.id = r.organisation_id JOIN audit_case c "
        "ON c.id = r.audit_case_id JOIN case_audit a ON a.id = c.audit_id WHERE r.id IN ({ids})"
    ),
    "case_audit_meeting": _namer(
        "SELECT x.id, a.reference || ' at ' || m.title || ' (' || strftime('%d/%m/%Y', m.starts_at) || ')' "
        "FROM case_audit_meeting x JOIN case_audit a ON a.id = x.audit_id JOIN meeting m ON m.id = x.meeting_id "
        "WHERE x.id IN ({ids})"
    ),
}
