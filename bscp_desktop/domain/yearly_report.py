"""The yearly report: its sections in order, the contents Working Together 2023 expects, the
built sections' plain-data blocks, and the simple formatting narrative sections are written in.

A report has a period (any dates), a title and the sections below, in the order of the
partnership's 2022-24 report. A *narrative* section is written by the team; a *built* section is
filled from the records of the period (each through its own area's services) and carries a
draft text the team may edit. Everything here is plain Python.

Narrative text is kept in a small subset of Markdown (what the window's editor writes):
paragraphs separated by a blank line, ``**bold**``, ``*italic*`` and bullet lists
(lines starting ``- ``), read and written by `domain.yearly_text`.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

# the simple formatting lives in its own module; the rest of the program imports it from here
from bscp_desktop.domain.yearly_text import Run, TextBlock, TextBullets, TextPara, escape, format_inline, format_text, parse_inline, parse_text, prepare_for_editor, unwrap_markers  # noqa: F401 - re-exported

MAX_TEXT_CHARS = 200_000
MAX_TITLE_CHARS = 200


class SectionKind(enum.StrEnum):
    NARRATIVE = "narrative"
    BUILT = "built"


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    kind: SectionKind
    hint: str  # what belongs in it, shown above the editor

    @property
    def built(self) -> bool:
        return self.kind is SectionKind.BUILT


N, B = SectionKind.NARRATIVE, SectionKind.BUILT

#: The sections in the order of the reference report.
SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("foreword", "Foreword", N, "A foreword by the Independent Scrutineer or the partners."),
    SectionSpec("introduction", "Introduction", N, "The duty to safeguard children and the three safeguarding partners."),
    SectionSpec("arrangements", "Partnership arrangements", N,
                "How the partners work together: the groups, their purpose and the relevant agencies."),
    SectionSpec("membership", "Membership of the groups", B,
                "Built from Memberships: each group's members on the last day of the period, with lay members."),
    SectionSpec("scrutiny", "Independent scrutiny", N, "Who provides independent scrutiny and what it found."),
    SectionSpec("finance", "Funding and contributions", B,
                "Built from Finance: contributions by partner, expenditure by category and reserves."),
    SectionSpec("activity", "Partnership activity", B,
                "Built from Meetings: every meeting held in the period with its key areas of focus."),
    SectionSpec("attendance", "Attendance at meetings", B,
                "Built from Meetings: attendance by organisation and group, flagged below the threshold."),
    SectionSpec("case_reviews", "Case reviews and learning", B,
                "Built from Case reviews: notifications, rapid reviews, local reviews, timeliness, themes and the "
                "actions from recommendations. No child's alias or reference is printed."),
    SectionSpec("audits", "Multi-agency audits and Section 11", B,
                "Built from Audits: case audits by theme with gradings and learning, and the Section 11 summary."),
    SectionSpec("partner_activity", "Partner activity", N,
                "What each agency did: write a bold line with the agency's name, then its activity."),
    SectionSpec("training", "Learning and development", B,
                "Built from Training: figures with both denominators, the two charts, year on year and evaluations."),
    SectionSpec("feedback", "Feedback from children and families", N,
                "How the views of children and families were gathered and used."),
    SectionSpec("impact", "Impact on outcomes for children", N,
                "The difference the partnership's work, including training, made to children."),
    SectionSpec("little_progress", "Areas of little or no progress", N, "Where progress was slow, and why."),
    SectionSpec("priorities", "The next twelve months", N,
                "The priorities for the coming year: one bullet each, ending with a progress word "
                "(for example: Not started, Under way, Achieved)."),
)
SECTION_KEYS: tuple[str, ...] = tuple(s.key for s in SECTIONS)
_BY_KEY = {s.key: s for s in SECTIONS}


def section_spec(key: str) -> SectionSpec:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"There is no yearly report section called '{key}'") from None


@dataclass(frozen=True)
class Expectation:
    """One thing Working Together 2023 expects a yearly report to cover, and where it is."""

    text: str
    sections: tuple[str, ...]


#: The contents Working Together 2023 expects of the yearly report (see DOMAIN.md).
EXPECTATIONS: tuple[Expectation, ...] = (
    Expectation("The local arrangements and the relevant agencies taking part", ("arrangements", "membership")),
    Expectation("Independent scrutiny of the arrangements", ("scrutiny",)),
    Expectation("Funding and the partners' contributions", ("finance",)),
    Expectation("What the partnership did in the period", ("activity", "attendance", "partner_activity")),
    Expectation("Decisions and actions on local and national review recommendations", ("case_reviews",)),
    Expectation("Multi-agency audit and quality assurance", ("audits",)),
    Expectation("The impact of training on practice", ("training",)),
    Expectation("How feedback from children and families was used", ("feedback",)),
    Expectation("The impact of the work on outcomes for children", ("impact",)),
    Expectation("Areas of little or no progress", ("little_progress",)),
    Expectation("The priorities for the next twelve months", ("priorities",)),
)


class CheckState(enum.StrEnum):
    DONE = "done"
    EMPTY = "empty"
    OUT_OF_DATE = "out-of-date"
    INCOMPLETE = "incomplete"  # the priorities: one has no progress word

    @property
    def label(self) -> str:
        return {"done": "Has content", "empty": "Empty", "out-of-date": "Not updated since its data changed",
                "incomplete": "A priority has no progress word"}[self.value]


@dataclass(frozen=True)
class CheckLine:
    text: str
    state: CheckState
    detail: str  # which section is empty or out of date

    @property
    def ticked(self) -> bool:
        return self.state is CheckState.DONE


def checklist(states: Mapping[str, CheckState], titles: Mapping[str, str] | None = None) -> list[CheckLine]:
    """Each expectation: ticked when all its sections have content, else flagged with the
    first section that is empty or out of date. `states` gives each section's state."""
    titles = titles or {s.key: s.title for s in SECTIONS}
    lines = []
    for e in EXPECTATIONS:
        worst = [(k, states.get(k, CheckState.EMPTY)) for k in e.sections]
        problems = [(k, s) for k, s in worst if s is not CheckState.DONE]
        if not problems:
            lines.append(CheckLine(e.text, CheckState.DONE, ""))
            continue
        key, state = next(((k, s) for k, s in problems if s is CheckState.EMPTY), problems[0])
        lines.append(CheckLine(e.text, state, f"{titles.get(key, key)}: {state.label.lower()}"))
    return lines


# ---------------------------------------------------------------- built sections as plain data


@dataclass(frozen=True)
class Table:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty_text: str = ""  # said in words instead of an empty table


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class ChartBlock:
    """A bar chart as data (drawn by `reports.charts`): values as strings of numbers."""

    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    value_label: str
    category_label: str
    alt_text: str
    value_kind: str = "count"  # count, percent (fractions) or money


Block = Table | Para | ChartBlock


@dataclass(frozen=True)
class BuiltSection:
    """What a built section holds: its blocks and a draft text the team may edit."""

    key: str
    blocks: tuple[Block, ...]
    draft: str  # a sentence or two summarising the figures
    has_data: bool  # False: nothing happened in the period (the report says so in words)

    def fingerprint(self) -> str:
        """A stable hash of everything built from the records: the blocks (tables, sentences,
        charts), the draft's words ("13 meetings were held, and 2 of a kind not counted": figures
        in no table) and whether anything happened in the period. It starts with
        `FINGERPRINT_MARK`, which tells it from a fingerprint of earlier versions (see `kept_as_built`)."""
        raw = json.dumps({"blocks": blocks_to_json(self.blocks), "draft": self.draft, "has_data": self.has_data},
                         sort_keys=True, ensure_ascii=False)
        return FINGERPRINT_MARK + _hash(raw)

    def kept_as_built(self, fingerprint: str, draft: str) -> bool:
        """Whether a section kept with `fingerprint` and `draft` (the draft built with it) holds
        what this build holds: the checklist's test of "out of date". A fingerprint saved by an
        earlier version (no `FINGERPRINT_MARK`) covered the blocks only: it is compared as it was
        made, and the draft kept beside it with this build's, so a report saved before is not
        flagged merely because fingerprints are made differently now, and a draft whose figures
        changed is flagged all the same. Refreshing the section keeps a fingerprint of today's kind."""
        if fingerprint.startswith(FINGERPRINT_MARK):
            return fingerprint == self.fingerprint()
        blocks = json.dumps(blocks_to_json(self.blocks), sort_keys=True, ensure_ascii=False)
        return fingerprint == _hash(blocks) and draft == self.draft


#: How a fingerprint covering the draft as well as the blocks starts (earlier ones have no mark).
FINGERPRINT_MARK = "v2:"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def blocks_to_json(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in blocks:
        if isinstance(b, Table):
            out.append({"type": "table", "title": b.title, "headers": list(b.headers),
                        "rows": [list(r) for r in b.rows], "empty_text": b.empty_text})
        elif isinstance(b, Para):
            out.append({"type": "para", "text": b.text})
        elif isinstance(b, ChartBlock):
            out.append({"type": "chart", "title": b.title, "categories": list(b.categories),
                        "series": [[name, list(values)] for name, values in b.series],
                        "value_label": b.value_label, "category_label": b.category_label,
                        "alt_text": b.alt_text, "value_kind": b.value_kind})
        else:  # pragma: no cover - a new block type must be added here
            raise TypeError(f"Unknown block {b!r}")
    return out


def blocks_from_json(data: Sequence[Mapping[str, Any]] | None) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for d in data or ():
        kind = d.get("type")
        if kind == "table":
            blocks.append(Table(str(d.get("title", "")), tuple(str(h) for h in d.get("headers", ())),
                                tuple(tuple(str(c) for c in r) for r in d.get("rows", ())),
                                str(d.get("empty_text", ""))))
        elif kind == "para":
            blocks.append(Para(str(d.get("text", ""))))
        elif kind == "chart":
            blocks.append(ChartBlock(
                str(d.get("title", "")), tuple(str(c) for c in d.get("categories", ())),
                tuple((str(name), tuple(None if v is None else float(v) for v in values))
                      for name, values in d.get("series", ())),
                str(d.get("value_label", "")), str(d.get("category_label", "")), str(d.get("alt_text", "")),
                str(d.get("value_kind", "count")),
            ))
    return tuple(blocks)


# ---------------------------------------------------------------- simple formatting (see yearly_text)


#: The words that say how far a priority has got (the end of each priority's bullet).
PROGRESS_WORDS: tuple[str, ...] = ("Not started", "Under way", "On track", "Delayed", "Achieved", "Ongoing",
                                   "Complete", "Planned")


# a progress word as the whole last word or words of a priority, in any case, before any closing
# punctuation or brackets ("Under way.", "(On track)"): "Incomplete" does not end "Complete"
_ENDS_WITH_PROGRESS = re.compile(
    r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in PROGRESS_WORDS) + r")"
    r"[\s.,;:!?)\]}\"'\u2019\u201d\u2026]*\Z", re.IGNORECASE)


def priorities_without_progress(text: str | None) -> list[str]:
    """The priorities (bullets) whose text does not end with a progress word."""
    missing = []
    for block in parse_text(text):
        if isinstance(block, TextBullets):
            for item in block.items:
                words = "".join(r.text for r in item).strip()
                if not _ENDS_WITH_PROGRESS.search(words):
                    missing.append(words)
    return missing


def plain_text(text: str | None) -> str:
    """The words of narrative text without its formatting marks (for search and checks)."""
    out = []
    for b in parse_text(text):
        if isinstance(b, TextPara):
            out.append("".join(r.text for r in b.runs))
        else:
            out.extend("".join(r.text for r in item) for item in b.items)
    return "\n".join(out)


def typed_length(text: str | None) -> int:
    """How many characters the team typed: the words of the text, without the formatting marks
    and the backslashes the editor adds before characters that could mean something."""
    if not text:
        return 0
    return len(text) if len(text) <= MAX_TEXT_CHARS else len(plain_text(text))  # the marks only ever add


def has_words(text: str | None) -> bool:
    """Whether the text has any words: markers with nothing between them are not words."""
    return bool(re.sub(r"[\s*_]", "", plain_text(text)))


# ---------------------------------------------------------------- the period


def check_period(start: date | None, end: date | None, covering: str = "A yearly report") -> dict[str, str]:
    """Errors by field for a report's period (any dates; the end not before the start; at most
    three years). `covering` names the output in the message ("A partner's workbook covers...")."""
    errors: dict[str, str] = {}
    if start is None:
        errors["period_start"] = "Give the first day the report covers"
    if end is None:
        errors["period_end"] = "Give the last day the report covers"
    if start and end and end < start:
        errors["period_end"] = (f"The end of the period ({end:%d/%m/%Y}) is before its start ({start:%d/%m/%Y})")
    if start and end and (end - start).days > 3 * 366:
        errors["period_end"] = f"{covering} covers at most three years"
    return errors


def default_title(partnership: str, start: date, end: date) -> str:
    """The title a report is given when none is typed: a long partnership name is cut short
    (ending "…") so the title keeps within the MAX_TITLE_CHARS a title may have."""
    rest = f" yearly report {start:%B %Y} to {end:%B %Y}"
    name = " ".join(partnership.split())
    room = MAX_TITLE_CHARS - len(rest)
    if len(name) > room:
        name = name[:room - 1].rstrip(" ,;:-") + "…"
    return name + rest
