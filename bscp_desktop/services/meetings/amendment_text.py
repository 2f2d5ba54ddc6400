"""The old and new text of an amendment to approved minutes, as people read it: each field
by the label the change log gives it, each value as the change log shows it (a date as
dd/mm/yyyy, a code by its word, a linked record by its name), a register entry by its person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import Person
from bscp_desktop.db.models.meetings import Attendance
from bscp_desktop.services.history_names import field_label, link_target, record_names
from bscp_desktop.services.history_values import value_text

#: A value left empty, which the change log shows as an empty cell.
BLANK = "(blank)"


def changes_text(session: Session, table: str, changes: Mapping[str, object] | Mapping[int, object],
                 field: str = "") -> str:
    """{field: value} of a record of `table` as one line: 'Starts at: 01/02/2024 10:00; Place:
    (blank)'. With `field`, each key is a record of `table` by its id and each value that field's:
    {12: 'apologies', 13: 'present'} for `status` is 'Jane Smith: Apologies; Ali Khan: Present'
    (a register entry named by its person, a guest by the name written)."""
    pairs: Iterable[tuple[object, object]] = changes.items()
    if field:
        names = _record_names(session, table, {int(k) for k in changes})
        pairs = [(names.get(int(k)) or f"{table.replace('_', ' ')} {k}", value) for k, value in pairs]
    said = []
    for key, value in pairs:
        column = field or str(key)
        stored = as_text(value)
        target = link_target(table, column)
        if not stored:
            shown = BLANK
        elif target is not None and stored.isdigit():
            shown = record_names(session, target, {int(stored)}).get(int(stored)) or stored
        else:
            shown = value_text(stored, table, column) or BLANK
        said.append(f"{key if field else field_label(column, table)}: {shown}")
    return "; ".join(said)


def _record_names(session: Session, table: str, ids: set[int]) -> dict[int, str]:
    if table != "attendance":
        return record_names(session, table, ids)
    return dict(session.execute(  # as the register lists them, not 'Jane Smith at <meeting>'
        select(Attendance.id, func.coalesce(Person.name, Attendance.name))
        .outerjoin(Person, Person.id == Attendance.person_id).where(Attendance.id.in_(ids))).all())
