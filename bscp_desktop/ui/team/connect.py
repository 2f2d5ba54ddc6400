"""File > Connect to team database...: the saved connections, and one to add or change.

The connections are kept in the program's settings (`team/connections`, plain data without any
password); a password is kept in the operating system's credential store (services/connections.py)
or, where there is none, asked for each time with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox, QVBoxLayout, QWidget

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import connections as cx
from bscp_desktop.ui.common.form import FormDialog
from bscp_desktop.ui.common.labels import HINT_STYLE, as_typed
from bscp_desktop.ui.common.messages import confirm
from bscp_desktop.ui.team import LAST_KEY

SETTINGS_KEY = "team/connections"


def load_connections(settings: QSettings) -> list[cx.Connection]:
    """The saved connections, in the order the officer added them (unreadable entries skipped)."""
    raw = settings.value(SETTINGS_KEY, "")
    try:
        items = json.loads(raw) if isinstance(raw, str) and raw else []
    except ValueError:
        items = []
    found = [cx.Connection.from_settings(item) for item in items if isinstance(items, list)]
    return [c for c in found if c is not None]


def save_connections(settings: QSettings, connections: list[cx.Connection]) -> None:
    settings.setValue(SETTINGS_KEY, json.dumps([c.as_settings() for c in connections], ensure_ascii=False))
    settings.sync()


def start_connection(settings: QSettings | None = None) -> tuple[str, str] | None:
    """(address, name) of the team database to open at start: the one connected to last, when
    it is still saved and its password is kept; None to open the last file instead."""
    settings = settings or QSettings()
    name = settings.value(LAST_KEY, "")
    connection = next((c for c in load_connections(settings) if c.name == name), None) if name else None
    password = cx.saved_password(connection) if connection is not None else None
    if not password:
        return None
    return cx.address(connection, password), connection.name


class ConnectionDialog(FormDialog):
    """Add or change one connection; a password typed here goes to the credential store only."""

    def __init__(self, connection: cx.Connection | None, taken: set[str], parent: QWidget | None = None):
        super().__init__("Change the connection" if connection else "New team database connection", parent)
        self.connection = connection
        self.taken = taken
        start = connection or cx.Connection("", "", "bscp", "")
        self.add_field("name", "Name", QLineEdit(start.name), "How the connection is listed, e.g. Brent team")
        self.add_field("host", "Server", QLineEdit(start.host), "The server's name, from your IT team, "
                                                               "e.g. db.brent.gov.uk")
        port = QSpinBox()
        port.setRange(1, 65535)
        port.setValue(start.port)
        self.add_field("port", "Port", port)
        self.add_field("database", "Database", QLineEdit(start.database))
        self.add_field("user", "Your login", QLineEdit(start.user), "Your own login on the server: the "
                                                                    "change history shows your name")
        mode = QComboBox()
        for key, words in cx.SSL_MODES.items():
            mode.addItem(f"{key}: {words}", key)
        mode.setCurrentIndex(max(mode.findData(start.sslmode), 0))
        self.add_field("sslmode", "Encryption", mode)
        self.cert = QLineEdit(start.sslrootcert)
        self.cert.setAccessibleName("Root certificate")  # the field's label names the row holding it
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Choose the root certificate file")
        browse.clicked.connect(self._choose_certificate)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.cert, 1)
        line.addWidget(browse)
        self.add_field("sslrootcert", "Root certificate", row, "The council's certificate file (.pem or "
                                                              ".crt), if IT gave you one")
        self.cert.textChanged.connect(lambda *_: (self.touched.add("sslrootcert"), self.revalidate()))
        self.problem = cx.credential_store_problem()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if self.problem:
            self.password.setEnabled(False)
            hint = self.problem
        elif connection is not None and cx.saved_password(connection):
            hint = "A password is kept for this login: leave this empty to keep it."
        else:
            hint = "Kept in your computer's credential store (Windows Credential Manager), never in settings."
        self.add_field("password", "Password", self.password, hint)

    def _choose_certificate(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Root certificate", "",
                                              "Certificates (*.pem *.crt *.cer);;All files (*)")
        if name:
            self.cert.setText(name)

    def value(self) -> cx.Connection:
        return cx.Connection(
            name=self.fields["name"].text().strip(), host=self.fields["host"].text().strip(),
            database=self.fields["database"].text().strip(), user=self.fields["user"].text().strip(),
            port=self.fields["port"].value(), sslmode=self.fields["sslmode"].currentData(),
            sslrootcert=self.cert.text().strip(),
        )

    def check(self) -> dict[str, str]:
        try:
            cx.check_connection(self.value(), self.taken)
        except ValidationError as exc:
            return dict(exc.errors)
        return {}

    def save(self) -> cx.Connection:
        connection = self.value()
        cx.check_connection(connection, self.taken)
        password = self.password.text()
        if self.connection is not None and self.connection.login != connection.login:
            kept = cx.saved_password(self.connection)
            cx.forget_password(self.connection)
            password = password or kept or ""
        if password and not cx.save_password(connection, password):
            raise ValidationError({"password": "The password could not be kept in the credential store; "
                                               "leave it empty to be asked each time"})
        self.password.clear()
        return connection


class ConnectDialog(QDialog):
    """The saved connections: Add, Change, Remove, and Connect, which opens the database in the
    window as File > Open does: `connect(connection, password, then)` connects in the background
    ("Connecting to …" with Cancel over this dialog) and calls `then(ok)` when it ends; the dialog
    closes once connected, and stays open after a failure or Cancel to try again."""

    def __init__(self, settings: QSettings, connect: Callable[[cx.Connection, str | None, Callable[[bool], None]], object],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Connect to team database")
        self.setMinimumWidth(560)
        self.settings = settings
        self._connect = connect
        self.connections = load_connections(settings)
        intro = QLabel("A team database is kept on the council's server, shared by the team. Each of you "
                       "connects with your own login, so the change history names who changed what.", self)
        intro.setWordWrap(True)
        self.store_note = QLabel(cx.credential_store_problem() or
                                 "Passwords are kept in your computer's credential store, never in the "
                                 "program's settings.", self)
        self.store_note.setWordWrap(True)
        self.store_note.setStyleSheet(HINT_STYLE)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Saved connections")
        self.list.itemDoubleClicked.connect(lambda _item: self.connect_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.empty = QLabel("No connections yet. Add one with the server, database and login your IT team "
                            "gave you.", self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(HINT_STYLE)
        self.add_button = QPushButton("Add…", self)
        self.edit_button = QPushButton("Change…", self)
        self.remove_button = QPushButton("Remove", self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.remove_button.clicked.connect(self.remove)
        side = QVBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            side.addWidget(button)
        side.addStretch(1)
        middle = QHBoxLayout()
        listing = QVBoxLayout()
        listing.addWidget(self.list, 1)
        listing.addWidget(self.empty)
        middle.addLayout(listing, 1)
        middle.addLayout(side)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.connect_button = self.buttons.addButton("Connect", QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setDefault(True)
        self.buttons.accepted.connect(self.connect_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(middle, 1)
        layout.addWidget(self.store_note)
        layout.addWidget(self.buttons)
        self._fill()

    def _fill(self, select: str | None = None) -> None:
        self.list.clear()
        for c in self.connections:
            item = QListWidgetItem(f"{c.name}  ({c.login}, {c.sslmode})")
            item.setData(Qt.ItemDataRole.UserRole, c.name)
            self.list.addItem(item)
            if c.name == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.connections:
            self.list.setCurrentRow(0)
        self.empty.setVisible(not self.connections)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected() is not None
        for button in (self.edit_button, self.remove_button, self.connect_button):
            button.setEnabled(chosen)

    def selected(self) -> cx.Connection | None:
        row = self.list.currentRow()
        return self.connections[row] if 0 <= row < len(self.connections) else None

    def _taken(self, but: cx.Connection | None = None) -> set[str]:
        return {c.name for c in self.connections if c is not but}

    def add(self) -> None:
        dialog = ConnectionDialog(None, self._taken(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.connections.append(dialog.result_value)
            save_connections(self.settings, self.connections)
            self._fill(dialog.result_value.name)

    def edit(self) -> None:
        current = self.selected()
        if current is None:
            return
        dialog = ConnectionDialog(current, self._taken(current), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.connections[self.connections.index(current)] = dialog.result_value
            save_connections(self.settings, self.connections)
            self._fill(dialog.result_value.name)

    def remove(self) -> None:
        current = self.selected()
        if current is None or not confirm(
            self, "Remove the connection",
            f"Remove the connection {current.name}? Its kept password is removed too; the database "
            "on the server is not touched.",
        ):
            return
        self.connections.remove(current)
        if not any(c.login == current.login for c in self.connections):
            cx.forget_password(current)
        save_connections(self.settings, self.connections)
        self._fill()

    def ask_password(self, connection: cx.Connection, why: str) -> str | None:
        """The password typed by the officer, or None if they cancelled."""
        text, ok = QInputDialog.getText(
            self, "Password", as_typed(f"{why}\n\nPassword for {connection.login}:"), QLineEdit.EchoMode.Password)
        return text if ok else None

    def connect_selected(self) -> bool:
        """Start connecting to the chosen connection (False when there is none, or the officer
        cancelled the password)."""
        connection = self.selected()
        if connection is None:
            return False
        password = cx.saved_password(connection)
        asked = password is None
        if asked:
            why = cx.credential_store_problem() or "No password is kept for this login yet."
            password = self.ask_password(connection, why)
            if password is None:
                return False

        def ended(ok: bool) -> None:
            if not ok:
                return
            if password and asked:
                cx.save_password(connection, password)  # next time it is not asked (where it can be kept)
            self.accept()

        self._connect(connection, password or None, ended)
        return True
