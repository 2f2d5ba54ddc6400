"""A meeting taken offline is read-only for everyone but the officer who took it.

Checked as the unit of work flushes, whichever command makes the change: a change to the
meeting, its agenda items, register, decisions, amendments, or the actions raised at it (and
their progress updates) is refused with a ValidationError naming who took it offline and
since when, so nothing of that unit of work is written. The meeting's row is held before its
marks are read (`engines.hold_rows`), as taking it offline holds it, so a change made at that
moment waits and then finds the mark. The mark itself (`OfflineCopy`) is not guarded:
releasing a meeting is how another officer ends it. A mark copied into a file (a backup of
the team database) holds nothing back there. An offline copy that was brought back is kept
only to read.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bscp_desktop.db import engines
from bscp_desktop.db.models.actions import Action, ActionUpdate
from bscp_desktop.db.models.meetings import AgendaItem, Attendance, Decision, Meeting, MinutesAmendment
from bscp_desktop.db.models.offline import OfflineCopy
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


def taken_sentence(mark: OfflineCopy) -> str:
    return (
        f"This meeting was taken offline by {mark.taken_by} on {local_time(mark.taken_at)}, so it "
        "is read-only here until they bring it back (or another officer releases it)"
    )


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
    touched = set()
    dirty = session.dirty
    with session.no_autoflush:
        for obj in (*session.new, *dirty, *session.deleted):
            if isinstance(obj, (Meeting, ActionUpdate, *_BY_MEETING)):
                if obj in dirty and not session.is_modified(obj, include_collections=False):
                    continue
                meeting_id = _meeting_of(session, obj)
                if meeting_id is not None:
                    touched.add(meeting_id)
        touched -= session.info.get(_CHECKED, set())
        if not touched:
            return
        user = officer(session)
        # a mark holds a meeting back on its team database only: in a file (a backup or copy of
        # the team database) nobody else shares it, and nobody there could release it
        shared = session.get_bind().dialect.name != "sqlite"
        # the meetings' rows held first, as taking one offline holds it: a change made while
        # another officer takes the meeting offline waits, then finds their mark
        engines.hold_rows(session, Meeting, touched)
        for mark in active_marks(session, touched) if shared else ():
            if mark.taken_by != user:
                raise ValidationError({"meeting": taken_sentence(mark)})
        gone = session.scalars(select(OfflineCopy).where(
            OfflineCopy.server != "", OfflineCopy.ended_how == "brought back").limit(1)).first()
        if gone is not None:
            raise ValidationError({"meeting": (
                f"This offline copy was brought back to the team database on {local_time(gone.ended_at)}, "
                "so it is kept only to read: make further changes on the team database"
            )})
    session.info.setdefault(_CHECKED, set()).update(touched)
