"""How a table's fitted columns share its width (`table_model.fit_columns` measures them).

Each column has the width its longest text wants, capped (a longer text is cut short, whole on
hover) at a width that grows with the text size (`for_the_text_size`), never under its heading
whole (`heading_widths`). On a window too narrow for them all, the columns of long text share
the room the short ones leave (`shared_widths`), each still as wide as its heading; on a wider
one, the room to spare goes first to the columns whose text is cut, up to what each wants, and
only what is left to the last column (`given_spare`). `SharedWidths` keeps this up as the
table is shown and resized, until the user sets a column's width."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QTableView

#: The usual text size in pixels (9 points on a screen of 96 dots an inch): widths given in
#: pixels for the longest a column may be are for it.
USUAL_TEXT_PIXELS = 12


def for_the_text_size(pixels: int, font: QFont) -> int:
    """A width of `pixels` at the usual text size, at `font`'s size: wider in proportion at a
    larger text size (260 pixels are 325 at 125%), never narrower."""
    return max(pixels, round(pixels * QFontInfo(font).pixelSize() / USUAL_TEXT_PIXELS))


class SharedWidths(QObject):
    """Keeps a table's fitted columns sharing its width (`shared_widths`, `given_spare`) as it is
    laid out and resized (the window maximised, a splitter moved), until the user sets a
    column's width. `widths`: each column's width, its text capped; `wanted`: what its whole
    text needs; `wide`: whether it is a column of long text, cut short on a narrow window;
    `least`: the narrowest each may be cut to (its heading whole)."""

    def __init__(self, view: QTableView, widths: list[int], wanted: list[int], wide: list[bool], least: list[int]):
        super().__init__(view)
        self.view, self.widths, self.wanted, self.wide, self.least = view, widths, wanted, wide, least
        self.set_to: dict[int, int] = {}  # the widths last given, but the last column's (it takes the room left)
        view.installEventFilter(self)

    def share(self) -> None:
        view, room = self.view, _room(self.view)
        shown = [number for number in range(len(self.widths)) if not view.isColumnHidden(number)]
        natural = [self.widths[number] for number in shown]
        if room is None:
            fitted = natural
        else:
            fitted = shared_widths(natural, [self.wide[n] for n in shown], room, [self.least[n] for n in shown])
            fitted = given_spare(fitted, [self.wanted[n] for n in shown], room)
        for number, width in zip(shown, fitted, strict=True):
            view.setColumnWidth(number, width)
        self.set_to = {number: view.columnWidth(number) for number in shown[:-1]}

    def let_go(self) -> None:
        self.view.removeEventFilter(self)
        self.setParent(None)
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            view = self.view
            if any(view.columnWidth(number) != width for number, width in self.set_to.items() if not view.isColumnHidden(number)):
                self.let_go()  # the user's widths are kept
            else:
                self.share()
        return False


def shared_widths(widths: Sequence[int], wide: Sequence[bool], room: int, least: int | Sequence[int]) -> list[int]:
    """Columns' widths in `room` pixels, from their natural `widths`: as they are when they fit;
    else the `wide` ones share what the others leave, the narrower of them whole first and the
    rest alike (never under `least` each, one for all or each column's own, its heading whole:
    then the list scrolls sideways), the others whole."""
    if sum(widths) <= room:
        return list(widths)
    floors = [least] * len(widths) if isinstance(least, int) else list(least)
    shared = [(width, floor) for width, floor, is_wide in zip(widths, floors, wide, strict=True) if is_wide]
    left = room - sum(width for width, is_wide in zip(widths, wide, strict=True) if not is_wide)

    def taken(cap: int) -> int:  # the room the wide columns take when cut at `cap`
        return sum(min(width, max(cap, floor)) for width, floor in shared)

    low, high = 0, max((width for width, _floor in shared), default=0)
    while low < high:  # the widest cut that fits: the narrower whole, the rest alike
        middle = (low + high + 1) // 2
        low, high = (middle, high) if taken(middle) <= left else (low, middle - 1)
    return [min(width, max(low, floor)) if is_wide else width
            for width, floor, is_wide in zip(widths, floors, wide, strict=True)]


def given_spare(widths: Sequence[int], wanted: Sequence[int], room: int) -> list[int]:
    """Columns' widths in `room` pixels when their `widths` leave room to spare: the spare goes
    to the columns narrower than they want (their text cut short), up to what each wants, the
    smaller shortfalls whole first and the rest alike; what is left after that is the last
    column's (the table stretches it)."""
    spare = room - sum(widths)
    short = sorted((want - width, number) for number, (width, want) in enumerate(zip(widths, wanted, strict=True)) if want > width)
    given = list(widths)
    for place, (shortfall, number) in enumerate(short):
        if spare <= 0:
            break
        more = min(shortfall, spare // (len(short) - place))
        given[number] += more
        spare -= more
    return given


def heading_widths(header: QHeaderView, texts: Sequence[str], arrows: bool) -> list[int]:
    """The width each heading of `texts` needs whole, as the header measures it (its
    `sectionSizeHint`): the text in bold, as the header draws it once a row is chosen, its
    margins and, with `arrows` (a table sorted by its headings), the sort arrow's room."""
    option = QStyleOptionHeader()
    option.initFrom(header)
    font = QFont(header.font())
    font.setBold(True)
    option.fontMetrics = QFontMetrics(font)
    option.orientation = Qt.Orientation.Horizontal
    option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown if arrows else QStyleOptionHeader.SortIndicator.None_
    widths = []
    for text in texts:
        option.text = text
        widths.append(header.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), header).width())
    return widths


def _room(view: QTableView) -> int | None:
    """The width a table's columns have on screen (a vertical scroll bar's taken off), or None
    while the table is not shown (its size is not known yet)."""
    if not view.isVisible():
        return None
    bar = 0 if view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff else view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
    return view.width() - 2 * view.frameWidth() - bar
