"""The team database in the window: connecting, who you are, and what you may read.

On a file the change history records the name the officer gave at first run (kept in the
program's settings under `NAME_KEY`); on a team database the server names the person.
"""

from __future__ import annotations

#: The officer's own name, as the change history of a database file records it.
NAME_KEY = "user/display_name"
#: The team database connection the window was last connected to: the next start connects to it.
LAST_KEY = "team/last_connection"


def saved_name() -> str:
    """The name set in the program's settings, or '' (read without a window: the command line).
    A name longer than the change history holds (kept by an earlier version) is '' too, so the
    officer is asked for their name again instead of the history recording one a team database
    could not take."""
    from PySide6.QtCore import QSettings

    from bscp_desktop import APP_NAME
    from bscp_desktop.domain.validation import CHANGED_BY_MAX

    value = QSettings(APP_NAME, APP_NAME).value(NAME_KEY, "")
    name = " ".join(str(value).split()) if value else ""
    return name if len(name) <= CHANGED_BY_MAX else ""
