"""Editors the forms share: an optional en-GB date field and a record picker, and the timer
that waits for typing (or resizing) to pause before acting on it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QDate, QObject, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QCompleter, QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QSizePolicy, QTimeEdit, QToolButton, QWidget, QWidgetAction

from bscp_desktop.domain.dates import day_off, format_date, parse_date_entry
from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.money import format_plain, parse_money
from bscp_desktop.ui.common.autosave import PlainPasteText
from bscp_desktop.ui.common.column_widths import for_the_text_size
from bscp_desktop.ui.common.icons import calendar_icon
from bscp_desktop.ui.common.labels import WARNING_STYLE, as_typed, plain_label


class DateEdit(QWidget):
    """A date typed as people type it (14/1/27, 14/01/2027, 14 Jan 2027, 1 April 2027, today,
    tomorrow) or picked from a calendar, shown back as dd/mm/yyyy; may be left empty."""

    changed = Signal()

    def __init__(self, parent=None, value: date | None = None):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(40)
        self.line.setToolTip("Type a date as 14/01/2027, 14/1/27, 14 Jan 2027, today or tomorrow")
        self.line.editingFinished.connect(self._tidy)
        self.button = QToolButton(self)
        self.button.setIcon(calendar_icon())
        self.button.setToolTip("Pick a date from a calendar")
        self.button.setAccessibleName("Pick a date")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._calendar: QCalendarWidget | None = None  # made when first opened (a form has many dates)
        menu = QMenu(self.button)
        menu.aboutToShow.connect(self._calendar_opens)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)
        self.line.textChanged.connect(self.changed)
        self.set_value(value)

    @property
    def calendar(self) -> QCalendarWidget:
        """The calendar the button opens, showing the date typed."""
        if self._calendar is None:
            self._calendar = QCalendarWidget()
            self._calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            self._calendar.setGridVisible(True)
            action = QWidgetAction(self.button.menu())
            action.setDefaultWidget(self._calendar)
            self.button.menu().addAction(action)
            self._calendar.clicked.connect(self._picked)
            self._calendar.activated.connect(self._picked)  # Enter on a date reached with the arrow keys
        try:
            shown = self.value()
        except ValueError:
            shown = None
        if shown is not None:
            self._calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        return self._calendar

    def _calendar_opens(self) -> None:
        """The calendar shown with the keyboard in it: the arrow keys move the day and Enter picks
        it at once, as for a mouse click (not only after Down or Tab has reached it)."""
        calendar = self.calendar
        menu = self.button.menu()
        menu.setActiveAction(menu.actions()[0])
        QTimer.singleShot(0, lambda: calendar.setFocus(Qt.FocusReason.PopupFocusReason) if menu.isVisible() else None)

    def _picked(self, qdate: QDate) -> None:
        self.set_value(date(qdate.year(), qdate.month(), qdate.day()))
        self.button.menu().hide()

    def set_value(self, value: date | None) -> None:
        self.line.setText(value.strftime("%d/%m/%Y") if value else "")
        if value and self._calendar is not None:
            self._calendar.setSelectedDate(QDate(value.year, value.month, value.day))

    def text(self) -> str:
        return self.line.text().strip()

    def value(self) -> date | None:
        """The date, or None when empty. Raises ValueError for text that is not a date."""
        text = self.text()
        return parse_date_entry(text) if text else None

    def _tidy(self) -> None:
        """Show a date typed any way as dd/mm/yyyy once the officer moves on."""
        try:
            value = self.value()
        except ValueError:
            return  # left as typed: the form says what is wrong
        if value is not None and self.line.text() != format_date(value):
            self.set_value(value)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        """Name the field (a form names it after its label), and its calendar button after it
        ("Start: pick a date"), so a screen reader tells one date's button from another's."""
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)
        self.button.setAccessibleName(f"{name.rstrip(':')}: pick a date" if name else "Pick a date")


class TimeEdit(QTimeEdit):
    """A time of day as 24-hour hours and minutes ("14:30"): `value()` is a `datetime.time`."""

    def __init__(self, value: time | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        if value is not None:
            self.set_value(value)

    def value(self) -> time:
        t = self.time()
        return time(t.hour(), t.minute())

    def set_value(self, value: time) -> None:
        self.setTime(QTime(value.hour, value.minute))


#: A choice longer than this many characters is shown shortened (`shortened`), so that a dialog
#: grown to show the choice in its box keeps a sensible width.
LONGEST_CHOICE = 80
#: Characters a shortened choice keeps from its end: what tells it from another (an organisation
#: in brackets, "(archived)", a record number "(#12)").
END_KEPT = 24
#: The whole name of a choice a picker shows shortened (every choice, when one is).
WHOLE_NAME = Qt.ItemDataRole.UserRole + 1
#: A choice's whole name as names are compared (`name_key`): what typing is matched against.
COMPARED = Qt.ItemDataRole.UserRole + 2

#: (label, record id) choices, as a picker lists them
Choices = list[tuple[str, int]]
#: each record's names by its id, the one preferred first: a person's name; an organisation's
#: name, then its short name
Names = dict[int, tuple[str, ...]]


def day_note(edit: DateEdit) -> QLabel:
    """A line under a date (in a form's field, `edit` first in its layout) saying when it is a
    bank holiday or a weekend ("25/12/2026 is a bank holiday (Christmas Day): check the date."),
    kept up to date as the date changes. A note, never a refusal: some meetings and sessions are
    held on such days."""
    note = plain_label("", edit.parentWidget(), wrap=True)
    note.setStyleSheet(WARNING_STYLE)
    edit.parentWidget().layout().insertWidget(1, note)

    def show() -> None:
        try:
            day = edit.value()
        except ValueError:  # not a date yet: the field says why
            day = None
        off = day_off(day) if day is not None else ""
        note.setText(f"{format_date(day)} is {off}: check the date." if off else "")
        note.setVisible(bool(off))

    edit.changed.connect(show)
    show()
    return note


def _at_a_letter(text: str, cut: int) -> int:
    """`cut` moved back off any accent or other combining mark, so no letter loses its mark."""
    while 0 < cut < len(text) and unicodedata.combining(text[cut]):
        cut -= 1
    return cut


def shortened(label: str, most: int = LONGEST_CHOICE) -> str:
    """`label` whole when at most `most` characters; else its start and its end with " … " between
    them, cut between words where a space is near: "Royal Borough of Kensington and Chelsea
    Children's Services Multi-Agency … Referrals Team"."""
    if len(label) <= most:
        return label
    start = _at_a_letter(label, len(label) - END_KEPT)
    end = label[start:]
    space = end.find(" ")
    if 0 <= space < END_KEPT // 2:
        end = end[space + 1:]
    head = label[:_at_a_letter(label, most - len(end) - 3)]
    space = head.rfind(" ")
    if space >= len(head) - 16:
        head = head[:space]
    return f"{head.rstrip()} … {end.lstrip()}"


def shortened_choices(labels: list[str], most: int = LONGEST_CHOICE) -> list[str]:
    """Each label as a picker shows it (`shortened`); a long label whose shortened form would read
    as another choice does (in any case) is kept whole, so no two choices look the same."""
    shown = [shortened(label, most) for label in labels]
    if shown == labels:
        return shown
    seen: dict[str, int] = {}
    for text in shown:
        seen[text.casefold()] = seen.get(text.casefold(), 0) + 1
    return [text if text == label or seen[text.casefold()] == 1 else label
            for text, label in zip(shown, labels, strict=True)]


def compared(text: str) -> str:
    """Text typed into a picker as the choices are matched against it (`name_key`: any case,
    without accents, with either kind of apostrophe); a space typed after a word is kept, so
    "Jo " offers "Jo Smith", not "John"."""
    key = name_key(text)
    return f"{key} " if key and text[-1:].isspace() else key


class FoldingCompleter(QCompleter):
    """Offers a picker's choices holding what is typed as the program's search finds names:
    "Zoe" offers "Zoë Ædelstein", "Lukasz" "Łukasz Nowak", "O’Connor" "Seán O'Connor". Each
    choice is matched by its `COMPARED` text, what is typed likewise (`compared`); a choice
    taken fills the box with its whole name, as listed."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt API
        return [compared(path)]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt API
        whole = index.data(WHOLE_NAME)
        return whole if whole else index.data(Qt.ItemDataRole.EditRole) or ""


class RecordCombo(QComboBox):
    """Pick a record by name; type to search. Items carry the record id.

    It asks for room for about 24 characters, so a dialog does not open enormous for a long
    list, and takes the whole width of its field beyond that: widening the dialog shows more
    of a long name ("Strategic Partnerships Officer (Brent Council)"). The name in the box is
    its tooltip, read whole however narrow the box.

    Made with `shorten` (the person, organisation and group pickers, `pickers.picker`), a name
    longer than `LONGEST_CHOICE` characters (an organisation's full legal name, a person "name
    (organisation)" of one) is listed and shown in the box shortened in the middle, so the dialog
    keeps a sensible width instead of growing to the screen's; its whole name is the tooltip, in
    the box and in the open list, typing any part of the whole name still offers it, and the
    whole name typed finds it.

    Typing offers the choices holding what is typed, compared as names are (`FoldingCompleter`:
    in any case, with or without accents, either kind of apostrophe), and a choice's whole label
    typed so, then left, is taken.

    Made with `source` (where its choices come from), `refill()` lists what is on record now,
    keeping the choice: a dialog does so when a record is added from inside it. Made with `names`
    (each record's names, read when first needed), a record is also found by its own name as
    typed (compared as names are, `name_key`): "Amara Okafor" finds "Amara Okafor (Metropolitan
    Police Service)", "MPS" the organisation of that short name, once it is the only one."""

    def __init__(self, parent=None, blank: str | None = None, shorten: bool = False,
                 source: Callable[[], Choices] | None = None, names: Callable[[], Names] | None = None):
        super().__init__(parent)
        self.blank = blank
        self.longest = LONGEST_CHOICE if shorten else None  # characters of a choice shown whole
        self.source = source
        self.names = names
        self._by_name: list[dict[str, list[int]]] | None = None  # record ids by name_key, one dict per kind of name
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = FoldingCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setCompletionRole(COMPARED)
        self.setCompleter(completer)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, self.sizePolicy().verticalPolicy())
        self.currentIndexChanged.connect(lambda _i: self._show_start())
        self.currentTextChanged.connect(self._name_as_tooltip)
        # queued: after the box's own answer (connected as it takes the focus), which puts the whole name in
        completer.activated[str].connect(self._show_as_listed, Qt.ConnectionType.QueuedConnection)
        self.lineEdit().editingFinished.connect(self._take_typed_name)  # after the box's own answer to it

    def _name_as_tooltip(self, text: str) -> None:
        """The whole name in the box as its tooltip (none for the blank entry or an empty box);
        for a name shown shortened, the whole of it."""
        text = text.strip()
        index = self.currentIndex()
        if text and index >= 0 and self.itemText(index).strip() == text:
            text = self.itemData(index, WHOLE_NAME) or text
        self.setToolTip(as_typed(text) if text and text != (self.blank or "") else "")

    def _show_as_listed(self, text: str) -> None:
        """A name taken from those offered as you type shows as the list shows it: typing finds a
        shortened name by its whole name, which the box is given, and would widen the dialog."""
        index = self.currentIndex()
        if index >= 0 and text and self.currentText() == text and self.itemData(index, WHOLE_NAME) == text \
                and self.itemText(index) != text:
            self.setEditText(self.itemText(index))
            self._show_start()

    def _take_typed_name(self) -> None:
        """A choice typed, not picked (a name in another case, a person's name without their
        organisation, an organisation's short name), is chosen as the officer moves on, and shown
        as the list shows it; as the box itself does with a label typed exactly."""
        text = self.currentText().strip()
        index = self.currentIndex()
        if not text or (index >= 0 and self.itemText(index).strip() == text):
            return
        found = self._find(text)
        if found < 0:
            return
        if found == index:
            self.setEditText(self.itemText(found))
        else:
            self.setCurrentIndex(found)
            self.activated.emit(found)
            self.textActivated.emit(self.itemText(found))
        self._show_start()

    def _show_start(self) -> None:
        """A long name chosen reads from its start ("Inspector Morse (Metropolitan…"), not its
        end; never while the user types in the box."""
        if self.lineEdit() is not None and not self.lineEdit().hasFocus():
            self.lineEdit().setCursorPosition(0)

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Tabbing in (or a dialog opening on the picker) selects the whole name, ready to be
        typed over, and Qt leaves the cursor at its end, which shows the end of a long name:
        the same selection is made from the end back to the start, so the start shows."""
        super().focusInEvent(event)
        edit = self.lineEdit()
        if edit is not None and edit.text() and edit.selectedText() == edit.text():
            edit.setSelection(len(edit.text()), -len(edit.text()))

    def set_items(self, items: list[tuple[str, int]], current: int | None = None) -> None:
        quiet = self.blockSignals(True)
        completer = self.completer()
        completer.setModel(None)  # matched once when filled, not again at each row's data
        self._by_name = None  # the names are read again when next needed
        self.clear()
        if self.blank is not None:
            self.addItem(self.blank, None)
        start = self.count()
        labels = [label for label, _id in items]
        shown = shortened_choices(labels, self.longest) if self.longest else labels
        self.insertItems(start, shown)  # in one go: two thousand meetings fill quickly
        for row, (_label, record_id) in enumerate(items, start):
            self.setItemData(row, record_id)
        for row, whole in enumerate(labels, start):  # each choice is found as you type by its whole name
            self.setItemData(row, name_key(whole), COMPARED)
        if shown != labels:  # a long name shortened
            for row, (text, whole) in enumerate(zip(shown, labels, strict=True), start):
                self.setItemData(row, whole, WHOLE_NAME)
                if text != whole:
                    self.setItemData(row, as_typed(whole), Qt.ItemDataRole.ToolTipRole)  # whole on hover in the open list
        completer.setModel(self.model())
        self.blockSignals(quiet)
        self.set_current_id(current)
        self._name_as_tooltip(self.currentText())  # the first choice, already current as it was added, says no change

    def refill(self) -> None:
        """Its choices read again from `source` (what is on record now), the choice kept: the
        record chosen, or text typed that names none. Quietly: the officer chose nothing."""
        if self.source is None:
            return
        chosen = self.current_id()
        typed = self.currentText() if chosen is None and self.has_unknown_text() else ""
        quiet = self.blockSignals(True)
        try:
            self.set_items(self.source(), chosen)
            if typed:
                self.setEditText(typed)
        finally:
            self.blockSignals(quiet)
        self._name_as_tooltip(self.currentText())

    def set_current_id(self, record_id: int | None) -> None:
        index = self.findData(record_id) if record_id is not None else (0 if self.blank is not None else -1)
        self.setCurrentIndex(index)
        if index < 0:
            self.setEditText("")
        self._show_start()

    def current_id(self) -> int | None:
        """The chosen record's id; None when blank or when the typed text matches nothing.

        The record chosen is the one in the box, found by its place in the list, not by its
        name: two people may share a name, and the second one chosen (or already named by the
        record being edited) stays the second. Only a name typed over it is looked up, first as
        typed, then in any case, then by the whole of a name shown shortened, then by the
        record's own name (`named`) where one record alone has it."""
        text = self.currentText().strip()
        index = self.currentIndex()
        if index < 0 or self.itemText(index).strip() != text:
            index = self._find(text)
        if index < 0:
            return None
        return self.itemData(index)

    def _find(self, text: str) -> int:
        """The place of the choice `text` names: as listed, first as typed, then in any case;
        else a shortened choice by its whole name, likewise; else the one choice whose whole
        label reads as `text` compared as names are (`name_key`: "Sean O'Connor (Brent Council)"
        for "Seán O'Connor (Brent Council)"); else the one choice whose record is called `text`
        (-1 when none, or more than one). A choice with no whole name of its own reads as empty
        there: an empty box is looked up by what is listed only."""
        for role in (Qt.ItemDataRole.DisplayRole, WHOLE_NAME) if text else (Qt.ItemDataRole.DisplayRole,):
            for flags in (Qt.MatchFlag.MatchExactly, Qt.MatchFlag.MatchFixedString):
                index = self.findData(text, role, flags)
                if index >= 0:
                    return index
        if key := name_key(text):
            same = self.model().match(self.model().index(0, self.modelColumn()), COMPARED, key, 2,
                                      Qt.MatchFlag.MatchExactly)
            if len(same) == 1:
                return same[0].row()
        places = self.named(text)
        return places[0] if len(places) == 1 else -1

    def named(self, text: str) -> list[int]:
        """The places of the choices whose record is called `text`, compared as names are
        (`name_key`: in any case, spacing and full stops aside): by the first of its `names` any
        choice has so (a person's or an organisation's name), else by the next (a short name)."""
        key = name_key(text)
        if not key or self.names is None:
            return []
        if self._by_name is None:
            self._by_name = []
            for record_id, names in self.names().items():
                for kind, name in enumerate(names):
                    if called := name_key(name):
                        while len(self._by_name) <= kind:
                            self._by_name.append({})
                        self._by_name[kind].setdefault(called, []).append(record_id)
        for by_name in self._by_name:
            places = sorted({self.findData(record_id) for record_id in by_name.get(key, ())} - {-1})
            if places:
                return places
        return []

    def names_several(self) -> bool:
        """The text in the box is the name of more than one choice (two people called Jane
        Smith): the officer says which by choosing from the list."""
        return len(self.named(self.currentText().strip())) > 1

    def has_unknown_text(self) -> bool:
        text = self.currentText().strip()
        return bool(text) and text != (self.blank or "") and self.current_id() is None


class EnumCombo(QComboBox):
    """A drop-down of enum members. Qt hands a text enum's member back as plain text
    ('in_kind', not ContributionKind.IN_KIND), so a comparison by identity would never hold:
    `currentData` and `itemData` give the member back."""

    def __init__(self, kind: type | None):
        super().__init__()
        self._kind = kind

    def _member(self, data, role):
        if self._kind is None or role != Qt.ItemDataRole.UserRole or data is None or isinstance(data, self._kind):
            return data
        try:
            return self._kind(data)
        except ValueError:
            return data

    def currentData(self, role=Qt.ItemDataRole.UserRole):  # noqa: N802 - Qt API
        return self._member(super().currentData(role), role)

    def itemData(self, index, role=Qt.ItemDataRole.UserRole):  # noqa: N802 - Qt API
        return self._member(super().itemData(index, role), role)


def enum_combo(values, current=None, blank: str | None = None) -> QComboBox:
    """A drop-down of enum members by their labels; `blank` adds a first 'none' entry.
    Its data is the member itself (`EnumCombo`)."""
    values = list(values)
    combo = EnumCombo(type(values[0]) if values else None)
    if blank is not None:
        combo.addItem(blank, None)
    for value in values:
        combo.addItem(value.label, value)
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(current), 0))
    return combo


def text_box(text: str = "", height: int = 80, placeholder: str = "") -> QPlainTextEdit:
    """A few lines of free text; Tab moves on to the next field; what is pasted as rich text
    only (a web page's) comes in as its words. `height` is in pixels at the usual text size: with
    a larger system font the box is taller in proportion, so it shows as many lines as it would
    at the usual size (50 pixels would show barely one line at 14 points)."""
    edit = PlainPasteText()
    edit.setPlainText(text)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(for_the_text_size(height, edit.font()))
    if placeholder:
        edit.setPlaceholderText(placeholder)
    return edit


def refill_combo(combo: QComboBox, items, first: tuple[str, object] | None = None) -> None:
    """Replace a filter's choices, keeping the current choice when it is still there.

    `items` are (label, data) pairs; `first` is an 'All …' entry put before them. No change
    signal is sent, so refilling never sets off a reload by itself. Choices the same as those
    it holds are left as they are: a list's reload does not fill 5,000 owners again.
    """
    items = list(items)
    if combo.count() == len(items) + (first is not None) and getattr(combo, "_filled_with", None) == (first, items):
        return
    first_fill = combo.count() == 0
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if first is not None:
        combo.addItem(*first)
    combo._filled_with = (first, items)
    start = combo.count()
    combo.insertItems(start, [label for label, _data in items])  # in one go: a list of thousands fills quickly
    for row, (_label, data) in enumerate(items, start):
        combo.setItemData(row, data)
    combo.setCurrentIndex(0 if first_fill else max(combo.findData(current), 0))
    combo.blockSignals(False)


def refill_group_filter(combo: QComboBox, groups) -> None:
    """The 'Group' filter of a list: All groups, then each group by name."""
    refill_combo(combo, [(g.name, g.id) for g in groups], ("All groups", None))


class MoneyEdit(QLineEdit):
    """An amount of money typed as 1234.56, 1,234.56 or £1,234.56 (`domain.money`); shown
    back as 1,234.56. `value(label)` is the exact Decimal, or raises MoneyError naming the
    field; never a float."""

    def __init__(self, parent=None, value=None, placeholder: str = "0.00"):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(40)
        self.set_value(value)

    def set_value(self, value) -> None:
        self.setText(format_plain(value) if value is not None else "")

    def value(self, label: str = "Amount", required: bool = False):
        return parse_money(self.text(), label, required=required)


def after_a_pause(parent: QObject | None, ms: int, then, *signals) -> QTimer:
    """A timer that runs `then` once, `ms` after the last of a run of changes: each of
    `signals` (and each `start()`) starts it again, so a search runs when typing pauses."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(then)
    for signal in signals:
        signal.connect(lambda *_: timer.start())
    return timer
