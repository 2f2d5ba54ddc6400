"""Records as they stood at the end of a period's last day, for the yearly report's sections: a
past year's report says what applied then, whatever has been changed since. Each value changed
after that day is taken from the change history (`history.values_on`), in one read per table
however many records; a value not changed since is as it is now.

`seats_as_they_stood` gives the membership table's organisations and job titles, and
`actions_as_they_stood` the actions' descriptions, due dates and owners (by id and by name, each
owner's name as it was spelt then, as approved minutes name them: `NamesThen`), so extending a
due date now leaves an action that was overdue at the end of the period overdue in that
period's report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from bscp_desktop.db.database import Database
from bscp_desktop.services.attendance_as_it_stood import NamesThen
from bscp_desktop.services.history import values_on

#: What an action's row in a report shows and how it stood is read for: its status and completion
#: (weighed by the section itself), what it was, when it was due and who owned it.
ACTION_FIELDS = ("status", "completed_on", "description", "due_date", "owner_person_id", "owner_organisation_id")


def values_then(db: Database, table: str, now: Mapping[int, str], field: str, day: date) -> dict[int, str]:
    """{record id: its `field` as it stood at the end of `day`} for each record of `table` in
    `now` ({record id: the value it has now}), from the change history where it has changed
    since, in one read; a value the history holds as empty is ''."""
    then = values_on(db, table, now, (field,), day)
    return {i: (then[i, field] or "") if (i, field) in then else value for i, value in now.items()}


def seats_as_they_stood(db: Database, seats: list, posts: dict[int, str], day: date) -> tuple[list, dict[int, str]]:
    """The seats (MembershipDTO) with each organisation's name, and {person id: job title} with
    each title, as they stood at the end of `day` where either has changed since: one read for
    the people's titles, one for the organisations' names, however many seats."""
    titles = values_then(db, "person", {m.person_id: posts.get(m.person_id, "") for m in seats}, "job_title", day)
    names = values_then(db, "organisation", {m.organisation_id: m.organisation_name for m in seats
                                             if m.organisation_id}, "name", day)
    posts = {pid: titles.get(pid, post).strip() for pid, post in posts.items()}
    return [replace(m, organisation_name=names.get(m.organisation_id) or m.organisation_name)
            for m in seats], posts


def actions_as_they_stood(db: Database, actions: Sequence, day: date) -> tuple[dict[int, object], dict]:
    """({action id: the action (ActionDTO) with its description, due date and owner as they stood
    at the end of `day`}, what the change history holds of its `ACTION_FIELDS` then, as
    `history.values_on` gives it): one read for all the actions, and one for the owners' names
    of each kind, however many actions. Status and completion are left as they are now, for the
    section to weigh with the values read (one done by then but recorded later is done)."""
    stood = values_on(db, "action", [a.id for a in actions], ACTION_FIELDS, day)
    then = {a.id: _action_then(a, stood) for a in actions}
    names = NamesThen(_owners_then(db, "person", actions, then.values(), stood, day),
                      _owners_then(db, "organisation", actions, then.values(), stood, day))
    return {i: names.owned(a) for i, a in then.items()}, stood


def _action_then(action, stood: Mapping[tuple[int, str], str | None]):
    """`action` with what the change history holds of its description, due date and owners' ids
    at the day read (`stood`); an owner's name left for `NamesThen` where that owner has changed."""
    changed = {name: _READ[name](stood[action.id, name]) for name in ACTION_FIELDS[2:] if (action.id, name) in stood}
    for owner in ("owner_person", "owner_organisation"):
        if f"{owner}_id" in changed:
            changed[f"{owner}_name"] = ""
    return replace(action, **changed) if changed else action


#: How the history's text of each of an action's fields read in `_action_then` is read back.
_READ = {"description": lambda v: v or "", "due_date": lambda v: date.fromisoformat(v) if v else None,
         "owner_person_id": lambda v: int(v) if v else None, "owner_organisation_id": lambda v: int(v) if v else None}


def _owners_then(db: Database, table: str, actions: Sequence, then, stood: Mapping, day: date) -> dict[int, str]:
    """{id: name as it stood at the end of `day`} of each person (or organisation: `table`) owning
    one of the actions then (`then`). The names now are those the actions (`actions`, as they are
    now) read with them, unless an owner of that kind has changed since: then every one is read."""
    owner = "owner_person" if table == "person" else "owner_organisation"
    if any(name == f"{owner}_id" for _id, name in stood):
        now = _all_names(db, table)
    else:
        now = {getattr(a, f"{owner}_id"): getattr(a, f"{owner}_name") for a in actions}
    owners = {getattr(a, f"{owner}_id") for a in then} - {None}
    return values_then(db, table, {i: now.get(i, "") for i in owners}, "name", day)


def _all_names(db: Database, table: str) -> dict[int, str]:
    """{id: name now} of every person or organisation (`table`), archived ones too."""
    from bscp_desktop.services import memberships as ms

    listed = ms.list_people if table == "person" else ms.list_organisations
    return {r.id: r.name for r in listed(db, include_archived=True)}
