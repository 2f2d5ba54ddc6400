"""Local meeting times and UTC: meetings are stored as naive Europe/London wall-clock times."""

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
