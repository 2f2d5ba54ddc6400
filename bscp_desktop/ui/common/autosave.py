"""Text that saves itself as the user types: the live minutes and the yearly report's sections.

`AutoSaver` watches one text editor. The text is saved `SAVE_DELAY_MS` after the last
keystroke, and at once when the editor loses focus or the owner calls `flush()` (moving to
another item or section, switching tab, closing the window): there is no Save button to
forget. Each save is one small transaction made by the owner's `write(text)`, so after a crash
or a flat battery the database holds every word typed up to the last pause. A failed save keeps
the text on screen and says why; the next keystroke tries again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from bscp_desktop.ui.common.messages import explain

SAVE_DELAY_MS = 500
QUIET = "color: #555555;"
ALARM = "color: #b00020;"


class FocusWatcher(QObject):
    """Calls `on_leave` whenever the watched widget loses focus."""

    def __init__(self, on_leave: Callable[[], object], parent: QObject | None = None):
        super().__init__(parent)
        self.on_leave = on_leave

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.FocusOut:
            self.on_leave()
        return False


def saving_editor(editor: QWidget, name: str, placeholder: str) -> QLabel:
    """Ready `editor` for text that saves itself: its name, a placeholder saying that it saves
    itself, Tab moving on (leaving it saves); returns the quiet line beside it where the
    `AutoSaver` says how the saving goes."""
    editor.setAccessibleName(name)
    editor.setPlaceholderText(placeholder)
    editor.setTabChangesFocus(True)
    state = QLabel("", editor.parentWidget())
    state.setAccessibleName("Save state")
    state.setStyleSheet(QUIET)
    return state


class AutoSaver(QObject):
    """Saves an editor's text after a pause in typing, on leaving it, and on `flush()`.

    `read()` gives the editor's text as it is to be saved; `write(text)` saves it (one
    transaction) and returns False when the text on screen is no longer the one saved (the
    owner moved on meanwhile); `active()` says whether there is anything to save into (an item
    or section chosen). The owner calls `loaded(text)` whenever it puts text in the editor
    itself, inside `quiet()`, so that this is not taken for typing.
    """

    saved = Signal()

    def __init__(self, editor: QWidget, state: QLabel, read: Callable[[], str], write: Callable[[str], bool | None],
                 active: Callable[[], bool] = lambda: True, delay_ms: int = SAVE_DELAY_MS,
                 parent: QObject | None = None):
        super().__init__(parent or editor)
        self.editor = editor
        self.state = state
        self.read = read
        self.write = write
        self.active = active
        self.saved_text = ""
        self.is_loading = False
        self.save_count = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save)
        editor.installEventFilter(FocusWatcher(self.flush, self))

    # ------------------------------------------------------------ what the owner tells it
    def loaded(self, text: str) -> None:
        """The editor now shows `text`, as saved."""
        self.saved_text = text

    def quiet(self) -> _Loading:
        return _Loading(self)

    def typed(self) -> bool:
        """Connect to the editor's textChanged: schedules a save. False while loading."""
        if self.is_loading or not self.active():
            return False
        self.state.setStyleSheet(QUIET)
        self.state.setText("Saving shortly…")
        self.timer.start()
        return True

    # ------------------------------------------------------------ saving
    def dirty(self) -> bool:
        return self.active() and self.read() != self.saved_text

    def flush(self) -> bool:
        """Save now if there is anything unsaved. Returns False if saving failed."""
        self.timer.stop()
        if not self.dirty():
            return True
        return self.save()

    def save(self) -> bool:
        if not self.active() or getattr(self.editor, "isReadOnly", lambda: False)():
            return True
        text = self.read()
        if text == self.saved_text:
            return True
        try:
            current = self.write(text)
        except Exception as exc:  # keep the text on screen and say so; the next keystroke retries
            self.state.setText(f"Not saved: {explain(exc)}")
            self.state.setStyleSheet(ALARM)
            return False
        if current is not False:
            self.saved_text = text
        self.save_count += 1
        self.state.setStyleSheet(QUIET)
        self.state.setText(f"All changes saved at {datetime.now():%H:%M:%S}")
        self.saved.emit()
        return True


class _Loading:
    def __init__(self, saver: AutoSaver):
        self.saver = saver

    def __enter__(self) -> AutoSaver:
        self.saver.is_loading = True
        return self.saver

    def __exit__(self, *exc) -> None:
        self.saver.is_loading = False
