"""Whether the change log's search finds a change by what an output shows of it.

An output of the change log leaves some words out (a confidential agenda item's minutes, the
text of a decision under it: `jobs.history.confidential_mask`). A change the search found only
by such words would tell whoever reads the file that the hidden words hold what was searched
for, so an output asks `found_as_shown` of each change it hides words of, and leaves out one
the search no longer finds. The window's change log, read by the officer, lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from bscp_desktop.db.database import Database
from bscp_desktop.services.history import ChangeDTO, ChangeQuery, _fields_found


def found_as_shown(db: Database, query: ChangeQuery) -> Callable[[ChangeDTO], bool]:
    """For a change as an output shows it (its name and values, some perhaps left out): whether
    the query's search finds it by what is shown, by the rule the change log's search follows
    (each word in its record's name, field, values or author). Always true without a search."""
    with db.unit_of_work() as session:
        finds = _fields_found(session, query)
    if finds is None:
        return lambda _change: True

    def found(c: ChangeDTO) -> bool:
        return finds(SimpleNamespace(
            record_label=c.record_name, field=c.field, old_value=c.old_value, new_value=c.new_value,
            changed_by=c.changed_by, record_id=c.record_id, table_name=c.table_name, action=c.action,
        ))

    return found
