"""How the change history names what it shows: tables ("Case review"), what was done
("Changed"), fields, stored values as people read them, and the records an entry is about or
links to (by their own name column, or by a query for tables whose rows have no name).

A new area adds its tables to `TABLE_LABELS`, fields holding a vocabulary's codes to
`VALUE_LABELS`, and a query to `RECORD_NAMERS` for a table whose rows have no name.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select, text

from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all
from bscp_desktop.db.money import Pence
from bscp_desktop.domain import case_reviews as cases
from bscp_desktop.domain import finance, training
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AuditStatus, Grading, MeetingRole, SharedVia
from bscp_desktop.domain.case_reviews import AgeBand
from bscp_desktop.domain.meetings import ApprovalMethod, AttendanceStatus, ItemKind, MeetingKind, MeetingStatus, MinutesStatus, QuorumRule
from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.section11 import Rating, RatingScale

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


_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$")


_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


#: Fields holding one of a vocabulary's codes, shown by the word the window uses for it.
VALUE_LABELS: dict[tuple[str, str], type[enum.Enum]] = {
    ("action", "status"): ActionStatus,
    ("s11_rating", "self_rating"): Rating,
    ("s11_rating", "moderated_rating"): Rating,
    ("s11_cycle", "rating_scale"): RatingScale,
    ("case_audit", "status"): AuditStatus,
    ("audit_case", "agreed_grading"): Grading,
    ("audit_case", "age_band"): AgeBand,
    ("audit_return", "grading"): Grading,
    ("audit_learning", "shared_via"): SharedVia,
    ("case_audit_meeting", "role"): MeetingRole,
    ("partnership_group", "quorum_rule"): QuorumRule,
    ("meeting", "approved_quorum_rule"): QuorumRule,
    ("meeting", "kind"): MeetingKind,
    ("meeting", "status"): MeetingStatus,
    ("meeting", "minutes_status"): MinutesStatus,
    ("meeting", "minutes_approval_method"): ApprovalMethod,
    ("agenda_item", "kind"): ItemKind,
    ("attendance", "status"): AttendanceStatus,
    ("attendance", "role"): Role,
    ("membership", "role"): Role,
    ("case_review", "age_band"): AgeBand,
    ("case_review", "sex"): cases.Sex,
    ("case_review", "incident_type"): cases.IncidentType,
    ("case_review", "harm"): cases.Harm,
    ("case_review", "outcome"): cases.Outcome,
    ("case_review", "crg_recommendation"): cases.Decision,
    ("case_review", "decision"): cases.Decision,
    ("case_review", "panel_view"): cases.PanelView,
    ("training_course", "audience"): training.Audience,
    ("training_course", "format"): training.CourseFormat,
    ("training_course", "facilitator"): training.Facilitator,
    ("training_booking", "outcome"): training.Outcome,
    ("contribution", "kind"): finance.ContributionKind,
    ("contribution", "contributor_class"): finance.ContributorClass,
}

#: Fields whose name read as words would not say it as the window does.
FIELD_LABELS = {
    ("case_review", "crg_recommendation"): "CRG recommendation",
    ("case_review", "lcspr_commissioned"): "LCSPR commissioned",
    ("training_booking", "delegate_key"): "Delegate (as matched)",
    ("training_evaluation", "delegate_key"): "Delegate (as matched)",
}


@functools.cache
def _is_money(table: str, field: str) -> bool:
    """True for a column holding an amount of money (stored in pence, recorded as pounds)."""
    load_all()
    columns = Base.metadata.tables.get(table)
    return columns is not None and field in columns.c and isinstance(columns.c[field].type, Pence)


#: Fields whose stored values are the program's own working (a yearly report section's figures
#: as built, kept as data, and a check of them): what they are, said in words.
FIELD_WORDS = {
    ("yearly_report_section", "data"): ("Figures built from the records", "the figures as built then"),
    ("yearly_report_section", "fingerprint"): ("Check of the figures", "the check of the figures then"),
}


#: Fields holding a financial year as its starting year (2022 is 2022/23).
YEAR_FIELDS = {("training_charge_rate", "financial_year")}


def value_text(value: str | None, table: str = "", field: str = "") -> str:
    """A stored old or new value as people read it: a vocabulary's code by its word ("Returns
    in"), dates as dd/mm/yyyy, other codes such as in_progress as words, the program's own
    working (`FIELD_WORDS`) in words, the rest as stored."""
    if not value:
        return ""
    if (table, field) in FIELD_WORDS:
        return FIELD_WORDS[(table, field)][1]
    if table == "setting":
        return _setting_text(value, field)
    if (table, field) in YEAR_FIELDS:
        return year_text(value)
    if table and _is_money(table, field):
        try:
            return format_money(Decimal(value))
        except (ArithmeticError, ValueError):
            return value
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


def _setting_text(value: str, key: str = "") -> str:
    """A setting's stored value (JSON) as people read it: text as it is, a list one item after
    another, a list of entries (closure days) each as its values ("29/12/2026 Christmas
    closure"), the case reviews' deadline rules each as its label and time ("Serious incident
    notification: 5 working days after ..."); anything else as stored."""
    try:
        decoded = json.loads(value)
    except ValueError:
        return value
    if isinstance(decoded, bool):
        return "yes" if decoded else "no"
    if isinstance(decoded, str | int | float):
        return str(decoded)
    if isinstance(decoded, list) and all(isinstance(v, str | int | float) for v in decoded):
        return "; ".join(map(str, decoded))
    if isinstance(decoded, list) and all(isinstance(v, dict) for v in decoded):
        return "; ".join(" ".join(value_text(str(v)) for v in entry.values() if v not in (None, "")) for entry in decoded)
    if key == "case_reviews.deadline_rules" and isinstance(decoded, dict):
        from bscp_desktop.domain.deadlines import UNITS, rules_from_dict

        try:
            rules = rules_from_dict(decoded)
        except ValueError:
            return value
        labels = {r.key: r.label for r in rules}

        def anchor(part: str) -> str:  # a stage ("became aware"), or another rule's due date
            return f"'{labels.get(part[4:], part[4:])}' is due" if part.startswith("due:") else part.replace("_", " ")

        return "; ".join(f"{r.label}: {r.amount} {UNITS[r.unit][r.amount != 1]} {'after' if r.direction == 1 else 'before'} "
                         + " or ".join(map(anchor, r.anchor_parts)) for r in rules)
    return value


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


# ---------------------------------------------------------------- names of records without one


def _rows(session, sql: str, ids: set[int]):
    """The rows of `sql` for the ids (in `{ids}`), 500 at a time."""
    id_list = sorted(ids)
    for start in range(0, len(id_list), 500):
        marks = ", ".join(str(int(i)) for i in id_list[start:start + 500])
        yield from session.execute(text(sql.format(ids=marks)))


def _join_names(session, sql: str, ids: set[int]) -> dict[int, str]:
    return {int(record_id): "" if name is None else str(name) for record_id, name in _rows(session, sql, ids)}


def _day(value) -> str:
    """A meeting's start as dd/mm/yyyy, as the server gives it back: a datetime (PostgreSQL) or
    its stored text (SQLite); the day is formatted here, as SQL spells it differently on each."""
    day = str(value)[:10]
    return f"{day[8:10]}/{day[5:7]}/{day[:4]}" if _ISO_DATE.match(day) else str(value or "")


def _meeting_namer(sql: str, words: Callable[[str, str], str]):
    """Names of records tied to a meeting: `sql` gives (id, what, meeting title, meeting start)."""
    return lambda session, ids: {
        int(record_id): words(str(what or ""), f"{title} ({_day(starts)})")
        for record_id, what, title, starts in _rows(session, sql, ids)}


def _namer(sql: str):
    return lambda session, ids: _join_names(session, sql, ids)


def year_text(start_year) -> str:
    """A financial year as people write it: 2024 -> '2024/25'."""
    try:
        return f"{int(start_year)}/{(int(start_year) + 1) % 100:02d}"
    except (TypeError, ValueError):
        return str(start_year or "")


def _year_namer(sql: str, words: Callable[[str, str], str]):
    """Names of records of a financial year: `sql` gives (id, what, the year's start year)."""
    return lambda session, ids: {
        int(record_id): words(str(what or ""), year_text(start)) for record_id, what, start in _rows(session, sql, ids)}


def _session_namer(sql: str, words: Callable[[str, str], str]):
    """Names of records of a training session: `sql` gives (id, who, course title, session start)."""
    return lambda session, ids: {
        int(record_id): words(str(who or ""), f"{title} ({_day(starts)})")
        for record_id, who, title, starts in _rows(session, sql, ids)}


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
    "training_session": _session_namer(
        "SELECT s.id, '', c.title, s.starts_at FROM training_session s JOIN training_course c ON c.id = s.course_id "
        "WHERE s.id IN ({ids})", lambda _who, session: session),
    "training_booking": _session_namer(
        "SELECT b.id, b.delegate_name, c.title, s.starts_at FROM training_booking b JOIN training_session s "
        "ON s.id = b.session_id JOIN training_course c ON c.id = s.course_id WHERE b.id IN ({ids})",
        lambda who, session: f"{who} on {session}"),
    "training_evaluation": _session_namer(
        "SELECT e.id, e.delegate_name, c.title, s.starts_at FROM training_evaluation e JOIN training_session s "
        "ON s.id = e.session_id JOIN training_course c ON c.id = s.course_id WHERE e.id IN ({ids})",
        lambda who, session: f"Evaluation by {who or 'a delegate'} of {session}"),
    "membership": _namer(
        "SELECT m.id, p.name || ' in ' || g.name FROM membership m JOIN person p ON p.id = m.person_id "
        "JOIN partnership_group g ON g.id = m.group_id WHERE m.id IN ({ids})"
    ),
    "confidentiality_agreement": _namer(
        "SELECT a.id, 'Agreement of ' || p.name FROM confidentiality_agreement a JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})"
    ),
    "attendance": _meeting_namer(
        "SELECT a.id, COALESCE(p.name, a.name), m.title, m.starts_at "
        "FROM attendance a JOIN meeting m ON m.id = a.meeting_id LEFT JOIN person p ON p.id = a.person_id "
        "WHERE a.id IN ({ids})", lambda who, meeting: f"{who} at {meeting}",
    ),
    "action_update": _namer(
        "SELECT u.id, 'Update to: ' || substr(a.description, 1, 80) FROM action_update u "
        "JOIN action a ON a.id = u.action_id WHERE u.id IN ({ids})"
    ),
    "recommendation": _namer(
        "SELECT r.id, c.reference || ' recommendation ' || r.number FROM recommendation r JOIN case_review c "
        "ON c.id = r.case_review_id WHERE r.id IN ({ids})"
    ),
    "audit_recommendation": _namer(
        "SELECT r.id, a.reference || ' recommendation ' || r.number FROM audit_recommendation r JOIN case_audit a "
        "ON a.id = r.audit_id WHERE r.id IN ({ids})"
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
    "yearly_report_section": lambda session, ids: {
        section_id: _section_title(text) for section_id, text in _join_names(
            session, "SELECT s.id, s.key || ' in ' || r.title FROM yearly_report_section s "
                     "JOIN yearly_report r ON r.id = s.report_id WHERE s.id IN ({ids})", ids).items()},
    "case_audit_meeting": _meeting_namer(
        "SELECT x.id, a.reference, m.title, m.starts_at "
        "FROM case_audit_meeting x JOIN case_audit a ON a.id = x.audit_id JOIN meeting m ON m.id = x.meeting_id "
        "WHERE x.id IN ({ids})", lambda audit, meeting: f"{audit} at {meeting}",
    ),
}


def _section_title(text: str) -> str:
    """'The partnership's activity in Yearly report 2023/24' from 'activity in ...' (a section's
    key as its title)."""
    from bscp_desktop.domain.yearly_report import section_spec

    key, _in, report = text.partition(" in ")
    try:
        return f"{section_spec(key).title} in {report}"
    except (KeyError, ValueError):
        return text


def record_names(session, table: str, ids: set[int]) -> dict[int, str]:
    """Readable names of the given records of one table, one query for them all."""
    namer = RECORD_NAMERS.get(table)
    return namer(session, ids) if namer else column_names(session, table, ids)
