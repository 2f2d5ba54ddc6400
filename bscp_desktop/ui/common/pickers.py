"""One way to pick a person, an organisation or a group: a drop-down you can type into to
search, fed by one query each in the memberships service (`services/memberships/choices.py`).

    self.owner = self.add_field("owner_person_id", "Owner", person_picker(db, record.owner_person_id))
    ...
    check_pick(checker, self.owner, "owner_person_id", "people", required=False)

`check_pick` says, beside the field, when the typed text matches nothing in the list (or names
several people on it) or a required choice is missing. A person is found by their name as typed
too, an organisation by its name or short name (`RecordCombo.named`), and each picker knows where
its choices come from, so a dialog lists a record added from inside it (`RecordCombo.refill`,
`empty_choices.offer_to_add_first`). A record that names a person, organisation or group
archived since keeps it ("... (archived)"): saving the record never empties a field the user did
not touch.

A picker asks for room for the name chosen in it (`Picker`), so a dialog opens wide enough to
show each chosen name whole; where the screen leaves too little room (a small laptop, a large
font), the name is shown shortened in the middle, keeping its end in view: the organisation that
tells two people of one name apart, "(archived)".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QLineEdit, QStyle, QStyleOptionComboBox, QStyleOptionFrame, QWidget

from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import Choices, Names, RecordCombo

#: The room Qt's line edit keeps either side of its text (`QLineEditPrivate`).
_TEXT_MARGIN = 2


class Picker(RecordCombo):
    """The drop-down of every picker (`picker`). It asks for room for the name chosen in it, as
    the list shows it (at most `LONGEST_CHOICE` characters: a longer one is listed shortened),
    so a dialog opens wide enough to show each chosen name whole; it still needs no more than
    about 24 characters, so a dialog on a small screen keeps fitting it.

    Where the box is narrower than the name chosen, the name is shown shortened in the middle
    until the officer types in it or moves along it ("Representative (CLCH) (London North…NHS
    Trust)"; tabbing in selects it whole, shortened so too): the end, the organisation that
    tells two people of one name apart or "(archived)", stays in view. The box holds the whole name all the same: its tooltip, what a screen reader reads,
    what is matched and saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._middle = _MiddleElided(self)
        self.lineEdit().installEventFilter(self._middle)
        self.currentTextChanged.connect(lambda _text: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().sizeHint()
        text = self.currentText()
        if not text:
            return hint
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        # the line edit's own margins and a little more, as the dialog's fit measures a box's room
        wanted = QSize(self.fontMetrics().horizontalAdvance(text) + 2 * _TEXT_MARGIN + 6, hint.height())
        width = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, wanted, self).width()
        return QSize(max(hint.width(), width), hint.height())

    def shown_text(self) -> str:
        """The text the box shows: the whole name where it fits, or while it is typed in or
        moved along (in the box, not all of it selected); else shortened in the middle to the
        box's width."""
        edit = self.lineEdit()
        text = edit.text()
        if not text or (edit.hasFocus() and edit.selectedText() != text):
            return text
        room = _text_rect(edit).width() - 2 * _TEXT_MARGIN
        if edit.fontMetrics().horizontalAdvance(text) <= room:
            return text
        return edit.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, room)


class _MiddleElided(QObject):
    """Paints a picker's line edit with its name shortened in the middle (`Picker.shown_text`)
    when the whole name does not fit and no one is typing in it; otherwise the line edit paints
    itself."""

    def __init__(self, picker: Picker):
        super().__init__(picker)
        self.picker = picker

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.Paint or not isinstance(watched, QLineEdit):
            return False
        shown = self.picker.shown_text()
        if shown == watched.text():
            return False
        _paint(watched, shown, selected=bool(watched.text()) and watched.selectedText() == watched.text())
        return True


def _text_rect(edit: QLineEdit):
    """Where a line edit's text goes: its contents, less its text margins."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    rect = edit.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, edit)
    return rect.marginsRemoved(edit.textMargins())


def _paint(edit: QLineEdit, text: str, selected: bool) -> None:
    """Paint `edit` as it paints itself, showing `text` (placed as its own text would be),
    highlighted when the whole of its own text is `selected`."""
    option = QStyleOptionFrame()
    edit.initStyleOption(option)
    painter = QPainter(edit)
    try:
        edit.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelLineEdit, option, painter, edit)
        rect = _text_rect(edit)
        painter.setClipRect(rect)
        metrics = edit.fontMetrics()
        top = rect.y() + (rect.height() - metrics.height() + 1) // 2
        left = rect.x() + _TEXT_MARGIN
        palette = edit.palette()
        if selected:
            painter.fillRect(QRect(left, top, metrics.horizontalAdvance(text), metrics.height()), palette.highlight())
        painter.setPen((palette.highlightedText() if selected else palette.text()).color())
        painter.setFont(edit.font())
        painter.drawText(QPoint(left, top + metrics.ascent()), text)
    finally:
        painter.end()


def picker(choices: Choices, current: int | None = None, blank: str | None = None,
           source: Callable[[], Choices] | None = None, names: Callable[[], Names] | None = None) -> Picker:
    """A picker over (label, id) choices, showing the start of a long name; a very long one
    (a 200-character organisation's name) shortened in the middle, whole on hover
    (`RecordCombo`, `shorten`), so the dialog keeps a sensible width; the dialog opens wide
    enough for the name chosen (`Picker`). `source` reads the choices again, `names` the
    records' own names (`RecordCombo`)."""
    combo = Picker(blank=blank, shorten=True, source=source, names=names)
    combo.set_items(choices, current)
    if combo.lineEdit() is not None:
        combo.lineEdit().setCursorPosition(0)
    return combo


def person_picker(db, current: int | None = None, blank: str | None = "(nobody)",
                  first: Iterable[tuple[str, int]] = (), listed: Choices | None = None) -> Picker:
    """Live people, "Name (Organisation)", and the `current` one even if archived since.
    `first` puts suggestions at the top; `listed` is the people as already read (two pickers of
    one dialog made from one query)."""
    first = list(first)
    chosen = {pid for _label, pid in first}

    def choices() -> Choices:
        return first + [c for c in ms.person_choices(db, include=current) if c[1] not in chosen]

    return picker(choices() if listed is None else listed, current, blank, choices, people_names(db))


def organisation_picker(db, current: int | None = None, blank: str | None = "(none)",
                        exclude: int | None = None) -> Picker:
    """Live organisations (leaving out `exclude`), and the `current` one even if archived since."""

    def choices() -> Choices:
        return [c for c in ms.organisation_choices(db, include=current) if c[1] != exclude]

    return picker(choices(), current, blank, choices, organisation_names(db))


def group_picker(db, current: int | None = None, blank: str | None = None, exclude: int | None = None) -> Picker:
    """Live groups (leaving out `exclude`, e.g. a group cannot report to itself), and the
    `current` one even if archived since."""

    def choices() -> Choices:
        return [c for c in ms.group_choices(db, include=current) if c[1] != exclude]

    return picker(choices(), current, blank, choices, group_names(db))


def people_names(db) -> Callable[[], Names]:
    """Each person's name, read when a picker first looks a typed name up."""
    return lambda: {p.id: (p.name,) for p in ms.list_people(db, include_archived=True)}


def organisation_names(db) -> Callable[[], Names]:
    """Each organisation's name, then its short name (as imports know them), read when needed."""
    return lambda: {o.id: (o.name, o.short_name) for o in ms.list_organisations(db, include_archived=True)}


def group_names(db) -> Callable[[], Names]:
    """Each group's name, read when needed."""
    return lambda: {g.id: (g.name,) for g in ms.list_groups(db, include_archived=True)}


def check_pick(c: Checker, combo: RecordCombo, field: str, what: str, required: bool) -> None:
    """`what` is the plural shown in messages: "people", "organisations", "groups"."""
    if combo.has_unknown_text():
        typed = combo.currentText().strip()
        if combo.names_several():
            c.add(field, f"More than one of the {what} in the list is called '{typed}': choose the one you mean "
                         "from the list")
        else:
            c.add(field, f"'{typed}' is not in the list of {what}: choose one from the list, or add the "
                         f"{_singular(what)} first")
    elif required and combo.current_id() is None:
        c.add(field, f"Choose the {_singular(what)} from the list")


def check_owner(c: Checker, person: RecordCombo, organisation: RecordCombo) -> None:
    """An owner, a person and/or an organisation (an action's, a decision's): each as typed must
    be one on the list; neither is required here (the gaps say when both are missing)."""
    check_pick(c, person, "owner_person_id", "people", required=False)
    check_pick(c, organisation, "owner_organisation_id", "organisations", required=False)


def _singular(what: str) -> str:
    """One of `what`: "categories" -> "category", "later meetings of the group" -> "later
    meeting of the group"."""
    head, of, rest = what.partition(" of ")
    *words, last = head.split(" ")
    if last == "people":
        last = "person"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s"):
        last = last[:-1]
    return " ".join([*words, last]) + of + rest


def new_organisation(db) -> Callable[[QWidget], QDialog]:
    """Opens the organisation dialog, to add the first organisation a list needs
    (`empty_choices.offer_to_add_first`); Memberships' own dialog, read when it opens."""

    def make(parent: QWidget) -> QDialog:
        from bscp_desktop.ui.memberships.dialogs import OrganisationDialog

        return OrganisationDialog(db, None, parent)

    return make


def new_person(db) -> Callable[[QWidget], QDialog]:
    """Opens the person dialog, to add the first person a list needs (as `new_organisation`)."""

    def make(parent: QWidget) -> QDialog:
        from bscp_desktop.ui.memberships.dialogs import PersonDialog

        return PersonDialog(db, None, parent)

    return make
