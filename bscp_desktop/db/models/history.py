"""The change history: one row per field changed (or, for a record added by an import, one row
holding all its fields: `db.history_bulk.record_inserts`), written in the same transaction.

Each row carries `hash`, the SHA-256 of the previous row's hash and its own content
(`db.history.entry_hash`), so a row changed or removed outside the program breaks the chain.
`record_label` keeps the record's readable name as it was when the change was made. Entries
are in time order (`changed_at` never goes back), so the change log pages by id; its indexes
end in `id` for that. The full-text index `history_search` (FTS5, SQLite only) is made by the
migration, not here.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Base, utcnow
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.validation import CHANGED_BY_MAX


class ChangeRecord(Base):
    __kind__ = RecordKind.HISTORY
    __tablename__ = "change_record"
    __table_args__ = (
        Index("ix_change_record_changed_at", "changed_at"),
        Index("ix_change_record_table_id", "table_name", "id"),
        Index("ix_change_record_changed_by_id", "changed_by", "id"),
        Index("ix_change_record_record", "table_name", "record_id", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, nullable=False, default=utcnow)
    changed_by: Mapped[str] = mapped_column(String(CHANGED_BY_MAX), nullable=False)
    table_name: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(20), nullable=False)
    field: Mapped[str] = mapped_column(String(60), nullable=False)
    old_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_value: Mapped[str | None] = mapped_column(Text, nullable=True)
    record_label: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
