"""A meeting taken offline is read-only for everyone but the officer who took it.

Checked as the unit of work flushes, whichever command makes the change: a change to the
meeting, its agenda items, register, decisions, amendments, or the actions raised at it (and
their progress updates) is refused with a ValidationError naming who took it offline and
since when, so nothing of that unit of work is written. A change reaching the meeting from
another record (a seat ended, a person archived, an action edited in the action log) names
the meeting by its group and day; one taking a person off its register says so, and what to
do instead (`taken_sentence`). The meeting's row is held before its marks are read
(`engines.hold_rows`), as taking it offline holds it, so a change made at that moment waits
and then finds the mark. The mark itself (`OfflineCopy`) is not guarded:
releasing a meeting is how another officer ends it. A mark copied into a file (a backup of
the team database) holds nothing back there. An offline copy that was brought back is kept
only to read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from bscp_desktop.db import changes, engines
from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.meetings import AgendaItem, Attendance, Decision, Meeting, MinutesAmendment
from bscp_desktop.db.models.memberships import Group, Membership, Person
from bscp_desktop.db.models.offline import OfflineCopy
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import ValidationError

_BY_MEETING = (AgendaItem, Attendance, Decision, MinutesAmendment, Action)
_CHECKED = "offline_checked"  # session.info: meeting ids already found free in this session


def officer(session: Session) -> str:
    """Who is making this unit of work's changes (the name the change history records)."""
    from bscp_desktop.db.history import current_user

    return session.info.get("user") or current_user()


def local_time(moment: datetime) -> str:
    """A stored UTC moment as the officer's local date and time, dd/mm/yyyy at HH:MM."""
    local = moment.replace(tzinfo=UTC).astimezone()
    return f"{local:%d/%m/%Y} at {local:%H:%M}"


def taken_sentence(mark: OfflineCopy, session: Session | None = None, changed: object = None) -> str:
    """Why a change to a meeting `mark` holds offline is refused. A change to the meeting's own
    records (`changed` is the meeting, an agenda item, decision or amendment: the officer has
    the meeting open) says "this meeting"; a register entry, an action or its progress, which
    other records reach (a seat, a person, the action log), names the meeting by its group and
    day, and a register entry being taken off names whose, why, and what to do instead."""
    when = local_time(mark.taken_at)
    back = "until they bring it back (or another officer releases it)"
    if session is None or not isinstance(changed, (Attendance, Action, ActionUpdate)):
        return f"This meeting was taken offline by {mark.taken_by} on {when}, so it is read-only here {back}"
    group, starts = session.execute(
        select(Group.name, Meeting.starts_at).join(Group, Meeting.group_id == Group.id)
        .where(Meeting.id == mark.meeting_id)).one()
    day = f"{starts:%d/%m/%Y}"
    meeting = f"the {group} meeting of {day}"
    if not (isinstance(changed, Attendance) and _taken_off(changed)):
        what = "its register is" if isinstance(changed, Attendance) else "the actions raised at it (and their progress) are"
        return f"The {group} meeting of {day} was taken offline by {mark.taken_by} on {when}, so {what} read-only here {back}"
    person = session.get(Person, changed.person_id) if changed.person_id is not None else None
    name = person.name if person is not None else changed.name or "a member"
    seats = _seats_changed(session)  # the register follows the seats: a seat ended, a person archived
    said = (f"This change would take {name} off the register of {meeting}"
            f"{' (they would hold no seat on the group that day)' if seats else ''}, and that register is read-only "
            f"here while the meeting is offline: {mark.taken_by} took it offline on {when}. Wait {back}")
    if not seats:
        return said
    if person is not None and person.archived_at is not None:  # archived: no seat of theirs after that day
        later = "once that day has passed, " if starts.date() > date.today() else ""
        return f"{said}, or archive them {later}with their seats ending on {day} or later"
    return f"{said}, or keep their seat covering that day (ending on {day} or later)"


def _taken_off(row: Attendance) -> bool:
    """Whether this unit of work takes the register entry off (archives it)."""
    return row.archived_at is not None and bool(inspect(row).attrs.archived_at.history.added)


def _seats_changed(session: Session) -> bool:
    """Whether this unit of work changes seats or people (the register follows the seats)."""
    return RecordKind.MEMBERSHIPS in session.info.get(changes.CHANGED, ()) or any(
        isinstance(obj, (Membership, Person)) for obj in (*session.new, *session.dirty))


def active_marks(session: Session, meeting_ids) -> list[OfflineCopy]:
    """The team database's marks still in force on these meetings."""
    return list(session.scalars(
        select(OfflineCopy).where(
            OfflineCopy.meeting_id.in_(list(meeting_ids)), OfflineCopy.server == "",
            OfflineCopy.ended_at.is_(None),
        )
    ))


def _meeting_of(session: Session, obj: object) -> int | None:
    if isinstance(obj, Meeting):
        return obj.id
    if isinstance(obj, _BY_MEETING):
        return obj.meeting_id
    if isinstance(obj, ActionUpdate) and obj.action_id is not None:
        return session.scalar(select(Action.meeting_id).where(Action.id == obj.action_id))
    return None


def before_flush(session: Session, flush_context, instances) -> None:
    touched: dict[int, object] = {}  # meeting id -> a record of it changed (a register entry taken off first)
    dirty = session.dirty
    with session.no_autoflush:
        for obj in (*session.new, *dirty, *session.deleted):
            if isinstance(obj, (Meeting, ActionUpdate, *_BY_MEETING)):
                if obj in dirty and not session.is_modified(obj, include_collections=False):
                    continue
                meeting_id = _meeting_of(session, obj)
                if meeting_id is not None and (meeting_id not in touched or (
                        isinstance(obj, Attendance) and obj in dirty and _taken_off(obj))):
                    touched[meeting_id] = obj
        for meeting_id in session.info.get(_CHECKED, set()):
            touched.pop(meeting_id, None)
        if not touched:
            return
        user = officer(session)
        # a mark holds a meeting back on its team database only: in a file (a backup or copy of
        # the team database) nobody else shares it, and nobody there could release it
        shared = session.get_bind().dialect.name != "sqlite"
        # the meetings' rows held first, as taking one offline holds it: a change made while
        # another officer takes the meeting offline waits, then finds their mark
        engines.hold_rows(session, Meeting, set(touched))
        for mark in active_marks(session, touched) if shared else ():
            if mark.taken_by != user:
                raise ValidationError({"meeting": taken_sentence(mark, session, touched[mark.meeting_id])})
        gone = session.scalars(select(OfflineCopy).where(
            OfflineCopy.server != "", OfflineCopy.ended_how == "brought back").limit(1)).first()
        if gone is not None:
            raise ValidationError({"meeting": (
                f"This offline copy was brought back to the team database on {local_time(gone.ended_at)}, "
                "so it is kept only to read: make further changes on the team database"
            )})
    session.info.setdefault(_CHECKED, set()).update(touched)
