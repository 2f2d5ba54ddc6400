"""File > Connect to team database...: named connections in the settings, passwords only in the
credential store (an in-memory one here, never the real store), and connecting opens the
database in the window as File > Open does."""

from __future__ import annotations

import shutil
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox

from bscp_desktop.app import make_application, open_database
from bscp_desktop.services import connections as cx
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.team.connect import ConnectDialog, ConnectionDialog, load_connections, save_connections
from tests.ui.helpers import start_window

SECRET = "Tr0ub4dor&3-s3cret"


class MemoryKeyring(KeyringBackend):
    """A credential store that lives in the test's memory."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.kept.get((service, username))

    def set_password(self, service, username, password):
        self.kept[(service, username)] = password

    def delete_password(self, service, username):
        self.kept.pop((service, username), None)


class NoKeyring(KeyringBackend):
    priority = 0

    def get_password(self, service, username):
        raise keyring.errors.NoKeyringError("none")

    def set_password(self, service, username, password):
        raise keyring.errors.NoKeyringError("none")

    def delete_password(self, service, username):
        raise keyring.errors.NoKeyringError("none")


@pytest.fixture
def store():
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)


@pytest.fixture
def no_store():
    before = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def window(qtbot, tmp_path, empty_file):
    make_application()
    db = open_database(shutil.copyfile(empty_file, tmp_path / "main.sqlite3"))  # a new database (a copy of the run's: no migrations run again)
    win = start_window(qtbot, db)
    yield win
    win.db.close()


def _fill(dialog: ConnectionDialog, **values) -> None:
    for name, value in values.items():
        widget = dialog.fields[name]
        if name == "port":
            widget.setValue(value)
        elif name == "sslmode":
            widget.setCurrentIndex(widget.findData(value))
        elif name == "sslrootcert":
            dialog.cert.setText(value)
        else:
            widget.setText(value)


def _settings_text() -> str:
    settings = QSettings()
    settings.sync()
    return Path(settings.fileName()).read_text(encoding="utf-8", errors="replace")


def test_a_new_connection_is_kept_in_settings_and_its_password_only_in_the_store(qtbot, store):
    make_application()
    dialog = ConnectionDialog(None, set())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.save_button.isEnabled()  # nothing filled in yet
    _fill(dialog, name="Brent team", host="db.brent.gov.uk", port=5433, database="bscp", user="amara.okafor",
          sslmode="verify-full", sslrootcert="C:/certs/brent-ca.pem", password=SECRET)
    assert dialog.save_button.isEnabled()
    dialog._on_save()
    connection = dialog.result_value
    assert connection == cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara.okafor", 5433,
                                       "verify-full", "C:/certs/brent-ca.pem")
    save_connections(QSettings(), [connection])
    assert load_connections(QSettings()) == [connection]
    assert store.kept == {(cx.KEYRING_SERVICE, "amara.okafor@db.brent.gov.uk:5433/bscp"): SECRET}
    text = _settings_text()
    assert "db.brent.gov.uk" in text and SECRET not in text and "Tr0ub4dor" not in text


def test_bad_fields_are_named_and_nothing_is_saved(qtbot, store):
    make_application()
    dialog = ConnectionDialog(None, {"Brent team"})
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, name="brent TEAM", host="db.brent.gov.uk/bscp", database="bscp", user="amara",
          sslmode="require", sslrootcert="ca.pem")
    dialog._on_save()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.result_value is None
    shown = {name: label.text() for name, label in dialog.error_labels.items() if label.isVisible()}
    assert "already a connection called" in shown["name"]
    assert "Server" in shown["host"] and "Root certificate" in shown["sslrootcert"]
    assert store.kept == {}


def test_connect_opens_the_team_database_in_the_window(window, qtbot, store, pg_address, monkeypatch):
    folder = pg_address.split("host=", 1)[1].split("&", 1)[0]
    database = pg_address.split("@/", 1)[1].split("?", 1)[0]
    brent = cx.Connection("Brent team", folder, database, "bscp_test", 5432, "disable")
    save_connections(window.settings, [brent])
    cx.save_password(brent, SECRET)  # the test server trusts its users and ignores the password
    opened = []
    monkeypatch.setattr(ConnectDialog, "exec", lambda self: opened.append(self) or self.connect_selected())
    window.connect_action.trigger()
    [dialog] = opened
    qtbot.waitUntil(lambda: window.db.path is None, timeout=10000)  # connected in the background
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.list.count() == 1 and "Brent team" in dialog.list.item(0).text()
    assert window.db.path is None and window.db.engine.dialect.name == "postgresql"
    assert window.windowTitle() == "BSCP Desktop: Brent team"
    status = window.db_label.text()
    assert "Team database Brent team" in status and "connected as bscp_test" in status
    assert SECRET not in window.windowTitle() + status + window.db.label
    assert "psycopg" not in status + window.db_label.toolTip() and window.db_label.toolTip().startswith("postgresql://")
    ms.create_organisation(window.db, ms.OrganisationFields("Brent Council", "local_authority"))
    assert window.tab("Memberships") is not None
    assert SECRET not in _settings_text()


def test_a_failed_connection_says_why_without_the_password(window, qtbot, store, tmp_path, monkeypatch, caplog):
    caplog.set_level("DEBUG")
    errors = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: errors.append((title, text)))
    nowhere = cx.Connection("Nowhere", str(tmp_path), "bscp", "amara", 5999, "disable")
    cx.save_password(nowhere, SECRET)
    before = window.db
    ended = []
    assert window.connect_to(nowhere, SECRET, ended.append) is not None
    qtbot.waitUntil(lambda: ended == [False], timeout=15000)
    assert window.db is before  # the file stays open
    [(title, text)] = errors
    assert "cannot be reached" in text and SECRET not in text and "Tr0ub4dor" not in text
    assert "Tr0ub4dor" not in caplog.text


def test_without_a_credential_store_the_password_is_asked_each_time_and_why(qtbot, no_store, monkeypatch):
    make_application()
    settings = QSettings()
    brent = cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara")
    save_connections(settings, [brent])
    tried = []
    dialog = ConnectDialog(settings, lambda c, p, then: tried.append((c, p)) or then(True))
    qtbot.addWidget(dialog)
    assert "no credential store" in dialog.store_note.text()
    asked = []
    monkeypatch.setattr(dialog, "ask_password", lambda c, why: asked.append(why) or "typed-pass")
    assert dialog.connect_selected()
    assert tried == [(brent, "typed-pass")] and "no credential store" in asked[0]
    editor = ConnectionDialog(brent, set())
    qtbot.addWidget(editor)
    assert not editor.password.isEnabled()
    assert "asked for each time" in editor.error_labels["password"].parent().findChildren(QLabel)[0].text()


def test_remove_forgets_the_connection_and_its_password(qtbot, store, monkeypatch):
    make_application()
    settings = QSettings()
    brent = cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara")
    save_connections(settings, [brent])
    cx.save_password(brent, SECRET)
    dialog = ConnectDialog(settings, lambda c, p, then: then(True))
    qtbot.addWidget(dialog)
    monkeypatch.setattr("bscp_desktop.ui.team.connect.confirm", lambda *a: True)
    dialog.remove()
    assert load_connections(QSettings()) == [] and store.kept == {}
    assert dialog.empty.isVisible() or not dialog.isVisible()
    assert not dialog.connect_button.isEnabled()


def _cluster_connection(pg_address: str, name: str = "Brent team") -> cx.Connection:
    folder = pg_address.split("host=", 1)[1].split("&", 1)[0]
    database = pg_address.split("@/", 1)[1].split("?", 1)[0]
    return cx.Connection(name, folder, database, "bscp_test", 5432, "disable")


def test_the_next_start_connects_again_until_a_file_is_chosen(window, qtbot, store, pg_address, tmp_path):
    from bscp_desktop.ui.team import LAST_KEY
    from bscp_desktop.ui.team.connect import start_connection

    brent = _cluster_connection(pg_address)
    save_connections(window.settings, [brent])
    cx.save_password(brent, SECRET)
    window.settings.remove(LAST_KEY)  # Qt keeps one settings store per process, across tests
    assert start_connection(QSettings()) is None  # never connected yet: the last file opens
    ended = []
    window.connect_to(brent, SECRET, ended.append)
    qtbot.waitUntil(lambda: ended == [True], timeout=10000)
    assert window.settings.value(LAST_KEY) == "Brent team"
    address, name = start_connection(QSettings())
    assert name == "Brent team" and address == cx.address(brent, SECRET)
    assert window.switch_to(tmp_path / "other.sqlite3", create=True)
    assert start_connection(QSettings()) is None


def test_at_start_an_unreachable_team_database_gives_way_to_the_file(qtbot, store, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from bscp_desktop import app
    from bscp_desktop.ui.team import LAST_KEY, NAME_KEY

    make_application()
    settings = QSettings()
    nowhere = cx.Connection("Nowhere", str(tmp_path), "bscp", "amara", 5999, "disable")
    save_connections(settings, [nowhere])
    cx.save_password(nowhere, SECRET)
    settings.setValue(LAST_KEY, "Nowhere")
    settings.setValue(NAME_KEY, "Amara Okafor")
    settings.sync()
    said, windows = [], []
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: said.append(text)))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    show = app.show_frame
    monkeypatch.setattr(app, "show_frame", lambda path: windows.append(show(path)) or windows[-1])
    assert app.run_gui() == 0
    [win] = windows
    assert win.db.path is not None and win.db.engine.dialect.name == "sqlite"
    assert "cannot be reached" in said[0] and "Tr0ub4dor" not in said[0]
    assert win.windowTitle().startswith("BSCP Desktop: ") and "Nowhere" not in win.windowTitle()
    win.close()
    for key in (LAST_KEY, NAME_KEY):  # Qt keeps one settings store per process, across tests
        settings.remove(key)


def test_change_keeps_the_kept_password_and_moves_it_with_the_login(qtbot, store):
    make_application()
    brent = cx.Connection("Brent team", "db.brent.gov.uk", "bscp", "amara")
    cx.save_password(brent, SECRET)
    dialog = ConnectionDialog(brent, set())
    qtbot.addWidget(dialog)
    dialog.show()
    assert "leave this empty to keep it" in dialog.error_labels["password"].parent().findChildren(QLabel)[0].text()
    _fill(dialog, user="amara.okafor")
    dialog._on_save()
    moved = dialog.result_value
    assert moved.user == "amara.okafor" and cx.saved_password(moved) == SECRET
    assert cx.saved_password(brent) is None


@pytest.mark.parametrize("junk", ["not json", "{\"a\": 1}", "[1, \"x\", {\"name\": \"\"}]", "[{\"name\": \"x\", \"port\": []}]"])
def test_hand_edited_settings_never_stop_the_dialog(qtbot, store, junk):
    make_application()
    settings = QSettings()
    settings.setValue("team/connections", junk)
    assert load_connections(settings) == []
    dialog = ConnectDialog(settings, lambda c, p, then: then(True))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0 and not dialog.connect_button.isEnabled()
    settings.remove("team/connections")


def test_the_root_certificate_box_has_a_name_a_screen_reader_can_say(qtbot, store):
    make_application()
    dialog = ConnectionDialog(None, set())
    qtbot.addWidget(dialog)
    assert dialog.cert.accessibleName() == "Root certificate"
