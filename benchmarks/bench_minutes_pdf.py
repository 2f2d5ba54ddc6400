"""The minutes PDF of a meeting whose one item holds the longest minutes an item takes, typed as
thousands of short lines (a pasted list, a transcript), against an item of half as many.

Reportlab breaks a paragraph's lines again each time it splits it over a page, so an item set
as one paragraph of thousands of lines took time growing with the square of its length (40,000
lines: over 20 s; two items at the limit: minutes). The builder sets user text in runs of a few
dozen lines (`reports/pdf/builder.LINES_PER_RUN`), so the time grows with the length: twice the
lines, about twice the time (the square would be four times). Goal: at most 2.5 times. The
same length typed as ordinary paragraphs is timed too, for scale. Times are the process's CPU
time; runs are interleaved.

Run: `python -m benchmarks minutes_pdf` (`--runs N`).
"""

from __future__ import annotations

import functools
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from benchmarks.results import Figure, interleaved_cpu_medians

LENGTH = 200_000  # characters: the most an item's minutes hold (services/meetings/minutes.py)
GOAL = 2.5
SENTENCE = "The Forum discussed the partnership's response to neglect and agreed the next steps. "


def _meeting(db, text: str) -> int:
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import memberships as ms

    group = ms.create_group(db, ms.GroupFields(f"Forum {len(text)}-{text[:4]!r}"))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum", datetime(2024, 5, 9, 10), status="held"))
    item = mt.add_agenda_item(db, meeting.id, mt.AgendaItemFields("Partner updates"))
    mt.save_item_minutes(db, item.id, text)
    return meeting.id


def main(argv: list[str] | None = None) -> list[Figure]:
    from bscp_desktop.db.database import Database
    from bscp_desktop.jobs.meetings import minutes_report

    argv = list(sys.argv[1:] if argv is None else argv)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    lines = ("Line of the list\n" * (LENGTH // 17))[:LENGTH]
    texts = {"lines": lines, "half": lines[:LENGTH // 2],
             "paragraphs": ((SENTENCE * 5 + "\n\n") * (LENGTH // len(SENTENCE)))[:LENGTH]}
    with tempfile.TemporaryDirectory() as folder:
        db = Database.open(Path(folder) / "minutes.sqlite3")
        try:
            meetings = {kind: _meeting(db, text) for kind, text in texts.items()}
            medians = interleaved_cpu_medians(runs, {
                kind: functools.partial(minutes_report, db, Path(folder) / f"{kind}.pdf", meeting=meeting_id)
                for kind, meeting_id in meetings.items()})
        finally:
            db.close()
    count = lines.count("\n")
    print(f"One item of {LENGTH:,} characters in {count:,} lines: {medians['lines']:.2f} CPU s; half as many lines "
          f"{medians['half']:.2f} CPU s; the same length in paragraphs {medians['paragraphs']:.2f} CPU s "
          f"(medians of {runs} runs).")
    return [Figure(f"Minutes PDF, one item of {count:,} lines ({LENGTH:,} characters), against one of half as "
                   "many lines", medians["lines"], "CPU s", GOAL, against=medians["half"], runs=runs,
                   note=f"the same length in paragraphs: {medians['paragraphs']:.2f} CPU s")]

if __name__ == "__main__":
    main()
