"""Local meeting times and UTC: meetings are stored as naive Europe/London wall-clock times;
and a meeting's event UID in calendar files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_ZONE_NAME = "Europe/London"


def local_zone() -> ZoneInfo:
    return ZoneInfo(LOCAL_ZONE_NAME)


def to_utc(local: datetime, after: datetime | None = None) -> datetime:
    """A naive local (London) time as an aware UTC time: 10:00 in July is 09:00 UTC.

    At the clock changes a wall-clock time is read with the offset the clocks keep after the
    change (``fold=1``). In October, when 01:00 to 01:59 shows twice, it is the second time, in
    GMT: 01:30 on 25/10/2026 is 01:30 UTC, and a 01:30 to 02:00 meeting is 30 minutes long. An
    end (`after`: its start, in UTC) is the first time instead where that alone keeps the length
    the wall-clock times give: a 00:30 to 01:30 meeting that night is an hour long, ending at
    01:30 BST. In March a time in the skipped hour (refused when typed:
    `dates.missing_local_time`) is read in BST: 01:30 on 29/03/2026 is 00:30 UTC, so a 01:30 to
    02:30 meeting is still an hour long."""
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    second = local.replace(tzinfo=local_zone(), fold=1).astimezone(UTC)
    if after is not None:
        first = local.replace(tzinfo=local_zone(), fold=0).astimezone(UTC)
        if first != second and first - after == local - to_local(after) > timedelta(0):
            return first
    return second


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
