"""The text of a CSV file: which character encoding it is in, and which separator it uses.

A CSV file is UTF-8 (with or without a byte order mark), UTF-16 ("Unicode text" from Excel) or
Windows-1252 (Excel's plain "CSV" on Windows). A file is read as UTF-8 only when all of it is
valid UTF-8. A file that is not, but is mostly UTF-8 (it starts with UTF-8's byte order mark, or
more of its characters are surely UTF-8 than it has stray bytes: `_mostly_utf8`), is UTF-8 with
some stray bytes: it is refused naming the line, never re-read as Windows-1252 (which would turn
"Zoë" into "ZoÃ«"). Any other file is read as Windows-1252, even where two of its characters
happen to form a UTF-8 one (an accented capital before a curly quote, as in “CAFÉ”); a file
that is neither is refused.

Excel's plain "CSV (Comma delimited)" is Windows-1252, which holds Western European letters only:
Excel saves any other letter (the Ł of Łukasz, the ễ of Nguyễn) as a question mark. A file that
may have been saved so (read as Windows-1252, or plain ASCII without a byte order mark:
`may_have_lost_letters`) has each cell holding a question mark where a letter stands
(`lost_letter`: "?ukasz", "Nguy?n") refused by `csv_rows`, never imported with the letter lost.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from bscp_desktop.importers.tabular import FILE_TYPES, ImportFileError

SAVE_AS_UTF8 = "save it from Excel as 'CSV UTF-8 (Comma delimited)' and import it again"

# A well-formed UTF-8 sequence for a character beyond ASCII. Windows-1252 text forms one only
# by chance: an accented capital (É) followed by a symbol such as a curly quote, £ or a
# non-breaking space.
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ASCII = bytes(range(128))
#: NUL bytes a small text file may hold (under one byte in twenty) and still be read as text, each
#: dropped as a control character; a workbook, picture or UTF-16 text without its byte order mark
#: has many more.
_STRAY_NULS = 4


def decode(path: Path, data: bytes) -> str:
    """The text of a CSV file's bytes, or `ImportFileError` saying why it cannot be read."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFileError(f"{path.name} cannot be read: its UTF-16 text is damaged.") from exc
    sample = data[:8192]
    nuls = sample.count(b"\x00")
    if nuls > max(1, len(sample) // 1000) and not (nuls <= _STRAY_NULS and nuls * 20 < len(sample)):
        # a workbook, picture or other binary file; a stray NUL in a text file is dropped with
        # the other control characters (`clean_text`), wherever in the file it is
        raise ImportFileError(
            f"{path.name} is not a text file: choose {FILE_TYPES}."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_at = exc.start
    if data.startswith(codecs.BOM_UTF8) or _mostly_utf8(data):
        # UTF-8 with a stray byte: reading it all as Windows-1252 would garble every accented
        # name, so say where the stray byte is
        line = data.count(b"\n", 0, bad_at) + 1
        raise ImportFileError(
            f"{path.name} is not valid UTF-8 text: line {line} has a character that cannot be read "
            f"(byte 0x{data[bad_at]:02X}); correct that line, or {SAVE_AS_UTF8}."
        )
    try:
        return data.decode("cp1252")  # Excel's plain "CSV" on Windows
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportFileError(
            f"{path.name} uses a character encoding this program cannot read (line {line}): {SAVE_AS_UTF8}."
        ) from exc


def may_have_lost_letters(data: bytes, text: str) -> bool:
    """Whether a CSV file's bytes, read as `text`, may be Excel's plain "CSV (Comma delimited)",
    which saves a letter Windows-1252 does not hold as "?": read as Windows-1252, or wholly
    ASCII without a byte order mark (a file of English names and "?ukasz" is ASCII). A file in
    UTF-8 with other letters than ASCII, or with a byte order mark, or in UTF-16, holds every
    letter as typed."""
    if "?" not in text or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    return data.isascii() or text != data.decode("utf-8", "replace")


# A question mark (or several) inside a word, or opening one, before a letter: where Excel's
# plain CSV put a letter it cannot hold. A word with a / or = (a web address, "?id=3") is left alone.
_LOST_LETTER = re.compile(r"(?:(?<=[^\W\d_])|(?<![^\s(\-'\"]))\?+(?=[^\W\d_])")
_ADDRESS = re.compile(r"\S*[/=]\S*")

#: Why a cell with a letter lost to a question mark is refused, after its heading and column.
LOST_LETTER = ("holds '{text}', where a question mark stands for a letter. The file was saved as plain CSV, "
               "which keeps only Western European letters and saves any other (such as Ł or ễ) as a question "
               f"mark: {SAVE_AS_UTF8} (first type the letter meant, if the workbook shows a question mark too)")


def lost_letter(text: str) -> bool:
    """Whether a cell's text has a question mark where a letter stands ("?ukasz", "Nguy?n"), not
    one ending a question ("Why?") or in a web address ("form?id=3")."""
    return "?" in text and _LOST_LETTER.search(_ADDRESS.sub(" ", text)) is not None


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not wholly UTF-8 are UTF-8 with stray bytes: more of their UTF-8
    characters are surely UTF-8 than there are stray bytes (each byte beyond ASCII outside a
    UTF-8 character). A character of two bytes that reads in Windows-1252 as an accented
    capital and a symbol (É” is ɔ) proves nothing on its own; one that reads as Â, Ã, Ä or Å
    and a symbol (a Western European letter, £, a non-breaking space), one of three or four
    bytes (a curly quote), and two in a row (a word in another alphabet) are surely UTF-8."""
    sure = in_sequences = 0
    previous_end, previous_unsure = -1, False
    for match in _UTF8_MULTIBYTE.finditer(data):
        start, end = match.span()
        in_sequences += end - start
        unsure = end - start == 2 and data[start] > 0xC5
        if start == previous_end:
            sure += 1 + previous_unsure
            unsure = False
        elif not unsure:
            sure += 1
        previous_end, previous_unsure = end, unsure
    stray = len(data.translate(None, _ASCII)) - in_sequences
    return sure > stray


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the header line uses most (outside quotes)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda ch: counts[ch])
    return best if counts[best] else ","
