"""Command line for automation, tests and support. With no sub-command it opens the window.

Bad input never prints a traceback: one plain sentence on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from datetime import date
from pathlib import Path

from bscp_desktop import APP_NAME, __version__, cli_files, paths
from bscp_desktop.cli_files import new_database_here  # cli_offline's `take` checks its file with it too

log = logging.getLogger(__name__)


IMPORT_KINDS = ["people", "organisations", "s11", "audit-return", "bookings", "evaluations", "registrations",
                "contributions", "expenditure", "case-reviews"]


class UsageProblem(Exception):
    """Bad input on the command line: printed as one sentence, exit status 2."""


def _date(text: str) -> date:
    from bscp_desktop.domain.dates import parse_date_as_typed

    try:
        return parse_date_as_typed(text)  # as an import reads a date: 1/4/24, 1 April 2024
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


MAX_ID = 2**63 - 1  # the largest id a database can hold


def _record(text: str) -> str:
    """A record named by its id or its name (kept as typed for the record's finder). A blank one,
    or a number no record can have (digits other than 0 to 9, "²"; an id larger than a database
    can hold), is refused here, naming the option."""
    if not (given := text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is blank; give the record's id or name")
    if given.isdigit() and not given.isascii():
        raise argparse.ArgumentTypeError(f"'{text}': write a record's number in the digits 0 to 9")
    if given.isdigit() and int(given) > MAX_ID:
        raise argparse.ArgumentTypeError(f"no record has the id {given}")
    return text


def _number(text: str) -> int:
    """A whole number (a record's id, a count) that a database can hold."""
    given = text.strip()
    digits = given[1:] if given[:1] == "-" else given
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number")
    if int(digits) > MAX_ID:
        raise argparse.ArgumentTypeError(f"{given} is larger than any record's id or count")
    return int(given)


class _OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (exit status 2), like every other error."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help).\n")


class _ReportParser(_OneLineParser):
    """The `report` command: its help lists every report (read only when help is asked for)."""

    def format_help(self) -> str:
        from bscp_desktop.cli_reports import reports_help

        self.epilog = reports_help()
        return super().format_help()


class _TeamParser(_OneLineParser):
    """The `team` commands: their help names each group as --group takes it and says what its
    members may do (read from db/roles.py only when help is asked for)."""

    def format_help(self) -> str:
        from bscp_desktop.db.roles import GROUPS
        from bscp_desktop.db.server import GROUP_NAMES

        self.epilog = "groups (as --group takes them):\n" + "\n".join(
            f"  {typed:<14}{GROUPS[group]}" for typed, group in GROUP_NAMES.items())
        return super().format_help()


DB_HELP = "the database file, or a team database's address (default: --db before the command, else the file in your data folder)"
TEAM_DB_HELP = ("the team database's address postgresql://USER@SERVER/NAME, connecting as the role that "
                "looks after it (default: --db before the command)")


def build_parser() -> argparse.ArgumentParser:
    from bscp_desktop import cli_offline, cli_reports

    parser = _OneLineParser(
        prog="bscp-desktop",
        description=f"{APP_NAME}: records for a Local Safeguarding Children Partnership.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=_database, metavar="DATABASE",
                        help="database file, or a team database's address postgresql://USER@SERVER/NAME "
                        "(default: the file in your data folder)")
    parser.add_argument("--smoke", action="store_true",
                        help="self-test for support: open the database, build every tab without showing it, "
                        "write a PDF and a workbook")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="create a demo database from the partnership's public yearly report")
    p.add_argument("path", type=file_path, metavar="FILE", help="the new database file to create, e.g. demo.sqlite3")

    p = sub.add_parser("export", help="export a workbook or calendar file")
    p.add_argument("format", choices=["xlsx", "ics"], help="xlsx: an Excel workbook; ics: a calendar file")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)
    p.add_argument("-o", "--output", type=file_path, required=True, metavar="FILE",
                   help="the file to write: .xlsx for xlsx, .ics for ics")
    p.add_argument("--area", type=_area, help="which records, e.g. memberships, case-reviews or history "
                   "(xlsx; default: all)")
    p.add_argument("--meeting", type=_record, help="the meeting (for ics): its id, or its group and date")
    p.add_argument("--series", type=_number, metavar="ID", help="a meeting series' id (for ics)")
    p.add_argument("--partner", type=_record, help="one organisation's own workbook: its name, short name or id (xlsx)")
    p.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="with --partner: the first day")
    p.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="with --partner: the last day")

    p = cli_reports.add_parser(sub, DB_HELP, database=_database, file=file_path, date=_date, record=_record,
                               number=_number, area=_area)
    p.__class__ = _ReportParser

    p = sub.add_parser("import", help="import records from a CSV or XLSX file, or a returned "
                                      "Section 11 or audit return workbook")
    p.add_argument("kind", choices=IMPORT_KINDS, metavar="KIND", help=f"what the file holds: {', '.join(IMPORT_KINDS)} "
                   "(s11 and audit-return: an agency's returned workbook)")
    p.add_argument("file", type=file_path, metavar="FILE", help="the file to read: .csv or .xlsx")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)
    p.add_argument("--dry-run", action="store_true", help="check every row, change nothing")

    p = sub.add_parser("template", help="write a blank import template, or one agency's return")
    p.add_argument("kind", choices=IMPORT_KINDS, metavar="KIND", help=f"which import's columns: {', '.join(IMPORT_KINDS)} "
                   "(s11 and audit-return: one agency's return to fill in)")
    p.add_argument("-o", "--output", type=file_path, required=True, metavar="FILE",
                   help="the file to write: .csv or .xlsx (a return: .xlsx)")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)
    p.add_argument("--cycle", type=_record, help="Section 11 cycle: its id or name (for s11)")
    p.add_argument("--audit", type=_record, help="case audit: its id or reference (for audit-return)")
    p.add_argument("--agency", type=_record, help="the agency: its organisation id or name (for s11 and audit-return)")

    p = sub.add_parser("backup", help="back up a database (a team database on a server is backed up as a file)")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)
    p.add_argument("-o", "--output", type=file_path, metavar="FILE",
                   help="where to write the copy (default: a new file in the backups folder)")

    p = sub.add_parser(
        "copy", help="copy a whole database, records and change history, between a file and a team database",
        description="Copies every record and its change history (same record numbers; the history still checks out with check) in one "
        "transaction, then prints each table's count on both sides. The target must hold no records: "
        "a new file is made; a team database must be empty.",
    )
    p.add_argument("--from", dest="source", type=_database, required=True,
                   help="the database to copy: a file, or postgresql://USER@SERVER/NAME")
    p.add_argument("--to", dest="target", type=_database, required=True,
                   help="where to copy it: a new file, or an empty team database's address")

    p = sub.add_parser("restore", help="restore a database from a backup (the current file is backed up first); "
                                        "without a backup file, list this database's backups")
    p.add_argument("backup", type=file_path, nargs="?", metavar="BACKUP", help="the backup file to restore (--list shows them)")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help="the database file (default: --db "
                   "before the command, else the file in your data folder); a team database is restored from the server's own backups")
    p.add_argument("--list", action="store_true", help="list this database's backups, newest first")
    p.add_argument("--other-database", action="store_true", help="restore it even though it is a backup of "
                   "another database (another partnership's), replacing every record with that database's")

    p = sub.add_parser(
        "search", help="find words or names in agenda items, minutes, decisions, actions, case reviews, people, training bookings, registers and notes",
        description="Prints one hit a line, newest first: date (\"due 31/03/2024\" where not the record's own day), kind, "
        "record, title and the words found in [brackets], separated by tabs. At most 12 words are looked for.",
    )
    p.add_argument("words", nargs="+", help="what to look for, e.g. neglect, or a question")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)
    p.add_argument("--area", type=_area, help="only one tab's records, e.g. meetings or case-reviews")
    p.add_argument("--limit", type=_number, default=200, metavar="N", help="at most this many hits (default 200)")
    p.add_argument("--archived", action="store_true", help="include archived records")

    p = sub.add_parser("check", help="check that a database is whole and which version of the program made it")
    p.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=DB_HELP)

    raw = argparse.RawDescriptionHelpFormatter  # the groups below each team help, one a line
    p = sub.add_parser("team", help="a team database's groups, grants and people (for whoever looks after it)",
                       formatter_class=raw)
    p.__class__ = _TeamParser  # its sub-commands' too
    team = p.add_subparsers(dest="team_command", metavar="TEAM_COMMAND", required=True)
    t = team.add_parser(
        "roles", help="print the script creating the groups officer, case-reviews and read-only and "
        "granting each its tables; --apply runs it (run it again after each upgrade: running it twice is harmless)",
        formatter_class=raw)
    t.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=TEAM_DB_HELP)
    t.add_argument("--apply", action="store_true",
                   help="build the database's tables (or bring them up to this version), then run the script")
    t = team.add_parser("person", help="name the person who connects as ROLE (as the change history shows them); "
                                       "with --group, the role is in those groups only; created if missing",
                        formatter_class=raw)
    t.add_argument("role", metavar="ROLE", help="the login role, e.g. amara.okafor")
    t.add_argument("--db", type=_database, dest="sub_db", metavar="DATABASE", help=TEAM_DB_HELP)
    t.add_argument("--name", required=True, help="the person's name, e.g. \"Amara Okafor\"")
    t.add_argument("--group", action="append", default=[], choices=["officer", "case-reviews", "read-only"],
                   help="a group the person is in, as listed below (repeat for more; read-only goes alone)")
    cli_offline.add_parser(sub, _database, file_path)
    return parser


def file_path(text: str) -> Path:
    """A file to write or open. A name ending in a folder separator ("reports/") names a folder,
    which a file never takes the place of, and a blank one names none (it would be taken as the
    folder the command runs in, or as a file named with spaces): each is refused here, naming it."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is blank; give a file's name")
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"'{text}' names a folder; give the file's name too (for example {text}file)")
    return paths.given_path(text)  # "~/team.sqlite3" given where no shell put the home folder in


def _area(text: str) -> str:
    """What --area names (export xlsx, report change-log, search), kept as typed. A blank one
    names no area (it would be taken as every area), so it is refused here, naming it."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is blank; name an area, or leave --area out for every area")
    return text


def _database(text: str) -> Path | str:
    """What --db names: a team database's `postgresql://` address (kept as typed), or a file."""
    if "://" not in text:  # a file (the database code loads after the window's frame)
        return file_path(text)
    from bscp_desktop.db.engines import is_server_address

    if is_server_address(text):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text.split('://', 1)[0]}://' is not a kind of database this program opens: give a database file, "
        "or a team database's address postgresql://USER@SERVER/NAME")


def _db_path(args) -> Path | str:
    path = getattr(args, "sub_db", None) or args.db
    if path is None:
        return paths.default_database_path()
    return path


def _db_file(args, command: str | None = None) -> Path | None:
    """The database file, or None for a team database on a server. With `command`, a server is
    refused in one sentence: that command works on files only."""
    target = _db_path(args)
    if isinstance(target, Path):
        return target
    if command is not None:
        raise UsageProblem(
            f"{command} works on database files; a team database on a server is restored by the "
            "council's IT team from the server's own backups (or, into an empty team database, with "
            "copy --from BACKUP-FILE --to ADDRESS)."
        )
    return None


def _open(args, create: bool = False):
    """The database a command works on (--db), opened as the window opens it (`open_target`)."""
    return open_target(_db_path(args), create)


def open_target(target: Path | str, create: bool = False):
    """A database opened to work in, as the window opens it: checked, backed up before an
    upgrade (`app.open_database`). A start-up backup its folder could not take (full, read-only)
    is said on stderr: the file needed no upgrade, so the command goes on, as the window does."""
    from bscp_desktop.app import open_database

    db = open_database(target, create=create)
    if db.backup_problem:
        print(f"bscp-desktop: {db.backup_problem.replace('File > Back up now', 'bscp-desktop backup')}", file=sys.stderr)
    return db


def _open_to_read(args):
    """The database an output is written from, or searched: opened as for any command, or,
    when a window has the file open, read query-only beside it, as the window's own outputs read it."""
    from bscp_desktop.db.database import Database, DatabaseInUse

    try:
        return _open(args)
    except DatabaseInUse:
        return Database.open_reader(_db_path(args))


def run(args) -> int:
    cmd = args.command
    if problem := cli_files.no_database_yet(cmd, getattr(args, "sub_db", None) or args.db):
        raise UsageProblem(problem)
    if cmd == "offline":
        from bscp_desktop import cli_offline

        return cli_offline.run(args, _open, UsageProblem)
    if cmd == "demo":
        from bscp_desktop.demo import build_demo

        new_database_here(args.path)
        if args.path.exists() and args.path.stat().st_size > 0:
            raise UsageProblem(f"{args.path} already exists; choose a new file name for the demo database.")
        build_demo(args.path)
        print(f"Demo database written to {args.path}")
        return 0
    if cmd == "check":
        from bscp_desktop.db.database import HistoryTampered
        from bscp_desktop.db.file_check import check_file
        from bscp_desktop.db.server import check_server

        try:
            target = _db_path(args)
            print(check_server(target) if isinstance(target, str) else check_file(target))
        except HistoryTampered as exc:  # the file opens, but its history was altered: exit 1
            print(f"bscp-desktop: {exc}", file=sys.stderr)
            return 1
        return 0
    if cmd == "backup" and isinstance(_db_path(args), str):  # a team database: a file copy of it
        from bscp_desktop.services.copies import backup_server

        if args.output is not None:  # where a file's backup (-o) and a copy (--to) may go: not in the backup folder
            new_database_here(args.output)
        target, report = backup_server(_db_path(args), args.output)
        print(report.lines()[-1])
        print(f"Backed up to {target}")
        return 0
    if cmd == "team":
        return _team(args)
    if cmd == "backup":
        from bscp_desktop.services.backups import backup_now

        target = backup_now(_db_file(args, "backup"), args.output)
        print(f"Backed up to {target}")
        return 0
    if cmd == "restore" and args.list and args.backup is not None:
        raise UsageProblem(f"Give a backup to restore ({args.backup.name}) or --list, not both: nothing was restored.")
    if cmd == "restore" and (args.list or args.backup is None):
        return cli_files.list_restores(_db_path(args), _db_file(args, "restore"), UsageProblem)
    if cmd == "restore":
        return cli_files.restore(args, _db_path(args), _db_file(args, "restore"), UsageProblem)
    if cmd == "copy":
        from bscp_desktop.services.copies import copy_database

        if isinstance(args.target, Path):
            new_database_here(args.target, args.source if isinstance(args.source, Path) else None)
        print("\n".join(copy_database(args.source, args.target).lines()))
        return 0
    if cmd == "template":
        from bscp_desktop.importers import write_template

        if args.kind in ("s11", "audit-return"):
            return _return_template(args)
        given = [flag for flag, value in (("--cycle", args.cycle), ("--audit", args.audit), ("--agency", args.agency))
                 if value is not None]
        if given:  # a blank template is the same for every database
            raise UsageProblem(f"The {args.kind} template does not take {', '.join(given)}: "
                               f"template {args.kind} -o FILE.")
        print(f"Template written to {write_template(args.kind, args.output)}")
        return 0
    if cmd == "import":
        from bscp_desktop.importers import ImportRejected, run_import

        with _open(args) as db:
            try:
                report = run_import(db, args.kind, args.file, dry_run=args.dry_run)
            except ImportRejected as exc:
                return _print_import(exc.report, refused=True)
        return _print_import(report)
    if cmd == "export":
        return _export(args)
    if cmd == "search":
        from bscp_desktop.services import search as finder

        areas = finder.areas()
        if args.area is not None and args.area not in areas:
            raise UsageProblem(f"There is no area called '{args.area}'; choose one of: {', '.join(sorted(areas))}.")
        if args.limit < 1:
            raise UsageProblem("--limit must be 1 or more.")
        with _open_to_read(args) as db:  # searching only reads: beside a window too
            result = finder.search(db, " ".join(args.words), area=args.area, limit=args.limit, include_archived=args.archived)
        if not result.terms:
            raise UsageProblem("Give at least one word to look for.")
        if result.only_left_out:  # nothing it was asked to search may be read: refused, as a report of them is
            raise PermissionError(result.left_out_sentence)
        for hit in result.hits:
            print(hit.line)
        unsearched = finder.unsearched_sentence(args.area)  # records that can hold a name and are not searched: named, not denied
        none = f"{'No record searched mentions' if unsearched else 'No records mention'} {result.typed}." + (f" {result.archived_mention}: add --archived to include archived records." if result.archived else "") + (f" {unsearched}" if unsearched else "")  # as typed
        if said := " ".join(filter(None, ("" if result.hits else none, result.not_searched_sentence, result.left_out_sentence))):  # words not looked for, what the login may not read
            print(said, file=sys.stderr)
        return 0
    if cmd == "report":
        from bscp_desktop import cli_reports

        return cli_reports.run(args, _open_to_read, _db_file(args), UsageProblem)
    raise UsageProblem(f"Unknown command {cmd}.")


def _print_import(report, refused: bool = False) -> int:
    """Print an import's report as the window shows it: the summary, every bad row, then the notes
    (columns not imported, say); to stderr when the import was refused. The exit status."""
    out, status = (sys.stderr, 2) if refused else (sys.stdout, 0)
    try:  # the status is the import's, even when the reader stops early (`… | head`)
        print(("bscp-desktop: " if refused else "") + report.summary(), file=out)
        for line in report.bad_rows:
            print(f"  {line}", file=out)
        for note in report.notes:
            print(note, file=out)
        out.flush()
    except BrokenPipeError:
        _reader_gone(out)
    return status


def _reader_gone(*streams) -> None:
    """The reader of these streams has gone: what is left to write (at exit too) goes nowhere."""
    for stream in streams:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


#: What each kind of export takes besides --db and -o: the calendar, one partner's workbook, a workbook.
EXPORT_OPTIONS = {
    "ics": ("meeting", "series"),
    "partner": ("partner", "date_from", "date_to"),
    "xlsx": ("area",),
}


def _export(args) -> int:
    """`export xlsx` (a workbook, or one partner's with --partner) or `export ics`. An option the
    export does not use, or an output file it cannot write, is refused before the database opens."""
    from bscp_desktop import jobs

    kind = "partner" if args.format == "xlsx" and args.partner is not None else args.format
    given = {name for name in ("meeting", "series", "partner", "date_from", "date_to", "area")
             if getattr(args, name) is not None}
    unknown = given - set(EXPORT_OPTIONS[kind])
    if unknown:
        named = " or ".join(jobs.flag_of(u) for u in sorted(unknown))
        what = {"ics": "A calendar file (export ics)", "partner": "One organisation's workbook (export xlsx --partner)",
                "xlsx": "A workbook (export xlsx)"}[kind]
        hint = " (--from and --to go with --partner)" if unknown & {"date_from", "date_to"} and kind == "xlsx" else ""
        raise UsageProblem(f"{what} does not take {named}{hint}.")
    job = jobs.find("xlsx", "all" if args.area is None else args.area) if kind == "xlsx" else jobs.find("report", kind)
    jobs.check_one_record(job, {name: getattr(args, name) for name in given})
    jobs.check_output(args.output, _db_file(args))  # before the database is even opened
    jobs.check_format(job, args.output)
    if kind == "partner" and not {"date_from", "date_to"} <= given:
        missing = " and ".join(jobs.flag_of(name) for name in ("date_from", "date_to") if name not in given)
        raise UsageProblem(f"One organisation's workbook covers a period: give {missing} as well "
                           "(export xlsx --partner ORG --from DATE --to DATE).")
    with _open_to_read(args) as db:
        if kind == "partner":
            out = jobs.write_report(db, "partner", args.output, organisation=args.partner,
                                    date_from=args.date_from, date_to=args.date_to)
        elif kind == "xlsx":
            out = jobs.export_workbook(db, job.name, args.output)
        else:
            options = {k: v for k, v in (("meeting", args.meeting), ("series", args.series)) if v is not None}
            out = jobs.write_report(db, "ics", args.output, **options)
    print(f"Written {out}")
    return 0


def _team(args) -> int:
    """`team roles` prints (or with --apply runs) the grants; `team person` names a login role."""
    from bscp_desktop.db import roles, server
    from bscp_desktop.db.engines import display_address

    target = _db_path(args)
    if not isinstance(target, str):
        raise UsageProblem(f"team {args.team_command} works on a team database: give its address, "
                           "--db postgresql://USER@SERVER/NAME.")
    if args.team_command == "person":
        print(server.team_person(target, args.role, args.name, args.group))
        return 0
    script = server.team_roles(target, apply=args.apply)
    if args.apply:
        print(roles.applied(display_address(target), script))
    else:
        print("\n".join(f"{line};" for line in script))
    return 0


def _return_template(args) -> int:
    """`template s11 --cycle ID --agency ORG` or `template audit-return --audit ID --agency ORG`."""
    from bscp_desktop import jobs
    from bscp_desktop.importers import audits

    which = "--cycle" if args.kind == "s11" else "--audit"
    record = args.cycle if args.kind == "s11" else args.audit
    if not record or not args.agency:
        raise UsageProblem(f"Say which return to write: template {args.kind} {which} ID --agency ORG --db PATH -o FILE.")
    jobs.check_output(args.output, _db_file(args))
    audits.return_file(args.output, args.kind)  # before the database is even opened
    with _open(args) as db:
        if args.kind == "s11":
            out = audits.write_s11_template(db, record, args.agency, args.output, today=date.today())
        else:
            out = audits.write_audit_template(db, record, args.agency, args.output)
    print(f"Return written to {out}")
    return 0


def _one_sentence(exc: BaseException) -> str:
    from bscp_desktop.domain.validation import ValidationError
    from bscp_desktop.services.failures import database_words

    if isinstance(exc, ValidationError):
        return exc.sentence()
    words = database_words(exc, restore="restore a backup (bscp-desktop restore)",
                           check="Run bscp-desktop check --db with the same database to name every such value.")
    if words:
        return cli_files.in_command_words(words)
    from bscp_desktop.jobs.child import full_disk_sentence

    if words := full_disk_sentence(exc):  # an output its disk had no room for
        return words
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.strerror or 'Cannot use the file'}: {exc.filename}."
    text = cli_files.in_command_words(str(exc).strip() or exc.__class__.__name__)
    from bscp_desktop.domain.validation import as_sentence

    return as_sentence(text)


def main(argv: list[str] | None = None) -> int:
    """Run one command (or the window); its exit status. Ctrl+C at any moment, even while the
    program's code is still loading, is exit status 130 and no traceback."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        return 130


def _main(argv: list[str] | None) -> int:
    cli_files.keep_output_going()  # a command that did its work never fails for a character it prints
    if getattr(sys, "frozen", False):  # outputs are written by child processes (all it does unfrozen is load)
        import multiprocessing

        multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and not args.smoke:
        from bscp_desktop.app import run_gui

        return run_gui(args.db)
    from bscp_desktop.app import command_logging
    from bscp_desktop.db import lock
    from bscp_desktop.db.database import DatabaseError
    from bscp_desktop.domain.validation import NotFoundError, ValidationError

    lock.HOLDER, window = lock.COMMAND, lock.HOLDER  # a file it locks says a command has it, not a window
    with command_logging():  # what it logs goes to the log file, never to stderr
        try:
            if args.smoke:
                from bscp_desktop.smoke import database_problem, run_smoke

                if args.command is not None:
                    raise UsageProblem(f"--smoke is the self-test on its own and runs no command: run {args.command} "
                                       "without --smoke, or --smoke alone (with --db FILE to test a database file); "
                                       "nothing was done.")
                if problem := database_problem(args.db):
                    raise UsageProblem(problem)
                return run_smoke(args.db)
            return run(args)
        except BrokenPipeError:  # the reader stopped early (`… | head`): nothing more to say, nor to flush
            _reader_gone(sys.stdout, sys.stderr)
            return 0
        except (UsageProblem, DatabaseError, ValidationError, NotFoundError, ValueError, OSError) as exc:
            print(f"bscp-desktop: {_one_sentence(exc)}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            return 130
        except Exception as exc:  # unexpected: still one line, details in the log
            from bscp_desktop.app import log_file
            from bscp_desktop.services.failures import database_words

            if database_words(exc):  # the database's own failure (its disk full, a server out of reach): expected too
                print(f"bscp-desktop: {_one_sentence(exc)}", file=sys.stderr)
                return 2

            log.exception("Command failed")  # to the log file (`app.command_logging`)
            print(f"bscp-desktop: unexpected error: {_one_sentence(exc)} Details are in {log_file()}.", file=sys.stderr)
            return 1
        finally:
            lock.HOLDER = window

