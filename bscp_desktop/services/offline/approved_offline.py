"""Minutes approved in the offline copy while what they record changed on the team database.

The people who approved the minutes in the copy approved what the copy held. Where the team
database changed what the minutes record after the copy was taken (an item's minutes, title,
presenter or place on the agenda, a decision, an action raised at the meeting, the register, the
meeting's details: what the window changes in approved minutes only by an amendment), that
approval would stand over words and decisions its approvers never saw. So it is not brought
back: the minutes stay as the team database has them (draft or circulated), everything else the
copy changed comes back, and the officer is told what changed meanwhile, to check the minutes
and approve them again. The amendments made in the copy after approving them are not brought
back either (there are no approved minutes on the team database to amend): the changes they
record are, as changes to minutes not yet approved, and each is named with its reason.

Minutes approved on the team database, before or after the copy was taken, are `compare`'s.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.history import as_text
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import MinutesStatus
from bscp_desktop.services.actions import MINUTED as ACTION_MINUTED
from bscp_desktop.services.meetings.agenda import _MINUTED_ITEM_FIELDS
from bscp_desktop.services.meetings.decisions import MINUTED as DECISION_MINUTED
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.compare import _FREE_MEETING_FIELDS, APPROVAL, Work, _since
from bscp_desktop.services.offline.marks import OfflineMarkDTO
from bscp_desktop.services.offline.naming import Names, field_words

#: The fields of a meeting's records that its minutes record (None: all of them), as the window
#: changes them in approved minutes only by an amendment; the meeting's own are all but
#: `_FREE_MEETING_FIELDS`.
_MINUTED: dict[str, tuple[str, ...] | None] = {
    "agenda_item": (*_MINUTED_ITEM_FIELDS, "minutes", "position", "archived_at"),
    "decision": (*DECISION_MINUTED, "archived_at"),
    "action": (*ACTION_MINUTED, "archived_at"),
    "attendance": None,
    "minutes_amendment": None,
}


@dataclass(frozen=True)
class ApprovalLeft:
    """The copy's approval of the minutes, not brought back."""

    approved: str  # dd/mm/yyyy: approved in the copy then
    status: str  # the minutes' status on the team database, kept: "draft", "circulated"
    changes: tuple[str, ...]  # what the team database changed in them meanwhile, named
    amendments: tuple[str, ...] = ()  # amendments made in the copy after approving them, not brought back

    def words(self, done: bool = False) -> str:
        """What bringing back does (or, `done`, did) with the approval, in one passage."""
        was = "was" if done else "is"
        text = (f" The minutes were approved in the offline copy on {self.approved}, but after the copy was taken "
                f"the team database changed what they record ({_some(self.changes)}), so that approval {was} not "
                f"brought back: the minutes stay {self.status} on the team database, and everything else the copy "
                f"changed {'came' if done else 'comes'} back.")
        if self.amendments:
            n = len(self.amendments)
            text += (f" Nor {was} the {'amendment' if n == 1 else f'{n} amendments'} made in the copy after approving "
                     f"them, as there are no approved minutes to amend ({_some(self.amendments)}); the changes "
                     f"{'it records' if n == 1 else 'they record'} {'were' if done else 'are'} brought back.")
        return text + " Check the minutes on the team database and approve them again."


def _some(names: tuple[str, ...]) -> str:
    listed = "; ".join(names[:8])
    return listed + (f" and {len(names) - 8} more" if len(names) > 8 else "")


def _minuted(table: str, column: str) -> bool:
    if table == "meeting":
        return column not in _FREE_MEETING_FIELDS
    fields = _MINUTED[table]
    return fields is None or column in fields


def changed_meanwhile(session: Session, origin: OfflineMarkDTO, base: dict, rows: copying.Rows,
                      work: Work) -> list[str]:
    """What the minutes of the meeting record that the team database changed after the copy was
    taken and the copy does not hold as it now stands there, by its history, named: 'Agenda item 2:
    Child death overview (minutes)', 'Decision: Refer the themes (added)'. A field changed there to
    what the copy holds, or a record added there and removed again, is no change to them."""
    meeting_id = origin.meeting_id
    conn = session.connection()
    ids: dict[str, set[int]] = {"meeting": {meeting_id}}
    for name in _MINUTED:
        t = copying.table(name)
        ids[name] = set(conn.execute(select(t.c.id).where(t.c.meeting_id == meeting_id)).scalars())
    wanted = [(name, found) for name, found in ids.items() if found]
    inserted: dict[tuple[str, int], bool] = {}
    changed: dict[tuple[str, int], dict[str, str | None]] = {}  # field -> what it held when the copy was taken
    for entry in session.execute(
        select(ChangeRecord.table_name, ChangeRecord.record_id, ChangeRecord.action, ChangeRecord.field,
               ChangeRecord.old_value)
        .where(_since(session, origin), ChangeRecord.table_name.in_([n for n, _ in wanted]))
        .order_by(ChangeRecord.id)
    ):
        key = (entry.table_name, entry.record_id)
        if entry.record_id not in ids[entry.table_name]:
            continue
        if entry.action == "insert":
            inserted[key] = True
        elif _minuted(entry.table_name, entry.field) and entry.field not in copying.skipped(entry.table_name):
            changed.setdefault(key, {}).setdefault(entry.field, entry.old_value)
    if not inserted and not changed:
        return []
    names = Names(conn, rows)
    copied = {(t, server): (t, mine) for t, found in work.same.items() for mine, server in found.items()}
    found: list[str] = []
    for key in sorted({*inserted, *changed}, key=lambda k: (list(ids).index(k[0]), k[1])):
        table, record_id = key
        there = copying.read_rows(conn, table, [record_id]).get(record_id)
        if there is None:
            continue
        mine_key = copied.get(key, key)
        mine = rows[table].get(mine_key[1]) if mine_key[1] in base.get(table, {}) or key in copied else None
        if key in inserted and mine is None:
            if there.get("archived_at") is None:
                found.append(f"{names.label(table, there)} (added)")
            continue
        differ = [c for c, was in changed.get(key, {}).items() if c in there and as_text(there[c]) != (
            as_text(mine[c]) if mine is not None and c in mine else was)]
        if differ:
            found.append(f"{names.label(table, there)} ({', '.join(field_words(table, c).lower() for c in differ)})")
    return found


def hold_back(session: Session, origin: OfflineMarkDTO, base: dict, rows: copying.Rows, work: Work) -> None:
    """Minutes approved in the copy, but not on the team database, whose record the team
    database changed after the copy was taken (`changed_meanwhile`): the copy's approval is not
    written (nor its conflict with the team database's status asked), the amendments made in the
    copy to them are not added, and `work.approval_left` says so."""
    meeting_id = origin.meeting_id
    now = rows["meeting"].get(meeting_id)
    there = copying.read_rows(session.connection(), "meeting", [meeting_id]).get(meeting_id)
    if (now is None or there is None or now.get("minutes_status") != MinutesStatus.APPROVED.value
            or there.get("minutes_status") == MinutesStatus.APPROVED.value):
        return
    changes = changed_meanwhile(session, origin, base, rows, work)
    if not changes:
        return
    for column in APPROVAL:
        work.updates.pop(("meeting", meeting_id, column), None)
    if work.approval is not None:
        work.conflicts[:] = [c for c in work.conflicts if c.key != work.approval]
        work.offline_values.pop(work.approval, None)
        work.units.discard(work.approval)
        work.approval, work.offline_approved = None, False
    made = work.new.get("minutes_amendment", [])
    amendments = [r for r in made if r.get("meeting_id") == meeting_id]
    if amendments:
        rest = [r for r in made if r.get("meeting_id") != meeting_id]
        if rest:
            work.new["minutes_amendment"] = rest
        else:
            del work.new["minutes_amendment"]
    status = "circulated" if there["minutes_status"] == MinutesStatus.CIRCULATED.value else "in draft"
    items = rows["agenda_item"]
    work.approval_left = ApprovalLeft(
        format_date(now.get("minutes_approved_on")), status, tuple(changes),
        tuple(f"of {copying.label_of('agenda_item', items[r['agenda_item_id']]) if r.get('agenda_item_id') in items else 'the meeting'}, "
              f"giving the reason “{r.get('reason') or ''}”" for r in amendments))
