"""What the person connected may change, applied to the whole window in one place.

On a team database a read-only login (the Independent Scrutineer: db/roles.py) reads every
record it may read and changes none. The connection says so once (`services.access.read_only`,
from the server's grants); the window then offers nothing that would change a record instead
of letting each save be refused:

- `guard_database(db)` (the main window calls it whenever it shows a database) starts or stops
  one guard over the application. While it runs, every action and push button shown in a
  window of records (the main window's tabs and pages, the yearly report window) that changes
  records is disabled, its tooltip giving the reason, `READ_ONLY`. (A window of records is any
  window with a `db` that is not a modal dialog: the main window, the yearly report window.) A page cannot enable it
  again (an action joins a disabled action group; a button is put back), whatever its own
  selection rules say.
- Which controls change records is decided here too: a control marked with `changes(obj)` (or
  `changes(obj, False)`), else the words it starts with (`CHANGING`: New, Edit, Archive,
  Import, Add, Mark…). Modal dialogs are not swept: a dialog that changes records is only reachable
  through such a control, and an edit dialog reached otherwise (a double-click) shows the
  reason over a disabled Save (`refuse(button, db)` through ui/common/form.py).
- Text boxes that type into records (the minutes) ask `refusal(db)` and become read-only,
  saying why.

A tab the login may not read at all (case reviews without the case reviews group) is refused
whole by the area registry's tab builder (ui/tabs.py), so nothing in it is offered.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QPushButton, QToolButton, QWidget

from bscp_desktop.services import access

#: The tooltip of everything a read-only login is not offered.
READ_ONLY = "Your login can read but not change records."
#: The words that begin the text of a control that changes records (compared without case,
#: "&" and the trailing "…").
CHANGING = (
    "new", "edit", "archive", "restore", "import", "add", "move", "copy last", "fill", "deputy", "mark",
    "back to draft", "approve", "progress update", "close as", "take offline", "bring back", "release",
    "record", "request", "next step", "write", "waive", "charge", "amend", "withdraw", "remove", "link",
    "forget", "refresh all", "refresh from", "title and period", "standards", "standing items",
    "deadline rules", "audit settings", "meetings counted", "set the", "plan", "save mine", "keep all",
    "circulate", "change", "delete", "set up", "charges", "cancel booking", "give", "register", "follow-up",
    "series",
)
_PROPERTY = "changesRecords"
_REFUSED = "refusedForLogin"


def refusal(db) -> str:
    """'' when the person connected may change records; else `READ_ONLY`. The one decision."""
    return READ_ONLY if db is not None and access.read_only(db) else ""


def changes(obj: QObject, changing: bool = True) -> QObject:
    """Say whether `obj` (an action or a button) changes records, whatever its words."""
    obj.setProperty(_PROPERTY, changing)
    return obj


def changes_records(obj: QObject) -> bool:
    """Whether `obj` changes records: as marked with `changes`, else by the words it starts with."""
    marked = obj.property(_PROPERTY)
    if marked is not None:
        return bool(marked)
    words = obj.text().replace("&", "").strip().rstrip("…").strip().lower()
    return any(words == w or words.startswith((w + " ", w + "…", w + "(")) for w in CHANGING) or "settings" in words


def refuse(obj: QObject, reason: str) -> None:
    """Disable `obj` for good with `reason` as its tooltip (a page enabling it again is undone)."""
    if obj.property(_REFUSED):
        return
    obj.setProperty(_REFUSED, True)
    if isinstance(obj, QAction):
        if _guard is not None:
            _guard.group.addAction(obj)
        obj.setEnabled(False)
        obj.setToolTip(reason)
        obj.setStatusTip(reason)
        obj.changed.connect(lambda: _keep_tooltip(obj, reason))
    else:
        obj.setEnabled(False)
        obj.setToolTip(reason)
        if _guard is None:  # else the guard over the application puts it back
            obj.installEventFilter(_ButtonKeeper(obj, reason))


def _keep_tooltip(action: QAction, reason: str) -> None:
    try:
        if action.toolTip() != reason:
            action.setToolTip(reason)
        if action.statusTip() != reason:
            action.setStatusTip(reason)
    except RuntimeError:  # deleted meanwhile
        pass


class _ButtonKeeper(QObject):
    """Keeps one button disabled, with its reason as the tooltip."""

    def __init__(self, button: QWidget, reason: str):
        super().__init__(button)
        self.reason = reason

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        _undo(obj, event, self.reason)
        return False


def _undo(obj: QWidget, event: QEvent, reason: str) -> None:
    kind = event.type()
    if kind == QEvent.Type.EnabledChange and obj.isEnabled():
        obj.setEnabled(False)
    elif kind == QEvent.Type.ToolTipChange and obj.toolTip() != reason:
        obj.setToolTip(reason)


class _Guard(QObject):
    """Watches every widget shown while a read-only database is open (see the module)."""

    def __init__(self, reason: str):
        super().__init__()
        self.reason = reason
        self.group = QActionGroup(self)
        self.group.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        self.group.setEnabled(False)  # an action in it cannot be enabled on its own

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(obj, QWidget):
            self.sweep(obj)
        elif kind in (QEvent.Type.EnabledChange, QEvent.Type.ToolTipChange) and isinstance(obj, QWidget) \
                and obj.property(_REFUSED):
            _undo(obj, event, self.reason)
        return False

    def sweep(self, widget: QWidget) -> None:
        """Refuse what `widget` offers that changes records: its own actions (a page's, a
        toolbar's, a menu's) and, for a button, itself."""
        window = widget.window()
        if isinstance(window, QDialog) and window.isModal() or not refusal(getattr(window, "db", None)):
            return  # a dialog one asked for, or a window of a database its login may change
        for action in widget.actions():
            owner = action.parent()
            if owner is not None and owner.property("keepsItsActions"):
                continue  # the main window's own menus (File, View, Help): about this computer
            if not action.isSeparator() and action.menu() is None and changes_records(action):
                refuse(action, self.reason)
        if isinstance(widget, QPushButton) or isinstance(widget, QToolButton) and widget.defaultAction() is None:
            if not widget.isCheckable() and changes_records(widget):
                refuse(widget, self.reason)


_guard: _Guard | None = None


def guard_database(db) -> None:
    """Start the guard when `db`'s login may not change records, stop it otherwise."""
    global _guard
    reason = refusal(db)
    app = QApplication.instance()
    if _guard is not None and (not reason or reason != _guard.reason):
        app.removeEventFilter(_guard)
        _guard.deleteLater()
        _guard = None
    if reason and _guard is None:
        _guard = _Guard(reason)
        app.installEventFilter(_guard)


def guard_dialog_save(button: QAbstractButton, db) -> str:
    """In an edit dialog reached without a control (a double-click): Save disabled with the
    reason, which is returned for the dialog to show ('' when the login may change records)."""
    reason = refusal(db)
    if reason:
        refuse(button, reason)
    return reason
