"""How the change history shows a stored old or new value: a vocabulary's code by its word
("Returns in"), an amount as money, a financial year as 2024/25, a date as dd/mm/yyyy, a moment
the program records in UTC (when a record was archived) in this computer's local time, as the
change log's When column shows the moment of the change (`domain.validation.local_time`).
Each by its column's type in the models (`column_kind`): what was typed into a text field (a
job title `dsl_lead`, notes reading 2024-03-01) and a user's name are shown exactly as stored.

A new area adds fields holding a vocabulary's codes to `VALUE_LABELS` (any code they hold
outside it to `OTHER_VALUE_LABELS`), and a moment it records in UTC to `UTC_MOMENTS`.
"""

from __future__ import annotations

import enum
import functools
import json
import re
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Date, DateTime

from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all
from bscp_desktop.db.money import Pence
from bscp_desktop.domain import case_reviews as cases
from bscp_desktop.domain import finance, training
from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.audits import AuditStatus, Grading, MeetingRole, SharedVia
from bscp_desktop.domain.case_reviews import AgeBand
from bscp_desktop.domain.delegates import email_of_key
from bscp_desktop.domain.meetings import ApprovalMethod, AttendanceStatus, ItemKind, MeetingKind, MeetingStatus, MinutesStatus, QuorumRule
from bscp_desktop.domain.memberships import GUEST_ROLE, Frequency, OrganisationKind, Role
from bscp_desktop.domain.money import format_money
from bscp_desktop.domain.section11 import Rating, RatingScale
from bscp_desktop.domain.validation import local_time

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$")
_CODE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")


#: Fields holding a moment the program records in UTC (`db.base.utcnow`), beside every record's
#: `archived_at`: shown in this computer's local time. A meeting's or a training session's start
#: and end are kept as the clock showed them, and shown as stored.
UTC_MOMENTS = frozenset({
    ("yearly_report_section", "built_at"), ("meeting_offline", "taken_at"), ("meeting_offline", "ended_at"),
})


def in_utc(table: str, field: str) -> bool:
    """Whether a field holds a moment recorded in UTC (`UTC_MOMENTS`)."""
    return field == "archived_at" or (table, field) in UTC_MOMENTS


def moment_text(value: str, table: str = "", field: str = "") -> str:
    """A stored moment (2026-07-14 22:30:00) as dd/mm/yyyy HH:MM: one recorded in UTC (`in_utc`)
    in this computer's local time, as the change log's When column shows it."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:  # no moment (a 31st of February): as stored
        return value
    if in_utc(table, field):
        moment = local_time(moment)
    return f"{moment:%d/%m/%Y %H:%M}"


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
    ("organisation", "kind"): OrganisationKind,
    ("partnership_group", "frequency"): Frequency,
    ("partnership_group", "quorum_rule"): QuorumRule,
    ("meeting", "approved_quorum_rule"): QuorumRule,
    ("meeting", "kind"): MeetingKind,
    ("meeting", "status"): MeetingStatus,
    ("meeting", "minutes_status"): MinutesStatus,
    ("meeting", "minutes_approval_method"): ApprovalMethod,
    ("agenda_item", "kind"): ItemKind,
    ("standing_item_template", "kind"): ItemKind,
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

#: Codes a field holds outside its vocabulary (`db.base.choices(also=...)`), by the word the
#: window uses for them: a register's guest row, which the register lists as a Guest.
OTHER_VALUE_LABELS: dict[tuple[str, str], dict[str, str]] = {
    ("attendance", "role"): {GUEST_ROLE: "Guest"},
}


@functools.cache
def column_kind(table: str, field: str) -> str:
    """What a field's column holds, by its type in the models: "money" (pence, recorded as
    pounds), "date", "moment" (a date and time), "choice" (one of a vocabulary's codes:
    `db.base.choices`), or "" for anything else (text as typed, numbers, yes/no) and for a field
    the models do not have."""
    load_all()
    columns = Base.metadata.tables.get(table)
    if columns is None or field not in columns.c:
        return ""
    column = columns.c[field]
    if isinstance(column.type, Pence):
        return "money"
    if isinstance(column.type, DateTime):
        return "moment"
    if isinstance(column.type, Date):
        return "date"
    return "choice" if "choices" in column.info else ""


#: Fields whose stored values are the program's own working (a yearly report section's figures
#: as built, kept as data, and a check of them): what they are, said in words.
FIELD_WORDS = {
    ("yearly_report_section", "data"): ("Figures built from the records", "the figures as built then"),
    ("yearly_report_section", "fingerprint"): ("Check of the figures", "the check of the figures then"),
}


#: Fields holding a financial year as its starting year (2022 is 2022/23).
YEAR_FIELDS = {("training_charge_rate", "financial_year")}


#: The records a later import finds by their delegate's key (`domain.delegates.delegate_key`).
DELEGATE_KEYED = ("training_booking", "training_evaluation")


def value_text(value: str | None, table: str = "", field: str = "") -> str:
    """A stored old or new value as people read it, by what its column holds (`column_kind`): a
    vocabulary's code by its word ("Returns in", another code such as in_progress as words), a
    date as dd/mm/yyyy, a moment as dd/mm/yyyy HH:MM, money as pounds, the program's own working
    (`FIELD_WORDS`) in words, a yearly report section by its title; the rest (what was typed, a
    user's name) as stored."""
    if not value:
        return ""
    if (table, field) in FIELD_WORDS:
        return FIELD_WORDS[(table, field)][1]
    if table == "setting":
        return _setting_text(value, field)
    if (table, field) in YEAR_FIELDS:
        return year_text(value)
    if (table, field) == SECTION_KEY:
        return section_title(value)
    if field == "delegate_key" and table in DELEGATE_KEYED:  # the address (or the name, without one) matched by
        return email_of_key(value) or value.removeprefix("name:")
    kind = column_kind(table, field) if table else ""
    if kind == "money":
        try:
            return format_money(Decimal(value))
        except (ArithmeticError, ValueError):
            return value
    if kind == "choice":
        return _code_text(value, table, field)
    if kind == "date" and (match := ISO_DATE.match(value)):
        return f"{match[3]}/{match[2]}/{match[1]}"
    if kind == "moment" and _ISO_MOMENT.match(value):
        return moment_text(value, table, field)
    return value


def _code_text(value: str, table: str, field: str) -> str:
    """A code a field of choices holds, by the word the window uses for it; one outside its
    vocabulary as words (in_progress as "in progress")."""
    vocabulary = VALUE_LABELS.get((table, field))
    if vocabulary is not None:
        try:
            return vocabulary(value).label
        except ValueError:
            pass
    if (word := OTHER_VALUE_LABELS.get((table, field), {}).get(value)) is not None:
        return word
    return value.replace("_", " ") if _CODE.match(value) else value


#: The field naming a yearly report section by its key, shown by the section's title.
SECTION_KEY = ("yearly_report_section", "key")


def section_title(key: str) -> str:
    """A yearly report section's title ("The partnership's activity") from its key."""
    from bscp_desktop.domain.yearly_report import section_spec

    try:
        return section_spec(key).title
    except (KeyError, ValueError):
        return key


#: The values of a setting's entries (a closure day's) that hold a date, by their key.
_ENTRY_DATES = frozenset({"date"})


def _entry_text(key: str, value) -> str:
    """A value of a setting's entry as people read it: a date as dd/mm/yyyy, the rest as stored."""
    text = str(value)
    match = ISO_DATE.match(text) if key in _ENTRY_DATES else None
    return f"{match[3]}/{match[2]}/{match[1]}" if match else text


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
        return "; ".join(" ".join(_entry_text(k, v) for k, v in entry.items() if v not in (None, "")) for entry in decoded)
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


def year_text(start_year) -> str:
    """A financial year as people write it: 2024 -> '2024/25'."""
    try:
        return f"{int(start_year)}/{(int(start_year) + 1) % 100:02d}"
    except (TypeError, ValueError):
        return str(start_year or "")
