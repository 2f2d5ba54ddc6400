"""Reads that look back through ten years of change history or agreements: one group with 2,000
approved meetings whose members have been asked to sign a confidentiality agreement since (every
"all registers" read asks on which of those days its members signed one), the actions open on
the last meeting's day for its approved minutes' action log review (2,000 earlier actions, each
one's statuses read back from the history), and the members seated on a day with their
agreements among 4,500 (what "Fill the register" and "Mark as deputy" read on the window's
thread). Each is read in a few statements however many days, actions or agreements there are:
the figures' notes say how many.

Run: `python -m benchmarks history_reads` (`--runs N`).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks.results import Figure, quick

MEETINGS = 2000
AGREEMENTS = 4500
MEMBERS = 10


def _build(db, meetings: int, agreements: int) -> tuple[int, int, date]:
    """(the group, its last meeting, that meeting's day): the group's members asked to sign an
    agreement after all its meetings were approved, an action raised at each earlier meeting
    (every third done by its due date), agreements of that many people, ten of them seated."""
    from bscp_desktop.db.bulk import add_new
    from bscp_desktop.db.models import Action, ConfidentialityAgreement, Membership, Person
    from bscp_desktop.db.models.meetings import Meeting
    from bscp_desktop.services import memberships as ms

    group = ms.create_group(db, ms.GroupFields("Case Review Group"))
    first = datetime(2016, 1, 4, 10)
    days = [first + timedelta(days=2 * n) for n in range(meetings)]
    with db.unit_of_work() as session:
        ids = add_new(session, Meeting, [
            {"group_id": group.id, "title": "Case Review Group", "starts_at": when, "status": "held",
             "minutes_status": "approved", "minutes_approved_on": when.date() + timedelta(days=1)} for when in days])
        add_new(session, Action, [
            {"description": f"Action {n}", "meeting_id": meeting_id, "due_date": when.date() + timedelta(days=1),
             "status": "done" if n % 3 == 0 else "open", "completed_on": when.date() + timedelta(days=1) if n % 3 == 0 else None}
            for n, (meeting_id, when) in enumerate(zip(ids[:-1], days[:-1], strict=True))])
        people = add_new(session, Person, [{"name": f"Person {n}"} for n in range(agreements)])
        add_new(session, ConfidentialityAgreement, [
            {"person_id": p, "signed_on": date(2016, 1, 1) + timedelta(days=n % 3000),
             "review_due": date(2017, 1, 1) + timedelta(days=n % 3000)} for n, p in enumerate(people)])
        add_new(session, Membership, [{"person_id": p, "group_id": group.id, "role": "member", "start_date": date(2016, 1, 1)}
                                      for p in people[:MEMBERS]])
    ms.update_group(db, group.id, ms.GroupFields(group.name, group.tier, needs_agreement=True))
    return group.id, ids[-1], days[-1].date()


def main(argv: list[str] | None = None) -> list[Figure]:
    from sqlalchemy import event

    from bscp_desktop.db.database import Database
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import memberships as ms
    from bscp_desktop.services.attendance_agreements import signing_meetings

    argv = list(sys.argv[1:] if argv is None else argv)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
    meetings, agreements = (200, 450) if quick() else (MEETINGS, AGREEMENTS)
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("BSCP_DATA_DIR", str(Path(folder) / "data"))
        db = Database.open(Path(folder) / "history-reads.sqlite3")
        statements = [0]
        event.listen(db.engine, "before_cursor_execute", lambda *_args: statements.__setitem__(0, statements[0] + 1))
        try:
            group_id, last, day = _build(db, meetings, agreements)
            cases = {
                f"which of {meetings:,} approved meetings' members signed an agreement, the setting changed since":
                    (lambda: signing_meetings(db), 100),
                f"the actions open on a meeting's day for its approved minutes ({meetings - 1:,} earlier actions)":
                    (lambda: mt.open_actions_on_its_day(db, last), 500),
                f"the members seated on a day with their agreements ({agreements:,} agreements on file)":
                    (lambda: ms.list_memberships(db, on=day, group_id=group_id, seated=True), 50),
            }
            figures = []
            for what, (call, goal) in cases.items():
                times, reads = [], set()
                for _ in range(runs):
                    statements[0] = 0
                    started = time.perf_counter()
                    call()
                    times.append((time.perf_counter() - started) * 1000)
                    reads.add(statements[0])
                figure = Figure(what, statistics.median(times), "ms", goal, runs=runs,
                                note=f"{'/'.join(map(str, sorted(reads)))} SQL statements")
                print(figure.line() + f" ({figure.note})")
                figures.append(figure)
        finally:
            db.close()
    return figures


if __name__ == "__main__":
    main()
