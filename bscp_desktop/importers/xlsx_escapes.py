"""A workbook's text as Excel shows it: the `_xHHHH_` escapes Excel saves read as the characters they stand for.

Under ECMA-376 the text of a cell may hold `_xHHHH_`, the character U+HHHH: Excel saves a
character XML cannot carry that way (a carriage return as `_x000D_`, so a line break pasted
from Windows is saved as "_x000D_" and a new line), and saves text typed as `_xHHHH_` with its
underscore escaped (`_x005F_xHHHH_`), which reads back as the text typed. Excel (as LibreOffice
and Google Sheets) saves a cell's text in the workbook's shared strings table, sometimes in
pieces (the runs of a rich text, `<t>` elements), and the escapes of each piece are read in
that piece alone: text the program wrote cut into pieces that hold no escape
(`reports.xlsx_cells.literal_runs`) and saved again by Excel reads back as typed. openpyxl joins
the pieces first and reads `_x005F_` alone, so the import reads the shared strings here instead
(`XlsxReader`). A formula's text result is saved as one piece (`decoded`). Inline strings are
not Excel's (it saves them as shared strings): openpyxl writes them (the program's own workbooks
among them), never escaping the text, so they are read as written.

A carriage return, alone or before a new line, becomes a new line, as the program keeps line
breaks. Two escapes making one character beyond U+FFFF (as UTF-16 does) read as that character;
half of one alone reads as U+FFFD (the replacement character), as it stands for no character.
"""

from __future__ import annotations

import re

from openpyxl.reader.excel import ExcelReader
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse  # defusedxml is installed, so this parses safely

_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ITEM = f"{{{SHEET_MAIN_NS}}}si"
_TEXT = f"{{{SHEET_MAIN_NS}}}t"
_RUN = f"{{{SHEET_MAIN_NS}}}r"


def decoded(piece: str) -> str:
    """One piece of a cell's text (one `<t>`, or a formula's saved text) with each `_xHHHH_` read as
    U+HHHH; the escapes are read left to right, so `_x005F_x0041_` is the text "_x0041_"."""
    if "_x" not in piece:
        return piece
    text = _ESCAPE.sub(lambda found: chr(int(found[1], 16)), piece)
    if _SURROGATE.search(text):  # UTF-16 halves: a pair is one character, a half alone none
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def line_breaks(text: str) -> str:
    """`text` with each carriage return (alone or before a new line) a new line."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def string_text(item) -> str:
    """The text of a shared string (`<si>`): the text of each piece (its plain `<t>`, or each run's)
    decoded alone, then joined; the phonetic guide (`<rPh>`) left out."""
    pieces = []
    for child in item:
        if child.tag == _TEXT:
            pieces.append(decoded(child.text or ""))
        elif child.tag == _RUN:
            pieces.append(decoded(child.findtext(_TEXT) or ""))
    return line_breaks("".join(pieces))


def shared_strings(source) -> list[str]:
    """The text of each string of a workbook's shared strings table (`xl/sharedStrings.xml`)."""
    strings = []
    for _event, node in iterparse(source):
        if node.tag == _ITEM:
            strings.append(string_text(node))
            node.clear()
    return strings


class XlsxReader(ExcelReader):
    """openpyxl's reader of a workbook, reading its shared strings with `shared_strings`."""

    def read_strings(self) -> None:
        found = self.package.find(SHARED_STRINGS)
        if found is not None:
            with self.archive.open(found.PartName[1:]) as source:
                self.shared_strings = shared_strings(source)
