"""Named connections to team databases (File > Connect to team database...).

A connection is a name and where the database is: server, port, database, the officer's own
login role, and how the connection is protected (TLS). It is kept in the program's settings as
plain data (`as_settings`), never with the password: the password lives in the operating
system's credential store (Windows Credential Manager, the macOS Keychain, the Secret Service
on Linux) through the `keyring` library. Where there is no credential store the window asks for
the password each time, and says why (`credential_store_problem`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from sqlalchemy import URL

from bscp_desktop.domain.validation import Checker, ValidationError

#: The credential store's name for the program's passwords (one entry per login and database).
KEYRING_SERVICE = "BSCP Desktop team database"
DEFAULT_PORT = 5432

#: The TLS modes libpq offers, with what each means for an officer choosing one.
SSL_MODES = {
    "verify-full": "Encrypted; the server's certificate and name are checked (recommended)",
    "verify-ca": "Encrypted; the server's certificate is checked, not its name",
    "require": "Encrypted; the server is not checked",
    "prefer": "Encrypted if the server offers it",
    "disable": "Not encrypted (only on a private network)",
}
NAME_MAX = 80
#: Seconds to wait for a server that does not answer (a laptop off the council's network).
CONNECT_TIMEOUT = 10


@dataclass(frozen=True)
class Connection:
    name: str
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = "verify-full"
    sslrootcert: str = ""  # the council's root certificate file, for verify-ca / verify-full

    @property
    def login(self) -> str:
        """Who connects where, as shown beside the name and used as the credential's key."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def as_settings(self) -> dict:
        """Plain data for the program's settings (there is no password to leave out)."""
        return asdict(self)

    @classmethod
    def from_settings(cls, data: object) -> Connection | None:
        """A connection from settings; None for anything that is not one (a hand-edited file)."""
        if not isinstance(data, dict):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        try:
            values["port"] = int(values.get("port", DEFAULT_PORT))
            connection = cls(**{k: (str(v) if k != "port" else v) for k, v in values.items()})
            check_connection(connection)
        except (TypeError, ValueError, ValidationError):
            return None
        return connection


def check_connection(connection: Connection, taken: frozenset[str] | set[str] = frozenset()) -> None:
    """Raise ValidationError naming each field that is wrong; `taken` are other connections' names."""
    c = Checker()
    name = c.required("name", connection.name, "Name", NAME_MAX)
    if name and name.casefold() in {t.casefold() for t in taken}:
        c.add("name", f"There is already a connection called {name}; choose another name")
    host = c.required("host", connection.host, "Server", 253)
    if host and any(ch.isspace() or ch in "@?#" or (ch == "/" and not host.startswith("/")) for ch in host):
        c.add("host", "Server: give its name or address only, such as db.brent.gov.uk")
    if not 1 <= int(connection.port) <= 65535:
        c.add("port", "Port: a number from 1 to 65535 (PostgreSQL's usual port is 5432)")
    c.required("database", connection.database, "Database", 63)
    c.required("user", connection.user, "Your login", 63)
    if connection.sslmode not in SSL_MODES:
        c.add("sslmode", f"Encryption: choose one of {', '.join(SSL_MODES)}")
    if connection.sslrootcert and connection.sslmode not in ("verify-ca", "verify-full"):
        c.add("sslrootcert", "Root certificate: only used when the server's certificate is checked "
                             "(verify-ca or verify-full)")
    c.raise_if_any()


def address(connection: Connection, password: str | None = None) -> str:
    """The `postgresql://` address the program opens, TLS settings included. With a password
    it must never be shown or logged: the window shows `Database.label` instead."""
    query = {"sslmode": connection.sslmode, "connect_timeout": str(CONNECT_TIMEOUT)}
    if connection.sslrootcert:
        query["sslrootcert"] = connection.sslrootcert
    host, port = connection.host, int(connection.port)
    if host.startswith("/"):  # a folder holding the server's socket, on the same computer
        query.update(host=host, port=str(port))
        host, port = None, None
    url = URL.create(
        "postgresql", username=connection.user, password=password or None, host=host, port=port,
        database=connection.database, query=query,
    )
    return url.render_as_string(hide_password=False)


#: A password at least this long is also hidden where it stands as a word of its own; a shorter
#: one only as an address's password part (hiding every "n" would garble the sentence, and show
#: which letters the password has).
WORD_MIN = 4


def scrub(text: str, password: str | None) -> str:
    """`text` with the password hidden (for an error shown to the user): as the password part of
    an address (`user:***@server`), in any of the forms an address carries it, and, for a
    password of `WORD_MIN` characters or more, where it stands alone; never inside a word."""
    if not password:
        return text
    import re
    from urllib.parse import quote, quote_plus

    rendered = URL.create("postgresql", username="u", password=password, host="h").render_as_string(
        hide_password=False).split("u:", 1)[1].rsplit("@h", 1)[0]  # as an address carries it
    for form in sorted({password, quote(password, safe=""), quote_plus(password), rendered}, key=len, reverse=True):
        text = re.sub(rf"(?<=:){re.escape(form)}(?=@)", "***", text)
        if len(password) >= WORD_MIN:
            text = re.sub(rf"(?<![\w]){re.escape(form)}(?![\w])", "***", text)
    return text


def server_of(address: str) -> str:
    """Where a team database's address points, in a few words for "Connecting to …": the
    server's name (or the folder of its socket on this computer) and the database."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(address.strip())
    except (ArgumentError, ValueError):  # not an address, or a port that is not a number
        return "the team database"
    host = url.host or url.query.get("host") or "this computer"
    host = host[0] if isinstance(host, tuple) else host
    return f"{url.database} on {host}" if url.database else host


def failure(text: str, address: str, name: str = "", password: str | None = None) -> str:
    """Why connecting failed (`text`, one sentence naming the address), naming the saved
    connection too when there is one, and never the password."""
    from sqlalchemy import make_url
    from sqlalchemy.exc import ArgumentError

    from bscp_desktop.db.engines import display_address

    try:  # an address opened at start carries its password itself
        password = password or make_url(address.strip()).password
    except (ArgumentError, ValueError):  # not an address, or a port that is not a number
        pass
    text = scrub(text, password)
    if not name:
        return text
    shown = display_address(address)
    return text.replace(shown, f"{name} ({shown})", 1) if shown in text else f"{name}: {text}"


# ---------------------------------------------------------------- the credential store

def credential_store_problem() -> str:
    """'' when passwords can be kept in the operating system's credential store; otherwise one
    sentence saying why the password will be asked for each time."""
    try:
        import keyring

        backend = keyring.get_keyring()
        usable = getattr(backend, "priority", 0) > 0
    except Exception:  # an unusable store is reported, never raised
        usable = False
    if usable:
        return ""
    return ("This computer has no credential store the program can use (such as Windows Credential "
            "Manager), so your password is asked for each time you connect and is never kept.")


def saved_password(connection: Connection) -> str | None:
    """The password kept for this login, or None (none kept, or no credential store)."""
    if credential_store_problem():
        return None
    import keyring

    try:
        return keyring.get_password(KEYRING_SERVICE, connection.login)
    except Exception:
        return None


def save_password(connection: Connection, password: str) -> bool:
    """Keep the password in the credential store; False when it cannot be kept."""
    if credential_store_problem() or not password:
        return False
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, connection.login, password)
    except Exception:
        return False
    return True


def forget_password(connection: Connection) -> None:
    """Remove the kept password, if any."""
    if credential_store_problem():
        return
    import keyring

    try:
        keyring.delete_password(KEYRING_SERVICE, connection.login)
    except Exception:  # nothing was kept
        pass
