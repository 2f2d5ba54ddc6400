"""How far a new database is set up: the steps a first run leads an officer through."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Membership, Organisation, Person, Setting
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.services.settings import PARTNERSHIP_NAME_KEY


@dataclass(frozen=True)
class SetupProgress:
    """Whether the database has each kind of record the checklist asks for (not how many)."""

    partnership_named: bool
    organisations: bool
    people: bool
    groups: bool
    memberships: bool
    meetings: bool

    @property
    def steps(self) -> dict[str, bool]:
        """Each step of the checklist, in order, and whether it is done."""
        return {
            "partnership": self.partnership_named,
            "organisations": self.organisations,
            "people": self.people,
            "groups": self.groups,
            "memberships": self.memberships,
            "meeting": self.meetings,
        }

    @property
    def complete(self) -> bool:
        return all(self.steps.values())

    @property
    def empty(self) -> bool:
        return not any(self.steps.values())


def setup_progress(db: Database) -> SetupProgress:
    """What a new database has so far (archived records do not count). Each question stops at
    the first record found, so it costs the same on ten years of records as on a new file."""

    def any_of(session, model) -> bool:
        return bool(session.scalar(select(exists().where(model.archived_at.is_(None)))))

    with db.unit_of_work() as session:
        named = session.get(Setting, PARTNERSHIP_NAME_KEY) is not None
        return SetupProgress(
            named, any_of(session, Organisation), any_of(session, Person), any_of(session, Group),
            any_of(session, Membership), any_of(session, Meeting),
        )
