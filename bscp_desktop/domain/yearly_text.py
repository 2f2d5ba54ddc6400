"""The simple formatting narrative sections of the yearly report are written in.

Narrative text is kept in a small subset of Markdown (what the window's editor writes):
paragraphs separated by a blank line, ``**bold**``, ``*italic*``, bullet lists (lines
starting ``- ``) and numbered lists (lines starting ``1. ``, or the list's first number).
`parse_text` reads it into blocks for the PDF and Word outputs as CommonMark reads it (the editor reads it so too); any other character prints as typed.
`format_text` writes blocks so, escaping every character that could mean something.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


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
    """A list: bullets, or when `numbered` its items numbered from `start` ("3.", "4.", ...)."""

    items: tuple[tuple[Run, ...], ...]
    numbered: bool = False
    start: int = 1


TextBlock = TextPara | TextBullets

_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,9})([.)])\s+(.*)$")  # the number, the "." or ")" after it, the words
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


_WRAPPED_MARKERS = re.compile(r"(?<=[ \t])([*_]+)\n[ \t]*(?![-+*][ \t]|\d{1,9}[.)](?:[ \t]|$)|[#>])(?=[^\s*_])")
_CLOSER = {"*": re.compile(r"[^\s\\*]\*"), "_": re.compile(r"[^\s\\_]_")}
_REACH = 2000  # how far after a wrapped marker its partner may be (Qt wraps within a paragraph)


def unwrap_markers(text: str) -> str:
    """Text saved by earlier versions of the editor, which sometimes broke a line between the
    markers opening bold or italic and their words ("*italic **" then "bold-italic***"), with
    the markers back against their words. Only a marker at the end of a line whose partner
    follows in the same paragraph is joined: never a line to a list item or a blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")

    def join(m: re.Match) -> str:
        rest = text[m.end():m.end() + _REACH]
        rest = rest[:rest.find("\n\n")] if "\n\n" in rest else rest
        return m.group(1) if _CLOSER[m.group(1)[0]].search(rest) else m.group(0)

    return _WRAPPED_MARKERS.sub(join, text)


def prepare_for_editor(text: str | None) -> str:
    """Saved text as the editor should read it (`unwrap_markers`), with the spaces before the
    first line of each paragraph taken away: older text indented with four spaces or a tab
    would otherwise show as a block of code, its escapes as typed. Lines that carry on a
    paragraph or a list item keep theirs."""
    lines = unwrap_markers(text or "").split("\n")
    for i, line in enumerate(lines):
        if line.strip() and (i == 0 or not lines[i - 1].strip()):
            line = line.lstrip(" \t")
        lines[i] = _ITEM_INDENTED.sub(r"\1 ", line)  # an item's words, not code, after its marker
    return "\n".join(lines)


_ITEM_INDENTED = re.compile(r"^([ \t]*(?:[-+*]|\d{1,9}[.)]))(?:[ \t]{5,}|[ \t]*\t[ \t]*)(?=\S)")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def parse_text(text: str | None) -> list[TextBlock]:
    """Narrative text into paragraphs, bullet lists and numbered lists (see the module's
    docstring), read as CommonMark reads it: a heading, a quotation or a paragraph underlined
    with ``---`` prints as its words; a number starts a list only where a paragraph could end
    (or "1."), and the list counts on from it; a bullet after a numbered item, or a number
    followed by ")" after one followed by ".", starts a new list."""
    blocks: list[TextBlock] = []
    lines = prepare_for_editor(text).split("\n")
    para: list[str] = []
    bullets: list[str] = []
    kind = ""  # the list's marker: "-" for bullets, "." or ")" for numbers
    start = 1

    def end_para(heading: bool = False) -> None:
        if para:
            joined = " ".join(line.strip() for line in para if line.strip())
            if joined:  # a heading prints bold, as the editor shows it
                runs = parse_inline(joined)
                blocks.append(TextPara(tuple(Run(r.text, True, r.italic) for r in runs) if heading else runs))
            para.clear()

    def end_bullets() -> None:
        if bullets:
            items = tuple(parse_inline(b) for b in bullets)
            blocks.append(TextBullets(items, True, start) if kind != "-" else TextBullets(items))
            bullets.clear()

    quoted = False
    item_indent = 0  # how far the last list item's marker is indented
    for line in lines:
        line, quote = _QUOTE.subn("", line)
        if quote and not quoted:  # a quotation starts a block of its own
            end_para()
            end_bullets()
        quoted = bool(quote) or (quoted and bool(line.strip()))
        indent = len(line) - len(line.lstrip())
        inside = para or (bullets and indent > item_indent)  # carrying on a paragraph or an item's words
        numbered = _NUMBERED.match(line)
        if numbered and inside and not re.match(r"\s*0*1[.)]", line):
            numbered = None  # only a list starting at 1 breaks into a paragraph
        bullet = _BULLET.match(line)
        m = bullet or numbered
        heading = _HEADING.match(line)
        if not line.strip():
            end_para()
            end_bullets()
        elif inside and _UNDERLINE.match(line):
            end_para(heading=True)  # the paragraph (or item) above is a heading
        elif _RULE.match(line):
            end_para()
            end_bullets()
        elif heading:
            end_para()
            end_bullets()
            para.append(heading.group(1) or "")
            end_para(heading=True)
        elif m:
            end_para()
            marker = "-" if bullet else m.group(2)
            if marker != kind:  # a list of another kind starts
                end_bullets()
            if not bullets:
                kind, start = marker, 1 if bullet else int(m.group(1))
            bullets.append(_QUOTE.sub("", m.group(m.lastindex or 0)).strip())
            item_indent = indent
        elif bullets:
            bullets[-1] += " " + line.strip()  # a bullet's text continued on the next line
        else:
            para.append(line)
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
    for attempt in (lambda: chars, lambda: _loosened(chars), lambda: [(c, False, False) for c, _, _ in chars]):
        tried = attempt()
        line = _markers(tried)
        if _chars(parse_inline(line)) == tried:
            break
    return line


def _loosened(chars: Sequence[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """Punctuation formatted only as far as the letters on both sides of it are (the nearest
    letter within the word, each way: no formatting where there is none)."""
    def nearest(indexes: Iterable[int]) -> dict[int, tuple[bool, bool]]:
        found: dict[int, tuple[bool, bool]] = {}
        last = (False, False)
        for k in indexes:
            kind = _kind(chars[k][0])
            if kind == "p":
                found[k] = last
            else:
                last = (chars[k][1], chars[k][2]) if kind == "w" else (False, False)
        return found

    before, after = nearest(range(len(chars))), nearest(range(len(chars) - 1, -1, -1))
    out = list(chars)
    for i, (lb, li) in before.items():
        c, bold, italic = chars[i]
        rb, ri = after[i]
        out[i] = (c, bold and lb and rb, italic and li and ri)
    return out


def escape(text: str) -> str:
    """Plain words (a sentence built from the records, naming a group or an organisation) as
    the Markdown `parse_text` reads back as the same words: every character that could mean
    something escaped, so a name with asterisks or brackets prints as it is spelt."""
    return format_inline((Run(text),))


def format_text(blocks: Iterable[TextBlock]) -> str:
    """Paragraphs, bullet lists and numbered lists as the Markdown `parse_text` reads (the
    editor saves this)."""
    out = []
    for block in blocks:
        if isinstance(block, TextPara):
            line = format_inline(block.runs)
            if line:
                out.append(line)
        else:
            items = [item for item in map(format_inline, block.items) if item]
            if items:
                marks = [f"{block.start + n}." if block.numbered else "-" for n in range(len(items))]
                out.append("\n".join(f"{mark} {item}" for mark, item in zip(marks, items, strict=True)))
    return "\n\n".join(out) + "\n" if out else ""
