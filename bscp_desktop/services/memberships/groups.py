"""The partnership's groups and how they report to one another."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Group, Membership
from bscp_desktop.domain.meetings import MeetingStatus, QuorumRule
from bscp_desktop.domain.memberships import Frequency, name_key
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker
from bscp_desktop.services.common import OneLive, archivers, assign, get_to_change, parent_problem, unarchived
from bscp_desktop.services.memberships.dtos import GroupDTO, GroupFields

# ---------------------------------------------------------------- groups

class _OneGroupName(OneLive):
    """One live group of a name, names compared as organisation names are (`name_key`: case,
    accents, spacing and punctuation aside, so "Safeguarding Exécutive" is the "Safeguarding
    Executive" already there). `clash` is the live group's id (an offline copy's new group is
    matched to it); the refusal names that group as it is saved when it is spelt otherwise."""

    def problem(self, session: Session, record_id: int | None, value: Any, *within: Any, advice: str = "") -> str | None:
        if (group_id := self.clash(session, record_id, value)) is None:
            return None
        held = session.get(Group, group_id).name
        return self.says.format(value=value, clash=group_id) + ("" if held == value else f" as '{held}'") + advice


# One live group of a name: saving and restoring ask this rule.
GROUP_NAME = _OneGroupName(Group, "name", "A group called '{value}' already exists", key=name_key)


def _check_group(session: Session, f: GroupFields, record_id: int | None) -> dict:
    c = Checker()
    name = c.name("name", f.name, "Name")
    if not isinstance(f.tier, int) or not 1 <= f.tier <= 5:
        c.add("tier", "Tier must be a whole number from 1 to 5")
    frequency = ""
    if f.frequency:
        try:
            frequency = Frequency(f.frequency).value
        except ValueError:
            c.add("frequency", f"'{f.frequency}' is not a meeting frequency")
    if f.parent_id is not None and (problem := parent_problem(session, Group, f.parent_id, record_id, (
        "A group cannot be its own parent group", "Choose a parent group from the list",
        "The parent group cannot be one of this group's own sub-groups",
    ))):
        c.add("parent_id", problem)
    rule = None
    if f.quorum_rule:
        try:
            rule = QuorumRule(f.quorum_rule)
        except ValueError:
            c.add("quorum_rule", "Choose a head count or each safeguarding partner represented")
    if f.quorum is not None and (not isinstance(f.quorum, int) or not 0 <= f.quorum <= 500):
        c.add("quorum", "Members needed must be a whole number from 0 to 500")
    # a name kept as saved is not checked again: two on record that only the name rule of
    # organisations finds alike ("Café" and "Cafe") can each still be saved
    kept = session.get(Group, record_id) if record_id is not None else None
    if not (kept is not None and kept.name == name) and (problem := GROUP_NAME.problem(session, record_id, name)):
        c.add("name", problem)
    purpose = c.optional("purpose", f.purpose, "Purpose", 5000)
    c.raise_if_any()
    values = {
        "name": name,
        "tier": f.tier,
        "parent_id": f.parent_id,
        "needs_agreement": bool(f.needs_agreement),
        "frequency": frequency,
        "purpose": purpose,
    }
    if rule is not None:
        values["quorum_rule"] = rule.value
    if f.quorum is not None:
        values["quorum"] = f.quorum or None
    return values


def _group_dto(g: Group, parent_name: str | None) -> GroupDTO:
    return GroupDTO(
        g.id, g.name, g.tier, g.parent_id, parent_name or "", g.needs_agreement,
        Frequency(g.frequency) if g.frequency else None, g.purpose,
        g.quorum, QuorumRule(g.quorum_rule or QuorumRule.HEAD_COUNT), version=g.version, archived_at=g.archived_at,
    )


def _groups_query():
    parent = aliased(Group)
    return select(Group, parent.name).outerjoin(parent, Group.parent_id == parent.id)


def create_group(db: Database, fields: GroupFields) -> GroupDTO:
    """A new group; an executive (tier 1) group starts with the Working Together quorum: each of
    the three safeguarding partners represented."""
    with db.unit_of_work() as session:
        values = _check_group(session, fields, None)
        rule = QuorumRule.STATUTORY_PARTNERS if values["tier"] == 1 else QuorumRule.HEAD_COUNT
        values.setdefault("quorum_rule", rule.value)
        group = Group(**values)
        session.add(group)
        session.flush()
        return _group_dto(*session.execute(_groups_query().where(Group.id == group.id)).one())


def update_group(db: Database, group_id: int, fields: GroupFields, version: int | None = None) -> GroupDTO:
    with db.unit_of_work() as session:
        group = get_to_change(session, Group, group_id, "group", version)
        assign(group, _check_group(session, fields, group_id))
        session.flush()
        return _group_dto(*session.execute(_groups_query().where(Group.id == group_id)).one())


archive_group, restore_group = archivers(Group, "group", GROUP_NAME.restore_check)


def list_groups(db: Database, include_archived: bool = False) -> list[GroupDTO]:
    """Groups by tier, then by name as the program lists names (`alphabetical`: "Équipe" under E,
    on any database), those of one name by record number."""
    with db.unit_of_work() as session:
        q = unarchived(_groups_query().order_by(Group.id), Group, include_archived)
        rows = sorted(session.execute(q), key=lambda row: (row[0].tier, alphabetical(row[0].name)))
        return [_group_dto(g, p) for g, p in rows]




def archive_note(db: Database, group_id: int, on: date | None = None) -> str:
    """What still hangs on a group about to be archived, in words ('' for nothing): its
    memberships running on `on` (or starting later), its meetings planned from then and the open
    actions raised at its meetings, the first 3 named. They stay as they are: the officer archiving the group is
    told, to end, cancel or finish them too."""
    from bscp_desktop.db.models.meetings import Meeting  # another area's records: read when asked, not at start
    from bscp_desktop.services.actions import open_actions_note

    on = on or date.today()
    with db.unit_of_work() as session:
        members = session.scalar(select(func.count()).select_from(Membership).where(
            Membership.group_id == group_id, Membership.archived_at.is_(None),
            Membership.end_date.is_(None) | (Membership.end_date >= on)))
        planned = session.scalar(select(func.count()).select_from(Meeting).where(
            Meeting.group_id == group_id, Meeting.archived_at.is_(None), Meeting.status == MeetingStatus.PLANNED.value,
            Meeting.starts_at >= datetime.combine(on, time())))
    held = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in ((members, "current membership"),
                                                                (planned, "planned meeting")) if n]
    notes = []
    if held:
        notes.append(f"It has {' and '.join(held)}: {'it stays' if members + planned == 1 else 'they stay'} as "
                     f"{'it is' if members + planned == 1 else 'they are'} (end the memberships and cancel the meetings "
                     "too if the group has stopped meeting).")
    if actions := open_actions_note(db, "meeting_id", [group_id], through=("group_id",), raised="Its meetings"):
        notes.append(actions)
    return " ".join(notes)
