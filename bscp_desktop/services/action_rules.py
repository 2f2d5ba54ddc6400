"""What an action is saved with, and the one set of rules every area's actions are held to
(`check_action`): a description; an owner (a person and/or an organisation on record); a due
date; a status; a completion date only when done (today if left empty); evidence of impact once
done (DOMAIN.md: every action needs all three). Where the day an action was raised is known (a
meeting's), neither its due date nor its completion comes before it, the completion left empty
included: an action raised at a meeting still to come cannot be done yet.

`services.actions` uses these for every action it saves; the offline copy's checks
(`services.offline.saving`) hold what a copy brings back to them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Action, Organisation, Person
from bscp_desktop.domain.actions import ActionStatus, action_gaps
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, CommandFields

#: Why an archived person is not given an action (the owner list leaves them out; a form opened
#: before they were archived, an offline copy or a script may still name them).
ARCHIVED_OWNER = "{name} is archived: choose a current owner, or restore them on the Memberships tab first"


@dataclass(frozen=True)
class ActionFields(CommandFields):
    description: str
    owner_person_id: int | None = None
    owner_organisation_id: int | None = None
    due_date: date | None = None
    status: ActionStatus | str = ActionStatus.OPEN
    completed_on: date | None = None
    evidence: str = ""


def check_action(session: Session, f: ActionFields, raised_on: date | None = None, was: Action | None = None) -> dict:
    """The checked values of an action. `raised_on`, the day it was raised where that is known
    (a meeting's): its due date and its completion, typed or left empty (today), cannot come
    before it where given or changed (`was`, the action as saved; one that gives no completion
    date has it checked), so an action saved so by an earlier version can still be worked on."""
    c = Checker()
    try:
        status = ActionStatus(f.status)
    except ValueError:
        status = None
    today = date.today()
    completed_on = today if status is ActionStatus.DONE and f.completed_on is None else f.completed_on
    if raised_on is not None:
        if f.due_date is not None and f.due_date < raised_on and (was is None or was.due_date != f.due_date):
            c.add("due_date", f"Due date ({f.due_date:%d/%m/%Y}) cannot be before the day the action was raised "
                              f"({raised_on:%d/%m/%Y})")
        if completed_on is not None and completed_on < raised_on and (
                was is None or getattr(was, "completed_on", None) != completed_on):
            c.add("completed_on", f"Completed on ({completed_on:%d/%m/%Y}) cannot be before the day the action was "
                                  f"raised ({raised_on:%d/%m/%Y})" if f.completed_on is not None else
                                  f"Completed on was left empty, so it would be today ({today:%d/%m/%Y}), before the "
                                  f"day the action is raised ({raised_on:%d/%m/%Y}): it cannot be done until then")
    description = c.required("description", f.description, "Description", 5000)
    if status is None:
        c.add("status", "Choose a status from the list")
    for field, model, missing, archived in (
        ("owner_person_id", Person, "Choose the owner from the list of people", ARCHIVED_OWNER),
        ("owner_organisation_id", Organisation, "Choose the owning organisation from the list", ARCHIVED_ORGANISATION),
    ):  # an archived owner the action already had stays (a change elsewhere in it is saved); none is newly given it
        if (chosen_id := getattr(f, field)) is not None and (owner := session.get(model, chosen_id)) is None:
            c.add(field, missing)
        elif chosen_id is not None and owner.archived_at is not None and chosen_id != getattr(was, field, None):
            c.add(field, archived.format(name=owner.name))
    if status is not None and status is not ActionStatus.DONE and completed_on is not None:
        c.add("completed_on", "Only a done action has a completion date: set the status to Done or clear the date")
    c.not_future("completed_on", completed_on, "Completed on", today)  # done, so not still to come
    for key, message in action_gaps(f.owner_person_id, f.owner_organisation_id, f.due_date, status,
                                    f.evidence).items():
        if key not in c.errors:
            c.add(key, message)
    c.raise_if_any()
    return {
        "description": description,
        "owner_person_id": f.owner_person_id,
        "owner_organisation_id": f.owner_organisation_id,
        "due_date": f.due_date,
        "status": status.value,
        "completed_on": completed_on,
        "evidence": c.optional("evidence", f.evidence, "Evidence of impact", 10000),
    }


def refused_before_raised(action: Action, raised_on: date, why: str = "") -> dict[str, str]:
    """{field: why restoring it is refused} for an archived action due or done before the day it
    was raised (`why`: how that came about, where the record it came from knows); {} if not."""
    for key, word, on in (("due_date", "due", action.due_date), ("completed_on", "done", action.completed_on)):
        if on is not None and on < raised_on:
            return {key: f"This action was {word} on {on:%d/%m/%Y}, before the day it was raised "
                         f"({raised_on:%d/%m/%Y}{why}), so it cannot be restored; raise it again at the meeting instead"}
    return {}


def dated_name(text: str, dates: Sequence[tuple[str, date | None]], was: date, day: date) -> str:
    """'Text' (due 23/03/2024, done 20/03/2024): an action or decision named with its dates from
    `was` to before `day`, the days a move of the day it was raised on would leave it before."""
    when = [f"{word} {on:%d/%m/%Y}" for word, on in dates if on is not None and was <= on < day]
    text = " ".join(text.split())
    return f"'{text if len(text) <= 60 else text[:57] + '...'}' ({', '.join(when)})"


def first_few(named: Sequence[str]) -> str:
    """The first three of `named`, then how many more: what a refusal lists."""
    return "; ".join([*named[:3], *([f"and {len(named) - 3} more"] if len(named) > 3 else [])])


def recommendations_actions_left_before(session: Session, recommendation, action_link, parent_column, parent_id: int,
                                        was: date, day: date) -> list[str]:
    """The live actions raised from one record's recommendations (`recommendation`, the model;
    `action_link`, the Action column naming it; `parent_column` == `parent_id`, the record) that
    a move of the day they are raised on from `was` to the later `day` would leave due or done
    before it, each named: "recommendation 1's 'Text' (due 01/03/2024)". A case review's and a
    case audit's refusal of such a move list them alike."""
    rows = session.execute(
        select(Action, recommendation.number).join(recommendation, recommendation.id == action_link)
        .where(parent_column == parent_id, Action.archived_at.is_(None),
               or_(and_(Action.due_date >= was, Action.due_date < day),
                   and_(Action.completed_on >= was, Action.completed_on < day)))
        .order_by(recommendation.number, Action.id)
    ).all()
    return [f"recommendation {number}'s "
            f"{dated_name(action.description, [('due', action.due_date), ('done', action.completed_on)], was, day)}"
            for action, number in rows]
