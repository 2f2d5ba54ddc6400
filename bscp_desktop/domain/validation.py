"""Validation shared by every area: one error type carrying a message per field."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal


class ValidationError(Exception):
    """Raised by commands when input is wrong. Nothing has been written.

    `errors` maps a field name (as the service names it) to a plain-English message.
    """

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.errors.items()))

    def sentence(self) -> str:
        return " ".join(as_sentence(m) for m in self.errors.values())


class NotFoundError(Exception):
    """A record asked for by id does not exist."""


@dataclass(frozen=True)
class LaterChange:
    """One field someone else saved after the user opened the record: its value now."""

    field: str
    value: str | None
    changed_by: str
    changed_at: datetime | None


class RecordChanged(Exception):
    """A save refused because someone else saved the record after the user opened it.

    Nothing was written. `changed_by` and `changed_at` (UTC) are the last change the history
    holds for the record; `later` lists the fields saved since the user's version, with their
    values now (for showing beside the user's own). `yours` is the version the user opened and
    `current` the version saved now.
    """

    def __init__(self, what: str, label: str, changed_by: str | None, changed_at: datetime | None,
                 yours: int | None = None, current: int | None = None,
                 later: tuple[LaterChange, ...] = (), table: str = "", record_id: int | None = None):
        self.what, self.label = what, label
        self.changed_by, self.changed_at = changed_by, changed_at
        self.yours, self.current = yours, current
        self.later, self.table, self.record_id = later, table, record_id
        super().__init__(self.sentence())

    def sentence(self) -> str:
        record = f"the {self.what} “{self.label}”" if self.label else f"this {self.what}"
        change = next((c for c in self.later if c.field == "archived_at"), None)  # archived or restored since
        archived = None if change is None else bool(change.value)
        did = {True: "archived", False: "restored", None: "changed"}[archived]
        by, at = (change.changed_by, change.changed_at) if change else (self.changed_by, self.changed_at)
        if by:
            when = f" on {local_time(at):%d/%m/%Y at %H:%M}" if at else ""
            who = f"{by} {did} {record}{when}, after you opened it"
        else:
            who = f"Someone else {did} {record} after you opened it"
        if archived:
            return (f"{who[0].upper()}{who[1:]}. Your changes have not been saved. It is archived now: if you reload "
                    "and save them, they go onto the archived record (restore it from its list first to bring it back).")
        return f"{who[0].upper()}{who[1:]}. Your changes have not been saved: reload to see theirs, or compare the two."


def local_time(moment: datetime) -> datetime:
    """A moment the database keeps in UTC (naive), as the clock on this computer shows it."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def local_time_if_any(moment: datetime | None) -> datetime | None:
    """`local_time`, None kept: a record's archived moment as a list or workbook shows it (an
    organisation archived at 00:30 in summer is archived that day, not the evening before)."""
    return None if moment is None else local_time(moment)


def as_sentence(text: str) -> str:
    """A message ending in a full stop (a refusal, a line of an import report)."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


class Checker:
    """Collects field errors; `raise_if_any()` raises one ValidationError with all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def add(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def required(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        text = clean_text(value)
        if not text:
            self.add(field, f"{label} is required")
        elif len(text) > max_length:
            self.add(field, f"{label} is too long ({len(text)} characters; at most {max_length})")
        return text

    def name(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        """A required name on one line (`one_line`): its spaces folded ("Executive  Group" is
        "Executive Group") and the invisible characters inside that carry nothing left out, so
        a stray space or a pasted zero-width space never makes a second record of the same name.
        A name that prints as nothing (`shows_nothing`: a zero-width joiner or a Hangul filler
        alone) is no name: "Name is required"."""
        return self.required(field, one_line(value), label, max_length)

    def optional_line(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        """`optional` for text on one line (a short name, a job title), cleaned as `name` is."""
        return self.optional(field, one_line(value), label, max_length)

    def optional(self, field: str, value: str | None, label: str, max_length: int = 200) -> str:
        text = clean_text(value)
        if len(text) > max_length:
            self.add(field, f"{label} is too long ({len(text)} characters; at most {max_length})")
        return text

    def cell_text(self, field: str, value: str | None, label: str, max_length: int = 20000) -> str:
        """`optional` for text that goes into one cell of a workbook (an agency's return) and is
        read back from it: its length counted as Excel counts it (`excel_length`), so text saved
        always fits the cell. Text without emoji and the like is counted and named as `optional` does."""
        text = clean_text(value)
        units = excel_length(text)
        if units > max_length:
            self.add(field, f"{label} is too long ({len(text)} characters; at most {max_length})" if units == len(text)
                     else f"{label} is too long ({units:,} characters as Excel counts them, an emoji counting "
                          f"as two; at most {max_length:,})")
        return text

    def email(self, field: str, value: str | None, label: str = "Email") -> str:
        text = clean_email(value)
        if problem := email_problem(text, label):
            self.add(field, problem)
        return text

    def web_address(self, field: str, value: str | None, label: str, max_length: int = 500) -> str:
        """A link people follow (a Teams or Zoom meeting): one word with a dot in it, its
        scheme, if given, http or https ("teams.microsoft.com/l/..." is taken as typed)."""
        text = self.optional(field, value, label, max_length)
        scheme, _, rest = text.partition("://") if "://" in text else ("", "", text)
        if text and (any(ch.isspace() for ch in text) or "." not in rest.split("/")[0]
                     or scheme.casefold() not in ("", "http", "https")):
            self.add(field, f"{label} '{text[:60]}' is not a web address; paste the meeting's link "
                            "(for example https://teams.microsoft.com/l/meetup-join/...)")
        return text

    def date_order(
        self,
        field: str,
        earlier: date | None,
        later: date | None,
        earlier_label: str,
        later_label: str,
    ) -> None:
        if earlier is not None and later is not None and later < earlier:
            self.add(
                field,
                f"{later_label} ({later:%d/%m/%Y}) cannot be before {earlier_label.lower()} "
                f"({earlier:%d/%m/%Y})",
            )

    def not_future(self, field: str, value: date | None, label: str, today: date) -> None:
        """A date of something done (a cancellation, a reply) cannot be after `today`."""
        if value is not None and value > today:
            self.add(field, f"{label} ({value:%d/%m/%Y}) cannot be in the future")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


#: The longest name the change history keeps for who made a change: the window's Your name, a
#: team database login's name (`team person`) and a copy into a team database keep to it.
CHANGED_BY_MAX = 100
_EMAIL = re.compile(r"^[^@\s,;:<>()\[\]\"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")


def is_valid_email(text: str) -> bool:
    return _email_fault(text) is None


def email_problem(text: str, label: str = "Email") -> str:
    """Why `text` (an address as `clean_email` leaves it) is not an e-mail address, as a message
    naming `label`; "" when it is one, or blank."""
    why = _email_fault(text) if text else None
    if why is None:
        return ""
    return f"{label} '{text}' is not a valid email address{why} (for example name@brent.gov.uk)"


def _email_fault(text: str) -> str | None:
    """None for an address; else the reason it is not one, to follow "is not a valid email
    address" ("" when no more can be said than that). An invisible character inside, a
    non-breaking space or a ':' before the @ (a "mailto:" link, or words before a colon) would
    give one delegate a second address, and mail sent to it goes nowhere: each is named."""
    if len(text) > 254:
        return ""
    # text that prints whole holds no format character and no space but the plain one
    hidden = None if text.isprintable() else next((ch for ch in text if unicodedata.category(ch) == "Cf"), None)
    if hidden is not None:
        name = unicodedata.name(hidden, "").lower()
        return f": it holds an invisible character (U+{ord(hidden):04X}{' ' + name if name else ''}); type it again"
    wide = None if text.isprintable() else next((ch for ch in text if ch.isspace() and ch not in " \t\r\n"), None)
    if wide is not None:  # looks like a plain space, which the message shows well enough
        return f": it holds a space (U+{ord(wide):04X} {unicodedata.name(wide, 'space').lower()}) inside it"
    if ":" in text.partition("@")[0]:
        return ": it has a ':' before the @; give the address alone, without 'mailto:' or a name before it"
    return None if ".." not in text and _EMAIL.match(text) else ""


# Control characters (C0, DEL and C1: no text typed or exported means anything by them), and the bidirectional embeddings, overrides and isolates: pasted into a
# name they make it show reversed or out of order ("Smith" stored, "htimS" shown) in the window,
# workbooks and PDFs alike. Real Arabic and Hebrew text needs none of them. And the
# noncharacters (U+FDD0 to U+FDEF, and the last two of every plane, U+FFFE, U+FFFF, U+1FFFE...):
# no text means anything by them, and a workbook cannot hold U+FFFE or U+FFFF, so text kept with
# them would read back from the program's own workbook as changed.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000))
# What is removed from text saved: control characters, direction overrides, the noncharacters, and
# half a character beyond U+FFFF left alone (a lone surrogate, from a file or a script), which no
# file, database or output can hold (saving it failed with an encoding error).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff" + _NONCHARACTERS + "]")
# White space, and the invisible characters that stand in for it at either end: a zero-width
# space, a word joiner, a byte order mark left inside a pasted or joined-up file, or a
# direction mark (left-to-right, right-to-left, Arabic letter mark) with nothing to mark.
_INVISIBLE = "\u200b\u2060\ufeff\u200e\u200f\u061c"
# What prints as nothing on its own: format characters (joiners, word joiners, direction marks),
# spaces, line breaks and other controls, and combining marks with no letter to sit on; and the
# letters that are drawn blank: the Hangul fillers and the blank braille pattern.
_NOTHING_SHOWN = frozenset(("Cf", "Cc", "Zs", "Zl", "Zp", "Mn"))
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def shows_nothing(text: str) -> bool:
    """Whether `text` prints as nothing at all: only spaces, invisible characters (a zero-width
    joiner, a word joiner), combining marks alone, Hangul fillers or the blank braille pattern.
    A name of such characters looks blank in every list, so it is no name ("" shows nothing too).
    A joiner inside a name with letters (spelt with one, as Indic and Persian names are) shows
    its letters."""
    if text[:1].isalnum() and text[0] not in _BLANK_LETTERS:  # most text: a letter or digit first, which shows
        return False
    return all(ch in _BLANK_LETTERS or unicodedata.category(ch) in _NOTHING_SHOWN for ch in text)


#: Invisible characters that carry nothing in a name on one line: a soft hyphen, a zero-width
#: space, a word joiner and the invisible operators after it, the deprecated format characters,
#: a byte order mark and the interlinear annotation marks. Pasted inside a name ("Brent
#: Coun\u200bcil") they make a second name that reads as the first. The zero-width non-joiner and
#: joiner are not among them: Persian and Indic names are spelt with them. Nor are the direction
#: marks, which may place a word among words of another script (at either end they go, `clean_text`).
_NOTHING_IN_A_NAME = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c"
                                            "\u206d\u206e\u206f\ufeff\ufff9\ufffa\ufffb"))


def without_invisible(text: str) -> str:
    """`text` without the invisible characters that carry nothing in a name (a zero-width space,
    a soft hyphen, a word joiner, a byte order mark: `_NOTHING_IN_A_NAME`)."""
    if text.isascii() or text.isprintable():  # none of them is either: most names, with nothing to take out
        return text
    return text.translate(_NOTHING_IN_A_NAME)


def one_line(value: str | None) -> str:
    """A name or other text on one line as it is saved: `clean_text`'s, its white space folded to
    single spaces and without the invisible characters that carry nothing in it
    (`without_invisible`): "Brent Coun\u200bcil" is Brent Council, one name to see and match."""
    return " ".join(clean_text(None if value is None else without_invisible(str(value))).split())


# vertical tab, form feed, next line (U+0085, from a mainframe's or an old Mac's export), line and paragraph separators
_LINE_BREAKS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}


def clean_text(value: str | None) -> str:
    """Trim white space (and invisible zero-width characters and direction marks) and drop
    control characters, direction overrides and noncharacters such as U+FFFE (keeps tabs and
    new lines inside): a name of only a zero-width space is blank, as is any text that prints
    as nothing (`shows_nothing`: a zero-width joiner or a Hangul filler alone), so a required
    field of it "is required". Letters are kept in their composed form (NFC): "Zoë" pasted from
    a file that spells ë as e and a separate diaeresis is the "Zoë" typed here, one name to
    compare, search and sort."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():  # most cells: no control, invisible or line-breaking character to go, no space but " "
        if text.isascii():  # no combining character either
            return text.strip(" ")
        if unicodedata.is_normalized("NFC", text):  # letters already composed: only the spaces at either end go
            text = text.strip(" ")
            return "" if shows_nothing(text) else text
    return _cleaned(text)


def _cleaned(text: str) -> str:
    """`clean_text` of any text, every step taken: what its quick path for text that prints
    whole gives too."""
    text = text.translate(_LINE_BREAKS)  # Word's manual line break (a vertical tab) parts words, as a new line
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()
    while text and (text[0] in _INVISIBLE or text[-1] in _INVISIBLE):  # in turn with white space
        text = text.strip(_INVISIBLE).strip()
    return "" if shows_nothing(text) else text


def long_text_as_saved(text: str | None) -> str:
    """A long text (minutes, a yearly report's section) as it is saved: `clean_text`'s, with the
    spaces, tabs and new lines typed at either end kept (blank when there is nothing else)."""
    text = "" if text is None else str(text)
    body = clean_text(text)
    if not body:
        return ""
    ends = " \t\r\n"
    return text[:len(text) - len(text.lstrip(ends))] + body + text[len(text.rstrip(ends)):]


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units): a character beyond U+FFFF, an emoji
    among them, counts twice. A cell holds at most 32,767."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def and_list(items: list[str]) -> str:
    """Words listed as a sentence says them: "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def clean_email(value: str | None) -> str:
    """An email address as `clean_text` has it, without the invisible characters a copy from
    Outlook or Teams leaves inside it ("zw\u200b@example.org" is zw@example.org): one address to
    match, and one that mail can be sent to. A "mailto:" before it (an address copied from a
    link) goes too: "mailto:pat.lee@brent.gov.uk" is pat.lee@brent.gov.uk."""
    text = clean_text(value)
    if not text.isascii():  # no format character is
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
    if text[:7].casefold() == "mailto:":
        text = text[7:].strip()
    return text


def whole_number(text: str) -> int:
    """A count as a cell holds it: digits, with commas only between thousands ("1,000",
    "12,345,678"), and perhaps the ".0" a spreadsheet's number cell is read with. Raises
    ValueError otherwise: a comma anywhere else ("1,0", "2,5" or "1,2,3": a decimal comma, or
    numbers run together) is not dropped to make another number. Its message, when not empty,
    says why, to follow "is not a whole number"."""
    groups = (text[:-2] if text.endswith(".0") else text).split(",")
    if not all(group.isdecimal() for group in groups):  # not isdigit: "²" is a digit int() cannot read
        raise ValueError("")
    if len(groups) > 1 and not (1 <= len(groups[0]) <= 3 and groups[0][0] != "0"
                                and all(len(group) == 3 for group in groups[1:])):
        raise ValueError("a comma goes only between thousands, as in 1,000")
    return int("".join(groups))


def clean_multiline(value: str | None, max_length: int = 20000) -> str:
    return clean_text(value)[:max_length]


def clean_names(names: Iterable[object]) -> list[str]:
    """A list of names a team keeps (case-review and audit themes, course topics), each cleaned
    as a name on one line is (`one_line`: spaces folded, control characters and direction
    overrides dropped, composed letters, no invisible characters that carry nothing), blanks
    dropped (a zero-width space alone is blank), and the first spelling kept of names that then
    differ only in case ("Négligence" pasted with a separate accent is the one typed here)."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        text = one_line(str(name))
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            result.append(text)
    return result


def number_as_shown(value: float) -> str:
    """A spreadsheet's number as the spreadsheet shows it, to 15 significant digits, without an
    exponent: a cell summing £1,050.10 and £2,200.20 holds 3250.2999999999997 and shows
    3250.3, so "3250.3"; 1e-05 is "0.00001"; NaN and infinity stay "nan" and "inf"."""
    if not math.isfinite(value):
        return repr(value)
    shown = format(value, ".15g")
    return format(Decimal(shown), "f") if "e" in shown else shown


def reading_problem(read: Callable[[object], object], unreadable: type[Exception]) -> Callable[[object], str]:
    """A rule for `check` made from a reader: '' when `read` reads the value held, else why not
    (the sentence of the `unreadable` error it raises)."""

    def problem(held: object) -> str:
        try:
            read(held)
        except unreadable as exc:
            return str(exc)
        return ""

    return problem

