"""The yearly report: its sections in order, the contents Working Together 2023 expects, the
built sections' plain-data blocks, and the simple formatting narrative sections are written in.

A report has a period (any dates), a title and the sections below, in the order of the
partnership's 2022-24 report. A *narrative* section is written by the team; a *built* section is
filled from the records of the period (each through its own area's services) and carries a
draft text the team may edit. Everything here is plain Python.

Narrative text is kept in a small subset of Markdown (what the window's editor writes):
paragraphs separated by a blank line, ``**bold**``, ``*italic*`` and bullet lists
(lines starting ``- ``). `parse_text` reads it into blocks for the PDF and Word outputs as
CommonMark reads it (the editor reads it so too); any other character prints as typed.
`format_text` writes blocks so, escaping every character that could mean something.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

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
        """A stable hash of the figures: the checklist compares it with a fresh build."""
        raw = json.dumps(blocks_to_json(self.blocks), sort_keys=True, ensure_ascii=False)
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


# ---------------------------------------------------------------- simple formatting


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class TextPara:
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class TextBullets:
    items: tuple[tuple[Run, ...], ...]


TextBlock = TextPara | TextBullets

_BULLET = re.compile(r"^\s*[-*+•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_PUNCTUATION = r"!-/:-@\[-`{-~"  # the ASCII punctuation a backslash escapes
_UNESCAPE = re.compile(rf"\\([{_PUNCTUATION}])")
_NOT_ESCAPED = r"(?<!\\)((?:\\\\)*)"  # an even run of backslashes (typed ones) or none
# a link as earlier versions of the editor saved a web or e-mail address: [text](url) and <url>
_LINK = re.compile(_NOT_ESCAPED + r"\[((?:\\.|[^\[\]\\\n])*)\]\(\s*<?([^\s()<>]*)>?(?:\s+\"(?:\\.|[^\"\\])*\")?\s*\)")
_AUTOLINK = re.compile(_NOT_ESCAPED + r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>")
_DELIMITERS = re.compile(r"\*+|_+")


def _literal(text: str) -> str:
    """Text that parse_inline prints exactly as given."""
    return re.sub(rf"([{_PUNCTUATION}])", r"\\\1", text)


def _address(url: str) -> str:
    return url.removeprefix("mailto:")


def _link_text(m: re.Match) -> str:
    text, url = m.group(2), m.group(3)
    same = url == _UNESCAPE.sub(r"\1", text) or _address(url) == text or url.split("://", 1)[-1] == text
    return m.group(1) + text + ("" if same or not url else " " + _literal(f"({_address(url)})"))


def _kind(c: str) -> str:
    """' ' for whitespace (and the ends of the text), 'p' for punctuation, 'w' for the rest."""
    if not c or c.isspace():
        return " "
    return "p" if unicodedata.category(c)[0] in "PS" else "w"


@dataclass
class _Run:
    """A run of ``*`` or ``_``: how many are left and which sides of it close and open."""

    char: str
    count: int
    can_open: bool
    can_close: bool
    length: int = 0
    closes: list[int] = field(default_factory=list)  # 1 italic, 2 bold: innermost first
    opens: list[int] = field(default_factory=list)  # outermost first


def _emphasis(pieces: list[str | _Run]) -> None:
    """Match the runs of markers as CommonMark does ("process emphasis"): each closer takes the
    nearest opener of its character, two at a time when both have two."""
    openers: list[tuple[int, _Run]] = []  # runs that may still open, in order
    bottom: dict[tuple[str, bool, int], int] = {}  # below this no opener fits such a closer
    for ci, closer in enumerate(p for p in pieces if isinstance(p, _Run)):
        key = (closer.char, closer.can_open, closer.length % 3)
        while closer.can_close and closer.count:
            at = len(openers) - 1
            while at >= 0 and openers[at][0] >= bottom.get(key, 0):
                o = openers[at][1]
                if o.char == closer.char and not ((o.can_close or closer.can_open)
                                                  and (o.length + closer.length) % 3 == 0
                                                  and (o.length % 3 or closer.length % 3)):
                    break
                at -= 1
            if at < 0 or openers[at][0] < bottom.get(key, 0):
                bottom[key] = ci
                break
            opener = openers[at][1]
            use = 2 if opener.count >= 2 and closer.count >= 2 else 1
            opener.count -= use
            closer.count -= use
            opener.opens.insert(0, use)
            closer.closes.append(use)
            del openers[at + (1 if opener.count else 0):]  # markers inside a pair print as typed
        if closer.can_open and closer.count:
            openers.append((ci, closer))


def parse_inline(text: str) -> tuple[Run, ...]:
    """``**bold**`` and ``*italic*`` (or ``__``/``_``) into runs, read as CommonMark reads them
    (so ``***both***``, ``***both** italic*`` and ``_**both**_`` are what the editor shows);
    a marker with no partner prints as typed, and so does an underscore inside a word.
    Backslash escapes (``\\*``) print the character; a link prints its words and an address
    in angle brackets prints without them."""
    text = _AUTOLINK.sub(lambda m: m.group(1) + _literal(_address(m.group(2))), _LINK.sub(_link_text, text))
    pieces: list[str | _Run] = []
    at = 0
    for m in _DELIMITERS.finditer(text):
        i, j = m.span()
        k = i
        while k and text[k - 1] == "\\":
            k -= 1
        if (i - k) % 2:  # an escaped marker prints, the rest of its run is a run of its own
            i += 1
            if i == j:
                continue
        pieces.append(text[at:i])
        at = j
        before, after = _kind(text[i - 1] if i else ""), _kind(text[j] if j < len(text) else "")
        left = after != " " and (after != "p" or before != "w")
        right = before != " " and (before != "p" or after != "w")
        if m.group(0)[0] == "_":
            pieces.append(_Run("_", j - i, left and (not right or before == "p"),
                               right and (not left or after == "p"), j - i))
        else:
            pieces.append(_Run("*", j - i, left, right, j - i))
    pieces.append(text[at:])
    _emphasis(pieces)
    runs: list[Run] = []
    bold = italic = 0

    def add(t: str) -> None:
        if not t:
            return
        if runs and (runs[-1].bold, runs[-1].italic) == (bold > 0, italic > 0):
            runs[-1] = Run(runs[-1].text + t, bold > 0, italic > 0)
        else:
            runs.append(Run(t, bold > 0, italic > 0))

    for p in pieces:
        if isinstance(p, str):
            add(_UNESCAPE.sub(r"\1", p))
            continue
        for use in p.closes:
            bold, italic = (bold - 1, italic) if use == 2 else (bold, italic - 1)
        add(p.char * p.count)
        for use in p.opens:
            bold, italic = (bold + 1, italic) if use == 2 else (bold, italic + 1)
    return tuple(runs)


_WRAPPED_MARKERS = re.compile(r"(?<=[ \t])([*_]+)\n[ \t]*(?=\S)")


def unwrap_markers(text: str) -> str:
    """Text saved by earlier versions of the editor, which sometimes broke a line between the
    markers opening bold or italic and their words ("*italic **" then "bold-italic***"), with
    the markers back against their words."""
    return _WRAPPED_MARKERS.sub(r"\1", text.replace("\r\n", "\n").replace("\r", "\n"))


def parse_text(text: str | None) -> list[TextBlock]:
    """Narrative text into paragraphs and bullet lists (see the module's docstring)."""
    blocks: list[TextBlock] = []
    lines = unwrap_markers(text or "").split("\n")
    para: list[str] = []
    bullets: list[str] = []

    def end_para() -> None:
        if para:
            joined = " ".join(line.strip() for line in para if line.strip())
            if joined:
                blocks.append(TextPara(parse_inline(joined)))
            para.clear()

    def end_bullets() -> None:
        if bullets:
            blocks.append(TextBullets(tuple(parse_inline(b) for b in bullets)))
            bullets.clear()

    for line in lines:
        m = _BULLET.match(line) or _NUMBERED.match(line)
        if not line.strip():
            end_para()
            end_bullets()
        elif m:
            end_para()
            bullets.append(m.group(1).strip())
        elif bullets and line.startswith((" ", "\t")):
            bullets[-1] += " " + line.strip()  # a bullet's text continued on the next line
        else:
            end_bullets()
            para.append(line.lstrip("#").strip() if line.lstrip().startswith("#") else line)
    end_para()
    end_bullets()
    return blocks


_ESCAPE_CHARS = "\\`*_[]<"  # and & before # or a letter (a character reference)
_LINE_START = re.compile(r"^[#>+=|~-]|^(\d{1,9})(?=[.)])")  # a heading, quotation, list or rule
_LINE_BREAKS = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def _chars(runs: Sequence[Run]) -> list[tuple[str, bool, bool]]:
    """Each character with its formatting, a space with none, without spaces at either end."""
    chars = [(c, False, False) if c.isspace() else (c, r.bold, r.italic)
             for r in runs for c in _LINE_BREAKS.sub(" ", r.text)]
    first = next((i for i, (c, _, _) in enumerate(chars) if not c.isspace()), len(chars))
    last = next((i for i in range(len(chars) - 1, -1, -1) if not chars[i][0].isspace()), first - 1)
    return chars[first:last + 1]


def _markers(chars: Sequence[tuple[str, bool, bool]]) -> str:
    """One line of Markdown: every character that means something escaped, and the markers
    next to the words (spaces stay outside them, where Markdown reads them)."""
    out: list[str] = []
    stack: list[str] = []  # the markers open, outermost first

    def close(wanted: set[str]) -> None:
        while any(m not in wanted for m in stack):
            out.append(stack.pop())

    ends: dict[str, list[int]] = {"**": [len(chars)] * (len(chars) + 1), "*": [len(chars)] * (len(chars) + 1)}
    for k in range(len(chars) - 1, -1, -1):  # where each marker's words end, from each character
        c, bold, italic = chars[k]
        for m, on in (("**", bold), ("*", italic)):
            ends[m][k] = ends[m][k + 1] if c.isspace() or on else k
    spaces = ""
    for n, (c, bold, italic) in enumerate(chars):
        if c.isspace():
            spaces += c
            continue
        wanted = {m for m, on in (("**", bold), ("*", italic)) if on}
        order = sorted(wanted, key=lambda m: -ends[m][n])  # the one that lasts longer goes outside
        close(wanted)
        if spaces and stack != order[:len(stack)]:  # reopened in the order they close, at a word's start
            close(set())
        out.append(spaces)
        spaces = ""
        for m in order:
            if m not in stack:
                stack.append(m)
                out.append(m)
        following = chars[n + 1][0] if n + 1 < len(chars) else ""
        escape = c in _ESCAPE_CHARS or (c == "&" and (following == "#" or following.isascii() and following.isalpha()))
        out.append("\\" + c if escape else c)
    close(set())
    return _LINE_START.sub(lambda m: m.group(1) + "\\" if m.group(1) else "\\" + m.group(0), "".join(out))


def format_inline(runs: Sequence[Run]) -> str:
    """Runs as Markdown that `parse_inline` (and the window's editor) reads back as the same
    runs. Formatting that starts or ends inside a word next to punctuation ("a**(b)**c") cannot
    be written so: there the punctuation loses its formatting (``a(**b**)c``), and if that is not
    enough either the line keeps its words without formatting."""
    chars = _chars(runs)
    for attempt in (chars, _loosened(chars), [(c, False, False) for c, _, _ in chars]):
        line = _markers(attempt)
        if _chars(parse_inline(line)) == attempt:
            break
    return line


def _loosened(chars: Sequence[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Punctuation formatted only as far as the letters on both sides of it are."""
    def letters(indexes: Iterable[int]) -> tuple[bool, bool]:
        for k in indexes:
            if _kind(chars[k][0]) == "w":
                return chars[k][1], chars[k][2]
            if _kind(chars[k][0]) == " ":
                break
        return False, False

    out = list(chars)
    for i, (c, bold, italic) in enumerate(chars):
        if _kind(c) == "p":
            (lb, li), (rb, ri) = letters(range(i - 1, -1, -1)), letters(range(i + 1, len(chars)))
            out[i] = (c, bold and lb and rb, italic and li and ri)
    return out


def format_text(blocks: Iterable[TextBlock]) -> str:
    """Paragraphs and bullet lists as the Markdown `parse_text` reads (the editor saves this)."""
    out = []
    for block in blocks:
        if isinstance(block, TextPara):
            line = format_inline(block.runs)
            if line:
                out.append(line)
        else:
            items = [format_inline(item) for item in block.items]
            if any(items):
                out.append("\n".join(f"- {item}" for item in items if item))
    return "\n\n".join(out) + "\n" if out else ""


#: The words that say how far a priority has got (the end of each priority's bullet).
PROGRESS_WORDS: tuple[str, ...] = ("Not started", "Under way", "On track", "Delayed", "Achieved", "Ongoing",
                                   "Complete", "Planned")


def priorities_without_progress(text: str | None) -> list[str]:
    """The priorities (bullets) whose text does not end with a progress word."""
    missing = []
    for block in parse_text(text):
        if isinstance(block, TextBullets):
            for item in block.items:
                words = "".join(r.text for r in item).strip().rstrip(".").casefold()
                if not any(words.endswith(w.casefold()) for w in PROGRESS_WORDS):
                    missing.append("".join(r.text for r in item).strip())
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


def has_words(text: str | None) -> bool:
    """Whether the text has any words: markers with nothing between them are not words."""
    return bool(re.sub(r"[\s*_]", "", plain_text(text)))


# ---------------------------------------------------------------- the period


def check_period(start: date | None, end: date | None) -> dict[str, str]:
    """Errors by field for a report's period (any dates; the end not before the start)."""
    errors: dict[str, str] = {}
    if start is None:
        errors["period_start"] = "Give the first day the report covers"
    if end is None:
        errors["period_end"] = "Give the last day the report covers"
    if start and end and end < start:
        errors["period_end"] = (f"The end of the period ({end:%d/%m/%Y}) is before its start ({start:%d/%m/%Y})")
    if start and end and (end - start).days > 3 * 366:
        errors["period_end"] = "A yearly report covers at most three years"
    return errors


def default_title(partnership: str, start: date, end: date) -> str:
    return f"{partnership} yearly report {start:%B %Y} to {end:%B %Y}"
