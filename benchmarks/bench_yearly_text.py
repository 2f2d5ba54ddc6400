"""A yearly report section's text saved and read back by the section editor's own writer
(`domain.yearly_text`: `format_text` when it is saved, `prepare_for_editor` and `parse_text` when
it is shown and printed), for the longest text a section takes typed as one run of punctuation
(a signature line of underscores, a row of dashes or emoji), against a run of half the length.

The writer once looked back along the whole run for every character, so the time grew with the
square of the run's length (6,000 underscores: 13 s to save, on the window's thread). It looks
once each way now: twice the run, about twice the time (the square would be four times). Goal:
at most 2.5 times. An ordinary paragraph of the same length is timed too, for scale. Times are
the process's CPU time; runs are interleaved.

Run: `python -m benchmarks yearly_text` (`--runs N`).
"""

from __future__ import annotations

import functools
import sys

from benchmarks.results import Figure, interleaved_cpu_medians

LENGTH = 200_000  # characters: the most a section takes (services/yearly_report MAX_TEXT_CHARS)
GOAL = 2.5
SENTENCE = "The partnership's learning from reviews was shared with **every** agency in the year. "


def _round_trip(blocks) -> None:
    from bscp_desktop.domain.yearly_report import format_text, parse_text, prepare_for_editor

    saved = format_text(blocks)
    parse_text(prepare_for_editor(saved))


def main(argv: list[str] | None = None) -> list[Figure]:
    from bscp_desktop.domain.yearly_report import parse_text

    argv = list(sys.argv[1:] if argv is None else argv)
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    run = "Signed: " + "_" * (LENGTH - 8)
    texts = {"run": run, "half": run[:LENGTH // 2], "prose": (SENTENCE * (LENGTH // len(SENTENCE)))[:LENGTH]}
    blocks = {kind: parse_text(text) for kind, text in texts.items()}
    medians = interleaved_cpu_medians(runs, {kind: functools.partial(_round_trip, parsed) for kind, parsed in blocks.items()})
    print(f"A section of {LENGTH:,} characters in one run of underscores saved and read back: {medians['run']:.3f} CPU s; "
          f"half the run {medians['half']:.3f} CPU s; the same length of prose {medians['prose']:.3f} CPU s "
          f"(medians of {runs} runs).")
    return [Figure(f"Yearly report section of {LENGTH:,} characters in one run of punctuation, saved and read back, "
                   "against a run of half the length", medians["run"], "CPU s", GOAL, against=medians["half"],
                   runs=runs, note=f"the same length of prose: {medians['prose']:.3f} CPU s")]


if __name__ == "__main__":
    main()
