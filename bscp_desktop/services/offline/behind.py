"""Amendments made in an offline copy to the approved minutes of a meeting other than the one
taken offline, left behind with the changes they record.

A copy holds an earlier meeting of the group to read, with its open actions; an earlier version
let the officer give such an action a new due date there, giving the reason, which made an
amendment to that earlier meeting's approved minutes in the copy (now refused as it is made:
`marks.refuse_amending_another_meeting`). Bringing back writes only the minutes of the meeting
taken offline, so such an amendment would keep the whole copy from coming back, for good:
nothing in the program removes it. Instead the amendment and what it records (the action's
description, owner or due date, or its being archived or restored; a decision's; an agenda
item's minutes; the register) are left behind, each named, and the rest comes back.

An amendment goes with the value it records: one made offline to the minutes of the meeting
taken offline whose change is not written, as the officer kept the team database's value
instead (an item's minutes, a decision), is left behind with it and named
(`left_with_their_values`), so the minutes never list a change that was not made.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from bscp_desktop.db.history import as_text
from bscp_desktop.services.actions import MINUTED as ACTION_MINUTED
from bscp_desktop.services.meetings.decisions import MINUTED as DECISION_MINUTED
from bscp_desktop.services.offline import copying
from bscp_desktop.services.offline.naming import Names, field_words

if TYPE_CHECKING:
    from bscp_desktop.services.offline.compare import Key, Work

#: What an amendment records of a record it names, by table (None: any of its fields).
_RECORDED = {"action": (*ACTION_MINUTED, "archived_at"), "decision": (*DECISION_MINUTED, "archived_at"),
             "agenda_item": None, "attendance": None}


def _recorded(amendment: dict, rows: copying.Rows) -> list[tuple[str, int]]:
    """The records of the amendment's meeting whose change it records, as the window makes
    amendments (`meetings.common.guard_approved`): a decision's names it; an item's minutes or
    an action raised under it names the item; the register names neither."""
    meeting_id, item, decision = amendment["meeting_id"], amendment.get("agenda_item_id"), amendment.get("decision_id")
    if decision is not None:
        return [("decision", decision)]
    if item is not None:
        return [("agenda_item", item), *(("action", i) for i, r in rows["action"].items()
                                         if r.get("meeting_id") == meeting_id and r.get("agenda_item_id") == item)]
    return [("attendance", i) for i, r in rows["attendance"].items() if r.get("meeting_id") == meeting_id]


def _changed(table: str, record_id: int, base: dict, rows: copying.Rows) -> list[str]:
    """The fields of a copied record changed in the copy that an amendment records."""
    was, now = base.get(table, {}).get(record_id), rows[table].get(record_id)
    if was is None or now is None:
        return []
    wanted = _RECORDED[table]
    return [c for c, v in was.items() if (wanted is None or c in wanted) and c in now and as_text(now[c]) != v]


def leave_behind(meeting_id: int, base: dict, rows: copying.Rows, work: Work, names: Names) -> None:
    """Take the amendments made offline to another meeting's minutes than `meeting_id`'s out of
    what bringing back adds, and the changes they record out of what it writes or asks about
    (`work.updates`, `work.conflicts`); name each in `work.behind_named`, and the records of
    that meeting they changed in `work.behind` (not refused as another meeting's:
    `checks.placement_problems`)."""
    amendments = [r for r in work.new.get("minutes_amendment", []) if r.get("meeting_id") != meeting_id]
    if not amendments:
        return
    work.new["minutes_amendment"] = [r for r in work.new["minutes_amendment"] if r not in amendments]
    if not work.new["minutes_amendment"]:
        del work.new["minutes_amendment"]
    for amendment in amendments:
        what = []
        for table, record_id in _recorded(amendment, rows):
            columns = _changed(table, record_id, base, rows)
            if not columns:
                continue
            work.behind.setdefault(table, set()).add(record_id)
            for key in [(table, record_id, c) for c in columns]:
                work.updates.pop(key, None)
                work.offline_values.pop(key, None)
                work.units.discard(key)
            work.conflicts[:] = [c for c in work.conflicts if c.key[:2] != (table, record_id) or c.key[2] not in columns]
            fields = ", ".join(field_words(table, c).lower() for c in columns if c != "archived_at")
            removed = ("archived" if rows[table][record_id].get("archived_at") is not None else "restored") \
                if "archived_at" in columns else ""
            what.append(f"{names.label(table, rows[table][record_id])}: {' and '.join(w for w in (fields, removed) if w)}")
        recorded = f", with the change it records ({'; '.join(what)})" if what else ""
        work.behind_named.append(
            f"{copying.label_of('minutes_amendment', amendment)} (made offline) to the approved minutes of "
            f"{names.name('meeting', amendment['meeting_id'])}{recorded}, as bringing back takes only the minutes "
            "of the meeting taken offline")


def _minutes_amendments(meeting_id: int, item_id: int, made: list[dict], rows: copying.Rows) -> set[int]:
    """The amendments made offline that record the item's minutes as the copy has them now:
    from its minutes now back, each giving the text the one after it started from (the window
    records the minutes before and after each amendment)."""
    found, text = set(), as_text(rows["agenda_item"][item_id].get("minutes"))
    for amendment in sorted(made, key=lambda r: r["id"], reverse=True):
        if (amendment.get("meeting_id") == meeting_id and amendment.get("agenda_item_id") == item_id
                and amendment.get("decision_id") is None and as_text(amendment.get("new_text")) == text):
            found.add(amendment["id"])
            text = as_text(amendment.get("old_text"))
    return found


def _records(amendment: dict, minutes: set[int], base: dict, rows: copying.Rows) -> list[Key]:
    """The changes an amendment made offline to the meeting's minutes records, where that is
    known: an item's minutes, or a taken decision's fields ([] for any other)."""
    if amendment["id"] in minutes:
        return [("agenda_item", amendment["agenda_item_id"], "minutes")]
    decision = amendment.get("decision_id")
    if decision is not None and decision in base.get("decision", {}):
        return [("decision", decision, c) for c in _changed("decision", decision, base, rows)]
    return []


def left_with_their_values(meeting_id: int, base: dict, rows: copying.Rows, new: dict[str, list[dict]],
                           writes: Mapping[Key, object], kept_there: set[Key],
                           names: Names) -> tuple[dict[str, list[dict]], list[str]]:
    """An amendment goes with the value it records: one made offline to the meeting's minutes
    that records only changes not written, as the team database's values were kept instead
    (`kept_there`: the conflicts kept so), is left behind with them, so the minutes never list a
    change that was not made. Returns `new` without those amendments, and their names."""
    made = new.get("minutes_amendment", [])
    minutes = set()
    for item_id in {r.get("agenda_item_id") for r in made} & rows["agenda_item"].keys():
        minutes |= _minutes_amendments(meeting_id, item_id, made, rows)
    left, named = [], []
    for amendment in made:
        recorded = _records(amendment, minutes, base, rows) if amendment.get("meeting_id") == meeting_id else []
        if not recorded or not kept_there.intersection(recorded) or any(k in writes for k in recorded):
            continue
        left.append(amendment)
        what = "; ".join(f"{names.label(t, rows[t][i])}: {field_words(t, c).lower()}" for t, i, c in recorded)
        kept = "minutes were" if recorded[0][2] == "minutes" else "values were" if len(recorded) > 1 else "value was"
        named.append(
            f"{copying.label_of('minutes_amendment', amendment)} (made offline, giving the reason "
            f"“{amendment.get('reason') or ''}”) to the approved minutes of {names.name('meeting', meeting_id)}, "
            f"with the change it records ({what}), as the team database's {kept} kept")
    if not left:
        return new, []
    rest = [r for r in made if all(r is not a for a in left)]
    return {t: found for t, found in new.items() if t != "minutes_amendment"} | (
        {"minutes_amendment": rest} if rest else {}), named
