"""Pieces the Meetings dialogs share: asking why approved minutes are being changed
(`ui/common/amendment.py`, where every area's window asks it). People, organisations and
groups are picked with `ui/common/pickers.py`."""

from __future__ import annotations

from bscp_desktop.ui.common.amendment import ReasonDialog, ask_reason

__all__ = ["ReasonDialog", "ask_reason"]
