"""Who is editing what right now: one row per editor of a record being edited (the live
minutes of an agenda item), kept alive by its holder's heartbeat. Two officers editing the
same item hold a row each, so each sees the other.

Not a record with history: the rows come and go as officers open and leave an editor, and are
written with plain statements (db/versions.py), so they neither enter the change history nor
announce a change. A row whose heartbeat is more than a minute old is stale: its holder's
program has stopped or lost the connection, and the next heartbeat on the record clears it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Base, utcnow
from bscp_desktop.domain.kinds import RecordKind


class Editing(Base):
    __kind__ = RecordKind.MEETINGS  # the live minutes (its rows are never announced: see above)
    __tablename__ = "editing"
    __table_args__ = (UniqueConstraint("table_name", "record_id", "session_key", name="uq_editing_editor"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    holder: Mapped[str] = mapped_column(String(100), nullable=False)
    session_key: Mapped[str] = mapped_column(String(40), nullable=False)  # the editor (services/editing.new_key)
    since: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
