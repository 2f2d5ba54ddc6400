"""Settings the window changes are written to disk in the background, in order, and read
back at once by the program."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings

from bscp_desktop.ui.common import settings_store
from bscp_desktop.ui.common.settings_store import forget, recalled, remember, written


def _file_value(key: str):
    """What the settings file itself holds, read afresh (not this program's copy of it)."""
    return QSettings(QSettings().fileName(), QSettings().format()).value(key)


def test_a_change_is_read_back_at_once_and_written_without_the_window_waiting(qapp):
    disk = threading.Event()
    settings_store._writer.submit(disk.wait, 30)  # the disk is busy: nothing is written yet
    try:
        remember("exports/test-folder", "/home/amara/Documents/Minutes")
        assert recalled("exports/test-folder") == "/home/amara/Documents/Minutes"  # at once
        assert _file_value("exports/test-folder") is None  # the window did not wait for the file
    finally:
        disk.set()
    written()
    assert _file_value("exports/test-folder") == "/home/amara/Documents/Minutes"
    forget("exports/test-folder")
    assert recalled("exports/test-folder", "the default") == "the default"
    written()
    assert _file_value("exports/test-folder") is None


def test_changes_reach_the_file_in_the_order_they_were_made(qapp):
    disk = threading.Event()
    settings_store._writer.submit(disk.wait, 30)
    try:
        for folder in ("first", "second", "third"):
            remember("exports/test-order", folder)
        forget("exports/test-gone")
        remember("exports/test-gone", "kept")
        assert recalled("exports/test-order") == "third" and recalled("exports/test-gone") == "kept"
    finally:
        disk.set()
    written()
    assert _file_value("exports/test-order") == "third" and _file_value("exports/test-gone") == "kept"
    assert recalled("exports/test-order") == "third"
    assert not settings_store._unwritten


def test_the_export_folder_is_remembered_through_it(qapp, tmp_path):
    from bscp_desktop.ui.common.outputs import FOLDER_KEY, export_folder, remember_folder

    remember_folder(tmp_path / "report.pdf")
    assert export_folder() == str(tmp_path)
    written()
    assert _file_value(FOLDER_KEY) == str(tmp_path)
