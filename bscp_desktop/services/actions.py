"""The one action log: actions from meetings, case reviews and audits in one table.

An area links an action to its source by passing `links` (column name -> id) to `add_action`
or `create_action`; the columns are added to the action table by that area's migration.

Each area also says where its actions came from: it registers a describer for its link column
with `@describes_actions(RecordKind.X, "column_id")`, a function taking the session and the
actions linked by that column and returning an `ActionSource` (a label such as "Safeguarding
Children Forum, 14/03/2024: item 3. Partner updates") for each. Every action read here carries
its source (`ActionDTO.origin`, `.source` for the label): an action with no link was added in
the action log itself.

One set of rules for every area (`check_action`, in `services.action_rules` with `ActionFields`):
a description; an owner (a person and/or an organisation on record); a due date; a status; a
completion date only when done (today if left empty); evidence of impact once done (DOMAIN.md:
every action needs all three). Actions saved before the rule keep their gaps until edited:
`ActionDTO.gaps` flags them, and editing one asks for what is missing.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, ActionUpdate
from bscp_desktop.domain.actions import ActionStatus, action_gaps, gaps_text, is_overdue
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.text import first_line
from bscp_desktop.domain.validation import Checker, ValidationError
from bscp_desktop.services import action_filters
from bscp_desktop.services.action_rules import ActionFields, check_action, refused_before_raised
from bscp_desktop.services.common import ArchivedAt, OwnedBy, Versioned, assign, get_or_raise, get_to_change, read, read_back, same_as, set_archived, unarchived, with_owner_names


@dataclass(frozen=True)
class ActionUpdateDTO:
    id: int
    action_id: int
    on: date
    note: str


@dataclass(frozen=True)
class ActionSource:
    """Where an action came from, as the area that raised it describes it."""

    kind: RecordKind | None  # None: added in the action log itself
    label: str
    group_id: int | None = None  # the group whose meeting raised it
    group_name: str = ""
    on: date | None = None  # the day it came from, where that is one day (the meeting's)
    #: kept as the record it came from says (approved minutes): changing its description,
    #: owner or due date, archiving or restoring it, is an amendment with a reason
    locked: bool = False


ADDED_IN_LOG = ActionSource(None, "Added in the action log")


@dataclass(frozen=True)
class ActionDTO(ArchivedAt, OwnedBy, Versioned):
    id: int
    description: str
    due_date: date | None
    status: ActionStatus
    completed_on: date | None
    evidence: str
    links: Mapping[str, int | None]
    origin: ActionSource = field(default=ADDED_IN_LOG)

    @property
    def name(self) -> str:
        return first_line(self.description)

    @property
    def source(self) -> str:
        """Where it came from: "Safeguarding Children Forum, 14/03/2024: item 3. ...", ..."""
        return self.origin.label

    @property
    def group_id(self) -> int | None:
        return self.origin.group_id

    @property
    def group_name(self) -> str:
        return self.origin.group_name

    def overdue_on(self, today: date) -> bool:
        return is_overdue(self.status, self.due_date, today)

    @property
    def gaps(self) -> dict[str, str]:
        """{field: message} for an owner, a due date or evidence of impact still missing (an
        action saved before they were required)."""
        return action_gaps(self.owner_person_id, self.owner_organisation_id, self.due_date, self.status,
                           self.evidence)

    @property
    def gaps_text(self) -> str:
        """'No owner, no due date'; '' when complete."""
        return gaps_text(self.gaps)


LINK_COLUMNS: tuple[str, ...] = tuple(
    c.key for c in Action.__table__.columns if c.key.endswith("_id") and not c.key.startswith("owner_")
)


def add_action(session: Session, fields: ActionFields, links: Mapping[str, int] | None = None,
               raised_on: date | None = None) -> Action:
    """Create an action inside the caller's unit of work (for areas saving more at once);
    `raised_on`, the day it was raised (a meeting's), which its due date cannot come before."""
    links = dict(links or {})
    unknown = set(links) - set(LINK_COLUMNS)
    if unknown:
        raise ValueError(f"Actions cannot be linked by {', '.join(sorted(unknown))}")
    action = Action(**check_action(session, fields, raised_on), **links)
    session.add(action)
    session.flush()
    return action


def create_action(db: Database, fields: ActionFields, links: Mapping[str, int] | None = None) -> ActionDTO:
    with db.unit_of_work() as session:
        action = add_action(session, fields, links)
        return _dtos(session, [action.id])[0]


def update_action(db: Database, action_id: int, fields: ActionFields, version: int | None = None,
                  reason: str | None = None) -> ActionDTO:
    """Change an action; with `version` (the one the user opened), refused with RecordChanged
    if someone else has saved it since. A change to what the record it came from keeps of it
    (`MINUTED`: what approved minutes say) is an amendment there, refused without `reason`."""
    with db.unit_of_work() as session:
        action = get_to_change(session, Action, action_id, "action", version)
        values = check_action(session, fields, raised_on_in(session, action), was=action)
        if ActionStatus(action.status).closed and not ActionStatus(values["status"]).closed:
            if why := _takes_no_open_action(session, action, "reopen this action"):
                raise ValidationError({"status": why})
        was, now = minuted(action), {key: values[key] for key in MINUTED}
        if was != now:
            _amend(session, action, was, now, reason)
        assign(action, values)
        return read_back(session, action, _dtos)


def raised_on_in(session: Session, action: Action) -> date | None:
    """The day the action was raised, where its source says (a meeting's day), else None."""
    return _origin_in(session, action).on


def _origin_in(session: Session, action: Action) -> ActionSource:
    (dto,) = _with_sources(session, [_dto(action, None, None)])
    return dto.origin


def check_progress_update(c: Checker, on: date | None, note: object, raised_on: date | None = None) -> str:
    """A progress update's rules, on `c`: a note, a date not in the future and not before the day
    the action was raised (`raised_on`, where known). Returns the note as saved. (Adding one
    here and bringing one back from an offline copy check it alike.)"""
    text = c.required("note", note, "Update", 5000)
    if on is None:
        c.add("on", "Date of the update is required")
    c.not_future("on", on, "Date of the update", date.today())
    if "on" not in c.errors and on is not None and (why := update_before_raised(on, raised_on)):
        c.add("on", why)
    return text


def update_before_raised(on: date, raised_on: date | None) -> str:
    """Why a progress update dated `on` cannot belong to an action raised on `raised_on` (where
    known): it is dated before that day; '' when it can. Adding an update and moving the meeting
    that raised the action (`meetings.move_actions_problem`) hold it to this rule alike."""
    if raised_on is not None and on < raised_on:
        return (f"Date of the update ({on:%d/%m/%Y}) cannot be before the day the action was raised "
                f"({raised_on:%d/%m/%Y})")
    return ""


def add_progress_update(db: Database, action_id: int, on: date | None, note: str) -> ActionUpdateDTO:
    check_progress_update(c := Checker(), on, note)
    c.raise_if_any()
    with db.unit_of_work() as session:
        raised_on = raised_on_in(session, get_or_raise(session, Action, action_id, "action"))
        text = check_progress_update(c := Checker(), on, note, raised_on)
        c.raise_if_any()
        update = ActionUpdate(action_id=action_id, on=on, note=text)
        session.add(update)
        session.flush()
        return ActionUpdateDTO(update.id, action_id, update.on, update.note)


def list_progress_updates(db: Database, action_id: int) -> list[ActionUpdateDTO]:
    with db.unit_of_work() as session:
        rows = session.scalars(select(ActionUpdate).where(ActionUpdate.action_id == action_id).order_by(ActionUpdate.on, ActionUpdate.id))
        return [ActionUpdateDTO(u.id, u.action_id, u.on, u.note) for u in rows]


def _restorable(session: Session, action: Action) -> None:
    """An archived action comes back only where a save would let it: not while the record it came
    from is archived or refuses it (a meeting called off), nor still to do while that record takes
    no open action (a closed audit), nor due or done before the day it was raised
    (`_refused_before`; a meeting's `held` rule says so first where the meeting moved)."""
    for link in action_links().values():
        if getattr(action, link.column) is not None and link.held is not None and (why := link.held(session, action)):
            raise ValidationError({link.column: why})
    if not ActionStatus(action.status).closed and (why := _takes_no_open_action(session, action, "restore this action")):
        raise ValidationError({"status": why})
    origin = _origin_in(session, action)
    if origin.on is not None and (refusal := _refused_before(action, origin) or _updated_before(session, action, origin)):
        raise ValidationError(refusal)


#: The day an action was raised, as a refusal to restore it names it, by the kind of record it
#: came from: a case review recommendation's actions are raised once the case is known, a case
#: audit recommendation's on the audit's date.
_RAISED_ON_WORDS = {
    RecordKind.CASE_REVIEWS: "before the local authority became aware of the case",
    RecordKind.AUDITS: "before the date of the case audit it was raised from",
}


def _refused_before(action: Action, origin: ActionSource) -> dict[str, str]:
    """{field: why restoring it is refused} for an archived action due or done before the day it
    was raised (`origin.on`), in words that fit where it came from: a meeting's is raised again at
    the meeting (`refused_before_raised`); a recommendation's dates are changed, then it is restored."""
    if origin.kind is RecordKind.MEETINGS:
        return refused_before_raised(action, origin.on)
    before = _RAISED_ON_WORDS.get(origin.kind, "before the day it was raised")
    for key, word, change, on in (("due_date", "due", "its due date", action.due_date),
                                  ("completed_on", "done", "the date it was completed on", action.completed_on)):
        if on is not None and on < origin.on:
            return {key: f"This action was {word} on {on:%d/%m/%Y}, {before} ({origin.on:%d/%m/%Y}), so it cannot "
                         f"be restored: change {change} to {origin.on:%d/%m/%Y} or later, then restore it"}
    return {}


def _updated_before(session: Session, action: Action, origin: ActionSource) -> dict[str, str]:
    """{field: why restoring it is refused} for an archived action with a progress update dated
    before the day it was raised (`update_before_raised`: its meeting moved later meanwhile, say).
    Updates are kept as written, so the record it came from is what changes."""
    first = session.scalar(select(func.min(ActionUpdate.on)).where(ActionUpdate.action_id == action.id))
    if first is None or not update_before_raised(first, origin.on):
        return {}
    before = _RAISED_ON_WORDS.get(origin.kind, "before the day it was raised")
    change = ("move the meeting" if origin.kind is RecordKind.MEETINGS else "change the date it was raised from")
    return {"updates": f"This action has a progress update of {first:%d/%m/%Y}, {before} ({origin.on:%d/%m/%Y}), "
                       f"so it cannot be restored: progress updates are kept as written; {change} to "
                       f"{first:%d/%m/%Y} or earlier, then restore it"}


def archive_action(db: Database, action_id: int, reason: str | None = None) -> None:
    """Archive an action; one the record it came from keeps (approved minutes) only with the
    `reason` for that amendment."""
    set_archived(db, Action, action_id, "action", True,
                 archive_check=lambda session, action: _amend(session, action, minuted(action), None, reason))


def restore_action(db: Database, action_id: int, reason: str | None = None) -> None:
    """Restore an archived action where a save would let it (`_restorable`); back in approved
    minutes only with the `reason` for that amendment."""

    def check(session: Session, action: Action) -> None:
        _restorable(session, action)
        _amend(session, action, None, minuted(action), reason)

    set_archived(db, Action, action_id, "action", False, check)


#: What the record an action came from keeps of it (approved minutes print them): a change to
#: them, archiving or restoring the action is an amendment there. Its status, completion,
#: evidence of impact and progress updates are the work done on it since, and change freely.
MINUTED = ("description", "owner_person_id", "owner_organisation_id", "due_date")


def minuted(action: Action) -> dict[str, Any]:
    return {key: getattr(action, key) for key in MINUTED}


def _amend(session: Session, action: Action, was: Mapping[str, Any] | None, now: Mapping[str, Any] | None,
           reason: str | None) -> None:
    """Let the area the action came from refuse a change to what it keeps of the action
    (`was` None: restored; `now` None: archived) without a `reason`, or record it as an
    amendment with one (its `amend` rule)."""
    for link in action_links().values():
        if getattr(action, link.column) is not None and link.amend is not None:
            link.amend(session, action, was, now, reason)


def _query():
    return with_owner_names(select(Action), Action)


def _dto(action: Action, person_name: str | None, org_name: str | None) -> ActionDTO:
    return ActionDTO(
        action.id, action.description, action.due_date, ActionStatus(action.status),
        action.completed_on, action.evidence, {key: getattr(action, key) for key in LINK_COLUMNS},
        owner_person_id=action.owner_person_id, owner_person_name=person_name or "",
        owner_organisation_id=action.owner_organisation_id, owner_organisation_name=org_name or "",
        version=action.version, archived_at=action.archived_at,
    )


def _dtos(session: Session, ids: list[int]) -> list[ActionDTO]:
    rows = session.execute(_query().where(Action.id.in_(ids)).order_by(Action.id))
    return _with_sources(session, [_dto(*row) for row in rows])


def get_action_in(session: Session, action_id: int) -> ActionDTO:
    """One action as a DTO, inside the caller's unit of work."""
    get_or_raise(session, Action, action_id, "action")
    return _dtos(session, [action_id])[0]


def actions_in(session: Session, ids: list[int]) -> list[ActionDTO]:
    """Actions by id (in id order), inside the caller's unit of work; one query."""
    return _dtos(session, list(ids)) if ids else []


# ---------------------------------------------------------------- where actions came from

Describer = Callable[[Session, Sequence[ActionDTO]], Mapping[int, ActionSource]]
Held = Callable[[Session, Action], str]
#: why the record an action came from takes no open action now, the action reopened or restored
#: (`doing`: "reopen this action"), or ""
OpenHeld = Callable[[Session, Action, str], str]
#: refuses a change to what the record an action came from keeps of it (`MINUTED`: old and new
#: values, None when archived or restored) without a reason, or records the amendment with one
Amend = Callable[[Session, Action, Mapping[str, Any] | None, Mapping[str, Any] | None, str | None], None]


@dataclass(frozen=True)
class ActionLink:
    kind: RecordKind
    column: str  # the action column naming the record the action came from
    describe: Describer
    #: why an archived action linked by `column` cannot come back now, or ""; it may raise the refusal
    held: Held | None = None
    #: why an action linked by `column` may not be open now (a closed audit), or ""
    open_held: OpenHeld | None = None
    #: refuses, or records as an amendment, a change to what the record keeps of the action
    amend: Amend | None = None


_LINKS: dict[str, ActionLink] = {}
_all_loaded = False


def describes_actions(kind: RecordKind, column: str, held: Held | None = None, open_held: OpenHeld | None = None,
                      amend: Amend | None = None):
    """Register an area's describer for the actions linked by `column` (a decorator); `held`,
    why an archived action of that area cannot be restored now, or ""; `open_held`, why one may
    not be reopened or restored still to do (the area refuses a new one itself); `amend`, the
    area's rule for changing what it keeps of an action (approved minutes)."""

    def register(fn: Describer) -> Describer:
        _LINKS[column] = ActionLink(kind, column, fn, held, open_held, amend)
        return fn

    return register


def _takes_no_open_action(session: Session, action: Action, doing: str) -> str:
    """Why `action` may not be open now (reopened or restored: `doing`), or "": its area's
    `open_held` rule (a closed audit takes no open action)."""
    for link in action_links().values():
        if getattr(action, link.column) is not None and link.open_held is not None and (
                reason := link.open_held(session, action, doing)):
            return reason
    return ""


def action_links() -> dict[str, ActionLink]:
    """Every area's describer: the service modules register theirs when imported."""
    global _all_loaded
    if not _all_loaded:
        import bscp_desktop.services as services

        for module in pkgutil.walk_packages(services.__path__, services.__name__ + "."):
            importlib.import_module(module.name)
        _all_loaded = True
    return dict(_LINKS)


def linked_kinds() -> frozenset[RecordKind]:
    """The kinds of record actions come from (what an action log page shows besides actions)."""
    return frozenset(link.kind for link in action_links().values())


def _with_sources(session: Session, dtos: list[ActionDTO]) -> list[ActionDTO]:
    """Each action with where it came from, one query per kind of source."""
    origins: dict[int, ActionSource] = {}
    for link in action_links().values():
        linked = [d for d in dtos if d.links.get(link.column) is not None and d.id not in origins]
        if linked:
            origins.update(_describe(session, link, linked))
    return [replace(d, origin=origins[d.id]) if d.id in origins else d for d in dtos]


#: Where an action came from, when the team database's grants keep that record from the user.
NOT_OPEN = "A record you may not open (case reviews and case audits)"


def _describe(session: Session, link: ActionLink, linked: list[ActionDTO]) -> dict[int, ActionSource]:
    """The link's describer; on a server whose grants keep its records from the connected role
    (db/roles.py), the actions still show, saying that their record may not be opened."""
    if session.get_bind().dialect.name != "postgresql":
        return link.describe(session, linked)
    from sqlalchemy.exc import DBAPIError

    try:
        with session.begin_nested():
            return link.describe(session, linked)
    except (DBAPIError, PermissionError) as exc:  # the server's refusal, as it is or in words
        if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) != "42501":
            raise
        return {d.id: ActionSource(link.kind, NOT_OPEN) for d in linked}


def actions_where_in(session: Session, *, status: ActionStatus | None = None, owner_person_id: int | None = None,
                     owner_organisation_id: int | None = None, overdue_on: date | None = None,
                     links: Mapping[str, int] | None = None, include_archived: bool = False) -> list[ActionDTO]:
    """Actions matching the filters (`action_filters.matching`: an organisation's own and its
    people's), inside the caller's unit of work."""
    q = unarchived(_query(), Action, include_archived).where(*action_filters.matching(
        status=status, owner_person_id=owner_person_id, owner_organisation_id=owner_organisation_id,
        overdue_on_day=overdue_on, links=links))
    q = q.order_by(Action.due_date.is_(None), Action.due_date, Action.id)
    return _with_sources(session, [_dto(*row) for row in session.execute(q)])


def list_actions(db: Database, **filters: Any) -> list[ActionDTO]:
    """Actions matching the filters of `actions_where_in`, in a unit of work of their own."""
    return read(db, actions_where_in, **filters)


def any_actions(db: Database) -> bool:
    """Whether any action is on record, archived or not (a new database has none)."""
    with db.unit_of_work() as session:
        return session.scalar(select(Action.id).limit(1)) is not None


def list_action_log(db: Database, *, group_id: int | None = None, owner_person_id: int | None = None,
                    owner_organisation_id: int | None = None, status: ActionStatus | None = None,
                    open_only: bool = False, overdue_on: date | None = None, kind: RecordKind | None = None,
                    include_archived: bool = False) -> list[ActionDTO]:
    """The one action log, each action with where it came from. Filter by the group whose
    meeting raised it, owner (a person; an organisation, with its people's), status (or only
    open and in progress), overdue (not done or dropped and past its due date) and the kind of
    record it came from."""
    actions = list_actions(db, status=status, owner_person_id=owner_person_id, owner_organisation_id=owner_organisation_id,
                           overdue_on=overdue_on, include_archived=include_archived)
    if open_only:
        actions = [a for a in actions if not a.status.closed]
    if group_id is not None:
        actions = [a for a in actions if a.origin.group_id == group_id]
    if kind is not None:
        actions = [a for a in actions if a.origin.kind == kind]
    return actions


# ---------------------------------------------------------------- actions raised from one record
# (a case review recommendation, an audit recommendation, ...): the same few steps for every area


@dataclass(frozen=True, kw_only=True)
class ActionCounts:
    """How many live actions a record raised, how many of them are open, how many overdue: part
    of the DTO of every record actions are raised from (a recommendation of any area)."""

    actions_total: int = 0
    actions_open: int = 0
    actions_overdue: int = 0


def tallies_in(session: Session, column: str, record_ids: Sequence[int], today: date) -> dict[int, ActionCounts]:
    """{record id: how many live actions, open, overdue} for actions linked by `column` (a link,
    or an owner: "owner_person_id") to `record_ids`."""
    if not record_ids:
        return {}
    link = getattr(Action, column)
    counts: dict[int, list[int]] = {}
    for record_id, status, due in session.execute(
        select(link, Action.status, Action.due_date).where(link.in_(list(record_ids)), Action.archived_at.is_(None))
    ):
        tally = counts.setdefault(record_id, [0, 0, 0])
        state = ActionStatus(status)
        tally[0] += 1
        if not state.closed:
            tally[1] += 1
            if is_overdue(state, due, today):
                tally[2] += 1
    return {record_id: ActionCounts(actions_total=total, actions_open=open_, actions_overdue=overdue)
            for record_id, (total, open_, overdue) in counts.items()}


def _reaching(column, ids: Sequence[int], through: Sequence[str]):
    """`column` names one of `ids`, or (`through`) a record whose columns `through` lead to one."""
    if not through:
        return column.in_(list(ids))
    table = next(iter(column.foreign_keys)).column.table
    return column.in_(select(table.c.id).where(_reaching(table.c[through[0]], ids, through[1:])))


def open_actions_note(db: Database, column: str, record_ids: Sequence[int], through: Sequence[str] = (), noun: str = "", raised: str = "") -> str:
    """What archiving a record (a `noun`: "case review"; else named from its id column) leaves in the action log, for the question asked
    first ('' for nothing): its live actions still to do, the first 3 named, linked by `column` to it or (`through`: ("audit_id",)) to the
    records under it, owned by it (an owner `column`), or (`raised`: "Its meetings") raised at records under it that it does not archive."""
    with db.unit_of_work() as session:
        left = [_dto(*row) for row in session.execute(_query().where(
            _reaching(getattr(Action, column), record_ids, through), Action.archived_at.is_(None),
            Action.status.not_in([s.value for s in ActionStatus if s.closed]),
        ).order_by(Action.due_date.is_(None), Action.due_date, Action.id))] if record_ids else []
    if not (count := len(left)):
        return ""
    named = [f"“{a.name}” ({a.owner or 'no owner'}, {'due ' + format_date(a.due_date) if a.due_date else 'no due date'})"
             for a in left[:3]] + ([f"{count - 3} more"] if count > 3 else [])
    listed = named[0] if count == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    said, them, stay = (f"1 open action: {listed}.", "it", "It stays") if count == 1 else (
        f"{count} open actions: {listed}.", "them", "They stay")
    if column.startswith("owner_"):  # a person: "They own ... in their name"
        own, its = ("They own", "their") if column == "owner_person_id" else ("It owns", "its")
        return (f"{own} {said} {stay} in the action log in {its} name: give {'the action' if count == 1 else them} "
                f"another owner, mark {them} done, or archive {them} there if no longer to be done.")
    if raised:  # they stay restorable: the records they came from are not archived with it
        return f"{raised} raised {said} {stay} in the action log: mark {them} done there, or archive {them} there if no longer to be done."
    noun = noun or (through[-1] if through else column).removesuffix("_id").replace("_", " ")
    return (f"It has {said} {stay} in the action log: mark {them} done there, or archive {them} first if no longer "
            f"to be done (an action archived by mistake cannot be restored while the {noun} is archived).")


def add_linked_action(db: Database, model: type, column: str, record_id: int, label: str,
                      fields: ActionFields, refuse: Callable[[Session, Any], str] | None = None) -> ActionDTO:
    """A new action raised from one record (`model` row `record_id`, linked by `column`), in one
    transaction; refused while that record is archived, or when `refuse(session, record)` says why."""
    with db.unit_of_work() as session:
        record = get_or_raise(session, model, record_id, label)
        if getattr(record, "archived_at", None) is not None:
            raise ValidationError({column: f"This {label} is archived: restore it before adding actions"})
        reason = refuse(session, record) if refuse is not None else ""
        if reason:
            raise ValidationError({column: reason})
        action = add_action(session, fields, links={column: record_id})
        return get_action_in(session, action.id)


def linked_actions(db: Database, column: str, record_id: int, include_archived: bool = False) -> list[ActionDTO]:
    """The actions raised from one record."""
    return list_actions(db, links={column: record_id}, include_archived=include_archived)


class OfAction:
    """For a row built around an action (`.action`): its id, archived flag and name (the row protocol)."""

    action: ActionDTO

    id = same_as("action.id")
    archived = same_as("action.archived")
    name = same_as("action.name")


@dataclass(frozen=True)
class LinkedAction(OfAction):
    """An action with the record it was raised from (for workbooks and reports)."""

    action: ActionDTO
    record: object

    @property
    def recommendation(self):
        """The record, for the areas that raise actions from recommendations."""
        return self.record


def actions_of_records(db: Database, column: str, records: Mapping[int, object],
                       include_archived: bool = False) -> list[LinkedAction]:
    """Every action raised from `records` ({id: record}, in the order to list them), then by
    due date."""
    if not records:
        return []
    link = getattr(Action, column)
    with db.unit_of_work() as session:
        q = select(Action.id).where(link.in_(list(records)))
        q = unarchived(q, Action, include_archived)
        actions = actions_in(session, list(session.scalars(q)))
    order = {record_id: index for index, record_id in enumerate(records)}
    rows = [LinkedAction(a, records[a.links[column]]) for a in actions]
    rows.sort(key=lambda r: (order[r.action.links[column]], r.action.due_date or date.max, r.action.id))
    return rows
