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


def without_children(text: str, names: Iterable[str]) -> str:
    """The text with any child's alias or case reference taken out, as whole words ("Child A"
    goes; "child abuse" stays): "the child" in its place ("the Child A review": "the child review")."""
    for name in sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True):
        text = re.sub(rf"(?:(?<!\w)(the)\s+)?(?<!\w){re.escape(name)}(?!\w)",
                      lambda m: "The child" if m.group(1) == "The" else "the child", text, flags=re.IGNORECASE)
    return text
