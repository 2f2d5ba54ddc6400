"""One app-wide signal: after a command, `records_changed(area)` tells tabs to reload."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    records_changed = Signal(str)


_signals: AppSignals | None = None


def app_signals() -> AppSignals:
    global _signals
    if _signals is None:
        _signals = AppSignals()
    return _signals


def notify_changed(area: str) -> None:
    app_signals().records_changed.emit(area)
