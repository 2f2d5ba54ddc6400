"""Local meeting times and UTC: meetings are stored as naive Europe/London wall-clock times;
and a meeting's event UID in calendar files."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LOCAL_ZONE_NAME = "Europe/London"


def local_zone() -> ZoneInfo:
    return ZoneInfo(LOCAL_ZONE_NAME)


def to_utc(local: datetime) -> datetime:
    """A naive local (London) time as an aware UTC time: 10:00 in July is 09:00 UTC."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    return local.replace(tzinfo=local_zone()).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    """An aware time as naive London wall-clock time."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(local_zone()).replace(tzinfo=None)


def event_uid(meeting_id: int, calendar_id: str | None) -> str:
    """A meeting's UID in calendar files, the same in every file written of it, so a calendar
    updates the event it imported: "meeting-7@<calendar id>.bscp-desktop", the calendar id
    being the database's own (meeting 7 of another database is another event). A database made
    before calendar ids were kept has none and keeps "meeting-7@bscp-desktop", which the
    invitations it sent already carry."""
    return f"meeting-{meeting_id}@{calendar_id}.bscp-desktop" if calendar_id else f"meeting-{meeting_id}@bscp-desktop"
