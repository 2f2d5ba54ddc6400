"""The small pieces every area uses, with one look: a grey note beside a field or under a
section, the red line a problem is shown in, the bold heading of what is chosen, a list of
lines that wrap (the parts of a screen down its side, the decisions of an item; a numbered
one's later lines start under the title, not the number), a note
with the button that acts on it, a sentence too long for the status bar shown whole until
closed, and a line that leaves out its middle when it has not the room. Each shows its text as plain text (`plain_label`; `as_typed`
where a message box's static functions show it): words users typed are never read as markup.

Headings and the sentence shown in place of an empty list are larger than the text around them
by a proportion of the application's text size (`larger_text`), never a fixed size: with a large
system font a fixed 12 points would be smaller than the 14-point text under it."""

from __future__ import annotations

import html
import math
import re

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QListWidget, QPushButton, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

HINT_COLOUR = "#555555"
ERROR_COLOUR = "#b00020"
HINT_STYLE = f"color: {HINT_COLOUR};"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
WARNING_STYLE = "color: #8a4b00;"  # something to act on, not an error: a meeting still planned

# How much larger than the application's text each kind of larger text is; beside the usual 9
# points these give the sizes the screens were drawn at (11, 12 and 13 points).
SECTION_HEADING = 11 / 9  # a heading within a page (a Finance summary's "Contributions for 2023/24")
HEADING = 4 / 3  # the bold heading of what is chosen (an agenda item, a session's course)
TITLE = 13 / 9  # the title of a whole workspace (a meeting, a yearly report's section)
EMPTY_STATE = 4 / 3  # the sentence in place of an empty list or a tab not open to the user
EMPTY_STATE_STYLE = f"color: {HINT_COLOUR}; padding: 24px;"
_SCALE = "textScale"  # the property a larger text keeps its proportion in


def as_written(text: str) -> str:
    """Text from the records (a category's name, a file's path) for a caption or a menu entry,
    shown as written: Qt reads "&" there as marking an Alt key, and "&&" as an "&"."""
    return text.replace("&", "&&")


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False, name: str = "") -> QLabel:
    """A label showing its text as plain text, as every label holding words users typed must (a
    title, a name, a place, a sentence quoting them): left to guess, a label reads "<b>Forum</b>"
    as bold, "Room <br/> 1" as two lines and drops "<2>" from "a<2>" once the text holds a tag."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if name:
        label.setAccessibleName(name)
    return label


def as_typed(text: str) -> str:
    """`text` for a place that guesses whether its text is markup and cannot be told it is not (a
    message box's static functions): when it looks like markup, the markup that shows it as
    typed, line breaks and spaces kept; otherwise `text` itself."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space: pre-wrap'>{html.escape(text, quote=False)}</p>"


def tinted(label: QLabel, colour: str) -> QLabel:
    """`label`'s text in `colour`: as a style sheet of "color: …" shows it, but through the
    label's palette, which costs a third as much to make and to show; a form with forty fields
    has over eighty of these (a grey hint and a red error line for each)."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(colour))
    label.setPalette(palette)
    return label


def note_label(text: str = "", parent: QWidget | None = None, small: bool = False) -> QLabel:
    """A wrapped grey note, shown as plain text (a name typed by a user is never markup)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(HINT_STYLE + (" font-size: small;" if small else ""))
    return label


def larger_text(widget: QWidget, scale: float, *, bold: bool = False) -> QWidget:
    """`widget`'s text at `scale` times the application's text size (`HEADING`, `EMPTY_STATE`…),
    bold if asked, and kept in proportion when the application's text size changes (the system's
    text size changed while the program runs). Its style sheet must set no font."""
    widget.setProperty(_SCALE, float(scale))
    widget.setProperty(_SCALE + "Bold", bold)
    _rescale(widget)
    app = QApplication.instance()
    if app is not None and not app.property(_SCALE):  # one connection for every larger text
        app.setProperty(_SCALE, True)
        app.fontChanged.connect(_rescale_all)
    return widget


def _rescale(widget: QWidget) -> None:
    font = QFont(QApplication.font(widget))
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * widget.property(_SCALE))
    else:  # a font sized in pixels
        font.setPixelSize(round(font.pixelSize() * widget.property(_SCALE)))
    font.setBold(bool(widget.property(_SCALE + "Bold")))
    widget.setFont(font)


def _rescale_all(_font: QFont) -> None:
    for widget in QApplication.allWidgets():
        if widget.property(_SCALE):
            _rescale(widget)


def empty_state(label: QLabel) -> QLabel:
    """`label` as the sentence shown in place of an empty list (or a tab closed to the user):
    grey, with room around it, larger than the text around it."""
    label.setStyleSheet(EMPTY_STATE_STYLE)
    larger_text(label, EMPTY_STATE)
    return label


def heading_label(parent: QWidget | None = None, scale: float = HEADING, name: str = "") -> QLabel:
    """A wrapped bold heading (the title of the part chosen in a list beside it), plain text,
    `scale` times the application's text size."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    larger_text(label, scale, bold=True)
    if name:
        label.setAccessibleName(name)
    return label


def wrapped_list(
    parent: QWidget, name: str, *, min_width: int = 0, max_height: int = 0, numbered: bool = False
) -> QListWidget:
    """A list whose long lines wrap instead of scrolling sideways. In a `numbered` list, an entry
    that begins with its number ("10 Multi-agency audits and Section 11") keeps the number in a
    column of its own, and its title's later lines start under the title (`NumberedLines`)."""
    items = QListWidget(parent)
    items.setAccessibleName(name)
    items.setWordWrap(True)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if numbered:
        items.setItemDelegate(NumberedLines(items))
    if min_width:
        items.setMinimumWidth(min_width)
    if max_height:
        items.setMaximumHeight(max_height)
    return items


_NUMBERED = re.compile(r"(\d+[.)]?) +(\S.*)", re.DOTALL)


class NumberedLines(QStyledItemDelegate):
    """Draws a wrapped entry that begins with its number ("10 Multi-agency audits and Section 11
    (built)", "3. Apologies") with a hanging indent: the title's later lines start under the
    title, not under the number, so a later line beginning with a number ("11 (built)") is not
    taken for an entry of its own. The entry's text (what a screen reader reads) is unchanged;
    an entry without a number is drawn as any other."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        parts = _numbered(opt)
        if parts is None:
            super().paint(painter, option, index)
            return
        number, title = parts
        style = opt.widget.style() if opt.widget is not None else QApplication.style()
        rect = _text_rect(opt)
        opt.text = ""  # the background, selection and focus as usual; the text drawn below
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        indent = QFontMetricsF(opt.font).horizontalAdvance(number + " ")
        lines = _laid_out(title, opt.font, rect.width() - indent)
        top = rect.top() + max(0.0, (rect.height() - lines.boundingRect().height()) / 2)
        enabled = bool(opt.state & QStyle.StateFlag.State_Enabled)
        group = QPalette.ColorGroup.Normal if enabled else QPalette.ColorGroup.Disabled
        if enabled and not opt.state & QStyle.StateFlag.State_Active:
            group = QPalette.ColorGroup.Inactive
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        painter.setFont(opt.font)
        _laid_out(number, opt.font, indent).draw(painter, QPointF(rect.left(), top))
        lines.draw(painter, QPointF(rect.left() + indent, top))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        parts = _numbered(opt)
        rect = _text_rect(opt)
        if parts is None or rect.width() <= 0:
            return hint
        number, title = parts
        indent = QFontMetricsF(opt.font).horizontalAdvance(number + " ")
        whole = _laid_out(opt.text, opt.font, rect.width()).boundingRect().height()
        hanging = _laid_out(title, opt.font, rect.width() - indent).boundingRect().height()
        return QSize(hint.width(), hint.height() + math.ceil(hanging) - math.ceil(whole))


def _numbered(option: QStyleOptionViewItem) -> tuple[str, str] | None:
    """(number, title) of a wrapped entry that begins with its number; None otherwise."""
    if not option.features & QStyleOptionViewItem.ViewItemFeature.WrapText:
        return None
    match = _NUMBERED.fullmatch(option.text or "")
    return (match[1], match[2]) if match else None


def _text_rect(option: QStyleOptionViewItem):
    """Where the item view draws an entry's text, less the margin it leaves either side."""
    style = option.widget.style() if option.widget is not None else QApplication.style()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, option.widget) + 1
    return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, option.widget).adjusted(
        margin, 0, -margin, 0)


def _laid_out(text: str, font: QFont, width: float) -> QTextLayout:
    """`text` in lines `width` wide, wrapped as an item view wraps it (at spaces, or within a
    word longer than a line), the first line at the top."""
    layout = QTextLayout(text, font)
    wrapping = QTextOption()
    wrapping.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(wrapping)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(max(width, 1.0))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout


class NoteBar(QWidget):
    """A wrapped note with the button that acts on it beside it: a meeting still marked planned
    (Mark as held), a person who may already be on record (Open the existing record), a section
    built from the records (Refresh). The note is plain text: it may hold names users typed."""

    def __init__(self, parent: QWidget, button_text: str, on_click, name: str = "", style: str = ""):
        super().__init__(parent)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        if style:
            self.note.setStyleSheet(style)
        if name:
            self.note.setAccessibleName(name)
        self.button = QPushButton(button_text, self)
        self.button.clicked.connect(on_click)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.note, 1)
        row.addWidget(self.button)


class MessageBar(NoteBar):
    """A sentence the status bar has no room for (where a file was saved, a date recorded for
    the officer), shown whole and wrapped in the window until the officer closes it or the
    next such sentence takes its place: never cut at the window's edge, never gone after the
    status bar's few seconds, and nothing waits for it to be closed. The window places it."""

    def __init__(self, parent: QWidget):
        super().__init__(parent, "Close", lambda: self.hide(), "Message")
        self.setObjectName("messageBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#messageBar { background: #f3f7fb; border: 1px solid #b9cde3; }")
        self.layout().setContentsMargins(8, 4, 4, 4)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # a path can be copied
        self.button.setToolTip("Close this message")
        self.hide()

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.show()


class ElidedLabel(QLabel):
    """One line of plain text that, narrower than its text, leaves out its middle ("Database:
    C:\\Users\\…\\BSCP Desktop\\records.sqlite3"): its start says what it is, its end names the
    file. It takes at most `share` of its parent's width (a status bar keeps the rest for its
    messages). `text()` is the whole text; the caller's tooltip can show it whole too."""

    def __init__(self, parent: QWidget | None = None, share: float = 0.5):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._whole = ""
        self._share = share
        self._parent: QWidget | None = None
        self._watch_parent()

    def text(self) -> str:
        return self._whole

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        self._whole = text
        self._elide()
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API: as wide as the whole text
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._whole) + margins.left() + margins.right() + 2 * self.margin()
        return QSize(width + 1, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API: a few letters either side of "…"
        return QSize(min(self.sizeHint().width(), 12 * self.fontMetrics().averageCharWidth()),
                     super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._elide()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:  # a status bar takes it from the window
            self._watch_parent()
        elif event.type() == QEvent.Type.FontChange:
            self._elide()
            self.updateGeometry()
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self._parent and event.type() == QEvent.Type.Resize:
            self._keep_share()
        return False

    def _watch_parent(self) -> None:
        if self._parent is not None:
            self._parent.removeEventFilter(self)
        self._parent = self.parentWidget()
        if self._parent is not None:
            self._parent.installEventFilter(self)
            self._keep_share()

    def _keep_share(self) -> None:
        most = int(self._parent.width() * self._share)
        self.setMaximumWidth(max(most, self.minimumSizeHint().width()))

    def _elide(self) -> None:
        room = self.contentsRect().width() - 2 * self.margin()
        shown = self.fontMetrics().elidedText(self._whole, Qt.TextElideMode.ElideMiddle, max(room, 0))
        if shown != QLabel.text(self):
            super().setText(shown)
