"""An area's settings dialog: its pages in tabs, one red line saying why nothing was saved, and
Save and Cancel (Ctrl+S saves).

A subclass adds each page with `add_page` (a key names the page, so a menu entry can open the
dialog on it, and the fields name the settings the page shows), and writes everything in
`save()`: when the service refuses, `refuse()` shows the reason on the page it concerns
(`page_of` finds it from the fields refused) and the dialog stays open with nothing saved; when
the save went through, `accept()`. A cell still being edited when Save is pressed (Ctrl+S does
not move the focus) is kept as typed before `save()` reads the pages.

The dialog opens with the first field of its page ready for typing, and Tab goes as the
dialog shows: the page tabs, the page's fields, then Save and Cancel. Escape, or the window's
close button, after something on a page of settings was changed asks before closing
(`closing.AsksBeforeClosing`); a page added without `fields` (one whose tools save at once)
is not counted. Enter in a box whose entry an Add button adds (`enter_adds`) adds it, and the
dialog stays open.

No silent overwrite (`ShowsSettings`, mixed into this dialog and into a `FormDialog` of a few
settings): the dialog keeps the stored texts of the settings it shows as it read them
(`opened`, from the area's settings) and its save passes them back. When someone else changed
one since, the service refuses (`services.settings.SettingsChanged`) and nothing is saved: the
dialog says who and when and offers Reload (the settings as saved now, in every page: the
subclass's `show_settings()`), Compare (the user's value beside theirs) or Keep editing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemDelegate, QAbstractItemView, QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services.settings import Opened, SettingsChanged
from bscp_desktop.ui.common.closing import AsksBeforeClosing, inputs_of, save_and_cancel
from bscp_desktop.ui.common.conflict import ComparedField, ConflictDialog
from bscp_desktop.ui.common.labels import ERROR_STYLE, plain_label


class _EnterAdds(QObject):
    def __init__(self, box: QWidget, add: Callable[[], object]):
        super().__init__(box)
        self._add = add
        box.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self._add()
            return True  # not passed on to the dialog, whose default button is Save
        return False


def enter_adds(box: QWidget, add: Callable[[], object]) -> None:
    """Enter in `box` does `add` (its Add button's work) and nothing else: the dialog stays open."""
    _EnterAdds(box, add)


def compared_settings(refusal: RecordChanged) -> list[ComparedField]:
    """Each setting saved since the dialog read it: the user's value beside the one saved now."""
    if isinstance(refusal, SettingsChanged):
        return [ComparedField(c.label, c.yours, c.theirs) for c in refusal.settings]
    return [ComparedField(c.field.replace("_", " ").capitalize(), "", c.value or "") for c in refusal.later]


class ShowsSettings:
    """Mixed in ahead of the dialog class by a dialog of team settings: `opened` is what the
    settings shown were as stored when read (set it with them, in `show_settings`), which the
    save passes on; a save refused because someone else changed one since offers Reload, which
    shows every setting as saved now."""

    opened: Opened = ()

    def show_settings(self) -> None:
        """Read the settings again and show them in every field and page, `opened` with them."""
        raise NotImplementedError

    def compared(self, refusal: RecordChanged) -> list[ComparedField]:
        return compared_settings(refusal)

    def reload_saved(self, refusal: RecordChanged) -> None:
        """Reload: the settings as saved now (the user's changes dropped), saved from next."""
        self.show_settings()
        self.remember_shown()  # type: ignore[attr-defined]
        self.show_note(f"Reloaded: these are the settings as {refusal.changed_by or 'someone else'} saved them. "
                       "Make your changes again and save.")

    def show_note(self, text: str) -> None:
        """Say `text` on the form's status line."""
        self.status.setText(text)  # type: ignore[attr-defined]


class SettingsDialog(ShowsSettings, AsksBeforeClosing, QDialog):
    part_noun = "page"

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(f"{title} pages")
        self.tabs.tabBar().setAccessibleName(self.tabs.accessibleName())
        self._pages: dict[str, int] = {}
        self._field_pages: dict[str, str] = {}
        self._kept: dict[str, QWidget] = {}  # the pages of settings Save writes, by their titles
        self._arranged = False
        self.error = plain_label("", self, wrap=True, name="Settings error")  # may quote what was typed
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.buttons = save_and_cancel(self, self._save_pressed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    @property
    def save_button(self) -> QAbstractButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def add_page(self, page: QWidget, title: str, key: str = "", fields: Iterable[str] = ()) -> QWidget:
        """Add a page as a tab; `key` lets `open_page` show it first, and a refusal of one of
        `fields` (the service's names of the settings on the page) shows it."""
        index = self.tabs.addTab(page, title)
        if fields:
            self._kept[title] = page
        if key:
            self._pages[key] = index
            for field in fields:
                self._field_pages[field] = key
        return page

    def page_of(self, fields: Iterable[str]) -> str:
        """The key of the page showing the first of `fields` a page names ("rules.review.amount"
        is on the page of "rules"), or "" when none does."""
        for field in fields:
            parts = str(field).split(".")
            for end in range(len(parts), 0, -1):
                key = self._field_pages.get(".".join(parts[:end]))
                if key:
                    return key
        return ""

    def open_page(self, key: str) -> None:
        """Show the page added under `key` (nothing happens for a key no page has)."""
        if key in self._pages:
            self.tabs.setCurrentIndex(self._pages[key])

    # -- asking before closing, and the order of focus
    def shown_state(self) -> dict[str, object]:
        return {title: inputs_of(page) for title, page in self._kept.items()}

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        if not self._arranged:
            self._arranged = True
            self._buttons_last()
            self.focus_first_field()
        super().showEvent(event)

    def _chain(self) -> list[QWidget]:
        """The dialog's widgets in the order of focus."""
        chain, widget = [], self.nextInFocusChain()
        while widget is not self and widget not in chain:
            chain.append(widget)
            widget = widget.nextInFocusChain()
        return chain

    def _buttons_last(self) -> None:
        """Tab reaches Save and Cancel after the pages' fields (made after the buttons): the
        page tabs go after the buttons in the (circular) order of focus, so the pages' fields,
        which follow them, come before the buttons again."""
        boxed = [w for w in self._chain() if self.buttons.isAncestorOf(w)]
        if boxed:
            QWidget.setTabOrder(boxed[-1], self.tabs)

    def focus_first_field(self) -> None:
        """Put the focus in the first field of the page shown (not on its tab or on Save)."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        for widget in self._chain():
            if (page.isAncestorOf(widget) and widget.isEnabled() and widget.isVisibleTo(page)
                    and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
                widget.setFocus(Qt.FocusReason.TabFocusReason)
                return

    def refuse(self, message: str, page: str = "") -> None:
        """Say why nothing was saved, on the page it concerns; the dialog stays open."""
        self.open_page(page)
        self.error.setText(message)
        self.error.show()

    def finish_editing(self) -> None:
        """Keep the text of a table or list cell still being edited, as leaving the cell would."""
        for view in self.findChildren(QAbstractItemView):
            editor = view.indexWidget(view.currentIndex())  # the cell's editor while it is edited
            if view.state() == QAbstractItemView.State.EditingState and editor is not None:
                view.commitData(editor)
                view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def show_note(self, text: str) -> None:
        self.refuse(text)

    def show_conflict(self, refusal: RecordChanged) -> int:
        """Someone else saved a setting first: say who and when, on the page of the setting,
        and offer Reload, Compare and Keep editing (nothing was saved)."""
        self.refuse(refusal.sentence(), self.page_of(c.field for c in refusal.later))
        answer = ConflictDialog(refusal, self.compared(refusal), self).exec()
        if answer == ConflictDialog.RELOAD:
            self.reload_saved(refusal)
        return answer

    def _save_pressed(self) -> None:
        self.finish_editing()
        try:
            self.save()
        except RecordChanged as exc:
            self.show_conflict(exc)

    def save(self) -> None:
        """Write every page through the area's service: `refuse()` or `accept()`."""
        raise NotImplementedError
