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


def action_gaps(
    owner_person_id: int | None,
    owner_organisation_id: int | None,
    due: date | None,
    status: ActionStatus | None,
    evidence: str,
) -> dict[str, str]:
    """{field: message} for each of an owner, a due date and (when done) evidence of impact
    that is missing. Empty when the action is complete. A dropped action needs no evidence."""
    gaps: dict[str, str] = {}
    if owner_person_id is None and owner_organisation_id is None:
        gaps["owner_person_id"] = NEEDS_OWNER
    if due is None:
        gaps["due_date"] = NEEDS_DUE_DATE
    if status is ActionStatus.DONE and not (evidence or "").strip():
        gaps["evidence"] = NEEDS_EVIDENCE
    return gaps


_GAP_WORDS = {"owner_person_id": "no owner", "due_date": "no due date", "evidence": "done without evidence"}


def gaps_text(gaps: dict[str, str]) -> str:
    """'No owner, no due date' for a flag beside an older action; '' when complete."""
    text = ", ".join(_GAP_WORDS[key] for key in gaps)
    return text[:1].upper() + text[1:]
