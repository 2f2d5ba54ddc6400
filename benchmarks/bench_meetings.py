"""Meetings at scale: 2,000 meetings of 20 agenda items each (40,000 items), with registers,
decisions and actions. Times opening the Meetings tab, filtering the list, opening a meeting,
saving minutes, and exporting the meetings workbook in a child process (as the window does) while watching
the UI thread for stalls (the longest gap between 10 ms timer ticks).

Run: `python -m benchmarks meetings` (add `--keep` to keep the database and print its path).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from benchmarks import tenyear
from benchmarks.results import Figure

MEETINGS = 2000
ITEMS = 20
GROUPS = 8
MEMBERS_PER_GROUP = 10


def build(path: Path, organisations: bool = True, meetings_wanted: int = MEETINGS) -> dict:
    """Fill a new database quickly (bulk inserts in one transaction; no change history).
    `organisations=False` when organisations 1 to 20 are already there (another benchmark's);
    `meetings_wanted` fewer for a smaller data set."""
    from sqlalchemy import insert

    from bscp_desktop.db.base import utcnow
    from bscp_desktop.db.database import Database
    from bscp_desktop.db.models import Action, Group, Membership, Organisation, Person
    from bscp_desktop.db.models.meetings import AgendaItem, Attendance, Decision, Meeting

    now = utcnow()
    stamp = {"created_at": now, "updated_at": now}
    with Database.open(path) as db, db.unit_of_work() as s:
        conn = s.connection()
        if organisations:
            conn.execute(insert(Organisation), [
                {"id": i, "name": f"Organisation {i}", "short_name": "", "kind": "relevant_agency", **stamp}
                for i in range(1, 21)
            ])
        conn.execute(insert(Group), [
            {"id": g, "name": f"Group {g}" if g > 1 else "Safeguarding Children Forum", "tier": 3,
             "needs_agreement": False, "frequency": "", "purpose": "", **stamp}
            for g in range(1, GROUPS + 1)
        ])
        people = [
            {"id": p, "name": f"Person {p}", "job_title": "", "organisation_id": (p % 20) + 1, "email": "",
             "phone": "", "notes": "", **stamp}
            for p in range(1, GROUPS * MEMBERS_PER_GROUP + 1)
        ]
        conn.execute(insert(Person), people)
        conn.execute(insert(Membership), [
            {"person_id": p["id"], "group_id": (p["id"] - 1) // MEMBERS_PER_GROUP + 1, "role": "member",
             "organisation_id": p["organisation_id"], "start_date": date(2000, 1, 1), "notes": "", **stamp}
            for p in people
        ])
        start = datetime(2016, 1, 4, 10)
        meetings, items, registers, decisions, actions = [], [], [], [], []
        item_id = 0
        for m in range(1, meetings_wanted + 1):
            group = (m % GROUPS) + 1
            when = start + timedelta(days=m * 2)
            meetings.append({
                "id": m, "group_id": group, "title": f"Meeting {m} of group {group}", "kind": "ordinary",
                "starts_at": when, "ends_at": when + timedelta(hours=2), "place": "Civic Centre", "online_link": "",
                "status": "held" if m % 17 else "cancelled", "minutes_status": "approved" if m < meetings_wanted - 50 else "draft",
                "notes": "", **stamp,
            })
            for n in range(1, ITEMS + 1):
                item_id += 1
                items.append({
                    "id": item_id, "meeting_id": m, "position": n, "kind": "ordinary",
                    "title": f"Item {n}: partnership business for meeting {m}", "presenter": "Chair", "paper_ref": "",
                    "minutes_allotted": 10, "confidential": n == 7, "key_focus": n == 3,
                    "key_focus_summary": "A key area of focus" if n == 3 else "",
                    "minutes": "The group discussed the item and agreed the next steps. " * 4, **stamp,
                })
                if n == 5:
                    decisions.append({"meeting_id": m, "agenda_item_id": item_id, "text": f"Decision at meeting {m}",
                                      **stamp})
                    actions.append({"description": f"Action from meeting {m}", "status": "open" if m % 3 else "done",
                                    "due_date": when.date() + timedelta(days=30), "evidence": "", "meeting_id": m,
                                    "agenda_item_id": item_id, "owner_person_id": (m % len(people)) + 1, **stamp})
            for k in range(MEMBERS_PER_GROUP):
                person = (group - 1) * MEMBERS_PER_GROUP + k + 1
                registers.append({
                    "meeting_id": m, "person_id": person, "name": "", "organisation_id": (person % 20) + 1,
                    "role": "member", "expected": True, "status": ("present", "apologies", "absent")[(m + k) % 7 % 3],
                    "deputy_name": "", "notes": "", **stamp,
                })
        conn.execute(insert(Meeting), meetings)
        conn.execute(insert(AgendaItem), items)
        conn.execute(insert(Attendance), registers)
        conn.execute(insert(Decision), decisions)
        conn.execute(insert(Action), actions)
    return {"meetings": len(meetings), "items": len(items), "registers": len(registers), "actions": len(actions)}


LIMIT_MS = 100  # the longest the window's thread may pause


def main(argv: list[str] | None = None) -> list[Figure]:
    argv = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from bscp_desktop.db.database import Database
    from bscp_desktop.services import meetings as mt

    folder = Path(tempfile.mkdtemp(prefix="bscp-bench-"))
    os.environ.setdefault("BSCP_DATA_DIR", str(folder / "data"))
    path = folder / "meetings-bench.sqlite3"
    t = time.perf_counter()
    counts = tenyear.or_build(path, argv, build)
    print(f"built {counts['meetings']:,} meetings, {counts['items']:,} agenda items, "
          f"{counts['registers']:,} register rows, {counts['actions']:,} actions in {time.perf_counter() - t:.1f} s")

    app = QApplication.instance() or QApplication([])
    from bscp_desktop.ui.meetings.tab import MeetingsTab

    db = Database.open(path)
    figures: list[tuple[str, float]] = []

    from benchmarks.window_pages import wait_until_settled

    def timed(label: str, fn):
        """Milliseconds until what `fn` started has shown (lists load in the background)."""
        started = time.perf_counter()
        result = fn()
        app.processEvents()
        for widget in app.topLevelWidgets():
            if widget.isVisible():
                wait_until_settled(widget)
        figures.append((label, (time.perf_counter() - started) * 1000))
        return result

    def open_tab():
        tab = MeetingsTab(db)
        tab.resize(1280, 800)
        tab.show()
        return tab

    tab = timed("open the Meetings tab (2,000 meetings listed)", open_tab)
    page = tab.meetings
    assert page.proxy.rowCount() == MEETINGS, page.proxy.rowCount()
    timed("filter the list by search text ('group 3')", lambda: page.search.setText("group 3"))
    shown = page.proxy.rowCount()
    timed("clear the search", lambda: page.search.setText(""))
    timed("filter the list by group (reload from the database)",
          lambda: page.group_filter.setCurrentIndex(page.group_filter.findData(1)))
    timed("sort the list by title", lambda: page.table.sortByColumn(3, page.table.horizontalHeader().sortIndicatorOrder()))
    page.group_filter.setCurrentIndex(0)
    last = max(mt.list_meetings(db, group_id=2), key=lambda m: m.starts_at)
    ws = timed("open a meeting (agenda, register, minutes of 20 items)", lambda: tab.open_meeting(last.id))
    ws.pages.setCurrentWidget(ws.minutes)
    item = mt.list_agenda(db, last.id)[0]
    timed("save one item's minutes", lambda: mt.save_item_minutes(db, item.id, item.minutes + " More words."))
    from bscp_desktop.services import actions as action_log

    timed("list the action log (2,000 actions)", lambda: action_log.list_action_log(db))
    ws.close_workspace()

    # export as the window does (a child process) while the UI thread keeps ticking; record the
    # longest gap between ticks
    from bscp_desktop.ui.common.outputs import OutputProcess

    def export(search_meanwhile: bool) -> tuple[float, list[float], list[float]]:
        """Export in a child process; returns (ms, gaps between 10 ms ticks, searches' ms)."""
        gaps: list[float] = []
        searches: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last_tick = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last_tick[0])
            last_tick[0] = now

        ticker = QTimer()
        ticker.setInterval(10)
        ticker.timeout.connect(tick)
        done: dict = {}
        started = time.perf_counter()
        ticker.start()
        task = OutputProcess(tab, "Exporting", db.path, "xlsx", "meetings", out)
        task.done.connect(lambda p: done.setdefault("path", p))
        task.error.connect(lambda e: done.setdefault("error", e))
        task.start()
        next_search = time.perf_counter() + 1.0
        while not done:
            app.processEvents()
            if search_meanwhile and time.perf_counter() >= next_search:  # the user searches once a second
                began = time.perf_counter()
                page.search.setText("group 5" if len(searches) % 2 == 0 else "")
                app.processEvents()
                searches.append((time.perf_counter() - began) * 1000)
                next_search = time.perf_counter() + 1.0
            time.sleep(0.002)
        ticker.stop()
        if "error" in done:
            raise RuntimeError(done["error"])
        page.search.setText("")
        return (time.perf_counter() - started) * 1000, gaps, searches

    out = folder / "meetings.xlsx"
    export_ms, gaps, _ = export(search_meanwhile=False)
    figures.append(("export the meetings workbook (child process)", export_ms))
    _, _, searches = export(search_meanwhile=True)

    width = max(len(label) for label, _ in figures)
    for label, ms in figures:
        print(f"  {label:<{width}}  {ms:9.0f} ms")
    print(f"  filtered list showed {shown} of {MEETINGS} meetings")
    print(f"  workbook: {out.stat().st_size / 1e6:.1f} MB")
    print(f"  UI thread while exporting (idle user): {len(gaps)} ticks of a 10 ms timer, longest gap "
          f"{max(gaps or [0]):.0f} ms, median {sorted(gaps)[len(gaps) // 2] if gaps else 0:.0f} ms")
    if searches:
        print(f"  searching the list while exporting: {len(searches)} searches, median "
              f"{sorted(searches)[len(searches) // 2]:.0f} ms, longest {max(searches):.0f} ms")
    tab.close()
    db.close()
    if "--keep" in argv:
        print(f"  database kept at {path}")
    else:
        for f in folder.glob("meetings-bench.sqlite3*"):
            f.unlink()
    found = [Figure(f"{label}, until shown", ms, "ms") for label, ms in figures]
    found.append(Figure("longest gap between 10 ms ticks of the window's thread while the workbook is "
                        "exported", max(gaps or [0]), "ms", LIMIT_MS))
    if searches:
        found.append(Figure("searching the list while the workbook is exported, the slowest search",
                            max(searches), "ms", LIMIT_MS, runs=len(searches)))
    return found


if __name__ == "__main__":
    main()
