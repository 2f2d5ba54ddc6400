"""Agendas: items in order, the group's standing items, copying the last agenda."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bscp_desktop.db import engines, versions
from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, Group
from bscp_desktop.db.models.meetings import AgendaItem, Decision, Meeting, StandingItemTemplate
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import DEFAULT_STANDING_ITEMS, ItemKind, MeetingStatus, MinutesStatus, StandingItem, agenda_overrun
from bscp_desktop.domain.text import duration_words
from bscp_desktop.domain.validation import Checker, ValidationError, and_list
from bscp_desktop.services.common import assign, get_or_raise, read, unarchived
from bscp_desktop.services.history_names import record_names
from bscp_desktop.services.meetings.amendment_text import changes_text
from bscp_desktop.services.meetings.common import get_meeting_in, guard_approved, hold_meeting, item_dto, live_items, refuse_if_archived, refuse_if_called_off, renumber
from bscp_desktop.services.meetings.dtos import AgendaItemDTO, AgendaItemFields, MeetingDTO, StandingItemDTO


def check_agenda_item(f: AgendaItemFields) -> dict:
    c = Checker()
    # a title, presenter and paper reference on one line, as a standing item's title is: a title
    # pasted from a Word agenda with its paper under it is one line on the agenda and in the minutes
    title = c.name("title", f.title, "Title", 300)
    try:
        kind = ItemKind(f.kind)
    except ValueError:
        kind = ItemKind.ORDINARY
        c.add("kind", "Choose the kind of item from the list")
    if f.minutes_allotted is not None and not (0 <= f.minutes_allotted <= 600):
        c.add("minutes_allotted", "Time allowed must be from 0 to 600 minutes")
    summary = c.optional("key_focus_summary", f.key_focus_summary, "Key area of focus summary", 500)
    if "\n" in summary:
        summary = " ".join(summary.split())
    if f.key_focus and not summary:
        c.add("key_focus_summary", "Give a one-line summary of the key area of focus")
    values = {
        "title": title,
        "kind": kind.value,
        "presenter": c.optional_line("presenter", f.presenter, "Presenter", 200),
        "paper_ref": c.optional_line("paper_ref", f.paper_ref, "Paper reference", 100),
        "minutes_allotted": f.minutes_allotted,
        "confidential": bool(f.confidential),
        "key_focus": bool(f.key_focus),
        "key_focus_summary": summary,
    }
    c.raise_if_any()
    return values


def overrun_sentence(starts_at: datetime, ends_at: datetime | None, minutes: Iterable[int | None]) -> str:
    """How far agenda items timed `minutes` run past the meeting's end, in one sentence: "The
    items' times add up to 4 h 5 min; the meeting is 1 h (22:00 to 23:00): 3 h 5 min over."
    "" when they fit in the meeting, or it has no end time (`agenda_overrun`)."""
    over = agenda_overrun(starts_at, ends_at, minutes)
    if over is None or ends_at is None:
        return ""
    total, length, _first_late = over
    return (f"The items' times add up to {duration_words(total)}; the meeting is {duration_words(length)} "
            f"({starts_at:%H:%M} to {ends_at:%H:%M}): {duration_words(total - length)} over.")


def part_b_sentence(confidential: Sequence[bool]) -> str:
    """What the Agenda page says when a confidential item stands before open business, given
    whether each live item, in the agenda's order, is confidential: the printed agenda lists
    confidential items in Part B, after the open business, numbered as on the agenda and timed
    from there (`reports.agenda.printed_order`), so its numbers and times would not run in
    order. "" when every confidential item is at the end already."""
    last_open = max((n for n, secret in enumerate(confidential, 1) if not secret), default=0)
    early = [n for n, secret in enumerate(confidential, 1) if secret and n < last_open]
    if not early:
        return ""
    one = len(early) == 1
    which = f"Item {early[0]} is" if one else f"Items {and_list([str(n) for n in early])} are"
    it, its = ("it", "its") if one else ("them", "their")
    return (f"{which} confidential: the printed agenda lists {it} in Part B, after the open business, with {its} "
            f"times counted from there. Move {it} to the end of the agenda to keep the printed numbers in order.")


# Agenda fields that are part of the minutes; the key-area-of-focus flag and summary are
# reporting labels for the yearly report and may be set after approval.
_MINUTED_ITEM_FIELDS = ("title", "kind", "presenter", "paper_ref", "minutes_allotted", "confidential")


def _numbering_alone(session: Session, meeting_id: int) -> None:
    """Number the meeting's agenda one program at a time: two officers adding an item at the
    same moment would each give theirs the same number."""
    engines.decide_alone(session, f"meeting {meeting_id} agenda")


def _item_numbering_alone(session: Session, item_id: int) -> None:
    """`_numbering_alone` for the agenda holding the item, before the item is read."""
    meeting_id = session.scalar(select(AgendaItem.meeting_id).where(AgendaItem.id == item_id))
    if meeting_id is not None:
        _numbering_alone(session, meeting_id)


def end_of_kind(items: Sequence[AgendaItem], kind: str) -> int:
    """Where an item of `kind` goes at the end of the agenda `items`: before the any other
    business at its end (which stays last, as standing items and a copied agenda keep it),
    unless it is any other business itself."""
    end = len(items)
    if kind != ItemKind.AOB.value:
        while end and items[end - 1].kind == ItemKind.AOB.value:
            end -= 1
    return end


def _refuse_if_archived(meeting: Meeting) -> None:
    """The agenda of an archived meeting is not changed (it is out of view until restored)."""
    refuse_if_archived(meeting, "agenda", "change its agenda")


def agenda_in(session: Session, meeting_id: int, include_archived: bool = False) -> list[AgendaItemDTO]:
    q = select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
    q = unarchived(q, AgendaItem, include_archived)
    q = q.order_by(AgendaItem.archived_at.is_not(None), AgendaItem.position, AgendaItem.id)
    return [item_dto(i) for i in session.scalars(q)]


def list_agenda(db: Database, meeting_id: int, include_archived: bool = False) -> list[AgendaItemDTO]:
    return read(db, agenda_in, meeting_id, include_archived)


def get_agenda_item(db: Database, item_id: int) -> AgendaItemDTO:
    with db.unit_of_work() as session:
        return item_dto(get_or_raise(session, AgendaItem, item_id, "agenda item"))


def add_agenda_item(
    db: Database, meeting_id: int, fields: AgendaItemFields, reason: str | None = None, position: int | None = None
) -> AgendaItemDTO:
    """Add an item at the end of the agenda, before any other business (or at `position`,
    1-based). For approved minutes the amendment is recorded against the new item, so a
    confidential item's reason is left out of the minutes for circulation with the item."""
    values = check_agenda_item(fields)
    with db.unit_of_work() as session:
        _numbering_alone(session, meeting_id)
        meeting = hold_meeting(session, meeting_id)
        _refuse_if_archived(meeting)
        items = live_items(session, meeting_id)
        item = AgendaItem(meeting_id=meeting_id, position=len(items) + 1, **values)
        session.add(item)
        where = end_of_kind(items, item.kind) if position is None else max(0, min(position - 1, len(items)))
        items.insert(where, item)
        renumber(items)
        session.flush()  # the item's id, for its amendment
        guard_approved(session, meeting, reason, field="agenda", item_id=item.id, new=values["title"])
        return item_dto(item)


def update_agenda_item(db: Database, item_id: int, fields: AgendaItemFields, reason: str | None = None,
                       version: int | None = None) -> AgendaItemDTO:
    values = check_agenda_item(fields)
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        # refused only if someone changed what this saves: minutes taken meanwhile are theirs to keep
        opened = version if version is not None else versions.expected_version(item)
        versions.check(session, item, opened, fields=tuple(values))
        meeting = session.get(Meeting, item.meeting_id)
        changed = [k for k in _MINUTED_ITEM_FIELDS if getattr(item, k) != values[k]]
        if any(getattr(item, k) != v for k, v in values.items()):
            _refuse_if_archived(meeting)
        if changed:
            guard_approved(
                session, meeting, reason, field="agenda", item_id=item.id,
                old=changes_text(session, "agenda_item", {k: getattr(item, k) for k in changed}),
                new=changes_text(session, "agenda_item", {k: values[k] for k in changed}),
            )
        assign(item, values)
        session.flush()
        return item_dto(item)


def set_key_focus(db: Database, item_id: int, key_focus: bool, summary: str = "") -> AgendaItemDTO:
    """Flag an item as a key area of focus (for the yearly report), even after approval."""
    c = Checker()
    text = " ".join(c.optional("key_focus_summary", summary, "Key area of focus summary", 500).split())
    if key_focus and not text:
        c.add("key_focus_summary", "Give a one-line summary of the key area of focus")
    c.raise_if_any()
    with db.unit_of_work() as session:
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.key_focus != key_focus:
            item.key_focus = key_focus
        if item.key_focus_summary != text:
            item.key_focus_summary = text
        session.flush()
        return item_dto(item)


def move_agenda_item(db: Database, item_id: int, steps: int, reason: str | None = None) -> list[AgendaItemDTO]:
    """Move an item up (negative) or down (positive) the agenda; returns the new order."""
    with db.unit_of_work() as session:
        _item_numbering_alone(session, item_id)
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        items = live_items(session, item.meeting_id)
        if item not in items:
            raise ValidationError({"agenda": "An archived item cannot be moved; restore it first"})
        old = items.index(item)
        new = max(0, min(len(items) - 1, old + steps))
        if new != old:
            meeting = session.get(Meeting, item.meeting_id)
            _refuse_if_archived(meeting)
            guard_approved(session, meeting, reason, field="agenda", item_id=item.id,
                   old=f"position {old + 1}", new=f"position {new + 1}")
            items.insert(new, items.pop(old))
            renumber(items)
        session.flush()
        return [item_dto(i) for i in items]


def reorder_agenda(db: Database, meeting_id: int, item_ids: Sequence[int], reason: str | None = None) -> list[AgendaItemDTO]:
    """Put the agenda in the given order (for drag and drop). Every live item must be listed once."""
    with db.unit_of_work() as session:
        _numbering_alone(session, meeting_id)
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        items = live_items(session, meeting_id)
        by_id = {i.id: i for i in items}
        if sorted(item_ids) != sorted(by_id):
            raise ValidationError({"agenda": "The new order must list every item of the agenda once"})
        if list(item_ids) != [i.id for i in items]:
            _refuse_if_archived(meeting)
            # recorded against a confidential item whose place changes, so the reason is left
            # out of the minutes for circulation with it
            moved = [by_id[i] for i, was in zip(item_ids, items, strict=True) if i != was.id]
            secret = next((i.id for i in moved if i.confidential), None)
            guard_approved(session, meeting, reason, field="agenda", item_id=secret, old="order changed",
                           new="order changed")
            ordered = [by_id[i] for i in item_ids]
            renumber(ordered)
            items = ordered
        session.flush()
        return [item_dto(i) for i in items]


def archive_agenda_item(db: Database, item_id: int, reason: str | None = None) -> None:
    """Take an item off the agenda. It stays in the records (with its minutes) and can be restored."""
    with db.unit_of_work() as session:
        _item_numbering_alone(session, item_id)
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.archived_at is not None:
            return
        meeting = session.get(Meeting, item.meeting_id)
        _refuse_if_archived(meeting)
        held = _recorded_against(session, item.id)
        if held:
            raise ValidationError({"agenda": f"The item '{item.title}' holds {held}, which the minutes show under it: "
                                             "withdraw or archive them first, or keep the item"})
        guard_approved(session, meeting, reason, field="agenda", item_id=item.id, old=item.title, new="(removed)")
        item.archived_at = utcnow()
        session.flush()
        renumber(live_items(session, item.meeting_id))


def _recorded_against(session: Session, item_id: int) -> str:
    """'1 decision and 2 actions' recorded against the item (not withdrawn or archived), or ''."""
    counts = [(session.scalar(select(func.count()).select_from(model).where(
        model.agenda_item_id == item_id, model.archived_at.is_(None))) or 0, noun)
        for model, noun in ((Decision, "decision"), (Action, "action"))]
    held = [f"{n} {noun}{'s' if n != 1 else ''}" for n, noun in counts if n]
    return and_list(held) if held else ""


def restore_agenda_item(db: Database, item_id: int, reason: str | None = None) -> AgendaItemDTO:
    """Put an archived item back, at the end of the agenda (before any other business). An item
    holding minutes (or decisions or actions) does not come back to a meeting marked cancelled
    or postponed, as they are not typed or recorded there; an empty one may, as an item may be
    added to such a meeting's agenda (what was planned for it)."""
    with db.unit_of_work() as session:
        _item_numbering_alone(session, item_id)
        item = get_or_raise(session, AgendaItem, item_id, "agenda item")
        if item.archived_at is None:
            return item_dto(item)
        meeting = session.get(Meeting, item.meeting_id)
        _refuse_if_archived(meeting)
        held = (["minutes"] if (item.minutes or "").strip() else []) + ([recorded] if (
            recorded := _recorded_against(session, item.id)) else [])
        if held:
            refuse_if_called_off(meeting, "agenda", f"restore the item '{item.title}', which holds {and_list(held)}")
        guard_approved(session, meeting, reason, field="agenda", item_id=item.id, old="(removed)", new=item.title)
        items = live_items(session, item.meeting_id)
        item.archived_at = None
        items.insert(end_of_kind(items, item.kind), item)
        renumber(items)
        session.flush()
        return item_dto(item)


# -- standing items


def _template(session: Session, group_id: int) -> list[StandingItem]:
    """The group's standing items: the program's default set until the team sets its own. Any
    row, archived ones too, says the team has set its own list, which may be empty."""
    rows = session.scalars(
        select(StandingItemTemplate)
        .where(StandingItemTemplate.group_id == group_id)
        .order_by(StandingItemTemplate.position, StandingItemTemplate.id)
    ).all()
    if not rows:
        return list(DEFAULT_STANDING_ITEMS)
    return [StandingItem(r.title, ItemKind(r.kind), r.minutes_allotted) for r in rows if r.archived_at is None]


def list_standing_items(db: Database, group_id: int) -> list[StandingItemDTO]:
    """The group's standing items (the program's default set until the team sets its own)."""
    with db.unit_of_work() as session:
        get_or_raise(session, Group, group_id, "group")
        return [StandingItemDTO(n, s.kind, s.title, s.minutes_allotted) for n, s in enumerate(_template(session, group_id), 1)]


class StandingItemsChanged(ValidationError):
    """A group's standing items saved by someone else after the officer opened them: nothing was
    written. `now`: the list as it is now, which a second save deliberately replaces."""

    def __init__(self, group_name: str, now: list[StandingItemDTO]):
        self.now = now
        listed = "; ".join(s.title for s in now) or "none"
        super().__init__({"items": (
            f"Someone else changed the standing items of {group_name} after you opened them, so your list has not "
            f"been saved. Their list is now: {listed}. Press Save again to replace it with yours, or Cancel to keep theirs")})


def _as_listed(items: Sequence[StandingItem | StandingItemDTO]) -> list[tuple[str, str, int | None]]:
    return [(s.title, ItemKind(s.kind).value, s.minutes_allotted) for s in items]


def set_standing_items(db: Database, group_id: int, items: Sequence[StandingItem],
                       base: Sequence[StandingItem | StandingItemDTO] | None = None) -> list[StandingItemDTO]:
    """Replace a group's standing items (old rows are archived, so the history keeps them). An
    empty list leaves the group with none: new meetings start with an empty agenda. With `base`
    (the list the officer started from), refused with StandingItemsChanged if someone else has
    saved the group's list since: the second of two officers never replaces the first's unseen."""
    c = Checker()
    cleaned: list[StandingItem] = []
    first: dict[str, int] = {}  # each title once: a new meeting would have the item twice
    for n, s in enumerate(items, 1):
        title = c.name(f"item_{n}", s.title, f"Title of standing item {n}", 300)
        if title and first.setdefault(title.casefold(), n) != n:
            c.add(f"item_{n}", f"Standing item {n}, '{title}', repeats item {first[title.casefold()]}: list it once")
        try:
            kind = ItemKind(s.kind)
        except ValueError:
            kind = ItemKind.ORDINARY
            c.add(f"item_{n}", f"Standing item {n} has an unknown kind")
        if s.minutes_allotted is not None and not (0 <= s.minutes_allotted <= 600):
            c.add(f"item_{n}", f"Time allowed for standing item {n} must be from 0 to 600 minutes")
        cleaned.append(StandingItem(title, kind, s.minutes_allotted))
    c.raise_if_any()
    with db.unit_of_work() as session:
        group = get_or_raise(session, Group, group_id, "group")
        engines.decide_alone(session, f"group {group_id} standing items")
        if base is not None and _as_listed(held := _template(session, group_id)) != _as_listed(base):
            raise StandingItemsChanged(group.name, [StandingItemDTO(n, s.kind, s.title, s.minutes_allotted)
                                                    for n, s in enumerate(held, 1)])
        now = utcnow()
        live = list(session.scalars(select(StandingItemTemplate).where(
            StandingItemTemplate.group_id == group_id, StandingItemTemplate.archived_at.is_(None))))
        ever = session.scalar(select(StandingItemTemplate.id).where(StandingItemTemplate.group_id == group_id).limit(1))
        if not cleaned and ever is None:
            # emptying the program's defaults: they are recorded as the group's own and taken off
            # at once, so the group keeps its empty list (and the history says so)
            live = [StandingItemTemplate(group_id=group_id, position=n, kind=s.kind.value, title=s.title,
                                         minutes_allotted=s.minutes_allotted)
                    for n, s in enumerate(DEFAULT_STANDING_ITEMS, 1)]
            session.add_all(live)
            session.flush()
        for row in live:
            row.archived_at = now
        for n, s in enumerate(cleaned, 1):
            session.add(
                StandingItemTemplate(
                    group_id=group_id, position=n, kind=s.kind.value, title=s.title, minutes_allotted=s.minutes_allotted
                )
            )
        session.flush()
        return [StandingItemDTO(n, s.kind, s.title, s.minutes_allotted) for n, s in enumerate(cleaned, 1)]


def _title_key(title: str) -> str:
    """An item's title as compared with the agenda's: case and spacing aside."""
    return " ".join(title.split()).casefold()


def _already_on(items: Sequence[AgendaItem]):
    """Whether an item of a kind and title is on the agenda `items` already: the one item of
    its kind (welcome, any other business, ...), or an ordinary item of the same title."""
    have_kinds = {i.kind for i in items if i.kind != ItemKind.ORDINARY.value}
    have_titles = {_title_key(i.title) for i in items}

    def present(kind: str, title: str) -> bool:
        return kind in have_kinds if kind != ItemKind.ORDINARY.value else _title_key(title) in have_titles

    return present


def _missing_standing_items(session: Session, meeting: Meeting) -> list[StandingItem]:
    """The group's standing items the meeting's agenda does not have yet."""
    present = _already_on(live_items(session, meeting.id))
    return [s for s in _template(session, meeting.group_id) if not present(s.kind.value, s.title)]


def add_standing_items_in(session: Session, meeting: Meeting) -> int:
    """Add the group's standing items the agenda does not have yet, each where the group's order
    puts it among the standing items on it (`_merged`); returns how many were added."""
    items = live_items(session, meeting.id)
    present = _already_on(items)
    template = _template(session, meeting.group_id)
    added = {
        n: AgendaItem(meeting_id=meeting.id, kind=s.kind.value, title=s.title, minutes_allotted=s.minutes_allotted,
                      position=0)
        for n, s in enumerate(template) if not present(s.kind.value, s.title)
    }
    session.add_all(added.values())
    renumber(_merged(items, template, added))
    session.flush()
    return len(added)


def apply_standing_items(db: Database, meeting_id: int, reason: str | None = None) -> int:
    """Add the group's standing items the agenda does not have yet, in the group's order among
    the standing items on it; the items on it keep their order, any other business stays last
    (`add_standing_items_in`). Returns how many were added: 0 when all are on it, with no
    reason asked for and no amendment recorded for approved minutes. Refused for a group with
    no standing items."""
    with db.unit_of_work() as session:
        _numbering_alone(session, meeting_id)
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        if not _template(session, meeting.group_id):
            group = session.get(Group, meeting.group_id)
            raise ValidationError({"agenda": f"{group.name} has no standing items, so there is nothing to add: "
                                             "list them under Standing items… first"})
        if not _missing_standing_items(session, meeting):  # checked before approved minutes record an amendment
            return 0
        _refuse_if_archived(meeting)
        guard_approved(session, meeting, reason, field="agenda", new="standing items added")
        return add_standing_items_in(session, meeting)


def _merged(items: list[AgendaItem], source: Sequence[AgendaItem | StandingItem],
            copies: dict[int, AgendaItem]) -> list[AgendaItem]:
    """The agenda `items` with the copies of `source` items (`copies`, by their place in
    `source`, from 0) fitted in, the order of `source` kept: each copy goes just after the item
    the one before it in `source` became here (the first at the top), and the items already on
    the agenda keep their order, as the officer left it. Any other business stays last: a copy
    of it goes at the end, and another copy that would follow it goes just before it."""
    aob = ItemKind.AOB.value
    kinds = {i.kind: i for i in reversed(items) if i.kind != ItemKind.ORDINARY.value}
    titles = {_title_key(i.title): i for i in reversed(items)}
    result = list(items)
    last: AgendaItem | None = None  # what the source item before became on this agenda
    for n, s in enumerate(source):
        copy = copies.get(n)
        if copy is None:  # on this agenda already (see `_already_on`)
            last = kinds.get(s.kind) if s.kind != ItemKind.ORDINARY.value else titles.get(_title_key(s.title))
            continue
        if copy.kind == aob:
            where = len(result)
        else:
            where = result.index(last) + 1 if last is not None else 0
            while where and result[where - 1].kind == aob:
                where -= 1
        result.insert(where, copy)
        last = copy
    return result


def copy_refusal(status: MeetingStatus, minutes: MinutesStatus, circulated_on: date | None) -> str:
    """Why the last agenda is not copied into a meeting of `status` whose minutes are at
    `minutes` (circulated on `circulated_on`), in a sentence; "" where it is. Copying a whole
    agenda plans a meeting: one called off is not planned any more, and one that took place
    keeps the agenda it met with, so items it never discussed are not added to its minutes (a
    single missing item can still be added). Approved minutes are the exception: every change
    to them is an amendment whose reason is kept and printed with them, so an agenda left off
    their record can be put back that way."""
    if minutes is MinutesStatus.APPROVED:
        return ""
    if status.called_off:
        return (f"This meeting is marked {status.label.lower()}, so it did not take place: copying the last agenda "
                "is for planning a meeting still to come.")
    if minutes is MinutesStatus.CIRCULATED:
        on = f" on {format_date(circulated_on)}" if circulated_on else ""
        return (f"The minutes of this meeting were circulated{on}: copying the last agenda would add items that were "
                "not discussed or minuted. Add a missing item with New agenda item instead.")
    if status is MeetingStatus.HELD:
        return ("This meeting is marked held: copying the last agenda is for planning a meeting, and would add "
                "items that were not discussed. Add a missing item with New agenda item instead.")
    return ""


def _copies(session: Session, meeting: Meeting) -> tuple[Meeting, list[AgendaItem], list[AgendaItem], dict[int, AgendaItem]]:
    """What copying the last agenda into `meeting` takes and gives: (the group's last earlier
    meeting with an agenda, this agenda's live items, that agenda's, the new items by their
    place in it). Refused, saying why, where the meeting takes no copy (`copy_refusal`), there
    is no earlier agenda, or everything on it is here already."""
    why = copy_refusal(MeetingStatus(meeting.status), MinutesStatus(meeting.minutes_status),
                       meeting.minutes_circulated_on)
    if why:
        raise ValidationError({"agenda": why})
    has_items = (
        select(AgendaItem.id)
        .where(AgendaItem.meeting_id == Meeting.id, AgendaItem.archived_at.is_(None))
        .exists()
    )
    source = session.scalar(
        select(Meeting)
        .where(
            Meeting.group_id == meeting.group_id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.archived_at.is_(None),
            Meeting.id != meeting.id,
            has_items,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    )
    if source is None:
        group = session.get(Group, meeting.group_id)
        raise ValidationError({"agenda": f"There is no earlier meeting of {group.name} with an agenda to copy"})
    items = live_items(session, meeting.id)
    present = _already_on(items)
    source_items = live_items(session, source.id)
    copies = {
        n: AgendaItem(
            meeting_id=meeting.id, kind=s.kind, title=s.title, presenter=s.presenter,
            minutes_allotted=s.minutes_allotted, confidential=s.confidential, position=0,
        )
        for n, s in enumerate(source_items) if not present(s.kind, s.title)
    }
    if not copies:  # refused before an approved agenda records an amendment that changed nothing
        raise ValidationError({"agenda": f"Every item on the agenda of {format_date(source.starts_at.date())} "
                                         "is on this one already: there is nothing to copy"})
    return source, items, source_items, copies


def last_agenda_to_copy(db: Database, meeting_id: int) -> tuple[int, MeetingDTO]:
    """How many items `copy_last_agenda` would add to the meeting's agenda, and the meeting
    they come from, changing nothing; refused as it would be."""
    with db.unit_of_work() as session:
        source, _items, _source_items, copies = _copies(session, get_or_raise(session, Meeting, meeting_id, "meeting"))
        return len(copies), get_meeting_in(session, source.id)


def copy_last_agenda(db: Database, meeting_id: int, reason: str | None = None) -> tuple[int, MeetingDTO]:
    """Copy the agenda of the group's last earlier meeting (titles, presenters, times and
    flags; not minutes, papers or key areas of focus). Items already on this agenda (the one
    item of a kind such as the welcome, or an item of the same title) are not repeated.
    Refused for a meeting called off or held, unless its minutes are approved (`copy_refusal`).
    For approved minutes, a copy holding a confidential item records its amendment against
    that item, so the reason is left out of the minutes for circulation with it.
    Returns (items copied, the meeting copied from)."""
    with db.unit_of_work() as session:
        _numbering_alone(session, meeting_id)
        meeting = hold_meeting(session, meeting_id)  # its minutes' status as it stands now
        source, items, source_items, copies = _copies(session, meeting)
        copied = list(copies.values())
        _refuse_if_archived(meeting)
        for item in copied:
            session.add(item)
        renumber(_merged(items, source_items, copies))
        session.flush()  # the copies' ids, for the amendment
        secret = next((item.id for item in copied if item.confidential), None)
        guard_approved(session, meeting, reason, field="agenda", item_id=secret,
                       new=f"agenda copied from {record_names(session, 'meeting', {source.id})[source.id]}")
        return len(copied), get_meeting_in(session, source.id)
