"""One way to pick a person, an organisation or a group: a drop-down you can type into to
search, fed by one query each in the memberships service (`services/memberships/choices.py`).

    self.owner = self.add_field("owner_person_id", "Owner", person_picker(db, record.owner_person_id))
    ...
    check_pick(checker, self.owner, "owner_person_id", "people", required=False)

`check_pick` says, beside the field, when the typed text matches nothing in the list (or names
several people on it) or a required choice is missing. A person is found by their name as typed
too, an organisation by its name or short name (`RecordCombo.named`), and each picker knows where
its choices come from, so a dialog lists a record added from inside it (`RecordCombo.refill`,
`empty_choices.offer_to_add_first`). A record that names a person, organisation or group
archived since keeps it ("... (archived)"): saving the record never empties a field the user did
not touch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QDialog, QWidget

from bscp_desktop.domain.validation import Checker
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.common.editors import Choices, Names, RecordCombo


def picker(choices: Choices, current: int | None = None, blank: str | None = None,
           source: Callable[[], Choices] | None = None, names: Callable[[], Names] | None = None) -> RecordCombo:
    """A picker over (label, id) choices, showing the start of a long name; a very long one
    (a 200-character organisation's name) shortened in the middle, whole on hover
    (`RecordCombo`, `shorten`), so the dialog keeps a sensible width. `source` reads the
    choices again, `names` the records' own names (`RecordCombo`)."""
    combo = RecordCombo(blank=blank, shorten=True, source=source, names=names)
    combo.set_items(choices, current)
    if combo.lineEdit() is not None:
        combo.lineEdit().setCursorPosition(0)
    return combo


def person_picker(db, current: int | None = None, blank: str | None = "(nobody)",
                  first: Iterable[tuple[str, int]] = (), listed: Choices | None = None) -> RecordCombo:
    """Live people, "Name (Organisation)", and the `current` one even if archived since.
    `first` puts suggestions at the top; `listed` is the people as already read (two pickers of
    one dialog made from one query)."""
    first = list(first)
    chosen = {pid for _label, pid in first}

    def choices() -> Choices:
        return first + [c for c in ms.person_choices(db, include=current) if c[1] not in chosen]

    return picker(choices() if listed is None else listed, current, blank, choices, people_names(db))


def organisation_picker(db, current: int | None = None, blank: str | None = "(none)",
                        exclude: int | None = None) -> RecordCombo:
    """Live organisations (leaving out `exclude`), and the `current` one even if archived since."""

    def choices() -> Choices:
        return [c for c in ms.organisation_choices(db, include=current) if c[1] != exclude]

    return picker(choices(), current, blank, choices, organisation_names(db))


def group_picker(db, current: int | None = None, blank: str | None = None, exclude: int | None = None) -> RecordCombo:
    """Live groups (leaving out `exclude`, e.g. a group cannot report to itself), and the
    `current` one even if archived since."""

    def choices() -> Choices:
        return [c for c in ms.group_choices(db, include=current) if c[1] != exclude]

    return picker(choices(), current, blank, choices, group_names(db))


def people_names(db) -> Callable[[], Names]:
    """Each person's name, read when a picker first looks a typed name up."""
    return lambda: {p.id: (p.name,) for p in ms.list_people(db, include_archived=True)}


def organisation_names(db) -> Callable[[], Names]:
    """Each organisation's name, then its short name (as imports know them), read when needed."""
    return lambda: {o.id: (o.name, o.short_name) for o in ms.list_organisations(db, include_archived=True)}


def group_names(db) -> Callable[[], Names]:
    """Each group's name, read when needed."""
    return lambda: {g.id: (g.name,) for g in ms.list_groups(db, include_archived=True)}


def check_pick(c: Checker, combo: RecordCombo, field: str, what: str, required: bool) -> None:
    """`what` is the plural shown in messages: "people", "organisations", "groups"."""
    if combo.has_unknown_text():
        typed = combo.currentText().strip()
        if combo.names_several():
            c.add(field, f"More than one of the {what} in the list is called '{typed}': choose the one you mean "
                         "from the list")
        else:
            c.add(field, f"'{typed}' is not in the list of {what}: choose one from the list, or add the "
                         f"{_singular(what)} first")
    elif required and combo.current_id() is None:
        c.add(field, f"Choose the {_singular(what)} from the list")


def check_owner(c: Checker, person: RecordCombo, organisation: RecordCombo) -> None:
    """An owner, a person and/or an organisation (an action's, a decision's): each as typed must
    be one on the list; neither is required here (the gaps say when both are missing)."""
    check_pick(c, person, "owner_person_id", "people", required=False)
    check_pick(c, organisation, "owner_organisation_id", "organisations", required=False)


def _singular(what: str) -> str:
    """One of `what`: "categories" -> "category", "later meetings of the group" -> "later
    meeting of the group"."""
    head, of, rest = what.partition(" of ")
    *words, last = head.split(" ")
    if last == "people":
        last = "person"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s"):
        last = last[:-1]
    return " ".join([*words, last]) + of + rest


def new_organisation(db) -> Callable[[QWidget], QDialog]:
    """Opens the organisation dialog, to add the first organisation a list needs
    (`empty_choices.offer_to_add_first`); Memberships' own dialog, read when it opens."""

    def make(parent: QWidget) -> QDialog:
        from bscp_desktop.ui.memberships.dialogs import OrganisationDialog

        return OrganisationDialog(db, None, parent)

    return make


def new_person(db) -> Callable[[QWidget], QDialog]:
    """Opens the person dialog, to add the first person a list needs (as `new_organisation`)."""

    def make(parent: QWidget) -> QDialog:
        from bscp_desktop.ui.memberships.dialogs import PersonDialog

        return PersonDialog(db, None, parent)

    return make
