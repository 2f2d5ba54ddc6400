"""The fields of a deadline rule's row that hold a long text: what the rule counts from and what
meets it (`ChoiceCombo`) and the kinds of case it applies to (`KindsButton`). Each shows its
text whole, wrapped between words on as many lines as its column's width needs
(`height_for(width)` is the height that takes; the rules table makes each row that tall), so a
rule reads in full without opening its drop-downs. `least()` is the width that shows the longest
word whole, `widest()` the width that shows every choice on one line."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QFontMetrics, QPalette
from PySide6.QtWidgets import QComboBox, QMenu, QPushButton, QStyle, QStyleOptionButton, QStyleOptionComboBox, QStyleOptionFocusRect, QStylePainter, QWidget

from bscp_desktop.domain.case_reviews import CaseKind
from bscp_desktop.ui.common.dialog_fit import screen_of
from bscp_desktop.ui.common.labels import as_typed

WRAP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap
#: "Applies to" keeps what it says on one line where that is no longer than this many characters
ONE_LINE = 18
_TALL = 100_000


def text_height(metrics: QFontMetrics, text: str, room: int) -> int:
    """The height `text` takes wrapped between words at `room` pixels wide."""
    return metrics.boundingRect(QRect(0, 0, max(1, room), _TALL), WRAP, text).height()


def longest_word(metrics: QFontMetrics, texts) -> int:
    return max((metrics.horizontalAdvance(word) for text in texts for word in text.split()), default=0)


class _Wraps:
    """What both fields share: their text's room at a width, and the sizes it leads to."""

    def room_at(self, width: int) -> int:  # the width its text has when the field is `width` wide
        raise NotImplementedError

    def texts(self) -> list[str]:  # whatever it may say
        raise NotImplementedError

    def shown_text(self) -> str:
        raise NotImplementedError

    def whole(self, text: str) -> int:
        """The width that shows `text` on one line."""
        width = max(self.width(), 200)
        return self.fontMetrics().horizontalAdvance(text) + width - self.room_at(width)

    def widest(self) -> int:
        """The width that shows every text it may have on one line."""
        return max((self.whole(text) for text in self.texts()), default=self.sizeHint().width())

    def least(self) -> int:
        """The width that shows its longest word whole."""
        width = max(self.width(), 200)
        return longest_word(self.fontMetrics(), self.texts()) + width - self.room_at(width)

    def height_for(self, width: int) -> int:
        """Its height at `width`, its text wrapped on as many lines as it needs."""
        metrics = self.fontMetrics()
        single = self.sizeHint().height()
        return max(single, single - metrics.height() + text_height(metrics, self.shown_text(), self.room_at(width)))


class ChoiceCombo(_Wraps, QComboBox):
    """A drop-down showing its choice whole, wrapped when its column is narrower than the text
    (whole on hover too); its open list shows every choice whole. `note` is added to the hover
    text (why a statutory rule cannot be changed)."""

    def __init__(self, parent: QWidget | None = None, note: str = ""):
        super().__init__(parent)
        self.note = note
        # its least width is its longest word's (`least`), not its longest choice's
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(4)
        self.currentTextChanged.connect(lambda _t: self.refresh_tip())
        self.refresh_tip()

    def refresh_tip(self) -> None:
        self.setToolTip(as_typed("\n\n".join(t for t in (self.currentText(), self.note) if t)))  # may name a deadline typed

    def texts(self) -> list[str]:
        return [self.itemText(i) for i in range(self.count())]

    def shown_text(self) -> str:
        return self.currentText()

    def _field(self, option: QStyleOptionComboBox) -> QRect:
        return self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)

    def room_at(self, width: int) -> int:
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(0, 0, width, max(self.height(), self.sizeHint().height()))
        return self._field(option).width() - 2

    def showPopup(self) -> None:  # noqa: N802 - Qt API
        screen = screen_of(self)
        most = int(screen.availableGeometry().width() * 0.9) if screen is not None else self.widest()
        self.view().setMinimumWidth(min(self.widest(), most))
        super().showPopup()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = option.currentText
        option.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, QPalette.ColorRole.ButtonText))
        painter.drawText(self._field(option).adjusted(1, 0, -1, 0), WRAP, text)


class KindsButton(_Wraps, QPushButton):
    """Which kinds of case a rule applies to: a menu of check boxes; none ticked means every
    case. Its text wraps when its column is narrower (the whole list is on hover)."""

    def __init__(self, kinds: tuple[str, ...], label: str, parent=None):
        super().__init__(parent)
        self.setAccessibleName(f"Applies to, for {label}")
        self.setMenu(QMenu(self))
        self.kind_actions: dict[str, QAction] = {}
        for kind in CaseKind:
            action = self.menu().addAction(kind.label)
            action.setCheckable(True)
            action.setChecked(kind.value in kinds)
            action.toggled.connect(lambda _on: self.refresh())
            self.kind_actions[kind.value] = action
        self.refresh()

    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k, a in self.kind_actions.items() if a.isChecked())

    def texts(self) -> list[str]:
        return ["Every case", f"{len(self.kind_actions)} kinds of case", *(k.label for k in CaseKind)]

    def shown_text(self) -> str:
        return self.text()

    def one_line(self) -> int:
        """The width that shows what it says now on one line, unless that is long."""
        return min(self.whole(self.text()), self.whole("x" * ONE_LINE))

    def whole(self, text: str) -> int:
        """The width that shows `text` on one line clear of the menu's arrow: the width a button
        saying it asks for at the current text size (its margins and the arrow's room, as the
        style gives them), never less than the room its text is drawn in needs."""
        option = self._option()
        option.text = text
        metrics = self.fontMetrics()
        size = metrics.size(Qt.TextFlag.TextShowMnemonic, text)
        size.setWidth(size.width() + self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, self))
        asked = self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option, size, self).width()
        return max(asked, super().whole(text))

    def _option(self, width: int | None = None) -> QStyleOptionButton:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        if width is not None:
            option.rect = QRect(0, 0, width, max(self.height(), self.sizeHint().height()))
        return option

    def _text_rect(self, option: QStyleOptionButton) -> QRect:
        rect = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, self)
        return rect.adjusted(2, 0, -indicator - 2, 0)

    def room_at(self, width: int) -> int:
        return self._text_rect(self._option(width)).width()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QStylePainter(self)
        option = self._option()
        painter.drawControl(QStyle.ControlElement.CE_PushButtonBevel, option)
        group = QPalette.ColorGroup.Normal if self.isEnabled() else QPalette.ColorGroup.Disabled
        painter.setPen(self.palette().color(group, QPalette.ColorRole.ButtonText))
        painter.drawText(self._text_rect(option), WRAP, self.text())
        if self.hasFocus():
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = self.style().subElementRect(QStyle.SubElement.SE_PushButtonFocusRect, option, self)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)

    def set_kinds(self, kinds) -> None:
        for key, action in self.kind_actions.items():
            action.setChecked(key in kinds)

    def refresh(self) -> None:
        chosen = self.kinds()
        every = not chosen or len(chosen) == len(self.kind_actions)
        self.setText("Every case" if every else f"{len(chosen)} kinds of case" if len(chosen) > 1
                     else CaseKind(chosen[0]).label)
        self.setToolTip("Applies to every kind of case" if every else
                        "Applies to: " + "; ".join(CaseKind(k).label for k in chosen))
