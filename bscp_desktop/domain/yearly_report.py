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
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from bscp_desktop.domain.actions import ActionStatus

# the simple formatting lives in its own module; the rest of the program imports it from here
from bscp_desktop.domain.validation import reading_problem
from bscp_desktop.domain.yearly_text import Run, TextBlock, TextBullets, TextPara, escape, format_inline, format_text, parse_inline, parse_text, prepare_for_editor, unwrap_markers  # noqa: F401 - re-exported

#: The words that say how far a priority has got (the end of each priority's bullet, in any
#: case): the common ones and the action log's own statuses (`ActionStatus.label`).
PROGRESS_WORDS: tuple[str, ...] = tuple(dict.fromkeys((
    "Not started", "Planned", "Under way", "Underway", "In progress", "Ongoing", "On track", "Delayed", "On hold",
    "Partly achieved", "Achieved", "Complete", "Completed", "Done", *(status.label for status in ActionStatus))))

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
                "The priorities for the coming year: one bullet each, ending with a progress word: "
                f"{', '.join(PROGRESS_WORDS[:-1])} or {PROGRESS_WORDS[-1]} (in capitals or not)."),
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


#: The kinds of number a chart shows (`reports.charts.ValueKind`): counts, fractions shown as
#: percentages, sums of money.
CHART_VALUE_KINDS: tuple[str, ...] = ("count", "percent", "money")


class FiguresUnreadable(ValueError):
    """A built section's kept figures are not as the program keeps them (another program changed
    them): its words say the first thing wrong, in words that follow "cannot be read: "."""


@dataclass(frozen=True)
class KeptFigures:
    """What a built section keeps of what it was built with: its blocks, its draft and whether
    anything happened in the period."""

    blocks: tuple[Block, ...] = ()
    draft: str = ""
    has_data: bool = False


def read_figures(held: object) -> KeptFigures:
    """A built section's kept figures (`blocks_to_json` with the draft, as JSON read), every part
    checked: the blocks a list, each a table (its headings and rows text, no row longer than its
    headings), a sentence or a chart (its values numbers or nothing, one for each category), the
    draft text and `has_data` yes or no. FiguresUnreadable names the first part that is not. The one
    reading of kept figures: the window, the outputs and `check` all read them here."""
    if not isinstance(held, Mapping):
        raise FiguresUnreadable(f"they are {_shown(held)}, not a set of figures")
    draft = held.get("draft", "")
    if not isinstance(draft, str):
        raise FiguresUnreadable(f"the draft is {_shown(draft)}, not text")
    has_data = held.get("has_data", False)
    if not isinstance(has_data, bool):
        raise FiguresUnreadable(f"whether anything happened is {_shown(has_data)}, not yes or no")
    return KeptFigures(blocks_from_json(held.get("blocks")), draft, has_data)


def figures_problem(held: object) -> str:
    """'' when `read_figures` reads `held`; else what is wrong with it."""
    return reading_problem(read_figures, FiguresUnreadable)(held)


def blocks_from_json(data: object) -> tuple[Block, ...]:
    """The blocks `blocks_to_json` wrote (None: none); FiguresUnreadable when they are not as it
    writes them (see `read_figures`)."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise FiguresUnreadable(f"the blocks are {_shown(data)}, not a list of tables, charts and sentences")
    return tuple(_block(d, number) for number, d in enumerate(data, start=1))


_PARTS = {"title": "title", "headers": "headings", "rows": "rows", "empty_text": "words for no rows", "text": "text",
          "categories": "categories", "series": "series", "value_label": "value label",
          "category_label": "category label", "alt_text": "description", "value_kind": "kind of value"}


def _shown(value: object) -> str:
    """A value read from the JSON as a message quotes it, cut short ("nothing" for JSON's null)."""
    if value is None:
        return "nothing"
    shown = f"'{value}'" if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=repr)
    return shown if len(shown) <= 30 else shown[:29] + "…"


def _count(number: int, one: str, more: str = "") -> str:
    return f"{number} {one if number == 1 else more or one + 's'}"


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: object, where: str) -> str:
    """Text (a number, as earlier versions may have kept one, is read as its digits)."""
    if isinstance(value, str):
        return value
    if _is_number(value):
        return str(value)
    raise FiguresUnreadable(f"{where} should be text, not {_shown(value)}")


def _list(value: object, where: str) -> list:
    if not isinstance(value, list):
        raise FiguresUnreadable(f"{where} should be a list, not {_shown(value)}")
    return value


def _texts(value: object, where: str) -> tuple[str, ...]:
    return tuple(_text(v, f"{where}, item {n}") for n, v in enumerate(_list(value, where), start=1))


def _block(d: object, number: int) -> Block:
    if not isinstance(d, Mapping):
        raise FiguresUnreadable(f"block {number} is {_shown(d)}, not a table, a chart or a sentence")
    kind = d.get("type")
    if kind not in ("table", "para", "chart"):
        raise FiguresUnreadable(f"block {number} is of the kind {_shown(kind)}, not a table, a chart or a sentence")
    title = _text(d.get("title", ""), f"the title of block {number}")
    name = f"the {'sentence' if kind == 'para' else kind} '{title}'" if title else f"block {number}"

    def text(key: str) -> str:
        return _text(d.get(key, ""), f"the {_PARTS[key]} of {name}")

    def texts(key: str) -> tuple[str, ...]:
        return _texts(d.get(key, []), f"the {_PARTS[key]} of {name}")

    if kind == "para":
        return Para(text("text"))
    if kind == "table":
        headers = texts("headers")
        rows = []
        for n, row in enumerate(_list(d.get("rows", []), f"the rows of {name}"), start=1):
            cells = _texts(row, f"row {n} of {name}")
            if len(cells) > len(headers):
                raise FiguresUnreadable(f"row {n} of {name} has {_count(len(cells), 'value')} under "
                                        f"{_count(len(headers), 'heading')}")
            rows.append(cells)
        return Table(title, headers, tuple(rows), text("empty_text"))
    categories = texts("categories")
    series = []
    for n, pair in enumerate(_list(d.get("series", []), f"the series of {name}"), start=1):
        if not isinstance(pair, list) or len(pair) != 2:
            raise FiguresUnreadable(f"series {n} of {name} is {_shown(pair)}, not a name with its values")
        label = _text(pair[0], f"the name of series {n} of {name}")
        values = _list(pair[1], f"the values of series {n} of {name}")
        for v in values:
            if v is not None and not _is_number(v):
                raise FiguresUnreadable(f"{name} has {_shown(v)} where a number belongs")
        if len(values) != len(categories):
            raise FiguresUnreadable(f"series {n} of {name} has {_count(len(values), 'value')} for "
                                    f"{_count(len(categories), 'category', 'categories')}")
        series.append((label, tuple(None if v is None else float(v) for v in values)))
    value_kind = d.get("value_kind", "count")
    if value_kind not in CHART_VALUE_KINDS:
        raise FiguresUnreadable(f"the {_PARTS['value_kind']} of {name} is {_shown(value_kind)}, not "
                                "a count, a percentage or money")
    return ChartBlock(title, categories, tuple(series), text("value_label"), text("category_label"), text("alt_text"),
                      value_kind)


# ---------------------------------------------------------------- simple formatting (see yearly_text)


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
    """Whether the text has any words: a letter or a digit among what it prints. Formatting
    marks, the marks typed as themselves ("___", "**"), punctuation and what prints as nothing (a
    soft hyphen, a zero-width space) are not words. The one rule of "written": the checklist, the
    list of sections and Mark final all ask it."""
    return any(c.isalnum() for c in plain_text(text))


# ---------------------------------------------------------------- the period


def check_period(start: date | None, end: date | None, covering: str = "A yearly report") -> dict[str, str]:
    """Errors by field for a report's period (any dates; the end not before the start; at most
    three years: the end no later than `last_day_within_three_years`). `covering` names the output
    in the message ("A partner's workbook covers...")."""
    errors: dict[str, str] = {}
    if start is None:
        errors["period_start"] = "Give the first day the report covers"
    if end is None:
        errors["period_end"] = "Give the last day the report covers"
    if start and end and end < start:
        errors["period_end"] = (f"The end of the period ({end:%d/%m/%Y}) is before its start ({start:%d/%m/%Y})")
    latest = last_day_within_three_years(start) if start else None
    if start and end and latest and end > latest:
        errors["period_end"] = (f"{covering} covers at most three years: the end of the period can be "
                                f"{latest:%d/%m/%Y} at the latest")
    return errors


def last_day_within_three_years(start: date) -> date | None:
    """The last day a period starting on `start` may end and cover at most three years: the day
    before the same date three years on (01/04/2021: 31/03/2024). Three years on from 29 February
    is 1 March, so a period from 29/02/2024 may end on 28/02/2027. None when that is beyond the
    calendar (any end is then within three years)."""
    try:
        on = date(start.year + 3, start.month, start.day)
    except ValueError:  # 29 February, three years on: no such day
        try:
            on = date(start.year + 3, 3, 1)
        except ValueError:
            return None
    return on - timedelta(days=1)


def default_title(partnership: str, start: date, end: date) -> str:
    """The title a report is given when none is typed: a long partnership name is cut short
    (ending "…") so the title keeps within the MAX_TITLE_CHARS a title may have."""
    rest = f" yearly report {start:%B %Y} to {end:%B %Y}"
    name = " ".join(partnership.split())
    room = MAX_TITLE_CHARS - len(rest)
    if len(name) > room:
        name = name[:room - 1].rstrip(" ,;:-") + "…"
    return name + rest
