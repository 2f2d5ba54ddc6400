"""Who is in the room for a register row (`who_is_there`, which quorum counts by), and whether
the people on a meeting's register had a current confidentiality agreement on the meeting's day, for a group whose members sign one (the group's "Members sign a confidentiality
agreement" setting, `Group.needs_agreement`, which the Memberships tab and the minutes'
OFFICIAL-SENSITIVE marking read too).

A member's row is judged by the one in the room for it: the deputy who attended for them, else
the member. Whether that person had a current agreement follows the memberships service's own
rule (`memberships.agreement_held`), so the register and the Memberships tab never disagree.
A deputy or member typed by name, not on record, has no agreement on record. Guests are not
members of the group and are not judged. The agreements are read once for the whole register
(a handful of queries, however many rows).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db.models import Group
from bscp_desktop.db.models.meetings import Meeting
from bscp_desktop.domain.meetings import AttendanceStatus
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.services.meetings.dtos import CHUNK
from bscp_desktop.services.memberships.memberships import agreement_held

if TYPE_CHECKING:
    from bscp_desktop.services.attendance import AttendanceDTO

R = TypeVar("R", bound="AttendanceDTO")


def who_is_there(row) -> tuple:
    """The person in the room for a register row (a row or its DTO): the member, or the deputy
    who came for them; ("person", id) for someone on record, else ("name", their name's key)."""
    if row.status == AttendanceStatus.DEPUTY.value:
        if row.deputy_person_id is not None:
            return ("person", row.deputy_person_id)
        return ("name", name_key(row.deputy_name))
    if row.person_id is not None:
        return ("person", row.person_id)
    return ("name", name_key(row.name))


def in_the_room(row: AttendanceDTO) -> int | None:
    """The person on record whose agreement a member's row is judged by (`who_is_there`): the
    deputy who attended for the member, else the member; None for someone typed by name."""
    kind, who = who_is_there(row)
    return who if kind == "person" else None


def with_agreements(session: Session, rows: Sequence[R]) -> list[R]:
    """`rows` (registers' rows, of one meeting or many) with `needs_agreement` and
    `has_current_agreement` set on every member's row of a group whose members sign a
    confidentiality agreement; other rows as they are."""
    meetings = {r.meeting_id for r in rows if r.expected}
    if not meetings:
        return list(rows)
    q = select(Meeting.id, Meeting.starts_at).join(Group, Meeting.group_id == Group.id).where(Group.needs_agreement.is_(True))
    if len(meetings) <= CHUNK:
        q = q.where(Meeting.id.in_(meetings))
    days = {meeting_id: starts_at.date() for meeting_id, starts_at in session.execute(q) if meeting_id in meetings}
    judged = [r for r in rows if r.expected and r.meeting_id in days]
    if not judged:
        return list(rows)
    people = {person_id for r in judged if (person_id := in_the_room(r)) is not None}
    held = agreement_held(session, people if len(people) <= CHUNK else None)
    has = {r.id: (person_id := in_the_room(r)) is not None and held(person_id, days[r.meeting_id]) for r in judged}
    return [replace(r, needs_agreement=True, has_current_agreement=has[r.id]) if r.id in has else r for r in rows]
