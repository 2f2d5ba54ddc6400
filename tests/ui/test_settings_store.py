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


def test_the_worker_that_opens_the_file_starts_the_writer_so_the_window_starts_no_thread(qapp, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    from bscp_desktop import app

    fresh = ThreadPoolExecutor(max_workers=1, thread_name_prefix="settings")
    monkeypatch.setattr(settings_store, "_writer", fresh)  # as at the program's start: no thread yet
    opening = threading.Thread(target=app._prepare, args=(0,))  # what the opening worker does once the file is open
    opening.start()
    opening.join()
    started: list[threading.Thread] = []
    real_start = threading.Thread.start
    monkeypatch.setattr(threading.Thread, "start", lambda thread: started.append(thread) or real_start(thread))
    remember("last-test", "/home/amara/BSCP.sqlite3")  # the window remembers the file it shows
    written()
    assert started == []
    assert _file_value("last-test") == "/home/amara/BSCP.sqlite3"
    forget("last-test")
    written()
    fresh.shutdown()


def test_values_remembered_together_reach_the_file_in_one_write(qapp, monkeypatch):
    from bscp_desktop.ui.common.settings_store import remember_all

    writes = []
    real_write = settings_store._write
    monkeypatch.setattr(settings_store, "_write", lambda place, values: writes.append(dict(values)) or real_write(place, values))
    remember_all({"together/recent": "/home/amara/BSCP.sqlite3", "together/last": "/home/amara/BSCP.sqlite3"})
    assert recalled("together/last") == "/home/amara/BSCP.sqlite3"  # at once
    written()
    assert writes == [{"together/recent": "/home/amara/BSCP.sqlite3", "together/last": "/home/amara/BSCP.sqlite3"}]
    assert _file_value("together/recent") == _file_value("together/last") == "/home/amara/BSCP.sqlite3"
    for key in ("together/recent", "together/last"):
        forget(key)
    written()
