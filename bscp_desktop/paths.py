"""Where the program keeps data, backups and logs, and where its own resources live.

Data, backups and logs always go to the user's own folders, never next to the program,
so a per-user install without admin rights works and an update never touches records.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir, user_log_dir

from bscp_desktop import APP_NAME

APP_AUTHOR = False  # no vendor sub-folder on Windows


def data_dir() -> Path:
    override = os.environ.get("BSCP_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "bscp.sqlite3"


def backup_dir() -> Path:
    return data_dir() / "backups"


def log_dir() -> Path:
    override = os.environ.get("BSCP_DATA_DIR")
    return Path(override) / "logs" if override else Path(user_log_dir(APP_NAME, APP_AUTHOR))


def given_path(text: Path | str) -> Path:
    """A file named by the user (`--db ~/team.sqlite3`): "~" alone or before a folder separator
    at its start is their home folder, where no shell has already put it (a Windows shortcut,
    `--db=~/…`). Any other name beginning with "~" is a name as written ("~$minutes.pdf",
    "~tilde.sqlite3", a folder "~root"): never another account's home folder, which Python's
    own `expanduser` would make of "~root/x.pdf". Every path the program is given goes through
    this, never through `expanduser`."""
    text = str(text)
    if text == "~" or text.startswith(("~/", "~" + os.sep)):
        return Path(text).expanduser()
    return Path(text)


def resources_dir() -> Path:
    """The `resources/` folder: inside the bundle when frozen, else beside the package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
