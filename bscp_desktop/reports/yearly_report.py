"""The yearly report as a PDF and as a Word document, from plain data.

`YearlyReportDocument` is everything printed: the title, the period, whether it is final, and
each section's number, title, text (simple formatting, `domain.yearly_report.parse_text`) and
built blocks (tables, charts, sentences). The PDF (`write_pdf`) has a cover, a contents page
with page numbers, every section with its tables and charts, en-GB dates, page numbers and a
DRAFT watermark until the report is final, in the embedded Unicode fonts. The Word document
(`write_docx`) has the same contents with real heading styles (Title, Heading 1, Heading 2),
the PDF's footer with "Page X of Y" (Word's page fields), a contents field Word fills in when the
file is opened, table header rows repeated on each page, and alt text on every chart, so an
accessible version can be published without retyping.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from bscp_desktop import APP_NAME
from bscp_desktop.domain.finance import long_date
from bscp_desktop.domain.yearly_report import Block, ChartBlock, Para, Run, Table, TextBullets, TextPara, parse_text
from bscp_desktop.reports.chart_image import chart_png
from bscp_desktop.reports.charts import Chart, Series, ValueKind, add_chart
from bscp_desktop.reports.files import atomic_write_bytes
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.reports.pdf.escaping import ILLEGAL_RE, styled_paragraph

NOT_WRITTEN = "This section has not been written yet."
#: What the cover of the PDF and of the Word document says of the report, final or not.
STATUS = {True: "Final report", False: "Draft: not for publication"}


@dataclass(frozen=True)
class ReportSection:
    number: int
    title: str
    text: str  # narrative, or the built section's (edited) draft
    blocks: tuple[Block, ...] = ()
    built: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number:02d} {self.title}"


@dataclass(frozen=True)
class YearlyReportDocument:
    title: str
    partnership_name: str
    period_start: date
    period_end: date
    final: bool
    sections: tuple[ReportSection, ...]

    @property
    def period(self) -> str:
        return f"{long_date(self.period_start)} to {long_date(self.period_end)}"


def to_chart(block: ChartBlock) -> Chart:
    """A chart block as the shared chart definition (drawn for the PDF and the window)."""

    def value(v):
        return None if v is None else (int(v) if float(v).is_integer() else v)

    return Chart(
        title=block.title, categories=block.categories,
        series=tuple(Series(name, tuple(value(v) for v in values)) for name, values in block.series),
        value_label=block.value_label, category_label=block.category_label, alt_text=block.alt_text,
        value_kind=ValueKind(block.value_kind) if block.value_kind in {k.value for k in ValueKind} else ValueKind.COUNT,
    )


# ---------------------------------------------------------------- PDF


def _paragraph(runs: tuple[Run, ...], style):
    """A paragraph or bullet of the team's text, its bold and italic kept, set as every report
    sets user text (`escaping.styled_paragraph`): a right-to-left one reads its lines top to
    bottom, right-aligned, as `DocumentBuilder.para` prints one."""
    return styled_paragraph([(r.text, r.bold, r.italic) for r in runs], style)


def _pdf_list(block: TextBullets, body):
    """A list of the team's text: bullets, or its numbers from the first one given ("3.", "4.")."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import ListFlowable, ListItem

    from bscp_desktop.reports.pdf import FONT

    if not block.numbered:
        items = [ListItem(_paragraph(item, body), leftIndent=14, value="•") for item in block.items]
        return ListFlowable(items, bulletType="bullet", start="•", leftIndent=14, bulletFontName=FONT, bulletFontSize=9)
    widest = f"{block.start + len(block.items) - 1}."
    indent = max(14, stringWidth(widest, FONT, 9) + 5)  # room for the longest number before the words
    items = [ListItem(_paragraph(item, body), leftIndent=indent) for item in block.items]
    return ListFlowable(items, bulletType="1", start=block.start, bulletFormat="%s.", leftIndent=indent,
                        bulletFontName=FONT, bulletFontSize=9)


def _pdf_text(doc: DocumentBuilder, text: str) -> None:
    body = doc.styles["body"]
    for block in parse_text(text):
        if isinstance(block, TextPara):
            doc.add(_paragraph(block.runs, body))
        elif isinstance(block, TextBullets):
            doc.add(_pdf_list(block, body))


def _pdf_blocks(doc: DocumentBuilder, blocks: tuple[Block, ...]) -> None:
    for b in blocks:
        if isinstance(b, Para):
            doc.para(b.text)
        elif isinstance(b, Table):
            if b.title:
                doc.heading(b.title, 3)
            if b.rows:
                doc.table(b.headers, b.rows)
            else:
                doc.para(b.empty_text or "Nothing to show for this period.")
        elif isinstance(b, ChartBlock):
            add_chart(doc, to_chart(b))


def pdf_bytes(report: YearlyReportDocument) -> bytes:
    doc = DocumentBuilder(None, title=report.title, partnership_name=report.partnership_name,
                          draft=not report.final, subject=f"Yearly report, {report.period}")
    doc.spacer(40)
    doc.heading(report.partnership_name.upper(), 2)
    doc.heading(report.title, 1)
    doc.para(f"Covering {report.period}")
    doc.para(STATUS[report.final])
    doc.page_break()
    doc.contents("Contents")
    for s in report.sections:
        doc.heading(s.heading, 1, contents=True)
        if s.text.strip():
            _pdf_text(doc, s.text)
        elif not s.built:
            doc.para(NOT_WRITTEN)
        _pdf_blocks(doc, s.blocks)
        doc.spacer(6)
    return doc.to_bytes()


def write_pdf(report: YearlyReportDocument, path: Path) -> Path:
    return atomic_write_bytes(Path(path), pdf_bytes(report))


# ---------------------------------------------------------------- Word


def _clean(text: str) -> str:
    return ILLEGAL_RE.sub("", str(text))


def _docx_runs(paragraph, runs: tuple[Run, ...]) -> None:
    for r in runs:
        run = paragraph.add_run(_clean(r.text))
        run.bold = r.bold or None
        run.italic = r.italic or None


def _numbering_from(document, start: int) -> int:
    """A numbering of its own for one numbered list (Word's List Number style counts on across
    every list in the file otherwise), counting from `start`: the id its paragraphs name."""
    from docx.oxml.ns import qn

    style = document.styles["List Number"].element
    numbering = document.part.numbering_part.element
    shared = numbering.num_having_numId(int(style.pPr.numPr.numId.val))
    num = numbering.add_num(int(shared.find(qn("w:abstractNumId")).get(qn("w:val"))))
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return num.numId


def _docx_list(document, block: TextBullets) -> None:
    num_id = _numbering_from(document, block.start) if block.numbered else None
    for item in block.items:
        paragraph = document.add_paragraph(style="List Number" if block.numbered else "List Bullet")
        if num_id is not None:
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = num_id
        _docx_runs(paragraph, item)


def _docx_text(document, text: str) -> None:
    for block in parse_text(text):
        if isinstance(block, TextPara):
            _docx_runs(document.add_paragraph(), block.runs)
        elif isinstance(block, TextBullets):
            _docx_list(document, block)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _docx_table(document, table: Table) -> None:
    t = document.add_table(rows=1, cols=len(table.headers))
    t.style = "Table Grid"
    head = t.rows[0]
    _repeat_header(head)
    for cell, text in zip(head.cells, table.headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(_clean(text))
        run.bold = True
    for row in table.rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            lines = _clean(text).split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.add_paragraph()


def _alt_text(picture, title: str, description: str) -> None:
    """Set the picture's alternative text (wp:docPr descr and title), read by screen readers."""
    doc_pr = picture._inline.docPr
    doc_pr.set("descr", _clean(description))
    doc_pr.set("title", _clean(title))


def _docx_chart(document, block: ChartBlock) -> None:
    from docx.shared import Cm

    chart = to_chart(block)
    # the chart's title as the PDF draws it, with the chart: a caption, not a heading the
    # contents and the navigation pane would nest under the table before it
    title = document.add_paragraph(_clean(block.title), style="Caption")
    title.paragraph_format.keep_with_next = True
    picture = document.add_picture(io.BytesIO(chart_png(chart)), width=Cm(16))
    _alt_text(picture, block.title, chart.text_alternative)
    caption = document.add_paragraph(_clean(chart.text_alternative))
    caption.style = "Caption"
    _docx_table(document, Table("", tuple(chart.table_headers()), tuple(tuple(r) for r in chart.table_text_rows())))


def _field_char(run, kind: str, dirty: bool = False) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    run._r.append(char)


def _field_start(paragraph, instruction: str, dirty: bool = False) -> None:
    """The start of a Word field in `paragraph`: its instruction, then the separator after which
    its shown result (the value Word last worked out) follows, up to `_field_char(.., "end")`."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    _field_char(paragraph.add_run(), "begin", dirty)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    paragraph.add_run()._r.append(code)
    _field_char(paragraph.add_run(), "separate")


def _contents_field(document, headings: list[str]) -> None:
    """A Word contents field (the level 1 headings, as the PDF's contents lists them), showing
    the section headings until Word works out their page numbers.

    The field is marked dirty (w:dirty on its start), so Word offers to update it when the file
    is opened, with its usual question ("This document contains fields that may refer to other
    files. Do you want to update the fields in this document?"); Yes fills in the page numbers
    and clears the mark, so once the file is saved the question is not asked again. That is the
    same question `<w:updateFields/>` in settings.xml would bring, but for this one field rather
    than every field in the file; the page numbers in the footer need neither, as Word works
    them out whenever it lays the pages out. A file opened in Protected View (from an email or the web)
    is not updated until editing is enabled; F9 or Update table updates it at any time."""
    first = document.add_paragraph()
    _field_start(first, 'TOC \\o "1-1" \\h \\z \\u', dirty=True)
    first.add_run(headings[0] if headings else "")
    last = first
    for heading in headings[1:]:
        last = document.add_paragraph(heading)
    _field_char(last.add_run(), "end")


def _page_footer(document, partnership_name: str) -> None:
    """Every page's footer as the PDF's: the partnership's name at the left and "Page X of Y" at
    the right, small and grey (the Footer style, so a field's worked-out value is too), in its
    own footer part named by every section. X and Y are Word's PAGE and NUMPAGES fields, worked
    out by Word (and LibreOffice) as they lay out the pages; a program that shows fields as they
    were saved (a text extractor, a simple previewer) reads "Page 1 of 1", true of the first
    page, rather than an empty "Page  of ". The yearly report is not marked OFFICIAL-SENSITIVE,
    so the centre of the footer is left empty, as the PDF's is."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Pt, RGBColor

    from bscp_desktop.reports.pdf.styles import GREY_TEXT

    def field(paragraph, instruction: str) -> None:
        _field_start(paragraph, instruction)
        paragraph.add_run("1")
        _field_char(paragraph.add_run(), "end")

    footer = document.styles["Footer"].font
    footer.size = Pt(8)
    footer.color.rgb = RGBColor.from_string(GREY_TEXT.hexval()[2:].upper())
    for section in document.sections:
        section.footer.is_linked_to_previous = False  # a footer part of its own, not inherited
        paragraph = section.footer.paragraphs[0]
        tabs = paragraph.paragraph_format.tab_stops
        for stop in paragraph.style.paragraph_format.tab_stops:  # the Footer style's, for US Letter
            tabs.add_tab_stop(stop.position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(section.page_width - section.left_margin - section.right_margin, WD_TAB_ALIGNMENT.RIGHT)
        paragraph.add_run(f"{partnership_name}\tPage ")
        field(paragraph, "PAGE")
        paragraph.add_run(" of ")
        field(paragraph, "NUMPAGES")


def _a4_en_gb(document) -> None:
    """The page and language of the PDF: A4 with its margins (python-docx's own template is US
    Letter), and British English on the default text and the Normal style (it has en-US), so
    Word checks the spelling as the partnership writes it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from bscp_desktop.reports.pdf.styles import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH

    for section in document.sections:
        section.page_width, section.page_height = Pt(PAGE_WIDTH), Pt(PAGE_HEIGHT)
        section.left_margin = section.right_margin = Pt(MARGIN_X)
        section.top_margin, section.bottom_margin = Pt(MARGIN_TOP), Pt(MARGIN_BOTTOM)
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = defaults.find(qn("w:rPrDefault"))
    if r_pr_default is None:
        r_pr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, r_pr_default)
    for r_pr in (r_pr_default.find(qn("w:rPr")), document.styles["Normal"].element.get_or_add_rPr()):
        if r_pr is None:
            r_pr = OxmlElement("w:rPr")
            r_pr_default.append(r_pr)
        lang = r_pr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            r_pr.append(lang)
        lang.set(qn("w:val"), "en-GB")
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), "en-GB")


#: The Word file's application properties (docProps/app.xml): written by this program, not the
#: Word that made python-docx's template; no page or word counts (Word counts them on opening).
APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>0</TotalTime>"
    f"<Application>{APP_NAME}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)


def _properties(document, report: YearlyReportDocument) -> None:
    """The file's properties as the PDF's: its title, the partnership as author (and as the last
    to change it, as the workbooks name one), the period as subject, written now by this program.
    None of python-docx's template is kept (its 2013 dates, "generated by python-docx", the
    Word that made it, its thumbnail of an empty page). The yearly report is not marked
    OFFICIAL-SENSITIVE (its job says so), so neither is this file."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    props = document.core_properties
    props.title = _clean(report.title)
    props.author = props.last_modified_by = _clean(report.partnership_name)
    props.subject = _clean(f"Yearly report, {report.period}")
    props.comments = STATUS[report.final]
    props.keywords = props.category = ""
    props.language = "en-GB"
    props.revision = 1
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None, microsecond=0)  # written as UTC
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype in (RELATIONSHIP_TYPE.EXTENDED_PROPERTIES, RELATIONSHIP_TYPE.THUMBNAIL):
            del package.rels[r_id]  # a part no relationship names is not saved
    package.relate_to(Part(PackURI("/docProps/app.xml"), CONTENT_TYPE.OFC_EXTENDED_PROPERTIES,
                           APP_PROPERTIES.encode(), package), RELATIONSHIP_TYPE.EXTENDED_PROPERTIES)


def docx_bytes(report: YearlyReportDocument) -> bytes:
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    _a4_en_gb(document)
    _properties(document, report)
    document.add_paragraph(_clean(report.partnership_name))
    document.add_heading(_clean(report.title), level=0)
    document.add_paragraph(_clean(f"Covering {report.period}"))
    document.add_paragraph().add_run(STATUS[report.final]).bold = True  # as the PDF's cover says it
    # the title of the contents: not a heading of level 1, or updating the field would list it;
    # on a page of its own after the cover, as in the PDF
    contents = document.add_paragraph("Contents", style="TOC Heading" if "TOC Heading" in document.styles else "Normal")
    contents.paragraph_format.page_break_before = True
    _contents_field(document, [_clean(s.heading) for s in report.sections])
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    for s in report.sections:
        document.add_heading(_clean(s.heading), level=1)
        if s.text.strip():
            _docx_text(document, s.text)
        elif not s.built:
            document.add_paragraph(NOT_WRITTEN)
        for b in s.blocks:
            if isinstance(b, Para):
                document.add_paragraph(_clean(b.text))
            elif isinstance(b, Table):
                if b.title:
                    document.add_heading(_clean(b.title), level=2)
                if b.rows:
                    _docx_table(document, b)
                else:
                    document.add_paragraph(_clean(b.empty_text or "Nothing to show for this period."))
            elif isinstance(b, ChartBlock):
                _docx_chart(document, b)
    if not report.final:
        for section in document.sections:
            section.header.paragraphs[0].text = "DRAFT"
    _page_footer(document, _clean(report.partnership_name))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(report: YearlyReportDocument, path: Path) -> Path:
    return atomic_write_bytes(Path(path), docx_bytes(report))
