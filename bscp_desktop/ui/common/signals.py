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


class ReloadsWhenShown:
    """Mixin (before QWidget) for a view of records: when `records_changed` names one of its
    areas it reloads at once if on screen, otherwise when it is next shown. The subclass calls
    `watch(*areas)` once and defines `reload()`; `refresh()` is the lazy form of `reload()`."""

    _stale = False

    def watch(self, *areas: str) -> None:
        self._watched = set(areas)
        app_signals().records_changed.connect(self._on_records_changed)

    def _on_records_changed(self, area: str) -> None:
        if area in self._watched or area == "*":
            self.refresh()

    def refresh(self) -> None:
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
