"""How bringing a meeting back names what it compares: a record by its kind and its name (a
register entry by its person), a field in plain words, and a value as people read it (a linked
record by its name, a code by its word, a date as dd/mm/yyyy).

Names are read from the offline copy's rows first (records made offline are only there) and
then from the team database (a record linked there since the copy was taken).
"""

from __future__ import annotations

from sqlalchemy.engine import Connection

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MinutesStatus, QuorumRule
from bscp_desktop.services.history_names import field_label, link_target, value_text
from bscp_desktop.services.offline import copying

#: Fields whose name as stored does not read as the window says it.
_FIELDS = {
    "starts_at": "Starts",
    "ends_at": "Ends",
    "minutes_status": "Minutes status",
    "minutes_circulated_on": "Minutes circulated on",
    "minutes_approved_on": "Minutes approved on",
    "minutes_approval_method": "How the minutes were approved",
    "minutes_approved_by": "Minutes approved by",
    "approved_at_meeting_id": "Minutes approved at",
    "approved_quorum_rule": "Quorum rule when approved",
    "approved_quorum": "Quorum when approved",
    "deputy_for_id": "Deputy for",
    "parent_id": "Part of",
    "evidence": "Evidence of impact",  # an action's or a decision's, as their dialogs say
}


def field_words(table: str, column: str) -> str:
    """'Chair' for chair_person_id, 'Deputy' for deputy_person_id, 'Minutes' for minutes."""
    if column in _FIELDS:
        return _FIELDS[column]
    text = field_label(column, table)
    return text[: -len(" person")] if text.endswith(" person") else text


def code_words(table: str, column: str, value: str) -> str:
    """A stored value as the window says it (a code by its word: `history_names.VALUE_LABELS`)."""
    return value_text(value, table, column)


class Names:
    """Names of the copied records, from the copy's rows and then the team database's."""

    def __init__(self, conn: Connection, rows: copying.Rows) -> None:
        self.conn, self.rows = conn, rows
        self._server: dict[tuple[str, int], dict | None] = {}

    def row(self, table: str, record_id: int) -> dict | None:
        found = self.rows.get(table, {}).get(record_id)
        if found is not None:
            return found
        key = (table, record_id)
        if key not in self._server:
            self._server[key] = copying.read_rows(self.conn, table, [record_id]).get(record_id)
        return self._server[key]

    def name(self, table: str, record_id: int | None) -> str:
        """A linked record by its name: a person, an organisation, a meeting as 'Group dd/mm/yyyy'."""
        if record_id is None:
            return ""
        row = self.row(table, record_id)
        if row is None:
            return f"{copying.NOUNS.get(table, table)} {record_id}"
        return self._own_name(table, row) or f"{copying.NOUNS.get(table, table)} {record_id}"

    def _own_name(self, table: str, row: dict) -> str:
        if table == "meeting":
            group = self.name("partnership_group", row.get("group_id"))
            starts = row.get("starts_at")
            day = format_date(starts.date() if hasattr(starts, "date") else starts) if starts else ""
            return f"{group} {day}".strip()
        if table == "attendance":
            return self.name("person", row["person_id"]) if row.get("person_id") else str(row.get("name") or "")
        if table in ("membership", "confidentiality_agreement"):
            return self.name("person", row.get("person_id"))
        if table == "agenda_item":
            return f"item {row.get('position')}. {row.get('title', '')}".strip()
        return copying.label_of(table, row).partition(": ")[2]

    def label(self, table: str, row: dict) -> str:
        """How a copied record is named to the officer: 'Register: Ann Lee', 'Agenda item 2:
        Child death overview', 'Meeting: Safeguarding Children Forum 14/03/2024'."""
        if table == "attendance":
            return f"Register: {self._own_name(table, row) or row.get('id')}"
        if table in ("meeting", "membership", "confidentiality_agreement"):
            name = self._own_name(table, row)
            if table == "membership" and row.get("group_id"):
                name += f" in {self.name('partnership_group', row['group_id'])}"
            return f"{copying.NOUNS[table]}: {name}" if name else copying.label_of(table, row)
        return copying.label_of(table, row)

    def value(self, table: str, column: str, text: str | None) -> str:
        """A stored value (as text) as people read it: a link by its record's name."""
        if not text:
            return ""
        target = link_target(table, column)
        if target is not None and text.isdigit():
            return self.name(target, int(text))
        return code_words(table, column, text)


def approval_words(names: Names, row: dict) -> str:
    """A meeting's minutes as one statement: 'Draft', 'Circulated on 20/03/2024', 'Approved on
    25/03/2024 by chair's action (Ann Lee); quorum 3, a number of members'."""
    try:
        status = MinutesStatus(row.get("minutes_status") or "draft")
    except ValueError:
        return str(row.get("minutes_status"))
    if status is MinutesStatus.DRAFT:
        return status.label
    if status is MinutesStatus.CIRCULATED:
        on = row.get("minutes_circulated_on")
        return f"Circulated on {format_date(on)}" if on else status.label
    text = f"Approved on {format_date(row.get('minutes_approved_on'))}"
    method = code_words("meeting", "minutes_approval_method", str(row.get("minutes_approval_method") or ""))
    if row.get("approved_at_meeting_id"):
        text += f" at the meeting of {names.name('meeting', row['approved_at_meeting_id'])}"
    elif method:
        text += f", {method[:1].lower()}{method[1:]}"
    if row.get("minutes_approved_by"):
        text += f" ({row['minutes_approved_by']})"
    rule, number = row.get("approved_quorum_rule") or "", row.get("approved_quorum")
    if rule == QuorumRule.STATUTORY_PARTNERS.value:
        text += "; quorum: each of the three safeguarding partners represented"
    elif number:
        text += f"; quorum: {number} members"
    return text
