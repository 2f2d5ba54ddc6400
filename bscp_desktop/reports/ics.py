"""Calendar files (.ics) that Outlook opens: one event per meeting, times in UTC.

Meetings are stored as local Europe/London wall-clock times; each is converted to UTC here,
so a 10:00 meeting in July is 09:00Z and one in January is 10:00Z.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress, vText

from bscp_desktop.domain.ics import to_utc
from bscp_desktop.reports.files import atomic_write_bytes

PRODID = "-//BSCP Desktop//Meetings//EN"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    title: str
    starts_at: datetime  # naive local (Europe/London)
    ends_at: datetime | None
    location: str = ""
    description: str = ""
    organiser_name: str = ""
    organiser_email: str = ""
    url: str = ""
    cancelled: bool = False
    sequence: int = 0


def build_calendar(events: Sequence[CalendarEvent], name: str, now: datetime | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    stamp = now or datetime.now(UTC)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("summary", e.title)
        start = _utc(e.starts_at)
        event.add("dtstart", start)
        end = _utc(e.ends_at) if e.ends_at else None
        if end is None:
            try:
                end = start + timedelta(hours=1)
            except OverflowError:  # a far date kept by an earlier version
                end = start
        event.add("dtend", end)
        if e.location:
            event.add("location", e.location)
        if e.description:
            event.add("description", e.description)
        if e.url:
            event.add("url", e.url)
        if e.organiser_email:
            organiser = vCalAddress(f"mailto:{e.organiser_email}")
            if e.organiser_name:
                organiser.params["cn"] = vText(e.organiser_name)
            event.add("organizer", organiser)
        event.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        event.add("sequence", e.sequence)
        cal.add_component(event)
    return cal.to_ical()


def _utc(local: datetime) -> datetime:
    try:
        return to_utc(local)
    except (OverflowError, ValueError):  # at the very end of the calendar: keep the wall-clock time
        return local.replace(tzinfo=UTC)


def write_calendar(events: Sequence[CalendarEvent], out: str | os.PathLike[str], name: str) -> Path:
    return atomic_write_bytes(out, build_calendar(events, name))
