"""Meetings taken offline: a team database's mark, and an offline copy's note of where it came from.

On a team database a row with an empty `server` is the mark: the meeting was taken offline by
`taken_by` at `taken_at` into the file `file` on their computer, and is read-only for everyone
else until it is brought back or released (`ended_at`, `ended_how`, `ended_by`, `reason`).

An offline copy holds one row with the same id whose `server` names the team database it came
from (its address without any password) and whose `base` keeps the copied records' values as
they were taken (JSON), so that bringing it back can tell what changed offline from what
changed on the server meanwhile.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Record
from bscp_desktop.domain.kinds import RecordKind


class OfflineCopy(Record):
    __kind__ = RecordKind.MEETINGS
    __tablename__ = "meeting_offline"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), nullable=False, index=True)
    taken_by: Mapped[str] = mapped_column(String(100), nullable=False)
    taken_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    file: Mapped[str] = mapped_column(String(1000), nullable=False, default="")
    server: Mapped[str] = mapped_column(String(1000), nullable=False, default="")
    base: Mapped[str] = mapped_column(Text, nullable=False, default="")
    ended_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    ended_how: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    ended_by: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    reason: Mapped[str] = mapped_column(Text, nullable=False, default="")

    @property
    def history_label(self) -> str:
        return f"Meeting taken offline by {self.taken_by}"
