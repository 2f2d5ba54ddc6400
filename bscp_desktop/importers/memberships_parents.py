"""An organisation's "Part of" naming another organisation the same file adds.

The memberships workbook lists organisations alphabetically, so the one a row is part of may be
added by a row before it or after it. Such a Part of is linked in the same import, in its one
transaction: the rows adding organisations are saved parents first, each with the one it is part
of, and an organisation on record made part of one the file adds is changed once that one is
saved.

A Part of naming the row's own organisation, or a file whose Part of columns, with what is on
record, would go round in a circle (A part of B and B part of A), is a bad row naming the rows
that make the circle: nothing is imported. A Part of is found among the file's rows by the
organisation's name, then its other names, then its short name, as the import finds one on record
(`OrganisationMatcher.candidates`).
"""

from __future__ import annotations

from collections.abc import Iterator

from bscp_desktop.domain.memberships import name_key
from bscp_desktop.domain.validation import and_list
from bscp_desktop.services import memberships as ms

#: The Organisation dialog's words for a parent that would make a circle (`check_organisation`).
ITSELF = "An organisation cannot be part of itself"
OWN_PART = "It cannot be part of one of its own parts"


def _parts(text: str) -> list[str]:
    """Other names as a row gives them (`memberships_columns.other_names`)."""
    return [part for line in text.splitlines() for part in line.split(";")]


class FileParents:
    """The organisations a file adds, to find the one a row's Part of names among them, and the
    links from one row to another, checked for circles and saved parents first.

    A row's organisation is called by a number: its id where it is on record, else minus the row's
    number (as the import notes the names of a row not saved yet)."""

    def __init__(self, rows: list[tuple[int, dict[str, str]]]):
        """`rows`: the file's cleaned rows that are not archived (`memberships._cleaned_rows`)."""
        self._rows: dict[str, int] = {}  # name key -> the row giving it
        for keys in (lambda c: [c.get("name", "")], lambda c: _parts(c.get("_other_names", "")),
                     lambda c: [c.get("short_name", "")]):
            for number, cells in rows:
                for text in keys(cells):
                    if key := name_key(text):
                        self._rows.setdefault(key, number)
        self.links: dict[int, int] = {}  # row -> the row adding the organisation its Part of names
        self._given: dict[int, tuple[int, str, int | None]] = {}  # good row -> (its organisation, its name, parent id)
        self._part_of: dict[int, str] = {}  # good row -> the Part of it gives
        self._saved: dict[int, int] = {}  # row -> the id of the organisation it added, once saved

    def row_naming(self, text: str) -> int | None:
        """The row of the file that adds the organisation `text` names, or None."""
        return self._rows.get(name_key(text))

    def note(self, number: int, record_id: int | None, values: dict, part_of: str, link: int | None) -> None:
        """Note a good row: its organisation's id (None for a new one), its checked values, the
        Part of it gives ("" where blank) and the row adding the organisation that names, where
        it is not on record (`row_naming`)."""
        self._given[number] = (record_id or -number, values["name"], values["parent_id"])
        if part_of:
            self._part_of[number] = part_of
        if link is not None:
            self.links[number] = link

    def _node(self, number: int) -> int:
        return self._given[number][0]

    # ------------------------------------------------------------------ circles

    def circles(self, session) -> list[str]:
        """The bad rows ("Row 3: Part of 'B': It cannot be part of one of its own parts: ...") of
        Part of columns that, with what is on record, would go round in a circle."""
        if not self._part_of:
            return []
        held = ms.organisations_in(session, include_archived=True)
        parents = {o.id: o.parent_id for o in held}
        names = {o.id: o.name for o in held}
        by_link: dict[int, int] = {}  # organisation -> the row giving its Part of
        for number, (node, name, parent_id) in self._given.items():
            names[node] = name
            link = self.links.get(number)
            if link is not None and link not in self._given:
                continue  # the row it names is a bad row: the import is refused already
            parents[node] = self._node(link) if link is not None else parent_id
            if number in self._part_of:
                by_link[node] = number
        bad: list[tuple[int, str]] = []
        for circle in _circles(parents, [node for node, _name, _parent in self._given.values()]):
            for i, node in enumerate(circle):
                if (number := by_link.get(node)) is None:
                    continue  # its link is on record
                rest = circle[i + 1:] + circle[:i + 1]  # from the one it would be part of, round to it
                steps = [f"{names[child]} is part of {names[parent]} "
                         f"({'row ' + str(by_link[child]) if child in by_link else 'on record'})"
                         for child, parent in zip(rest, rest[1:], strict=False)]
                why = f"{OWN_PART}: {and_list(steps)}" if steps else ITSELF
                bad.append((number, f"Row {number}: Part of '{self._part_of[number]}': {why}."))
        return [text for _number, text in sorted(bad)]

    # ------------------------------------------------------------------ saving

    def in_order(self, session, new_rows: list[dict]) -> Iterator[list[dict]]:
        """The organisations to add (`new_rows`, checked values), a batch at a time: each batch's
        rows are given the ones they are part of, saved before them (the caller saves each batch
        before asking for the next)."""
        row_of = {name_key(name): number for number, (node, name, _parent) in self._given.items() if node < 0}
        waiting = list(new_rows)
        while waiting:
            ready, later = [], []
            for values in waiting:
                link = self.links.get(row_of[name_key(values["name"])])
                parent = None if link is None else self._node(link)
                if parent is not None and parent < 0:
                    parent = self._saved.get(link)
                    if parent is None:
                        later.append(values)
                        continue
                if link is not None:
                    values["parent_id"] = parent
                ready.append(values)
            if not ready:  # `circles` refuses such a file before anything is saved
                raise RuntimeError("the organisations' Part of columns go round in a circle")
            yield ready
            self._note_saved(session, ready, row_of)
            waiting = later

    def _note_saved(self, session, saved: list[dict], row_of: dict[str, int]) -> None:
        wanted = set(self.links.values())
        if not any(row_of[name_key(values["name"])] in wanted for values in saved):
            return  # none of them is the one another is part of
        ids = {name_key(o.name): o.id for o in ms.organisations_in(session)}
        for values in saved:
            self._saved[row_of[name_key(values["name"])]] = ids[name_key(values["name"])]

    def link_held(self, session) -> None:
        """Make each organisation on record whose row's Part of names one this import added part
        of it (recorded in the change history), once the new ones are saved (`in_order`)."""
        for number, link in self.links.items():
            node = self._node(number)
            if node > 0:
                parent = self._node(link)
                ms.change_checked_in(session, "organisation", node, {"parent_id": self._saved.get(link, parent)})


def _circles(parents: dict[int, int | None], starts: list[int]) -> list[list[int]]:
    """The circles (each organisation in it, then the one it is part of, and so on) reached by
    following `parents` up from `starts`."""
    done: set[int] = set()
    found: list[list[int]] = []
    for start in starts:
        path: list[int] = []
        on_path: dict[int, int] = {}
        node: int | None = start
        while node is not None and node not in done and node not in on_path:
            on_path[node] = len(path)
            path.append(node)
            node = parents.get(node)
        if node is not None and node in on_path:
            found.append(path[on_path[node]:])
        done.update(path)
    return found
