"""The change-log PDF of one change whose new value is the longest minutes an agenda item takes
(ordinary English with '&' and a name in Arabic), against a value of half the length.

Reportlab lays every paragraph of a table cell out again each time it splits the cell over a
page, so a value set as one paragraph took time growing with the square of its length (200,000
characters: 89 s; the audit report with 13 returns at 20,000 characters a field: 29 s). The
builder sets a long cell as paragraphs of a few dozen lines, cut where its lines break and laid
out once (`reports/pdf/builder.cell_text`), so the time grows with the length: twice the
characters, about twice the time (the square would be four times). Goal: at most 2.5 times. A
value of the same length in English only is timed too, for scale (Arabic is laid out by the
program's own line breaking first). Times are the process's CPU time; runs are interleaved.

Run: `python -m benchmarks change_log_long_value` (`--runs N`).
"""

from __future__ import annotations

import functools
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

from benchmarks.results import Figure, interleaved_cpu_medians

LENGTH = 200_000  # characters: the most an item's minutes hold (services/meetings MAX_MINUTES_CHARS)
GOAL = 2.5
SENTENCE = "Social care & health agreed the plan with the family of أحمد علي; police to follow up. "
ENGLISH = "Social care & health agreed the plan with the family of Ahmed Ali; police to follow up. "


def _change_log(text: str, path: Path) -> None:
    from bscp_desktop.reports.change_log import ChangeLine, ChangeLogReport, write_change_log_pdf

    line = ChangeLine(datetime(2025, 1, 15, 14), "officer01", "Meetings", "Agenda item: Neglect strategy", "Changed",
                      "Minutes", "", text)
    write_change_log_pdf(ChangeLogReport("Partnership", date(2025, 1, 16), "Meetings", [line]), path)


def main(argv: list[str] | None = None) -> list[Figure]:
    argv = list(sys.argv[1:] if argv is None else argv)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    value = (SENTENCE * (LENGTH // len(SENTENCE) + 1))[:LENGTH]
    texts = {"value": value, "half": value[:LENGTH // 2], "english": (ENGLISH * (LENGTH // len(ENGLISH) + 1))[:LENGTH]}
    with tempfile.TemporaryDirectory() as folder:
        medians = interleaved_cpu_medians(runs, {
            kind: functools.partial(_change_log, text, Path(folder) / f"{kind}.pdf") for kind, text in texts.items()})
    print(f"A change-log PDF of one change whose new value is {LENGTH:,} characters: {medians['value']:.2f} CPU s; "
          f"half the characters {medians['half']:.2f} CPU s; the same length in English only "
          f"{medians['english']:.2f} CPU s (medians of {runs} runs).")
    return [Figure(f"Change-log PDF, one change whose new value is {LENGTH:,} characters, against one of half as "
                   "many", medians["value"], "CPU s", GOAL, against=medians["half"], runs=runs,
                   note=f"the same length in English only: {medians['english']:.2f} CPU s")]


if __name__ == "__main__":
    main()
