"""How far a new database is set up: the steps a first run leads an officer through."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Membership, Organisation, Person, Setting
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.services.settings import PARTNERSHIP_NAME_KEY


@dataclass(frozen=True)
class SetupProgress:
    partnership_named: bool
    organisations: int
    people: int
    groups: int
    memberships: int
    meetings: int

    @property
    def steps(self) -> dict[str, bool]:
        """Each step of the checklist, in order, and whether it is done."""
        return {
            "partnership": self.partnership_named,
            "organisations": self.organisations > 0,
            "people": self.people > 0,
            "groups": self.groups > 0,
            "memberships": self.memberships > 0,
            "meeting": self.meetings > 0,
        }

    @property
    def complete(self) -> bool:
        return all(self.steps.values())

    @property
    def empty(self) -> bool:
        return not any(self.steps.values())


def setup_progress(db: Database) -> SetupProgress:
    """What a new database has so far (archived records do not count)."""

    def count(session, model) -> int:
        return session.scalar(select(func.count(model.id)).where(model.archived_at.is_(None))) or 0

    with db.unit_of_work() as session:
        named = session.get(Setting, PARTNERSHIP_NAME_KEY) is not None
        return SetupProgress(
            named, count(session, Organisation), count(session, Person), count(session, Group),
            count(session, Membership), count(session, Meeting),
        )
