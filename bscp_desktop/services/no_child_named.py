"""No child is named in what the partnership publishes or shares: every alias and reference of
a case (a case review's, an audited case's), now or before it was changed, is taken out of the
yearly report and of a partner's own workbook, whatever words carried it there (a learning point,
a course title, a meeting's key area of focus)."""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable

from sqlalchemy import select

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.db.models.audits import AuditCase
from bscp_desktop.db.models.case_reviews import CaseReview


def children_named(db: Database) -> list[str]:
    """Every alias and reference of a case (a case review's, an audited case's), archived ones
    too, and every alias or reference a case had before it was changed (its change history keeps
    them). A login that may not read cases has none."""
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services.audits import samples as sa

    def reviews() -> list[str]:
        cases = cr.list_case_reviews(db, include_archived=True)
        return [n for c in cases for n in (c.alias, c.reference)] + _held(db, CaseReview, ("alias", "reference"))

    def audited() -> list[str]:  # an audited case's reference is its audit's and its number, never changed
        cases = sa.list_cases(db, None, include_archived=True)
        return [n for c in cases for n in (c.alias, c.reference)] + _held(db, AuditCase, ("alias",))

    names: list[str] = []
    for read in (reviews, audited):
        try:
            names += read()
        except PermissionError:
            continue
    return list(dict.fromkeys(names))


def _held(db: Database, model: type, fields: Iterable[str]) -> list[str]:
    """Every value the change history keeps of these fields of a model's records, old and new
    (on a team database a login reads only the history of the records it may read)."""
    c = ChangeRecord
    with db.unit_of_work() as session:
        rows = session.execute(select(c.old_value, c.new_value).where(c.table_name == model.__tablename__, c.field.in_(fields)))
        return sorted({value for pair in rows for value in pair if value})


# A hyphen as typed or pasted: a hyphen-minus, a hyphen, a non-breaking hyphen (Word's), a
# figure dash, an en or em dash, a minus sign, a small or full-width hyphen-minus.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
# what may join the parts of a name ("Child A", "Child-A", "Child_A", "BSCP 2022 01"): a hyphen or an underscore
_JOINERS = HYPHENS + "_"
# the yearly report's text is kept as the editor writes it, with a backslash before punctuation
# that could mean something ("SCR\_2022\_01", "Siblings A\&B"): a name is found written so too
_ESCAPED = r"\\?"
# the editor's marks for bold and italic: a whole run of asterisks, or of underscores not inside a
# word ("Child_A" is joined by its underscore); with a backslash before it a mark prints as typed
_MARK = r"(?:(?<![\\*])\*+|(?<![\w\\])_+|(?<![\\_])_+(?!\w))"


def _marks(group: str) -> str:
    """A few runs of marks as the named group, all of them or none: a long row of marks takes no
    time to look through."""
    return rf"(?P<{group}>(?:{_MARK}){{1,4}}+|)"


_PARTS = re.compile(rf"[\s{re.escape(_JOINERS)}]+")
_BACKSLASHED = re.compile(rf"\\([{re.escape(string.punctuation)}])")
# after a lower-case "a" or "i", the word that makes it the article or "I" ("a voice", "i think")
_NEXT_WORD = re.compile(r"\s+[*_\\]*(\w)")


def _char(c: str) -> str:
    return _ESCAPED + re.escape(c) if c in string.punctuation else re.escape(c)


def _parts(name: str) -> list[str]:
    """A name's parts, as spaces, hyphens and underscores divide it ("BSCP-2022-01": BSCP, 2022, 01)."""
    return [part for part in _PARTS.split(name) if part]


def _pattern(name: str) -> str:
    """A name as a pattern: its parts joined by any run of spaces, any hyphen ("BSCP‑2022‑01"
    with Word's non-breaking hyphens), an underscore or nothing ("ChildA"), a backslash before
    its punctuation, and any marks for bold or italic around and between them ("**Child** A",
    "Child *A*"). Its last part is the group "last"; what joined part k to the next is the group
    "sep{k}"; the marks are the groups "lead" and "trail" around the name, "end{k}" and
    "start{k}" on either side of "sep{k}"."""
    def part(p: str) -> str:
        return "".join(_char(c) for c in p)
    *first, last = _parts(name)
    joins = [_marks(f"end{k}") + rf"(?P<sep{k}>\s+|{_ESCAPED}[{re.escape(_JOINERS)}]|)" + _marks(f"start{k}")
             for k in range(len(first))]
    words = "".join(part(p) + join for p, join in zip(first, joins, strict=True))
    return _marks("lead") + words + f"(?P<last>{part(last)})" + _marks("trail")


def _kept_marks(m: re.Match, joins: int) -> tuple[str, str]:
    """The marks for bold and italic typed around and between the `joins` + 1 parts of a name
    found as `m` (`_pattern`), as what to write before "the child" and what after it, so every
    bold or italic the name was part of takes in the words put in its place and every mark
    keeps its partner ("**Child** A": "**the child**"). A mark before a space or a hyphen
    closes, one after it opens; one between two parts typed together closes what a mark of its
    kind opened in the name, else opens. A mark opening again what the one before it closed
    ("*Child* *A*") goes with it."""
    sides = [("open", m.group("lead"))]
    for k in range(joins):
        end, start = m.group(f"end{k}"), m.group(f"start{k}")
        sides += [("close", end), ("open", start)] if m.group(f"sep{k}") else [("either", end + start)]
    sides.append(("close", m.group("trail")))
    before: list[str] = []
    after: list[str] = []
    closed = False  # whether the mark just read closed
    for side, marks in sides:
        for run in re.findall(_MARK, marks):
            closes = side == "close" or (side == "either" and any(r[0] == run[0] for r in before))
            if closes:
                after.append(run)
            elif closed and after[-1] == run:
                after.pop()  # closed and opened again: one bold or italic over the whole name
            else:
                before.append(run)
            closed = closes
    return "".join(before), "".join(after)


def _is_the_name(found: str, last: str, after: str, joined: str = " ") -> bool:
    """Whether the last part of a name, as the text has it (`found`, joined to the part before
    by `joined` and followed by `after`), is the name's and not an ordinary word. The part that
    tells one case from another counts as written or in capitals ("Child A", "CHILD A", "Child
    A's", "ChildA"); a part with figures or signs ("A&B", "BSCP-2024-01") in any case; joined
    by a hyphen or an underscore ("child-a", "baby_hope") in any case too. Joined by nothing, it
    counts only as written or in capitals ("childs" is a word mistyped, not "Child S"). Joined
    by spaces, in another case a longer word is an ordinary one ("gave the baby hope") and a
    letter is the name's ("child q"), but for "a" and "i" followed by a word: the article and
    "I" ("give every child a voice")."""
    found = _BACKSLASHED.sub(r"\1", found)
    if found in (last, last.upper()) or not last.isalpha():
        return True
    if not joined.isspace():
        return joined != ""  # a hyphen or an underscore: the name's; nothing: an ordinary word
    if len(last) > 1:
        return False
    if found.casefold() not in ("a", "i"):
        return True
    following = _NEXT_WORD.match(after)
    if following is None:
        return True
    return found.casefold() == "a" and following.group(1).casefold() in "aei"  # "a" is "an" before a vowel


def _folded(text: str) -> tuple[str, list[int]]:
    """`text` in Unicode's compatibility form (NFKC: full-width "Ｃｈｉｌｄ Ａ" is "Child A", a
    ligature its letters), each letter with the marks that go with it folded together, and where
    each character of the folded text starts in `text` (with one more: its end)."""
    folded: list[str] = []
    starts: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFKC", text[i:j])
        folded.append(piece)
        starts.extend([i] * len(piece))
        i = j
    starts.append(len(text))
    return "".join(folded), starts


@functools.lru_cache(maxsize=8192)
def _words(name: str) -> tuple[str, ...]:
    """The longest word of each of a name's parts, folded: a text without one of them cannot
    hold the name."""
    words = (max(re.findall(r"\w+", part), key=len, default="").casefold() for part in _parts(name))
    return tuple(word for word in words if word)


@functools.lru_cache(maxsize=8192)
def _compiled(name: str) -> tuple[re.Pattern, str, int]:
    """A name's pattern, compiled once (a file may hold a thousand names, more than Python keeps
    compiled), its last part and how many joins it has."""
    parts = _parts(name)
    pattern = re.compile(rf"(?:(?<!\w)(?P<the>the)\s+)?(?<!\w){_pattern(name)}(?!\w)", re.IGNORECASE)
    return pattern, parts[-1], len(parts) - 1


def without_children(text: str, names: Iterable[str]) -> str:
    """The text with any child's alias or case reference taken out, as whole words ("Child A"
    goes; "child abuse" and "give every child a voice" stay), however the spaces, hyphens or
    underscores between its parts were typed, or none ("ChildA", "BSCP2022-01"), whatever marks
    for bold or italic were typed around and between them ("**Child** A", "Child *A*"), and in
    Unicode's compatibility forms (full-width letters): "the child" in its place ("the Child A
    review": "the child review"; "**Child** A": "**the child**"). The rest of the text is kept
    exactly as it was."""
    folded_names = {unicodedata.normalize("NFKC", n).strip() for n in names if n and n.strip()}
    plain = unicodedata.is_normalized("NFKC", text)  # nothing to fold: a name is found where it is
    folded, starts = (text, []) if plain else _folded(text)
    haystack = folded.casefold()
    for name in sorted((n for n in folded_names if _parts(n)), key=len, reverse=True):
        if any(word not in haystack for word in _words(name)):
            continue  # a part not in the text at all: no need to look closer
        pattern, last, joins = _compiled(name)

        def replaced(m: re.Match, last: str = last, joins: int = joins) -> str | None:
            joined = m.group(f"sep{joins - 1}") if joins else " "
            if not _is_the_name(m.group("last"), last, m.string[m.end():m.end() + 40], joined):
                return None  # ordinary words that read like the name
            opened, closed = _kept_marks(m, joins)
            return opened + ("The child" if m.group("the") == "The" else "the child") + closed

        if plain:
            text = folded = pattern.sub(lambda m: replaced(m) or m.group(0), text)
            haystack = text.casefold()
            continue
        pieces, at = [], 0
        for m in pattern.finditer(folded):
            words = replaced(m)
            if words is not None:  # the characters the name was found in, as they were typed
                begin, end = starts[m.start()], starts[m.end()]
                pieces += [text[at:begin], words]
                at = end
        if pieces:
            text = "".join(pieces) + text[at:]
            folded, starts = _folded(text)
            haystack = folded.casefold()
    return text
