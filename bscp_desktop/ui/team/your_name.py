"""Your name in the change history: asked at first run, changed from the File menu."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from bscp_desktop.domain.validation import CHANGED_BY_MAX, Checker
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import HINT_STYLE
from bscp_desktop.ui.team import NAME_KEY, saved_name

#: The change history's own limit: a longer name could not be copied into a team database.
NAME_MAX = CHANGED_BY_MAX


class YourNameDialog(FormDialog):
    """The officer's own name, kept in the program's settings; every change they make to a
    database file is recorded under it."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__("Your name", parent)
        self.settings = settings
        intro = QLabel("The change history records who made each change. Give your name as colleagues "
                       "know it; it is kept on this computer. On a team database the server names you "
                       "from your login instead.", self)
        intro.setWordWrap(True)
        intro.setStyleSheet(HINT_STYLE)
        self.form.insertRow(0, intro)
        start = saved_name() or _login_name()
        self.add_field("name", "Your name", QLineEdit(start), "For example Amara Okafor")

    def _name(self, c: Checker) -> str:
        return c.required("name", self.fields["name"].text(), "Your name", NAME_MAX)

    def check(self) -> dict[str, str]:
        c = Checker()
        self._name(c)
        return dict(c.errors)

    def save(self) -> str:
        c = Checker()
        name = " ".join(self._name(c).split())
        c.raise_if_any()
        self.settings.setValue(NAME_KEY, name)
        self.settings.sync()
        return name


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name available
        return ""
