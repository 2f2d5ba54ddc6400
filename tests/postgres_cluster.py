"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary folder.

Found from `initdb`, `pg_ctl` and `postgres` on the PATH, in /usr/local/bin or in Debian's
/usr/lib/postgresql/<version>/bin. The server listens only on a Unix socket inside its folder
(no TCP port, nothing shared with another test run). PostgreSQL refuses to run as root, so as
root the cluster belongs to the `postgres` user (it must exist). When any of this is missing the
tests that need the server are skipped with the reason, never failed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

BINARIES = ("initdb", "pg_ctl", "postgres")
SUPERUSER = "bscp_test"


class Unavailable(Exception):
    """No PostgreSQL server can be started here; the message says why."""


def find_binaries() -> dict[str, str]:
    folders = ["/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    found: dict[str, str] = {}
    for name in BINARIES:
        path = shutil.which(name) or next(
            (str(Path(f) / name) for f in folders if (Path(f) / name).is_file()), None
        )
        if path is None:
            raise Unavailable(f"PostgreSQL's {name} is not installed (Debian package 'postgresql')")
        found[name] = path
    return found


def _owner() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid) to run the server as someone other than root."""
    if os.name != "posix" or os.geteuid() != 0:
        return [], None, None
    import pwd

    try:
        entry = pwd.getpwnam("postgres")
    except KeyError as exc:
        raise Unavailable("running as root and there is no 'postgres' user to own a test cluster") from exc
    runner = shutil.which("runuser") or shutil.which("su")
    if runner is None:
        raise Unavailable("running as root and neither runuser nor su is available")
    if runner.endswith("runuser"):
        return [runner, "-u", "postgres", "--"], entry.pw_uid, entry.pw_gid
    return [runner, "postgres", "-s", "/bin/sh", "-c", '"$0" "$@"'], entry.pw_uid, entry.pw_gid


class Cluster:
    """A running server; `new_database()` gives the address of a fresh, empty database."""

    def __init__(self) -> None:
        self.bin = find_binaries()
        self.prefix, uid, gid = _owner()
        self.folder = Path(tempfile.mkdtemp(prefix="bscp-pg-"))
        if uid is not None:
            os.chown(self.folder, uid, gid)
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self.started = False
        try:
            self._initdb()
            options = f"-k {self.folder} -c listen_addresses= -c fsync=off -p 5432"
            self._run(self.bin["pg_ctl"], "-D", str(self.data), "-o", options, "-l", str(self.log),
                      "-w", "-t", "60", "start")
            self.started = True
        except Unavailable:
            self.stop()
            raise

    def _initdb(self) -> None:
        """A UTF-8 cluster whose text functions know every alphabet's cases (lower('Ż') is 'ż'),
        as a council's server in an en_GB.UTF-8 locale does; plain C where C.UTF-8 is missing."""
        for locale in ("C.UTF-8", "C"):
            try:
                self._run(self.bin["initdb"], "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                          "-E", "UTF8", f"--locale={locale}", "--no-sync")
                return
            except Unavailable:
                if locale == "C":
                    raise
                shutil.rmtree(self.data, ignore_errors=True)

    def _run(self, *command: str) -> None:
        try:
            done = subprocess.run([*self.prefix, *command], capture_output=True, text=True, timeout=120,
                                  cwd=self.folder)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise Unavailable(f"{Path(command[0]).name} could not run ({exc})") from exc
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
            raise Unavailable(f"{Path(command[0]).name} failed: {detail[0]}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@/{database}?host={self.folder}&port=5432"

    def new_database(self, template: str | None = None, name: str | None = None) -> str:
        """Create a database and return its `postgresql://` address: empty, or a copy of the
        database `template` (which nobody may be connected to), made by the server in a moment."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        like = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(host=str(self.folder), port=5432, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{like}')
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            with contextlib.suppress(Unavailable):
                self._run(self.bin["pg_ctl"], "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.started = False
        shutil.rmtree(self.folder, ignore_errors=True)
