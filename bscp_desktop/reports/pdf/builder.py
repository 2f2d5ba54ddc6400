"""DocumentBuilder: lays out one A4 document in the house style and writes it atomically."""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as _landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Flowable, Frame, FrameBreak, KeepTogether, ListFlowable, ListItem, PageBreak, PageTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import KeepTogetherSplitAtTop
from reportlab.platypus.paragraph import Paragraph

from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.marking import is_marked
from bscp_desktop.reports.pdf.charts import bar_chart
from bscp_desktop.reports.pdf.escaping import ILLEGAL_RE, BidiParagraph, _clean, escape_text, keep_spacing, paragraph, with_shaping
from bscp_desktop.reports.pdf.fonts import FONT, FONT_BOLD, register_fonts
from bscp_desktop.reports.pdf.furniture import OFFICIAL_SENSITIVE, PageFurniture, make_canvas_class
from bscp_desktop.reports.pdf.long_lines import LONG_LINE, pieces
from bscp_desktop.reports.pdf.styles import CELL_FONT, CONTENT_WIDTH, GRID, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, NAVY, ZEBRA, format_value, is_number, paragraph_styles
from bscp_desktop.reports.pdf.tables import column_widths
from bscp_desktop.reports.pdf.whole_rows import header_rows, rows_table

#: Lines of user text set as one paragraph (see `DocumentBuilder.para`, `cell_text`).
LINES_PER_RUN = 40
#: A run of user text ends at the first line break after this many characters (see `_runs`).
RUN_CHARS = 2_000
#: A table cell's text up to this many characters is one paragraph (see `cell_text`).
CELL_CHARS = 4_000
#: Points between a key/value table's value and its cell's sides, both together.
KEY_VALUE_PADDING = 8
#: Points between a data table's cell text and its cell's sides.
CELL_PADDING = 4
#: A heading over a table starts on the same page when it fits with the table's header row and
#: this many rows; the table then goes on over the page, its header row repeated.
START_ROWS = 3


class DocumentBuilder:
    """Lays out one A4 document in the house style; `build()` writes it atomically.

    Build once: platypus consumes the flowables.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None,
        title: str,
        partnership_name: str,
        draft: bool = False,
        sensitive: bool | None = None,
        author: str | None = None,
        subject: str | None = None,
        landscape: bool = False,
    ) -> None:
        """`landscape` turns the page for wide tables (A4 landscape)."""
        register_fonts()
        self.pagesize = _landscape(A4) if landscape else A4
        self.content_width = self.pagesize[0] - 2 * MARGIN_X
        self.path = Path(path) if path is not None else None
        self.title = str(title)
        self.partnership_name = str(partnership_name)
        self.draft = draft
        # None: as the job writing the file decides (reports/marking.py)
        self.sensitive = is_marked() if sensitive is None else sensitive
        self.author = author or self.partnership_name
        self.subject = subject
        self.styles = dict(paragraph_styles())
        self.story: list[Flowable] = []
        self._contents = None  # a TableOfContents once `contents()` is called

    # content -------------------------------------------------------------

    def add(self, flowable: Flowable) -> None:
        """Append any reportlab flowable (its text is the caller's to escape). Its paragraphs
        with text in an Indic script are shaped (`escaping.with_shaping`)."""
        self.story.append(with_shaping(flowable))

    def heading(self, text: str, level: int = 1, contents: bool = False) -> None:
        """A heading; with `contents`, also an entry of the contents page (see `contents`)."""
        level = min(max(int(level), 1), 3)
        self._heading = (str(text), level)  # what a table under it says it goes on with on a later page
        heading = paragraph(text, self.styles[f"h{level}"])
        if contents:
            heading._contents_entry = (level - 1, escape_text(str(text)))  # type: ignore[attr-defined]
        self.story.append(heading)

    def contents(self, title: str = "Contents") -> None:
        """A contents page here, listing every heading added with `contents=True` and its page
        number (the document is then laid out twice)."""
        from reportlab.platypus.tableofcontents import TableOfContents

        self.heading(title, 1)
        toc = TableOfContents(dotsMinLevel=0)
        body = self.styles["body"]
        # shaping: headings in an Indic script print shaped here too (their entries end in an
        # <onDraw/> tag, so reportlab lays every entry out as shaping would in any case)
        toc.levelStyles = [
            ParagraphStyle("Contents1", parent=body, fontName=FONT_BOLD, fontSize=11, leading=16, leftIndent=0,
                           firstLineIndent=0, shaping=1),
            ParagraphStyle("Contents2", parent=body, fontSize=10, leading=14, leftIndent=14, firstLineIndent=0,
                           shaping=1),
            ParagraphStyle("Contents3", parent=body, fontSize=9.5, leading=13, leftIndent=28, firstLineIndent=0,
                           shaping=1),
        ]
        toc.tableStyle = TableStyle([CELL_FONT, *toc.tableStyle.getCommands()])
        self._contents = toc
        self.story.append(toc)
        self.story.append(PageBreak())

    def para(self, text: str, style: str = "body", keep_with_next: bool = False) -> None:
        """A paragraph of (user) text; style is "body" or "small". Text of many lines is set
        as runs of `LINES_PER_RUN` lines, closed up so they read as one paragraph: reportlab
        breaks a paragraph's lines again each time it splits it over a page, so one paragraph of
        thousands of lines would take minutes. With `keep_with_next` it stays on the page of what
        follows, as a heading does (a sentence introducing a table: with the table's start)."""
        chosen = self.styles[style]
        if keep_with_next:
            chosen = ParagraphStyle(f"{chosen.name} kept with next", parent=chosen, keepWithNext=1)
        self.story += _run_paragraphs(text, chosen, self.content_width)

    def spacer(self, height_mm: float = 4) -> None:
        self.story.append(Spacer(1, height_mm * mm))

    def page_break(self) -> None:
        self.story.append(PageBreak())

    def bullets(self, items: Iterable[Any]) -> None:
        body = self.styles["body"]
        entries = [
            ListItem(paragraph(format_value(item), body), leftIndent=14, value="•")
            for item in items
        ]
        if entries:
            self.story.append(
                ListFlowable(
                    entries,
                    bulletType="bullet",
                    start="•",
                    leftIndent=14,
                    bulletFontName=FONT,
                    bulletFontSize=9,
                )
            )

    def key_values(self, pairs: Iterable[tuple[Any, Any]], key_width: float = 0.32) -> None:
        """Two columns, label: value (e.g. a case's details). `key_width` is a fraction. A long
        value (a case's summary) is set as a long table cell is (`cell_text`)."""
        widths = [self.content_width * key_width, self.content_width * (1 - key_width)]
        data = [
            [
                paragraph(format_value(k), self.styles["key"]),
                cell_text(format_value(v), self.styles["value"], widths[1] - KEY_VALUE_PADDING),
            ]
            for k, v in pairs
        ]
        if not data:
            return
        style = [
            CELL_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), KEY_VALUE_PADDING - 2),
        ]
        self.story.append(rows_table(data, widths, style, header_rows=0))
        self.story.append(Spacer(1, 3 * mm))

    def table(
        self,
        headers: Sequence[Any],
        rows: Iterable[Sequence[Any]],
        col_widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
    ) -> None:
        """A data table: navy header row repeated on every page, zebra rows, wrapped cells; a row
        goes on to the next page whole unless it is taller than a page (`whole_rows`).

        Cells may be any value (see `format_value`) or a Flowable. `col_widths` are points
        (they are scaled to fit the page) or None to size from the content. `align` gives
        "LEFT"/"RIGHT" per column; by default columns of numbers are right-aligned.
        """
        headers = list(headers)
        body_rows = [list(r) + [None] * (len(headers) - len(r)) for r in rows]
        if any(len(r) > len(headers) for r in body_rows):
            raise ValueError("A table row has more values than there are headers")
        n = len(headers)
        if align is None:
            align = [
                "RIGHT"
                if any(is_number(r[i]) for r in body_rows)
                and all(r[i] is None or is_number(r[i]) for r in body_rows)
                else "LEFT"
                for i in range(n)
            ]
        right = [str(a).upper() == "RIGHT" for a in align]
        widths = self._column_widths(headers, body_rows, col_widths, self.content_width)

        def cell(value: Any, column: int, head: bool = False) -> Flowable | list[Flowable]:
            if isinstance(value, Flowable):
                return value
            key = ("cell_head" if head else "cell") + ("_right" if right[column] else "")
            return cell_text(format_value(value), self.styles[key], widths[column] - CELL_PADDING - CELL_PADDING)

        data = [[cell(h, i, head=True) for i, h in enumerate(headers)]]
        data += [[cell(v, i) for i, v in enumerate(r)] for r in body_rows]
        style = [
            CELL_FONT,
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ]
        if body_rows:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
        self.story.append(rows_table(data, widths, style, continued=self._continued_line()))
        self.story.append(Spacer(1, 4 * mm))

    def _continued_line(self):
        """What makes the line over a table's part on a later page: the heading above the table,
        "(continued)" ("Case Review Group (tier 3) (continued)"); None before any heading."""
        text, level = getattr(self, "_heading", (None, 1))
        if not text:
            return None
        style = ParagraphStyle("continued", parent=self.styles[f"h{min(level + 1, 3)}"], keepWithNext=1)
        return lambda: paragraph(f"{text} (continued)", style)

    def chart(
        self, title: str, labels: Sequence[Any], values: Sequence[Any], **kwargs: Any
    ) -> None:
        """Add a `bar_chart` (kept on one page)."""
        kwargs.setdefault("width", self.content_width)
        self.story.append(
            KeepTogether([bar_chart(title, labels, values, **kwargs), Spacer(1, 4 * mm)])
        )

    @staticmethod
    def _column_widths(
        headers: list[Any],
        rows: list[list[Any]],
        col_widths: Sequence[float] | None,
        width: float = CONTENT_WIDTH,
    ) -> list[float]:
        """Widths from the content kinds (see `tables.column_widths`)."""
        return column_widths(headers, rows, width, col_widths)

    # output --------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        keywords = [OFFICIAL_SENSITIVE] if self.sensitive else []
        subject = self.subject or ""
        if self.sensitive:
            subject = f"{OFFICIAL_SENSITIVE} - {subject}" if subject else OFFICIAL_SENSITIVE
        doc = _ContentsDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=ILLEGAL_RE.sub("", self.title),
            author=ILLEGAL_RE.sub("", self.author),
            subject=ILLEGAL_RE.sub("", subject),
            keywords=keywords,
            creator="BSCP Desktop",
            lang="en-GB",
            initialFontName=FONT,
            initialFontSize=10,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        chrome = PageFurniture(
            self.title, self.partnership_name, self.draft, self.sensitive, *self.pagesize
        )
        story = _headings_kept_with_blocks(self.story) or [Spacer(1, 1)]
        if self._contents is not None:
            doc.multiBuild(story, canvasmaker=make_canvas_class(chrome))
        else:
            doc.build(story, canvasmaker=make_canvas_class(chrome))
        return buffer.getvalue()

    def build(self, path: str | os.PathLike[str] | None = None) -> Path:
        """Lay out the document and write it atomically to `path` (or the constructor's)."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("No output path given")
        return atomic_write_bytes(target, self.to_bytes())


def _runs(text: Any, cut: Callable[[str], list[str]] | None = None) -> list[tuple[str, int]]:
    """User text cut into runs of up to `LINES_PER_RUN` lines and about `RUN_CHARS` characters,
    each with the number of blank lines that follow it (a run ends before a line of text; the
    last keeps the blank lines after it). `cut` gives a line's pieces (`long_lines.pieces`): a
    line in more than one piece is a run a piece."""
    runs: list[tuple[list[str], int]] = []
    lines: list[str] = []
    blanks = size = 0
    full = False
    for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not line.strip():
            blanks += 1
            continue
        pieces = cut(line) if cut is not None else [line]
        for piece in pieces:
            if lines and (full or len(pieces) > 1 or len(lines) >= LINES_PER_RUN or size >= RUN_CHARS):
                runs.append((lines, blanks))  # a run ends before a line of text, the blank lines after it as space
                lines, blanks, size = [], 0, 0
            lines += [""] * blanks + [piece]
            blanks, size, full = 0, size + len(piece), len(pieces) > 1
    runs.append((lines + [""] * blanks, 0))
    return [("\n".join(run), after) for run, after in runs]


def _run_paragraphs(text: Any, style: ParagraphStyle, width: float | None = None) -> list[Paragraph]:
    """User text as one paragraph for each of its `_runs`, closed up so they read as one
    paragraph in `style`: each run but the last is followed by the space of its blank lines.
    Given the `width` its lines are set at, a line longer than `long_lines.LONG_LINE` characters
    is cut where its printed lines end, `LINES_PER_RUN` of them a run."""
    cut = None
    if width is not None:
        room = width - style.leftIndent - style.rightIndent

        def cut(line: str) -> list[str]:
            if len(line) <= LONG_LINE:
                return [line]
            return pieces(keep_spacing(_clean(line)), style, room, LINES_PER_RUN)

    runs = _runs(text, cut)
    return [
        paragraph(run, style if number == len(runs) else ParagraphStyle(f"{style.name} run", parent=style,
                                                                          spaceAfter=after * style.leading))
        for number, (run, after) in enumerate(runs, start=1)
    ]


def cell_text(text: Any, style: ParagraphStyle, width: float) -> Paragraph | list[Flowable]:
    """A table cell of user text set in `style`, its lines `width` points long (the column less
    the cell's padding). Text of up to `CELL_CHARS` characters is one paragraph. Longer text is
    paragraphs of about `LINES_PER_RUN` lines each, read as one: the runs `para` sets, each cut
    where its lines break at `width` (`_cut_at_line_breaks`). Reportlab lays every paragraph of a
    cell out again each time it splits the cell over a page, so one paragraph of the 200,000
    characters minutes may hold took over a minute; these are laid out once (`_KeepsLayout`)."""
    text = str(text)
    if len(text) <= CELL_CHARS:
        return paragraph(text, style)
    parts: list[Flowable] = []
    for run in _run_paragraphs(text, style, width):
        parts += _cut_at_line_breaks(run, width)
    for part in parts[1:]:  # a line of one at a page's foot is no orphan: the text goes on above it
        part.allowOrphans = 1  # type: ignore[attr-defined]
    return parts


def _cut_at_line_breaks(whole: Paragraph, width: float) -> list[Paragraph]:
    """`whole` cut between its lines as they break at `width` into paragraphs of about
    `LINES_PER_RUN` lines, which print as it does (halves cut in halves: each cut lays out only
    the part it cuts). A cut is kept only where both halves print the lines they were cut with:
    reportlab's halves of a paragraph cut after a new line or a blank line gain or lose a blank
    line, so the cut is tried a line or two further on, and a part no cut keeps stays whole. The
    space after `whole` follows the last part only."""
    whole.__class__ = _KEEPS_LAYOUT.get(type(whole), type(whole))  # and the parts reportlab makes of it
    leading = whole.style.leading
    parts: list[Paragraph] = []
    waiting = [whole]
    while waiting:
        part = waiting.pop()
        halves = _halves(part, width, leading)
        if halves:
            waiting += reversed(halves)
        else:
            parts.append(part)
    if whole.style.spaceAfter:
        closed: dict[int, ParagraphStyle] = {}  # by the style it closes up
        for part in parts[:-1]:
            if id(part.style) not in closed:
                closed[id(part.style)] = ParagraphStyle(f"{part.style.name} part", parent=part.style, spaceAfter=0)
            part.style = closed[id(part.style)]
    return parts


def _halves(part: Paragraph, width: float, leading: float) -> list[Paragraph]:
    """`part` cut in two near its middle, after a whole number of `LINES_PER_RUN` lines, each half
    printing the lines it was cut with (`_cut_at_line_breaks`); none when it has no more than
    `LINES_PER_RUN` lines or no cut tried keeps its lines."""
    lines = _lines(part, width, leading)
    if lines <= LINES_PER_RUN:
        return []
    middle = max(1, lines // LINES_PER_RUN // 2) * LINES_PER_RUN
    for first in (middle, middle + 1, middle - 1, middle + 2, middle - 2):
        if 0 < first < lines:
            halves = part.split(width, (first + 0.5) * leading)
            if len(halves) == 2 and [_lines(h, width, leading) for h in halves] == [first, lines - first]:
                return halves
    return []


def _lines(part: Paragraph, width: float, leading: float) -> int:
    return round(part.wrap(width, _TALL)[1] / leading)


_TALL = 1e9  # points: room enough for any paragraph


class _KeepsLayout(Paragraph):
    """A paragraph that breaks its lines once for each width it is laid out at, not again each
    time it is laid out at that width."""

    _laid_out_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if availWidth == self._laid_out_at and "blPara" in vars(self):  # reportlab drops blPara to lay out again
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._laid_out_at = availWidth
        return size


class _KeepsBidiLayout(_KeepsLayout, BidiParagraph):
    """A `BidiParagraph` that keeps its layout (`_KeepsLayout`)."""


_KEEPS_LAYOUT: dict[type, type] = {Paragraph: _KeepsLayout, BidiParagraph: _KeepsBidiLayout}


def _headings_kept_with_blocks(story: Sequence[Flowable]) -> list[Flowable]:
    """The story with each heading (any flowable kept with the next, `keepWithNext`) that comes
    just before a block kept on one page (a chart, a table with its title) put into that block.
    reportlab keeps such a flowable with the next one only when that one is no block, so a
    heading before a chart could be left alone at the foot of a page, the chart on the next.
    Headings before a data table are kept with its start only: they begin a new page when the
    table's header row and first rows would not fit under them, else the table starts under
    them and goes on over the page (kept with all of it, a long table would move whole to the
    next page, leaving this one nearly blank). Headings before a bullet or numbered list are kept
    with its first item: reportlab never keeps a flowable with a list, so a section beginning
    with one could leave its heading alone at the foot of a page. The list is laid out as its
    items, one after another (as reportlab lays out a list it splits over a page), so a long
    list still goes on over the page."""
    result: list[Flowable] = []
    waiting: list[Flowable] = []  # headings not yet followed by anything else
    for flowable in story:
        if waiting and type(flowable) in (KeepTogether, KeepTogetherSplitAtTop):
            result.append(type(flowable)([*waiting, *flowable._content], maxHeight=flowable._maxHeight))
            waiting = []
        elif waiting and isinstance(flowable, ListFlowable) and flowable._content:
            first, *rest = flowable._content  # its items, each with its bullet or number
            result += [KeepTogether([*waiting, first]), *rest]
            waiting = []
        elif waiting and isinstance(flowable, Table):
            for heading in waiting:
                heading.keepWithNext = 0  # type: ignore[attr-defined]
            result += [_RoomForTableStart(waiting, flowable), *waiting, flowable]
            waiting = []
        elif isinstance(flowable, Flowable) and flowable.getKeepWithNext():
            waiting.append(flowable)
        else:
            result += [*waiting, flowable]
            waiting = []
    return result + waiting


class _RoomForTableStart(CondPageBreak):
    """Begins the next page unless the headings after it fit on this one with the start of the
    table they head: its header row and `START_ROWS` rows (or, where rows are long text, with
    half a page of it), and at least its first row whole, as the table goes on to the next page
    between rows (`whole_rows`; a row taller than a page starts wherever it falls)."""

    def __init__(self, headings: list[Flowable], table: Table) -> None:
        super().__init__(0)
        self.headings, self.table = headings, table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        frame = self._doctemplateAttr("frame")
        if frame is None or getattr(frame, "_atTop", False):
            return 0, 0
        headings = sum(h.wrap(availWidth, availHeight)[1] + h.getSpaceBefore() + h.getSpaceAfter() for h in self.headings)
        self.table.wrap(availWidth, max(availHeight - headings, 0))  # a long table measures its rows until the page is full
        heights = list(getattr(self.table, "_rowHeights", None) or [])
        rows = heights[: 1 + START_ROWS]
        need = min(headings + sum(rows) if None not in rows else math.inf, frame._height / 2)
        first = heights[: header_rows(self.table) + 1]  # the header rows and the first row
        if None not in first and sum(first) <= frame._aH:
            need = max(need, headings + sum(first))
        if availHeight < need:
            frame.add_generated_content(FrameBreak)
        return 0, 0


class _ContentsDocTemplate(BaseDocTemplate):
    """Tells the contents page where each heading marked for it fell."""

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's name
        entry = getattr(flowable, "_contents_entry", None)
        if entry is not None:
            key = f"contents-{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(ILLEGAL_RE.sub("", _plain(entry[1])), key, level=entry[0])
            self.notify("TOCEntry", (entry[0], entry[1], self.page, key))


def _plain(markup: str) -> str:
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", markup))
