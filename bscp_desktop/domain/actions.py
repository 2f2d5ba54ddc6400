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
