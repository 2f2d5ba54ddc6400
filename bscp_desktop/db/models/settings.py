"""Team settings (closure days, deadline rules, thresholds) as JSON values by key."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bscp_desktop.db.base import Base
from bscp_desktop.domain.kinds import RecordKind


class Setting(Base):
    __kind__ = RecordKind.SETTINGS
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
