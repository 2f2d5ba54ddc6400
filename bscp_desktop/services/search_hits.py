"""What a search of what was said returns (`services.search`): its hits and what is said with them.

Each kind of record has a describer (`describes`): how its hits read, one query for all of them.
A hit from a confidential agenda item says so after its title (`SearchHit.shown_title`).
A hit's date is the one the index orders it by and finds it by when a date is typed
("21/03/2024"): a date that is not its record's own day says which it is ("due 31/03/2024" for
an action raised from a case review), so the list, its order and a search for the date agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select
from sqlalchemy.orm import Session

from bscp_desktop.db.server import CASE_REVIEWS_ONLY
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.search import MAX_TERMS
from bscp_desktop.domain.text import first_line

HIT_LINE = 90  # characters of a record's first line shown in a hit
WORD_SHOWN = 40  # characters of each word not looked for named in a sentence (a pasted run of letters is cut)
WORDS_NAMED = 5  # words not looked for named one by one; more are counted
TYPED_SHOWN = 20  # words of what was typed a sentence repeats


#: Said after the title of a hit from a confidential agenda item (its minutes, a decision under
#: it), in the window and on the command line alike: its words are shown to whoever searches, as
#: the minutes editor shows them, but outputs leave them out, so the hit says so.
CONFIDENTIAL_ITEM = "(confidential item)"


@dataclass(frozen=True)
class Described:
    """How one hit reads: what it is in (`record`), its own words (`title`), its date, and
    what to open for it (`open_kind`, `open_id`, and the item within it, if any); `dated_as`
    names the date where it is not the record's own day ("due", "added"); `confidential` for
    a confidential agenda item's hit."""

    record: str
    title: str
    on: date | None
    open_kind: str
    open_id: int
    detail_id: int | None = None
    dated_as: str = ""
    confidential: bool = False


@dataclass(frozen=True)
class SearchHit:
    area: str
    kind: str  # "Agenda item", "Decision", "Case review" ...
    table: str
    record_id: int
    record: str  # "Safeguarding Children Forum, 14 Mar 2024"
    title: str  # "Item 3: Neglect strategy"
    on: date | None  # the date the hits are ordered by, and a typed date finds
    snippet: str
    open_kind: str  # what the window opens: "meeting", "case_review", "action", "person", ...
    open_id: int
    detail_id: int | None = None  # e.g. the agenda item within the meeting
    dated_as: str = ""  # which date `on` is, where not the record's own day: "due", "added"
    confidential: bool = False  # of a confidential agenda item: its minutes, or a decision under it

    @property
    def shown_title(self) -> str:
        """The title as the window and the command line show it: "Item 8: Staffing matter
        (confidential item)" for a confidential agenda item's hit, else the title itself."""
        return f"{self.title} {CONFIDENTIAL_ITEM}" if self.confidential else self.title

    @property
    def date_shown(self) -> str:
        """The hit's date as the list shows it: "14/03/2024", "due 31/03/2024"; '' for none."""
        shown = format_date(self.on)
        return f"{self.dated_as} {shown}" if shown and self.dated_as else shown

    @property
    def line(self) -> str:
        """One line for the command line: date, where, record, title, snippet (tab-separated)."""
        fields = (self.date_shown, self.kind, self.record, self.shown_title, self.snippet)
        return "\t".join(" ".join(f.split()) for f in fields)


@dataclass(frozen=True)
class SearchResult:
    text: str
    terms: tuple[str, ...]
    hits: tuple[SearchHit, ...]
    total: int  # hits found (before the limit)
    left_out: tuple[str, ...] = ()  # records the login may not read, not searched: "case reviews"
    only_left_out: bool = False  # nothing where it searched could be read
    #: words typed beyond the most looked for (`domain.search.MAX_TERMS`), not searched for
    not_searched: tuple[str, ...] = ()
    #: when nothing was found and archived records were not searched: how many of them mention it
    archived: int = 0

    @property
    def typed(self) -> str:
        """What was typed, as a sentence repeats it: as typed ("21/3/2024"), each word kept short,
        the first `TYPED_SHOWN` words of a pasted run ("…" for the rest)."""
        words = self.text.split()
        shown = " ".join(first_line(word, WORD_SHOWN) for word in words[:TYPED_SHOWN])
        return shown + (" …" if len(words) > TYPED_SHOWN else "")

    @property
    def left_out_sentence(self) -> str:
        """Which records were not searched and why ('' when none were left out)."""
        named = " and ".join(self.left_out)
        return f"{named[:1].upper()}{named[1:]} were not searched. {CASE_REVIEWS_ONLY}" if named else ""

    @property
    def not_searched_sentence(self) -> str:
        """Which words typed were not looked for, and why ('' when every word was)."""
        if not self.not_searched:
            return ""
        named = [f"'{first_line(word, WORD_SHOWN)}'" for word in self.not_searched[:WORDS_NAMED]]
        more = len(self.not_searched) - len(named)
        if more:
            named.append(f"{more} more")
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        verb, them = ("was", "it") if len(self.not_searched) == 1 else ("were", "them")
        found = f", so the records found may not mention {them}" if self.hits else ""  # nothing found: nothing to doubt
        return f"Only the first {MAX_TERMS} words are looked for: {listed} {verb} not searched for{found}."

    @property
    def archived_mention(self) -> str:
        """"2 archived records mention it" when nothing else was found ('' when none do)."""
        if not self.archived:
            return ""
        return "1 archived record mentions it" if self.archived == 1 else f"{self.archived} archived records mention it"


Describer = Callable[[Session, list[int]], dict[int, Described]]
DESCRIBERS: dict[str, Describer] = {}


@dataclass(frozen=True)
class Hider:
    """Records of a table hidden with what they belong to: `query` of their ids, and the other
    tables it `reads`."""

    query: Callable[[], Select]
    reads: tuple[str, ...]


#: Per table, the records hidden with what they belong to (an item of an archived meeting, a
#: recommendation of an archived case): they are neither shown nor counted, unless archived
#: records are asked for too (`include_archived`), when they are found as what they belong to is.
HIDDEN: dict[str, list[Hider]] = {}


def describes(table: str):
    """Register how hits of one table read."""

    def register(fn: Describer) -> Describer:
        DESCRIBERS[table] = fn
        return fn

    return register


def hidden_with(table: str, reads: tuple[str, ...] = ()):
    """Register a query of records of `table` hidden with what they belong to, read from `reads`
    (shown again when archived records are asked for)."""

    def register(fn: Callable[[], Select]) -> Callable[[], Select]:
        HIDDEN.setdefault(table, []).append(Hider(fn, reads))
        return fn

    return register


def chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start: start + size]


def marked(label: str, *archived: datetime | None, word: str = "archived") -> str:
    """`label` as it names an archived record: "Case BSCP-2022-01 (archived)" when any of the
    `archived` times is set (the record's own, or what it belongs to), else `label` itself."""
    return f"{label} ({word})" if any(a is not None for a in archived) else label


def newest_first(hits: Iterable[SearchHit]) -> list[SearchHit]:
    """`hits` by the date each shows, newest first, those without a date last (the index's
    order, where hits of the same date keep theirs)."""
    return sorted(hits, key=lambda h: (h.on is None, -(h.on.toordinal() if h.on else 0)))
