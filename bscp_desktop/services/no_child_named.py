"""No child is named in what the partnership publishes or shares: every alias and reference of
a case (a case review's, an audited case's) is taken out of the yearly report and of a partner's
own workbook, whatever words carried it there (a learning point, a course title, a meeting's key
area of focus)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bscp_desktop.db.database import Database


def children_named(db: Database) -> list[str]:
    """Every alias and reference of a case (a case review's, an audited case's), archived ones
    too. A login that may not read cases has none."""
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services.audits import samples as sa

    names: list[str] = []
    for read in (lambda: [(c.alias, c.reference) for c in cr.list_case_reviews(db, include_archived=True)],
                 lambda: [(c.alias, c.reference) for c in sa.list_cases(db, None, include_archived=True)]):
        try:
            names += [n for pair in read() for n in pair]
        except PermissionError:
            continue
    return names


# A hyphen as typed or pasted: a hyphen-minus, a hyphen, a non-breaking hyphen (Word's), a
# figure dash, an en or em dash, a minus sign, a small or full-width hyphen-minus.
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"
_HYPHEN = f"[{re.escape(HYPHENS)}]"


def _pattern(name: str) -> str:
    """A name as a pattern: any run of spaces (a no-break space, a line break) between its words,
    and any hyphen where it has one ("BSCP‑2022‑01" with Word's non-breaking hyphens)."""
    def word(w: str) -> str:
        return _HYPHEN.join(re.escape(part) for part in re.split(_HYPHEN, w))
    return r"\s+".join(word(w) for w in name.split())


def without_children(text: str, names: Iterable[str]) -> str:
    """The text with any child's alias or case reference taken out, as whole words ("Child A"
    goes; "child abuse" stays), however the spaces between its words or the hyphens in a
    reference were typed: "the child" in its place ("the Child A review": "the child review")."""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?:(?<!\w)(the)\s+)?(?<!\w){_pattern(name)}(?!\w)",
                      lambda m: "The child" if m.group(1) == "The" else "the child", text, flags=re.IGNORECASE)
    return text
