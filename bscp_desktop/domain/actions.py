"""Rules of the one action log."""

from __future__ import annotations

import enum
from datetime import date


class ActionStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def label(self) -> str:
        return {"open": "Open", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}[self.value]

    @property
    def closed(self) -> bool:
        return self in (ActionStatus.DONE, ActionStatus.DROPPED)


def is_overdue(status: ActionStatus, due: date | None, today: date) -> bool:
    """Overdue: not done (or dropped) and past its due date."""
    return due is not None and not status.closed and today > due


#: What DOMAIN.md asks of every action: an owner, a due date and, once done, evidence of impact.
#: {field: message}; the same words on the form, in the service's refusal and in the flag an
#: older action carries.
NEEDS_OWNER = "An action needs an owner: choose a person or an organisation (or both)"
NEEDS_DUE_DATE = "An action needs a due date"
NEEDS_EVIDENCE = "A done action needs evidence of impact: say what changed for children"

#: The same of a decision recorded at a meeting: it may be saved without them while the minutes
#: are taken, and is flagged until they are given; evidence of impact once its due date is past.
DECISION_NEEDS_OWNER = "A decision needs an owner: choose a person or an organisation (or both)"
DECISION_NEEDS_DUE_DATE = "A decision needs a due date"
DECISION_NEEDS_EVIDENCE = "A decision past its due date needs evidence of impact: say what changed for children"


def owner_and_due_gaps(
    owner_person_id: int | None,
    owner_organisation_id: int | None,
    due: date | None,
    needs_owner: str = NEEDS_OWNER,
    needs_due: str = NEEDS_DUE_DATE,
) -> dict[str, str]:
    """{field: message} for an owner (a person or an organisation) and a due date missing."""
    gaps: dict[str, str] = {}
    if owner_person_id is None and owner_organisation_id is None:
        gaps["owner_person_id"] = needs_owner
    if due is None:
        gaps["due_date"] = needs_due
    return gaps


def action_gaps(
    owner_person_id: int | None,
    owner_organisation_id: int | None,
    due: date | None,
    status: ActionStatus | None,
    evidence: str,
) -> dict[str, str]:
    """{field: message} for each of an owner, a due date and (when done) evidence of impact
    that is missing. Empty when the action is complete. A dropped action needs no evidence."""
    gaps = owner_and_due_gaps(owner_person_id, owner_organisation_id, due)
    if status is ActionStatus.DONE and not (evidence or "").strip():
        gaps["evidence"] = NEEDS_EVIDENCE
    return gaps


def decision_gaps(
    owner_person_id: int | None,
    owner_organisation_id: int | None,
    due: date | None,
    evidence: str,
    today: date,
) -> dict[str, str]:
    """{field: message} for a decision's owner and due date missing, and its evidence of impact
    once the due date has passed (`today` after it) with none given. Empty when complete."""
    gaps = owner_and_due_gaps(owner_person_id, owner_organisation_id, due, DECISION_NEEDS_OWNER,
                              DECISION_NEEDS_DUE_DATE)
    if due is not None and today > due and not (evidence or "").strip():
        gaps["evidence"] = DECISION_NEEDS_EVIDENCE
    return gaps


_GAP_WORDS = {"owner_person_id": "no owner", "due_date": "no due date", "evidence": "done without evidence"}
_GAP_WORDS_BY_MESSAGE = {DECISION_NEEDS_EVIDENCE: "no evidence of impact"}


def gaps_text(gaps: dict[str, str]) -> str:
    """'No owner, no due date' for a flag beside an older action or a decision; '' when complete."""
    text = ", ".join(_GAP_WORDS_BY_MESSAGE.get(message) or _GAP_WORDS[key] for key, message in gaps.items())
    return text[:1].upper() + text[1:]
