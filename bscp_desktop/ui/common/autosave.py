"""Text that saves itself as the user types: the live minutes and the yearly report's sections.

`AutoSaver` watches one text editor. The text is saved `SAVE_DELAY_MS` after the last
keystroke (and, for an officer typing on without a pause, every `MAX_WAIT_MS`), and at once when the editor loses focus or the owner calls `flush()` (moving to
another item or section, switching tab, closing the window): there is no Save button to
forget. Each save is one small transaction made by the owner's `write(text)`, so after a crash
or a flat battery the database holds every word typed up to the last pause. A failed save keeps
the text on screen and says why (`failure`), whatever reloads meanwhile; the next keystroke
tries again, and nothing moves the officer on from words not saved without asking
(`keep_unsaved`: stay with them, or discard them).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from datetime import datetime

from PySide6.QtCore import QElapsedTimer, QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextDocumentFragment
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QWidget

from bscp_desktop.ui.common.labels import plain_label
from bscp_desktop.ui.common.messages import choose, explain

SAVE_DELAY_MS = 500
MAX_WAIT_MS = 2000  # the longest typed words wait unsaved while typing goes on
#: said of words typed before their editor was locked meanwhile, where they have nowhere else to go
LOCKED = "this text can no longer be changed here; copy what you typed before you move on"
QUIET = "color: #555555;"
ALARM = "color: #b00020;"


# what Qt's own plain text shows as a new line (a paragraph's end, a line break in a paragraph,
# a frame's start and end); a no-break space stays one, where toPlainText() makes it a space
_NEW_LINES = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n"})


def editor_text(editor: QPlainTextEdit | QTextEdit) -> str:
    """The words in a box of text exactly as typed or pasted, each line on its own line: "10 000"
    keeps its no-break space. Every reading of a box of several lines goes through here."""
    return editor.document().toRawText().translate(_NEW_LINES)


def _in_a_word(char: str) -> bool:
    """A letter, digit, accent or apostrophe: typed after a space or punctuation, a new word."""
    return char.isalnum() or char in "'\u2019" or unicodedata.category(char).startswith("M")


def _typing(event: QKeyEvent) -> bool:
    """A key that types its text (not a shortcut such as Ctrl+Z, nor Enter or Backspace)."""
    mods = event.modifiers()
    command = bool(mods & Qt.KeyboardModifier.MetaModifier) or (
        bool(mods & Qt.KeyboardModifier.ControlModifier) and not mods & Qt.KeyboardModifier.AltModifier)  # AltGr types
    return bool(event.text()) and event.text().isprintable() and not command and not any(
        event.matches(key) for key in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo))


# pasted content that is rich text only: web pages and some programs put no plain text beside it
_HTML = ("text/html", "application/x-qrichtext")
_RTF = ("text/rtf", "application/rtf", "text/richtext", 'application/x-qt-windows-mime;value="Rich Text Format"')
_RTF_WORD = re.compile(r"\\([a-z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-f]{2})|\\([^a-z])|([{}])|[\r\n]+|([^\\{}\r\n]+)", re.I)
_RTF_LINES = {"par": "\n", "line": "\n", "row": "\n", "cell": "\t", "tab": "\t", "emdash": "\u2014",
              "endash": "\u2013", "bullet": "\u2022", "lquote": "\u2018", "rquote": "\u2019",
              "ldblquote": "\u201c", "rdblquote": "\u201d", "~": "\xa0", "_": "\u2011", "-": "",
              "\n": "\n", "\r": "\n"}
# groups of an RTF file that hold no words of the text: fonts, colours, styles, pictures, fields' codes
_RTF_HIDDEN = {"fonttbl", "colortbl", "stylesheet", "info", "pict", "listtable", "listoverridetable",
               "rsidtbl", "generator", "xmlnstbl", "themedata", "colorschememapping", "latentstyles",
               "datastore", "fldinst", "object", "header", "footer", "footnote", "*"}


def _known_code_page(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _rtf_text(rtf: str) -> str:
    """The words of an RTF document, each paragraph on its own line, its styles left out."""
    out: list[str] = []
    outer: list[tuple[bool, int]] = []  # (hidden, stand-ins after \\u) of the groups around
    hidden, stand_ins, to_skip, code_page = False, 1, 0, "cp1252"
    for word, arg, hex_char, symbol, brace, text in _RTF_WORD.findall(rtf):
        if brace == "{":
            outer.append((hidden, stand_ins))
        elif brace == "}":
            hidden, stand_ins = outer.pop() if outer else (hidden, stand_ins)
        if brace or word:
            to_skip = 0 if brace or word != "u" else to_skip
        elif to_skip:  # the stand-in for readers without Unicode, after a \\u character
            skipped = min(to_skip, len(text) if text else 1)
            to_skip, text = to_skip - skipped, text[skipped:]
            hex_char = symbol = ""
        name = word or symbol
        if brace or hidden:
            continue
        if name in _RTF_HIDDEN:
            hidden = True
        elif name == "ansicpg" and arg:
            code_page = f"cp{arg}" if _known_code_page(f"cp{arg}") else code_page
        elif name == "uc":
            stand_ins = int(arg or 1)
        elif name == "u" and arg:
            out.append(chr(int(arg) % 65536))
            to_skip = stand_ins
        elif name in _RTF_LINES:
            out.append(_RTF_LINES[name])
        elif symbol in ("\\", "{", "}"):
            out.append(symbol)
        elif hex_char:
            out.append(bytes.fromhex(hex_char).decode(code_page, "replace"))
        elif not word and not symbol:
            out.append(text)
    return "".join(out)


def pasted_text(source: QMimeData) -> str:
    """What pasting `source` into a box of plain text puts there: its plain text where it has
    any; else the visible words of its HTML (or RTF) with their line breaks, no markup, no
    styles and no stand-ins for its pictures ('' when it has no words)."""
    if source.hasText() and source.text():
        return source.text()
    if html := next((bytes(source.data(kind)).decode("utf-8", "replace") for kind in _HTML
                     if source.hasFormat(kind) and not source.data(kind).isEmpty()), ""):
        text = QTextDocumentFragment.fromHtml(html).toRawText().translate(_NEW_LINES)
    elif rtf := next((bytes(source.data(kind)).decode("latin-1") for kind in _RTF if source.hasFormat(kind)), ""):
        text = _rtf_text(rtf)
    else:
        return ""
    return re.sub(" ?\ufffc", "", text).rstrip("\n")  # a picture's stand-in, and the space before it


class PlainPasteText(QPlainTextEdit):
    """A box of plain text that also takes what is pasted (or dropped) as rich text only, such as
    a web page's HTML with no plain text beside it, as its words (`pasted_text`): Qt's own takes
    plain text only, and pasting the rest would put nothing there and say nothing."""

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt API
        return super().canInsertFromMimeData(source) or bool(pasted_text(source))

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt API
        if self.isReadOnly():
            return
        if source.hasText() and source.text():
            super().insertFromMimeData(source)
        elif text := pasted_text(source):
            self.textCursor().insertText(text)
            self.ensureCursorVisible()


class WordUndoText(PlainPasteText):
    """A box of text in which one Ctrl+Z takes back the last word typed (with the spaces and
    punctuation typed after it), not everything typed since the last Enter, as Qt would: the
    text saves itself half a second later, so an undo that took a whole paragraph would save
    that loss too. Words typed in another place, after a key that is not typing (Enter,
    Backspace, an arrow) or after an undo are a step of their own."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._typed_to: tuple[int, int] | None = None  # (cursor position, undo steps) after the last key typed
        self._in_word = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        text = event.text()
        if not _typing(event) or self.isReadOnly():
            self._typed_to = None
            super().keyPressEvent(event)
            return
        document = self.document()
        cursor = self.textCursor()
        goes_on = (self._typed_to == (cursor.position(), document.availableUndoSteps()) and not cursor.hasSelection()
                   and (self._in_word or not _in_a_word(text[0])))
        if goes_on:
            cursor.joinPreviousEditBlock()  # the same undo step as the keys typed just before
        else:
            cursor.beginEditBlock()  # a new word: a new undo step
        try:
            super().keyPressEvent(event)
        finally:
            cursor.endEditBlock()
        self._in_word = _in_a_word(text[-1])
        self._typed_to = (self.textCursor().position(), document.availableUndoSteps())
        self.ensureCursorVisible()


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
    editor.setProperty("typing hint", placeholder)  # shown while it can be typed in (`set_writable`)
    editor.setTabChangesFocus(True)
    state = plain_label("", editor.parentWidget(), wrap=True, name="Save state")  # may name who else saved
    state.setStyleSheet(QUIET)
    return state


def set_writable(editor: QWidget, writable: bool) -> None:
    """Let `editor` (readied by `saving_editor`) be typed in or not; an empty one invites typing
    ("They save themselves as you type") only while it can be."""
    editor.setReadOnly(not writable)
    editor.setPlaceholderText(editor.property("typing hint") or "" if writable else "")


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
                 parent: QObject | None = None, locked: Callable[[], str] = lambda: ""):
        super().__init__(parent or editor)
        self.editor = editor
        self.state = state
        self.read = read
        self.write = write
        self.active = active
        # what to do with words typed before the editor was locked meanwhile ('' for `LOCKED`):
        # the owner knows where they can still go (the minutes' amendment)
        self.locked = locked
        self.saved_text = ""
        self.failure = ""  # why the text on screen is not saved ("Not saved: ..."), '' when it is
        self.is_loading = False
        self.save_count = 0
        self._saving = False  # a save under way (its question may be on screen): no second one
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.save)
        # typing on without a pause never lets `timer` run out: the words are saved anyway
        # once the first of them has waited `max_wait_ms` (or the timer's own delay, if longer)
        self.max_wait_ms = MAX_WAIT_MS
        self._waiting = QElapsedTimer()  # since the first keystroke not yet saved
        self._overdue = QTimer(self)
        self._overdue.setSingleShot(True)
        self._overdue.setInterval(0)
        self._overdue.timeout.connect(self.save)
        editor.installEventFilter(FocusWatcher(self.flush, self))

    # ------------------------------------------------------------ what the owner tells it
    def loaded(self, text: str) -> None:
        """The editor now shows `text`, as saved."""
        self.saved_text = text
        self.failure = ""

    def quiet(self) -> _Loading:
        return _Loading(self)

    @contextmanager
    def held(self):
        """No save starts meanwhile (a question about this text is on screen: leaving the
        editor for it must not try the save again)."""
        was, self._saving = self._saving, True
        try:
            yield
        finally:
            self._saving = was

    def typed(self) -> bool:
        """Connect to the editor's textChanged: schedules a save. False while loading."""
        if self.is_loading or not self.active():
            return False
        self.state.setStyleSheet(QUIET)
        self.state.setText("Saving shortly…")
        if not self.timer.isActive() or not self._waiting.isValid():
            self._waiting.start()
        elif self._waiting.elapsed() >= max(self.max_wait_ms, self.timer.interval()):
            self._overdue.start()  # saved on the next turn, typing or not
            self._waiting.start()
        self.timer.start()
        return True

    # ------------------------------------------------------------ saving
    def dirty(self) -> bool:
        return self.active() and self.read() != self.saved_text

    def flush(self) -> bool:
        """Save now if there is anything unsaved. Returns False if saving failed (or a save is
        still under way: its question is on screen)."""
        self.timer.stop()
        self._overdue.stop()
        if not self.dirty():
            return True
        if self._saving:
            return False
        return self.save()

    def save(self) -> bool:
        if not self.active():
            return True
        text = self.read()
        if text == self.saved_text:
            return True
        if self._read_only():  # locked meanwhile, words still on screen
            return self._failed(self.locked() or LOCKED)
        self._saving = True
        try:
            current = self.write(text)
        except Exception as exc:  # keep the text on screen and say so; the next keystroke retries
            return self._failed(explain(exc))
        finally:
            self._saving = False
        self.failure = ""
        if current is not False:
            self.saved_text = text
        self.save_count += 1
        self.state.setStyleSheet(QUIET)
        self.state.setText(f"All changes saved at {datetime.now():%H:%M:%S}")
        self.saved.emit()
        return True


    def _read_only(self) -> bool:
        return getattr(self.editor, "isReadOnly", lambda: False)()

    def _failed(self, why: str) -> bool:
        self.failure = f"Not saved: {why}"
        self.state.setText(self.failure)
        self.state.setStyleSheet(ALARM)
        return False

    def flush_or_ask(self, parent: QWidget, what: str, show_saved: Callable[[str], None]) -> bool:
        """Save what is typed; where that fails, ask (`keep_unsaved`) whether to stay with the
        words (False) or discard them (True: `show_saved(text)` puts the saved text back on
        screen, which is then the text loaded). `what`: "The minutes of this item"."""
        if self.flush():
            return True
        with self.held():
            stay = keep_unsaved(parent, what, self.failure)
        if stay:
            return False
        with self.quiet():
            show_saved(self.saved_text)
        self.loaded(self.read())
        self.state.setText("")
        return True

    def show_failure(self) -> bool:
        """Say again why the text on screen is not saved, after something else wrote the
        state line (a reload); True when there was something to say."""
        if not (self.failure and self.dirty()):
            return False
        if self._read_only():  # refused before the editor was locked: now say where the words can go
            self.failure = f"Not saved: {self.locked() or LOCKED}"
        self.state.setText(self.failure)
        self.state.setStyleSheet(ALARM)
        return True


def keep_unsaved(parent: QWidget | None, what: str, failure: str) -> bool:
    """Ask before words not saved leave the screen: True to stay with them (the default: copy
    them, or try again), False to discard them and go on. `what`: "The minutes of this item"."""
    why = failure.removeprefix("Not saved: ").rstrip(".")
    if why[:1].isupper() and why[1:2].islower():  # a sentence of its own ("The change could not be saved") runs on
        why = why[0].lower() + why[1:]
    return choose(parent, "Not saved", f"{what} are not saved: {why}.\n\nStay to keep them on screen (copy them, "
                  "or try again), or discard them and go on?", "Stay with them", "Discard them",
                  warning=True, escape_first=True)


class _Loading:
    def __init__(self, saver: AutoSaver):
        self.saver = saver

    def __enter__(self) -> AutoSaver:
        self.saver.is_loading = True
        return self.saver

    def __exit__(self, *exc) -> None:
        self.saver.is_loading = False
