"""The `offline` command: take a meeting of a team database offline into a file, bring the file
back, release a meeting whose copy is lost, and say what is offline.

    bscp-desktop offline take --meeting "Executive Group 21/03/2024" --to FILE --db postgresql://...
    bscp-desktop offline bring-back FILE [--db postgresql://...] [--keep server|offline]
    bscp-desktop offline release --meeting MEETING --reason TEXT --db postgresql://...
    bscp-desktop offline status [--db DATABASE]
"""

from __future__ import annotations

import sys

KEEP_HELP = ("for fields changed both on the team database and offline: keep the team database's values "
             "(server) or the offline copy's (offline); without it they are listed and nothing is written")


def add_parser(sub, database_type, file_type) -> None:
    p = sub.add_parser(
        "offline", help="take a meeting of a team database offline into a file, bring it back, or release it",
        description="A meeting taken offline is copied into a database file to minute without a connection "
        "(open it with --db FILE, or in the window); on the team database it is read-only for others "
        "until it is brought back or released.",
    )
    actions = p.add_subparsers(dest="offline_command", metavar="ACTION", required=True)
    take = actions.add_parser("take", help="copy a meeting into a new file and mark it taken offline by you")
    take.add_argument("--meeting", required=True,
                      help="the meeting: its id, or its group and date (\"Executive Group 21/03/2024\")")
    take.add_argument("--to", required=True, type=file_type, dest="to_file", metavar="FILE",
                      help="the new database file for the copy")
    take.add_argument("--db", type=database_type, dest="sub_db", metavar="DATABASE", help="the team database (postgresql://...)")
    back = actions.add_parser(
        "bring-back", help="write an offline copy's minutes, register, decisions and actions back, in one go",
        description="Changes made only offline are written, changes made only on the team database are kept; "
        "fields changed in both places are listed and need --keep.")
    back.add_argument("file", type=file_type, metavar="FILE", help="the offline copy")
    back.add_argument("--db", type=database_type, dest="sub_db", metavar="DATABASE",
                      help="the team database (default: the one the copy came from)")
    back.add_argument("--keep", choices=("server", "offline"), help=KEEP_HELP)
    release = actions.add_parser("release", help="release a meeting whose offline copy cannot come back")
    release.add_argument("--meeting", required=True, help="the meeting: its id, or its group and date")
    release.add_argument("--reason", required=True, help="why (kept in the change history)")
    release.add_argument("--db", type=database_type, dest="sub_db", metavar="DATABASE", help="the team database (postgresql://...)")
    status = actions.add_parser("status", help="list the meetings taken offline (or, for a copy, where it came from)")
    status.add_argument("--db", type=database_type, dest="sub_db", metavar="DATABASE",
                        help="the team database, or an offline copy (default: the file in your data folder)")


def run(args, open_db, usage_problem) -> int:
    """Run `offline ACTION`; `open_db(args)` opens the database --db names."""
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import offline as off

    action = args.offline_command
    if action == "bring-back":
        return _bring_back(args, open_db, usage_problem)
    if action == "take":  # the copy's file is checked as any new database's, before the meeting is marked
        from bscp_desktop.cli import new_database_here

        new_database_here(args.to_file)
    with open_db(args) as db:
        if action in ("take", "release") and not off.is_team_database(db):
            raise usage_problem(
                f"{'Taking a meeting offline' if action == 'take' else 'Releasing a meeting'} works on a team "
                f"database (--db postgresql://...): {db.label} is a database file on this computer.")
        if action == "take":
            meeting = mt.find_meeting(db, args.meeting)
            mark = off.take_offline(db, meeting.id, args.to_file)
            print(f"{mark.sentence} Minute it with: bscp-desktop --db \"{mark.file}\"")
        elif action == "release":
            meeting = mt.find_meeting(db, args.meeting)
            print(off.release_meeting(db, meeting.id, args.reason).sentence)
        else:
            origin = off.offline_origin(db)
            if origin is not None:
                print(f"This is an offline copy from {origin.server}: {origin.sentence}")
            elif not off.is_team_database(db):
                print("This database file holds no meeting taken offline.")
            else:
                marks = off.list_marks(db)
                for mark in marks:
                    print(mark.sentence)
                if not marks:
                    print("No meeting is offline.")
    return 0


def _bring_back(args, open_db, usage_problem) -> int:
    """The file is first read as it is: one that is not an offline copy is refused unchanged.
    A copy is then opened to work in as any database is (checked, and backed up before one made
    by an earlier version is upgraded), once the team database is reached."""
    from bscp_desktop.app import open_database
    from bscp_desktop.cli import open_target
    from bscp_desktop.db.database import DatabaseInUse
    from bscp_desktop.services import offline as off

    origin = off.copy_origin(args.file)
    if origin is None:
        raise usage_problem(f"{args.file} is not an offline copy of a meeting.")
    # the team database the copy came from, unless --db names one
    server = open_database(origin) if args.sub_db is None and args.db is None else open_db(args)
    with server:
        try:
            open_target(args.file).close()
        except DatabaseInUse:  # a window has it open (checked and upgraded): compared beside it, never brought back
            pass
        plan = off.plan_bring_back(server, args.file)
        if plan.conflicts and args.keep is None:
            print(f"bscp-desktop: {plan.summary}", file=sys.stderr)
            for c in plan.conflicts:
                print(f"  {c.record}, {c.field}:", file=sys.stderr)
                print(f"    {c.server_said}: {_short(c.server_text)}", file=sys.stderr)
                print(f"    In the offline copy: {_short(c.offline_text)}", file=sys.stderr)
            print("Nothing was written: run again with --keep server or --keep offline.", file=sys.stderr)
            return 2
        result = off.bring_back(server, args.file, prefer=args.keep)
    print(result.sentence)
    return 0


def _short(text: str) -> str:
    line = " ".join(text.split()) or "(empty)"
    return line if len(line) <= 200 else line[:199] + "…"



