"""Calendar files (.ics) that Outlook opens: one event per meeting, times in UTC.

Meetings are stored as local Europe/London wall-clock times; each is converted to UTC here,
so a 10:00 meeting in July is 09:00Z and one in January is 10:00Z.

Record text goes in as the calendar's TEXT (icalendar escapes , ; \\ and new lines and folds
long lines at 75 bytes, never inside a character): control characters, which a TEXT value may
not hold, are dropped; the calendar's name, an event's title, place and organiser are one line;
only the description keeps its lines. A meeting's link is the event's URL only when it is one
(http or https, no spaces): other text stays in the description.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event, vCalAddress, vText

from bscp_desktop.domain.ics import to_utc
from bscp_desktop.reports.files import atomic_write_bytes

PRODID = "-//BSCP Desktop//Meetings//EN"
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # all but tab and line feed
_URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)


def _text(value: str) -> str:
    """Text a calendar may hold: its lines, without control characters."""
    return _CONTROL_RE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _line(value: str) -> str:
    """One line of text (a name, a title, a place)."""
    return " ".join(_text(value).split("\n")).strip()


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
    cal.add("x-wr-calname", vText(_line(name)))  # TEXT, escaped like the events' own
    stamp = now or datetime.now(UTC)
    for e in events:
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", stamp)
        event.add("summary", _line(e.title))
        start = _utc(e.starts_at)
        event.add("dtstart", start)
        end = _utc(e.ends_at, after=start) if e.ends_at else None
        if end is None:
            try:
                end = start + timedelta(hours=1)
            except OverflowError:  # a far date kept by an earlier version
                end = start
        event.add("dtend", end)
        if _line(e.location):
            event.add("location", _line(e.location))
        if e.description:
            event.add("description", _text(e.description))
        if _URL_RE.fullmatch(e.url.strip()):
            event.add("url", e.url.strip())
        email = "".join(_line(e.organiser_email).split())
        if email:
            organiser = vCalAddress(f"mailto:{email}")
            if _line(e.organiser_name):
                organiser.params["cn"] = vText(_line(e.organiser_name))
            event.add("organizer", organiser)
        event.add("status", "CANCELLED" if e.cancelled else "CONFIRMED")
        event.add("sequence", e.sequence)
        cal.add_component(event)
    return cal.to_ical()


def _utc(local: datetime, after: datetime | None = None) -> datetime:
    try:
        return to_utc(local, after)
    except (OverflowError, ValueError):  # at the very end of the calendar: keep the wall-clock time
        return local.replace(tzinfo=UTC)


def write_calendar(events: Sequence[CalendarEvent], out: str | os.PathLike[str], name: str) -> Path:
    return atomic_write_bytes(out, build_calendar(events, name))
