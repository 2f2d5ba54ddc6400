"""How the change history names what it shows: tables ("Case review"), what was done
("Changed"), fields, and the records an entry is about or links to (by their own name column,
or by a query for tables whose rows have no name). Stored values as people read them are
`history_values.py`.

A new area adds its tables to `TABLE_LABELS`, fields holding a vocabulary's codes to
`history_values.VALUE_LABELS`, and a query to `RECORD_NAMERS` for a table whose rows have no
name (or one that cannot tell them apart: `NAMED_IN_CONTEXT`).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import select, text

from bscp_desktop.db.base import Base
from bscp_desktop.db.history import LABEL_COLUMNS
from bscp_desktop.db.models import load_all
from bscp_desktop.db.roles import CASE_TABLES
from bscp_desktop.domain.search import fold, matches_text, whole_word
from bscp_desktop.domain.text import first_line
from bscp_desktop.services import access
from bscp_desktop.services.actions import NOT_OPEN
from bscp_desktop.services.history_values import FIELD_WORDS, ISO_DATE, section_title, year_text
from bscp_desktop.services.history_values import VALUE_LABELS as VALUE_LABELS  # as the change log's search and others read them
from bscp_desktop.services.history_values import value_text as value_text

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
_NAME_COLUMNS = ("name", "title", "reference", "alias", "key", "delegate_name")


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table) or table.replace("_", " ").capitalize()


#: Fields whose name read as words would not say it as the window does.
FIELD_LABELS = {
    ("case_review", "crg_recommendation"): "CRG recommendation",
    ("case_review", "lcspr_commissioned"): "LCSPR commissioned",
    # the delegate's email address (or name, without one) a later import finds the booking by
    ("training_booking", "delegate_key"): "Delegate matched by",
    ("training_evaluation", "delegate_key"): "Delegate matched by",
    # as the Training tab's dialogs head them, with the unit where the value is a number of minutes
    ("training_course", "length_minutes"): "Length (minutes)",
    ("training_booking", "non_attendance_reason"): "Reason for not attending",
    ("training_score", "outcome_number"): "Learning outcome number (0 is overall confidence)",
    # as the Meetings tab heads them (a chair, an owner or a deputy chosen from the people is
    # named by the role alone: `field_label` drops "person")
    ("agenda_item", "minutes_allotted"): "Time allowed (minutes)",
    ("standing_item_template", "minutes_allotted"): "Time allowed (minutes)",
    ("meeting", "minute_taker_person_id"): "Minute-taker",
    ("action", "owner_organisation_id"): "Owning organisation",
    ("decision", "owner_organisation_id"): "Owning organisation",
    # as the Audits tab heads them
    ("s11_rating", "s11_agency_id"): "Agency", ("s11_rating", "self_rating"): "Agency's own rating",
    ("action", "s11_rating_id"): "Section 11 rating",
    # as the Memberships tab heads them: a seat's organisation is the one it represents (the
    # person's own is on the person), an organisation is part of another, a group reports to one
    ("membership", "organisation_id"): "Representing",
    ("organisation", "parent_id"): "Part of",
    ("partnership_group", "parent_id"): "Reports to",
    ("partnership_group", "frequency"): "Usual frequency",
}


@functools.cache
def link_target(table: str, field: str) -> str | None:
    """The table a column links to (`organisation` for `owner_organisation_id`), if any."""
    load_all()
    columns = Base.metadata.tables.get(table)
    if columns is None or field not in columns.c:
        return None
    keys = list(columns.c[field].foreign_keys)
    return keys[0].column.table.name if keys else None


def field_label(field: str, table: str = "") -> str:
    if (table, field) in FIELD_WORDS:
        return FIELD_WORDS[(table, field)][0]
    if (table, field) in FIELD_LABELS:
        return FIELD_LABELS[(table, field)]
    if table == "setting":  # a setting's name: 'case_reviews.themes' -> 'Case reviews: themes'
        return ": ".join(part.replace("_", " ") for part in field.split(".")).capitalize()
    if field.endswith("_person_id"):  # owner_person_id: the person chosen is the Owner
        field = field.removesuffix("_person_id")
    if field.endswith("_id"):
        field = field[:-3]
    if field == "archived_at":
        return "Archived"
    return field.replace("_", " ").capitalize()


def column_names(session, table_name: str, ids: set[int]) -> dict[int, str]:
    """Current names of the given records of one table from their own name column (one query
    per table, not per row)."""
    load_all()
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


def names_missing(session, rows) -> dict[tuple[str, int], str]:
    """Readable names for records whose entries carry none (links such as memberships or
    ratings), and for those whose saved name tells too little (`NAMED_IN_CONTEXT`: the change
    log prefers these to it), looked up once per table for the whole page."""
    wanted: dict[str, set[int]] = {}
    for r in rows:
        if (not r.record_label or r.table_name in NAMED_IN_CONTEXT) and r.record_id:
            wanted.setdefault(r.table_name, set()).add(r.record_id)
    found: dict[tuple[str, int], str] = {}
    labelled = {(r.table_name, r.record_id) for r in rows if r.record_label}  # kept for one the login may not open
    for table, ids in wanted.items():
        names = record_names(session, table, ids)
        found.update({(table, i): n for i, n in names.items() if n != NOT_OPEN or (table, i) not in labelled})
    return found


def link_names(session, rows) -> dict[tuple[str, str, str], str]:
    """Names of the records that changed links point at, one query per linked table."""
    wanted: dict[str, set[int]] = {}
    keys: list[tuple[str, str, str, str]] = []
    for r in rows:
        target = link_target(r.table_name, r.field)
        if target is None:
            continue
        for value in (r.old_value, r.new_value):
            if value and value.isdigit():
                wanted.setdefault(target, set()).add(int(value))
                keys.append((r.table_name, r.field, value, target))
    names: dict[str, dict[int, str]] = {}
    for target, ids in wanted.items():
        names[target] = record_names(session, target, ids)
    return {(table, field, value): names[target].get(int(value), "") for table, field, value, target in keys}


# ---------------------------------------------------------------- names of records without one


@dataclass(frozen=True)
class Unnamed:
    """Every record of `table` with no name of its own (its name columns, `LABEL_COLUMNS`,
    empty): given to a namer as its ids, the names of them all, in one query."""

    table: str

    def sql(self) -> str:
        load_all()
        columns = [c for c in LABEL_COLUMNS if c in Base.metadata.tables[self.table].c]
        empty = " AND ".join(f"COALESCE(TRIM(\"{c}\"), '') = ''" for c in columns)
        return f"SELECT id FROM \"{self.table}\"" + (f" WHERE {empty}" if empty else "")


def _rows(session, sql: str, ids: set[int] | Unnamed):
    """The rows of `sql` for the ids (in `{ids}`), 500 at a time; for `Unnamed`, all at once."""
    if isinstance(ids, Unnamed):
        yield from session.execute(text(sql.format(ids=ids.sql())))
        return
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        marks = ", ".join(str(int(i)) for i in id_list[start:start + 500])
        yield from session.execute(text(sql.format(ids=marks)))


def _day(value) -> str:
    """A meeting's start as dd/mm/yyyy, as the server gives it back: a datetime (PostgreSQL) or
    its stored text (SQLite); the day is formatted here, as SQL spells it differently on each."""
    day = str(value)[:10]
    return f"{day[8:10]}/{day[5:7]}/{day[:4]}" if ISO_DATE.match(day) else str(value or "")


@dataclass(frozen=True)
class _Namer:
    """Names of a table's records: `sql` gives (id, name), or (id, part, ...) and `words(part,
    ...)` says the name made in Python; `tables`, those it reads (a login may not read them all)."""

    sql: str
    words: Callable[..., str] | None = None

    def __call__(self, session, ids: set[int] | Unnamed) -> dict[int, str]:
        words = self.words or (lambda name: "" if name is None else str(name))
        return {int(row[0]): words(*row[1:]) for row in _rows(session, self.sql, ids)}

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", self.sql))


def _at(title, starts) -> str:
    """A meeting or training session by its title and day: 'Executive Group meeting (26/07/2023)'."""
    return f"{title} ({_day(starts)})"


def _dated_namer(sql: str, words: Callable[[str, str], str]):
    """Names of records tied to a meeting or a training session: `sql` gives (id, what, its
    title, its start)."""
    return _Namer(sql, lambda what, title, starts: words(str(what or ""), _at(title, starts)))


def _said(noun: str) -> Callable[[str, object, str], str]:
    """A decision or action by what it says, shortened; one under a confidential agenda item by
    that item, as outputs leave its words out (`services.history.confidential_records`)."""
    return lambda said, secret, item: f"{noun} under the confidential item '{item}'" if secret else first_line(said, 60)


def _year_namer(sql: str, words: Callable[[str, str], str]):
    """Names of records of a financial year: `sql` gives (id, what, the year's start year)."""
    return _Namer(sql, lambda what, start: words(str(what or ""), year_text(start)))


#: Readable names for tables whose rows have no name of their own. Each query takes the ids
#: (integers) in `{ids}` and returns (id, name).
RECORD_NAMERS = {
    "financial_year": _year_namer("SELECT id, '', start_year FROM financial_year WHERE id IN ({ids})",
                                  lambda _what, year: year),
    "budget": _year_namer(
        "SELECT b.id, c.name, y.start_year FROM budget b JOIN expense_category c ON c.id = b.category_id "
        "JOIN financial_year y ON y.id = b.financial_year_id WHERE b.id IN ({ids})",
        lambda category, year: f"{category} budget for {year}"),
    "contribution": _year_namer(
        "SELECT x.id, o.name, y.start_year FROM contribution x JOIN organisation o ON o.id = x.organisation_id "
        "JOIN financial_year y ON y.id = x.financial_year_id WHERE x.id IN ({ids})",
        lambda who, year: f"{who}'s contribution for {year}"),
    "contribution_payment": _year_namer(
        "SELECT p.id, o.name, y.start_year FROM contribution_payment p JOIN contribution x ON x.id = p.contribution_id "
        "JOIN organisation o ON o.id = x.organisation_id JOIN financial_year y ON y.id = x.financial_year_id "
        "WHERE p.id IN ({ids})", lambda who, year: f"Payment from {who} for {year}"),
    "training_session": _dated_namer(
        "SELECT s.id, '', c.title, s.starts_at FROM training_session s JOIN training_course c ON c.id = s.course_id "
        "WHERE s.id IN ({ids})", lambda _who, session: session),
    "training_booking": _dated_namer(
        "SELECT b.id, b.delegate_name, c.title, s.starts_at FROM training_booking b JOIN training_session s "
        "ON s.id = b.session_id JOIN training_course c ON c.id = s.course_id WHERE b.id IN ({ids})",
        lambda who, session: f"{who} on {session}"),
    "training_evaluation": _dated_namer(
        "SELECT e.id, e.delegate_name, c.title, s.starts_at FROM training_evaluation e JOIN training_session s "
        "ON s.id = e.session_id JOIN training_course c ON c.id = s.course_id WHERE e.id IN ({ids})",
        lambda who, session: f"Evaluation by {who or 'a delegate'} of {session}"),
    "membership": _Namer(
        "SELECT m.id, p.name || ' in ' || g.name FROM membership m JOIN person p ON p.id = m.person_id "
        "JOIN partnership_group g ON g.id = m.group_id WHERE m.id IN ({ids})"
    ),
    "confidentiality_agreement": _Namer(
        "SELECT a.id, 'Agreement of ' || p.name FROM confidentiality_agreement a JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})"
    ),
    "attendance": _dated_namer(
        "SELECT a.id, COALESCE(p.name, a.name), m.title, m.starts_at "
        "FROM attendance a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})", lambda who, meeting: f"{who} at {meeting}",
    ),
    "action_update": _Namer(
        "SELECT u.id, 'Update to: ' || substr(a.description, 1, 80) FROM action_update u "
        "JOIN action a ON a.id = u.action_id WHERE u.id IN ({ids})"
    ),
    "recommendation": _Namer(
        "SELECT r.id, c.reference || ' recommendation ' || r.number FROM recommendation r JOIN case_review c "
        "ON c.id = r.case_review_id WHERE r.id IN ({ids})"),
    "case_audit": _Namer(  # as the action log names it: two audits may share a title
        "SELECT id, reference || ' (' || title || ')' FROM case_audit WHERE id IN ({ids})"),
    "audit_recommendation": _Namer(
        "SELECT r.id, a.reference || ' recommendation ' || r.number FROM audit_recommendation r JOIN case_audit a "
        "ON a.id = r.audit_id WHERE r.id IN ({ids})"),
    "case_review_agency": _Namer(
        "SELECT x.id, o.name || ' on ' || c.reference FROM case_review_agency x JOIN organisation o "
        "ON o.id = x.organisation_id JOIN case_review c ON c.id = x.case_review_id WHERE x.id IN ({ids})"),
    "s11_agency": _Namer(
        "SELECT a.id, o.name || ' in Section 11 ' || c.name FROM s11_agency a JOIN organisation o "
        "ON o.id = a.organisation_id JOIN s11_cycle c ON c.id = a.cycle_id WHERE a.id IN ({ids})"),
    "s11_rating": _Namer(
        "SELECT r.id, o.name || ': standard ' || s.number || ' (' || c.name || ')' FROM s11_rating r "
        "JOIN s11_agency a ON a.id = r.s11_agency_id JOIN organisation o ON o.id = a.organisation_id "
        "JOIN s11_standard s ON s.id = r.standard_id JOIN s11_cycle c ON c.id = a.cycle_id WHERE r.id IN ({ids})"),
    "audit_case": _Namer("SELECT c.id, a.reference || '-C' || c.number || ' (' || c.alias || ')' FROM audit_case c "
                         "JOIN case_audit a ON a.id = c.audit_id WHERE c.id IN ({ids})"),  # `samples.case_reference`
    "audit_learning": _Namer("SELECT x.id, a.reference, x.text FROM audit_learning x JOIN case_audit a "
                             "ON a.id = x.audit_id WHERE x.id IN ({ids})",
                             lambda audit, said: f"{first_line(said, 60)} ({audit})"),
    "audit_return": _Namer(
        "SELECT r.id, o.name || ' return for ' || c.alias || ' (' || a.reference || '-C' || c.number || ')' "
        "FROM audit_return r JOIN organisation o ON o.id = r.organisation_id JOIN audit_case c "
        "ON c.id = r.audit_case_id JOIN case_audit a ON a.id = c.audit_id WHERE r.id IN ({ids})"),
    "yearly_report_section": _Namer(
        "SELECT s.id, s.key, r.title FROM yearly_report_section s JOIN yearly_report r ON r.id = s.report_id "
        "WHERE s.id IN ({ids})", lambda key, report: f"{section_title(key)} in {report}"),
    "case_audit_meeting": _dated_namer(
        "SELECT x.id, a.reference, m.title, m.starts_at "
        "FROM case_audit_meeting x JOIN case_audit a ON a.id = x.audit_id JOIN meeting m ON m.id = x.meeting_id "
        "WHERE x.id IN ({ids})", lambda audit, meeting: f"{audit} at {meeting}",
    ),
    "meeting": _dated_namer("SELECT id, '', title, starts_at FROM meeting WHERE id IN ({ids})", lambda _w, meeting: meeting),
    "agenda_item": _dated_namer(
        "SELECT i.id, i.title, m.title, m.starts_at FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id "
        "WHERE i.id IN ({ids})", lambda item, meeting: f"{item} at {meeting}"),
    "minutes_amendment": _dated_namer(
        "SELECT x.id, i.title, m.title, m.starts_at FROM minutes_amendment x JOIN meeting m ON m.id = x.meeting_id "
        "LEFT JOIN agenda_item i ON i.id = x.agenda_item_id WHERE x.id IN ({ids})",
        lambda item, meeting: f"{item} at {meeting}" if item else meeting),
    "decision": _Namer("SELECT d.id, d.text, i.confidential, i.title FROM decision d JOIN agenda_item i "
                       "ON i.id = d.agenda_item_id WHERE d.id IN ({ids})", _said("Decision")),
    "action": _Namer("SELECT a.id, a.description, i.confidential, i.title FROM action a LEFT JOIN agenda_item i "
                     "ON i.id = a.agenda_item_id WHERE a.id IN ({ids})", _said("Action")),
    "attendance_escalation": _Namer(
        "SELECT x.id, o.name, g.name, x.raised_on FROM attendance_escalation x JOIN organisation o "
        "ON o.id = x.organisation_id LEFT JOIN partnership_group g ON g.id = x.group_id WHERE x.id IN ({ids})",
        lambda who, group, raised: f"{who}{f' at {group}' if group else ''}, raised {_day(raised)}"),
    "training_charge_rate": _Namer("SELECT id, financial_year FROM training_charge_rate WHERE id IN ({ids})", year_text),
    "training_score": _Namer(
        "SELECT x.id, x.outcome_number, e.delegate_name, c.title, s.starts_at FROM training_score x JOIN "
        "training_evaluation e ON e.id = x.evaluation_id JOIN training_session s ON s.id = e.session_id "
        "JOIN training_course c ON c.id = s.course_id WHERE x.id IN ({ids})",
        lambda number, who, title, starts: f"{who or 'A delegate'} on {_at(title, starts)}: "
                                           + (f"learning outcome {number}" if number else "overall confidence")),
}

#: Tables whose rows' own names (a meeting's or an agenda item's title, a delegate's name, a
#: section's key, an audited case's alias, a learning point's words), saved with each entry, do
#: not tell one record from another: the change log names them as `RECORD_NAMERS` does, with
#: the meeting, the session, the report or the audit.
NAMED_IN_CONTEXT = frozenset({"meeting", "agenda_item", "attendance", "training_booking", "training_evaluation",
                              "yearly_report_section", "audit_case", "audit_learning"})


def _closed(session, table: str) -> bool:
    """Whether the team database keeps from the login a table naming `table`'s records reads."""
    namer = RECORD_NAMERS.get(table)
    read = namer.tables if namer else {table}
    return any(not access.can_read_in(session, t) for t in sorted(read & CASE_TABLES))


def record_names(session, table: str, ids: set[int]) -> dict[int, str]:
    """Readable names of the given records of one table, one query for them all; each named as
    a record the login may not open (`actions.NOT_OPEN`, as the action log names its source)
    where the team database keeps what names it from them."""
    if _closed(session, table):
        return dict.fromkeys(ids, NOT_OPEN)
    namer = RECORD_NAMERS.get(table)
    return namer(session, ids) if namer else column_names(session, table, ids)


def records_named(session, terms: list[str], tables: Iterable[str] | None = None) -> dict[str, dict[str, set[int]]]:
    """{term: {table: ids}}: the records without a name of their own (`Unnamed`, of the tables
    with a `RECORD_NAMERS` query, or of those of `tables` that have one) whose name as the change
    log shows it ("Keith Makin in Executive Group") holds the term, by the program's one rule for
    searches (`domain.search.matches_text`). Their history entries carry no name, so a search of
    the history finds them through this."""
    from bscp_desktop.db.models import ChangeRecord

    found: dict[str, dict[str, set[int]]] = {}
    newest = session.execute(select(ChangeRecord.id, ChangeRecord.hash).order_by(ChangeRecord.id.desc()).limit(1))
    last = tuple(newest.first() or ())
    for table in [t for t in (RECORD_NAMERS if tables is None else tables) if t in RECORD_NAMERS and not _closed(session, t)]:
        names = _names_of_unnamed(session, table, last)
        for term in terms:
            for record_id in names.holding(term):
                found.setdefault(term, {}).setdefault(table, set()).add(record_id)
    return found


@dataclass(frozen=True)
class _Names:
    """The names of a table's records without one of their own, folded, one a line, as of the
    history's newest entry `last` (its number and hash: another history, a backup put back, has
    another)."""

    last: tuple
    ids: list[int]
    starts: list[int]  # where each name starts in `text`
    text: str

    @classmethod
    def read(cls, session, table: str, last: tuple) -> _Names:
        names = RECORD_NAMERS[table](session, Unnamed(table))
        folded = [fold(name).replace("\n", " ") for name in names.values()]
        starts = list(itertools.accumulate((len(name) + 1 for name in folded[:-1]), initial=0))
        return cls(last, list(names), starts, "\n".join(folded))

    def holding(self, term: str) -> list[int]:
        """The ids of the records whose name holds the term: each of its words starts a word of
        the name (is one, for a short word), every name read at once; a phrase's order then
        checked (`matches_text`)."""
        wanted = fold(term).replace("'", " ").split()
        places: set[int] | None = None
        for word in wanted:
            literal, ends = re.escape(word), r"(?![^\W_])" if whole_word(word) else ""
            found = re.finditer(rf"{literal}(?<![^\W_]{literal}){ends}", self.text)  # the word first: quicker
            hits = {bisect.bisect_right(self.starts, match.start()) - 1 for match in found}
            places = hits if places is None else places & hits
            if not places:
                return []
        chosen = sorted(places or ())
        if len(wanted) == 1:
            return [self.ids[at] for at in chosen]
        lines = self.text.split("\n")
        return [self.ids[at] for at in chosen if matches_text([term], lines[at])]


#: What `records_named` has read, by database and table: read again after any change, which
#: adds to the history (one query a table, not one a search, while nothing changes).
_NAMES_READ: dict[tuple[str, str], _Names] = {}


def _names_of_unnamed(session, table: str, last: tuple) -> _Names:
    key = (str(session.get_bind().url), table)
    kept = _NAMES_READ.get(key)
    if kept is None or kept.last != last:
        kept = _NAMES_READ[key] = _Names.read(session, table, last)
    return kept
