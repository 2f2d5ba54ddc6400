"""Connecting to a team database never stops the window: "Connecting to …" with Cancel shows
over it, a heartbeat timer keeps firing meanwhile, the database open before stays open until
the new one is ready, and a failure says why in one sentence naming the connection, never the
password."""

from __future__ import annotations

import shutil
import socket
import time

import psycopg
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from bscp_desktop.app import make_application, open_database
from bscp_desktop.db import server
from bscp_desktop.services import connections as cx
from tests.ui.helpers import start_window

SECRET = "Tr0ub4dor&3-s3cret"


@pytest.fixture
def silent_server():
    """A server that accepts a connection and never answers (a firewall, a busy network)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield listener.getsockname()[1]
    listener.close()  # the waiting connection then fails at once, unseen


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch, empty_file):
    make_application()
    win = start_window(qtbot, open_database(shutil.copyfile(empty_file, tmp_path / "main.sqlite3")))
    said = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, title, text, *a: said.append(text)))
    win.said = said
    yield win
    win.db.close()


class Heartbeat:
    """A 10 ms timer; `longest` is the longest gap between two of its ticks (a stalled window)."""

    def __init__(self) -> None:
        self.ticks = 0
        self.longest = 0.0
        self.last = time.monotonic()
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now
        self.ticks += 1


def _connecting_dialog(parent) -> QProgressDialog | None:
    found = [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]
    return found[0] if found else None


@pytest.mark.slow
def test_a_server_that_does_not_answer_never_stops_the_window_and_cancel_keeps_the_file(
        window, qtbot, silent_server, tmp_path):
    before = window.db
    nowhere = cx.Connection("Brent team", "127.0.0.1", "bscp", "amara", silent_server, "disable")
    ended = []
    heart = Heartbeat()
    window.connect_to(nowhere, SECRET, ended.append)
    dialog = _connecting_dialog(window)
    assert dialog is not None and dialog.labelText() == "Connecting to Brent team (bscp on 127.0.0.1)…"
    qtbot.wait(1500)  # the server is silent all this time
    # a connection made on the window's thread would stop the heartbeat for the whole wait; the
    # margin is for a busy machine, where a working window's gaps still reach a few tenths
    assert heart.ticks > 40 and heart.longest < 0.75, (heart.ticks, heart.longest)
    assert window.db is before and ended == []
    window.grab().save(str(tmp_path / "connecting.png"))
    dialog.grab().save(str(tmp_path / "connecting-dialog.png"))
    dialog.reject()  # Esc
    assert ended == [False] and not dialog.isVisible()
    assert window.db is before and window.db.path == tmp_path / "main.sqlite3"
    assert window.said == []  # Cancel is not a failure
    assert window.tab("Memberships") is not None
    heart.timer.stop()


def test_cancel_is_a_button_on_the_dialog(window, qtbot, silent_server):
    nowhere = cx.Connection("Brent team", "127.0.0.1", "bscp", "amara", silent_server, "disable")
    ended = []
    window.connect_to(nowhere, SECRET, ended.append)
    dialog = _connecting_dialog(window)
    [button] = [b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert ended == [False]


def test_the_current_database_stays_in_use_until_the_team_database_is_ready(window, qtbot, pg_address):
    before = window.db
    ended = []
    window.switch_to(pg_address, False, then=ended.append)
    assert window.db is before  # at once: nothing has switched yet
    qtbot.waitUntil(lambda: ended == [True], timeout=15000)
    assert window.db is not before and window.db.path is None
    assert window.tab("Memberships").db is window.db


def test_a_failure_names_the_connection_and_why_never_the_password(window, qtbot, tmp_path, caplog):
    caplog.set_level("DEBUG")
    nowhere = cx.Connection("Brent team", str(tmp_path), "bscp", "amara", 5999, "disable")
    ended = []
    window.connect_to(nowhere, SECRET, ended.append)
    qtbot.waitUntil(lambda: ended == [False], timeout=15000)
    [text] = window.said
    assert text.startswith("The team database Brent team (postgresql://amara:***@/bscp") and "cannot be reached" in text
    assert "Tr0ub4dor" not in text + caplog.text


def test_a_missing_database_and_another_programs_database_are_named(window, qtbot, pg_address):
    missing = pg_address.replace("@/t_", "@/gone_", 1)
    ended = []
    window.switch_to(missing, False, then=ended.append)
    qtbot.waitUntil(lambda: ended == [False], timeout=15000)
    assert "does not exist on that server" in window.said[-1]
    with psycopg.connect(_conninfo(pg_address), autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    window.switch_to(pg_address, False, then=ended.append)
    qtbot.waitUntil(lambda: len(ended) == 2, timeout=15000)
    assert ended[1] is False and "not a BSCP Desktop database" in window.said[-1]


def _conninfo(address: str) -> str:
    folder = address.split("host=", 1)[1].split("&", 1)[0]
    database = address.split("@/", 1)[1].split("?", 1)[0]
    return f"host={folder} port=5432 user=bscp_test dbname={database}"


@pytest.mark.parametrize(("said", "words"), [
    ("connection failed: FATAL:  password authentication failed for user \"amara\"", "turned the login away"),
    ("connection failed: server does not support SSL, but SSL was required", "could not be connected to securely"),
    ("connection failed: SSL error: certificate verify failed", "could not be checked as the council's server"),
    ("connection failed: FATAL:  database \"bscp\" does not exist", "does not exist on that server"),
    ("connection failed: Connection refused\n\tIs the server running on that host?", "cannot be reached"),
])
def test_each_reason_is_one_sentence(said, words):
    sentence = server.not_connected("postgresql://amara@db.brent.gov.uk/bscp", Exception(said))
    assert words in sentence and sentence.endswith(".") and "\n" not in sentence


@pytest.mark.parametrize(("said", "reason"), [
    ('connection failed: connection to server at "192.168.100.200", port 55432 failed: server does not support SSL, '
     "but SSL was required", "(server does not support SSL, but SSL was required)"),
    ('connection failed: connection to server at "db-bscp-01.corp.brent.gov.uk" (10.20.30.40), port 5432 failed: '
     'FATAL:  password authentication failed for user "amara.okafor-smith"',
     '(password authentication failed for user "amara.okafor-smith")'),
])
def test_the_reason_is_given_whole_without_the_drivers_words_before_it(said, reason):
    """The driver's "connection to server at … failed:" would use up the room the reason has."""
    sentence = server.not_connected("postgresql://amara@db.brent.gov.uk/bscp", Exception(said))
    assert reason in sentence and "connection to server" not in sentence


@pytest.mark.slow
def test_at_start_cancel_opens_the_last_file_instead(qtbot, silent_server, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from bscp_desktop import app
    from bscp_desktop.ui.team import NAME_KEY

    make_application()
    QSettings().setValue(NAME_KEY, "Amara Okafor")  # not the first run: no name is asked
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    windows = []
    show = app.show_frame
    monkeypatch.setattr(app, "show_frame", lambda path: windows.append(show(path)) or windows[-1])
    pressed = []

    def press_cancel() -> None:
        dialog = _connecting_dialog(windows[0]) if windows else None
        if dialog is None:
            QTimer.singleShot(50, press_cancel)
            return
        pressed.append(dialog.labelText())
        dialog.reject()

    QTimer.singleShot(300, press_cancel)
    started = time.monotonic()
    assert app.run_gui(f"postgresql://amara@127.0.0.1:{silent_server}/bscp?sslmode=disable&connect_timeout=10") == 0
    assert time.monotonic() - started < 8  # not the 10 s the connection would wait
    [win] = windows
    assert pressed == ["Connecting to bscp on 127.0.0.1…"]
    assert win.db.path is not None and win.db.engine.dialect.name == "sqlite"
    win.close()
    win.db.close()
    QSettings().remove(NAME_KEY)  # Qt keeps one settings store per process, across tests


@pytest.mark.parametrize(("typed", "address"), [
    ("/home/amara/BSCP/postgresql:/amara@db.brent.gov.uk/bscp?sslmode=verify-full",
     "postgresql://amara@db.brent.gov.uk/bscp?sslmode=verify-full"),
    ("C:\\Users\\amara\\Documents\\postgresql://amara@db.brent.gov.uk:5433/bscp",
     "postgresql://amara@db.brent.gov.uk:5433/bscp"),
    ("/tmp/Postgres:/bscp_test@/t_1?host=/tmp/pg&port=5432", "postgres://bscp_test@/t_1?host=/tmp/pg&port=5432"),
    ("/home/amara/BSCP/minutes.sqlite3", None),
])
def test_file_open_takes_an_address_typed_as_the_file_name(typed, address):
    from bscp_desktop.ui.team.connecting import typed_address

    assert typed_address(typed) == address


def test_file_open_with_an_address_connects_in_the_background(window, qtbot, pg_address, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    typed = "/home/amara/" + pg_address.replace("://", ":/", 1)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (typed, "")))
    before = window.db
    window.open_database()
    assert window.db is before
    qtbot.waitUntil(lambda: window.db.path is None, timeout=15000)
    assert window.said == []


def test_a_failure_never_shows_the_password_the_address_carries():
    address = cx.address(cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara"), SECRET)
    said = cx.failure(f"The team database {address} cannot be reached (password {SECRET} refused).", address, "Brent team")
    assert "Tr0ub4dor" not in said and said.startswith("The team database ")
