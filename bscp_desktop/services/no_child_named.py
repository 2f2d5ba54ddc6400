"""No child is named in what the partnership publishes or shares: every alias and reference of
a case (a case review's, an audited case's), now or before it was changed, is taken out of the
yearly report and of a partner's own workbook, whatever words carried it there (a learning point,
a course title, a meeting's key area of focus)."""

from __future__ import annotations

import re
import string
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
# the yearly report's text is kept as the editor writes it, with a backslash before punctuation
# that could mean something ("SCR\_2022\_01", "Siblings A\&B"): a name is found written so too
_ESCAPED = r"\\?"
_HYPHEN = f"{_ESCAPED}[{re.escape(HYPHENS)}]"
_BACKSLASHED = re.compile(rf"\\([{re.escape(string.punctuation)}])")
# after a lower-case "a" or "i", the word that makes it the article or "I" ("a voice", "i think")
_NEXT_WORD = re.compile(r"\s+[*_\\]*(\w)")


def _char(c: str) -> str:
    return _ESCAPED + re.escape(c) if c in string.punctuation else re.escape(c)


def _pattern(name: str) -> str:
    """A name as a pattern: any run of spaces (a no-break space, a line break) between its words,
    any hyphen where it has one ("BSCP‑2022‑01" with Word's non-breaking hyphens), a backslash
    before its punctuation, and its last word as the group "last"."""
    def word(w: str) -> str:
        return _HYPHEN.join("".join(_char(c) for c in part) for part in re.split(f"[{re.escape(HYPHENS)}]", w))
    *first, last = name.split()
    return r"\s+".join([*(word(w) for w in first), f"(?P<last>{word(last)})"])


def _is_the_name(found: str, last: str, after: str) -> bool:
    """Whether the last word of a name, as the text has it (`found`, followed by `after`), is the
    name's and not an ordinary word. The word that tells one case from another counts as written
    or in capitals ("Child A", "CHILD A", "Child A's"); a word with figures or signs ("A&B",
    "BSCP-2024-01") in any case. In another case a longer word is an ordinary one ("gave the baby
    hope") and a letter is the name's ("child q"), but for "a" and "i" followed by a word: the
    article and "I" ("give every child a voice")."""
    found = _BACKSLASHED.sub(r"\1", found)
    if found in (last, last.upper()) or not last.isalpha():
        return True
    if len(last) > 1:
        return False
    if found.casefold() not in ("a", "i"):
        return True
    following = _NEXT_WORD.match(after)
    if following is None:
        return True
    return found.casefold() == "a" and following.group(1).casefold() in "aei"  # "a" is "an" before a vowel


def without_children(text: str, names: Iterable[str]) -> str:
    """The text with any child's alias or case reference taken out, as whole words ("Child A"
    goes; "child abuse" and "give every child a voice" stay), however the spaces between its words
    or the hyphens in a reference were typed: "the child" in its place ("the Child A review":
    "the child review")."""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        last = name.split()[-1]

        def replaced(m: re.Match, last: str = last) -> str:
            if not _is_the_name(m.group("last"), last, m.string[m.end():m.end() + 40]):
                return m.group(0)  # ordinary words that read like the name
            return "The child" if m.group(1) == "The" else "the child"

        text = re.sub(rf"(?:(?<!\w)(the)\s+)?(?<!\w){_pattern(name)}(?!\w)", replaced, text, flags=re.IGNORECASE)
    return text
