"""Meetings and series of meetings: create, change, archive, list."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from types import SimpleNamespace

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from bscp_desktop.db.database import Database
from bscp_desktop.db.models import Action, ActionUpdate, Group, Person
from bscp_desktop.db.models.meetings import AgendaItem, Attendance, Decision, Meeting, MeetingSeries
from bscp_desktop.domain.dates import format_date, missing_local_time
from bscp_desktop.domain.meetings import AttendanceStatus, MeetingKind, MeetingStatus, MinutesStatus, approval_problem, circulation_problem, describe_series, held_problem, series_meeting_days
from bscp_desktop.domain.validation import Checker, ValidationError, and_list
from bscp_desktop.services.action_rules import dated_name, first_few
from bscp_desktop.services.actions import update_before_raised
from bscp_desktop.services.case_review_meetings import archiving_problem, follow_moved_meeting, moved_cases_problem, not_held_problem
from bscp_desktop.services.common import archivers, assign, chosen, equal_where_given, get_or_raise, get_to_change, on_days, only_ids, unarchived
from bscp_desktop.services.meetings.agenda import add_standing_items_in
from bscp_desktop.services.meetings.amendment_text import changes_text
from bscp_desktop.services.meetings.common import get_meeting_in, guard_approved, meeting_dto, meetings_query
from bscp_desktop.services.meetings.dtos import MeetingDTO, MeetingFields, SeriesDTO, SeriesFields
from bscp_desktop.services.meetings.minutes import circulated_with_approval, says_not_held
from bscp_desktop.services.memberships.memberships import held_seat_on


def get_meeting(db: Database, meeting_id: int) -> MeetingDTO:
    with db.unit_of_work() as session:
        return get_meeting_in(session, meeting_id)


def find_meeting(db: Database, text: str | int) -> MeetingDTO:
    """A meeting by id, or the way officers name it: its group and date ("Executive Group
    14/03/2024", "Executive Group, 14 March 2024"); the group's short name or other words of
    its name are not guessed. NotFoundError in one sentence otherwise."""
    import re

    from bscp_desktop.domain.dates import parse_date_entry
    from bscp_desktop.domain.validation import NotFoundError
    from bscp_desktop.services.common import same_words

    given = str(text).strip()
    if isinstance(text, int) or given.isdigit():
        with db.unit_of_work() as session:
            if session.get(Meeting, int(given)) is None:
                raise NotFoundError(f"There is no meeting {given}.")
            return get_meeting_in(session, int(given))
    # the words of the date are split at commas too ("14 March, 2024"); the group's name keeps
    # its own commas, less the one separating it from the date ("Executive Group, 14/03/2024")
    words = list(re.finditer(r"[^\s,]+", given))
    for n in (1, 2, 3):  # "14/03/2024", "March 2024"-style dates are 1 to 3 words
        if len(words) <= n:
            break
        try:
            day = parse_date_entry(" ".join(w.group() for w in words[-n:]))
        except ValueError:
            continue
        named = given[:words[-n].start()].rstrip()
        named = " ".join(named.removesuffix(",").split())
        with db.unit_of_work() as session:
            ids = list(session.scalars(
                select(Meeting.id).join(Group, Meeting.group_id == Group.id).where(
                    Meeting.archived_at.is_(None), *on_days(Meeting.starts_at, day, day),
                ).where(same_words(Group.name, named))
            ))
            if len(ids) == 1:
                return get_meeting_in(session, ids[0])
            if len(ids) > 1:
                raise NotFoundError(
                    f"The {named} met more than once on {day:%d/%m/%Y}: give the meeting's id "
                    f"({', '.join(str(i) for i in sorted(ids))})."
                )
        raise NotFoundError(f"There is no meeting of '{named}' on {day:%d/%m/%Y}.")
    raise NotFoundError(
        f"'{given}' is not a meeting: give its id, or its group and date, e.g. \"Executive Group 21/03/2024\"."
    )


def check_meeting_fields(session: Session, f: MeetingFields, meeting: Meeting | None = None) -> dict:
    c = Checker()
    title = c.name("title", f.title, "Title")  # on one line, as a group's name is
    try:
        kind = MeetingKind(f.kind)
    except ValueError:
        kind = MeetingKind.ORDINARY
        c.add("kind", "Choose the kind of meeting from the list")
    try:
        status = MeetingStatus(f.status)
    except ValueError:
        status = MeetingStatus.PLANNED
        c.add("status", "Choose the status from the list")
    _live_group(c, session, f.group_id, kept=meeting.group_id if meeting is not None else None)
    if f.starts_at is None:
        c.add("starts_at", "Date and start time are required")
    for field, when in (("starts_at", f.starts_at), ("ends_at", f.ends_at)):
        if problem := missing_local_time(when):
            c.add(field, problem)
    if f.starts_at is not None and f.ends_at is not None and f.ends_at <= f.starts_at:
        c.add("ends_at", f"The end ({f.ends_at:%H:%M}) must be after the start ({f.starts_at:%H:%M})")
    if f.starts_at is not None and status is MeetingStatus.HELD:
        problem = held_problem(f.starts_at.date(), date.today())
        if problem:
            c.add("status", problem)
    for field, pid, label in (
        ("chair_person_id", f.chair_person_id, "chair"),
        ("minute_taker_person_id", f.minute_taker_person_id, "minute-taker"),
    ):
        if pid is not None and session.get(Person, pid) is None:
            c.add(field, f"Choose the {label} from the list of people")
    values = {
        "group_id": f.group_id,
        "title": title,
        "kind": kind.value,
        "starts_at": f.starts_at.replace(second=0, microsecond=0) if f.starts_at else None,
        "ends_at": f.ends_at.replace(second=0, microsecond=0) if f.ends_at else None,
        "place": c.optional("place", f.place, "Place", 300),
        "online_link": c.web_address("online_link", f.online_link, "Online link"),
        "status": status.value,
        "chair_person_id": f.chair_person_id,
        "minute_taker_person_id": f.minute_taker_person_id,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
        "key_focus": "\n".join(
            line.strip() for line in c.optional("key_focus", f.key_focus, "Key areas of focus", 2000).splitlines()
            if line.strip()
        ),
    }
    moved = meeting is None or (meeting.group_id, meeting.starts_at) != (f.group_id, values["starts_at"])
    if values["starts_at"] is not None and "group_id" not in c.errors and moved:
        if clash := _same_start(session, f.group_id, values["starts_at"], meeting.id if meeting else None):
            c.add("starts_at", clash)
    c.raise_if_any()
    return values


def _live_group(c: Checker, session: Session, group_id: int | None, kept: int | None = None) -> None:
    """The group that meets: chosen from the list, and not archived (unless the meeting already
    belongs to it, `kept`: a change elsewhere in the meeting is still saved)."""
    chosen(c, session, Group, "group_id", group_id, "Choose the group that meets from the list", "group that meets",
           archived="{name} is archived: restore it before planning its meetings", kept=kept)


def _restorable_meeting(session: Session, meeting: Meeting) -> None:
    """An archived meeting comes back only where a new one could be planned: while its group is
    not archived, and no other meeting of the group (not archived) starts at the same time."""
    c = Checker()
    _live_group(c, session, meeting.group_id)
    if "group_id" not in c.errors and (clash := _same_start(session, meeting.group_id, meeting.starts_at, meeting.id)):
        c.add("starts_at", clash)
    c.raise_if_any()


def _group_name(session: Session, group_id: int) -> str:
    group = session.get(Group, group_id)
    return group.name if group is not None else "The group"


def _same_start(session: Session, group_id: int, starts_at: datetime, meeting_id: int | None) -> str:
    """Why a meeting of the group cannot start then: another of its meetings (not archived)
    starts at the same time, so it could not be told apart; '' when none does."""
    other = session.scalar(select(Meeting.title).where(
        Meeting.group_id == group_id, Meeting.starts_at == starts_at, Meeting.archived_at.is_(None),
        Meeting.id != (meeting_id or 0)).limit(1))
    if other is None:
        return ""
    return (f"{_group_name(session, group_id)} already has a meeting at {starts_at:%H:%M} on {starts_at:%d/%m/%Y} "
            f"('{other}'): change that one, or choose another time")


def _days_met(session: Session, group_id: int, days: Sequence[date]) -> str:
    """Why a series cannot give the group meetings on `days`: those of them on which it already
    has a meeting (not archived), the first few named; '' when none."""
    if not days:
        return ""
    starts = session.scalars(select(Meeting.starts_at).where(
        Meeting.group_id == group_id, Meeting.archived_at.is_(None), *on_days(Meeting.starts_at, min(days), max(days))))
    wanted = set(days)
    met = sorted({s.date() for s in starts} & wanted)
    if not met:
        return ""
    named = [f"{d:%d/%m/%Y}" for d in met[:4]] if len(met) <= 4 else [*(f"{d:%d/%m/%Y}" for d in met[:3]),
                                                                      f"{len(met) - 3} more days"]
    return (f"{_group_name(session, group_id)} already has a meeting on {and_list(named)}: the series would give it a second "
            f"meeting on {'that day' if len(met) == 1 else 'those days'}. Change the rule or the year, or archive "
            f"{'that meeting' if len(met) == 1 else 'those meetings'} first")


def _approval_problems(session: Session, meeting: Meeting, group_id: int, starts_at: datetime,
                       status: str) -> dict[str, str]:
    """A change that would break an approval of minutes: the meeting that approved another's
    minutes stays a later, held meeting of the same group (not before their circulation, unless
    that date only followed the approval's, `minutes.circulated_with_approval`), and a meeting
    whose minutes were approved at another stays before it, in its group."""
    problems: dict[str, str] = {}
    approved = session.scalars(select(Meeting).where(Meeting.approved_at_meeting_id == meeting.id,
                                                     Meeting.id != meeting.id)).all()
    for other in sorted(approved, key=lambda m: m.starts_at, reverse=True):
        whose = f"It approved the minutes of the meeting of {other.starts_at:%d/%m/%Y}"
        if group_id != other.group_id:
            problems.setdefault("group_id", f"{whose}: it stays a meeting of the same group")
        if starts_at <= other.starts_at:
            problems.setdefault("starts_at", f"{whose}, so it cannot be on or before that day")
        elif (other.minutes_circulated_on is not None and starts_at.date() < other.minutes_circulated_on
              and not circulated_with_approval(session, other)):
            problems.setdefault("starts_at", f"{whose}, which were circulated on {other.minutes_circulated_on:%d/%m/%Y}: "
                                             f"it cannot be on {starts_at:%d/%m/%Y}, before they were circulated")
        elif starts_at.date() > date.today():
            problems.setdefault("starts_at", f"{whose}, so it has taken place: it cannot move to a day still to come")
        if says_not_held(meeting, starts_at.date(), status):
            problems.setdefault("status", f"{whose}, so it took place: it cannot be marked "
                                          f"{MeetingStatus(status).label.lower()}")
    approver = session.get(Meeting, meeting.approved_at_meeting_id) if meeting.approved_at_meeting_id else None
    if approver is not None and approver.id != meeting.id:
        whose = f"Its minutes were approved at the meeting of {approver.starts_at:%d/%m/%Y}"
        if group_id != approver.group_id:
            problems.setdefault("group_id", f"{whose}: it stays a meeting of that group")
        if starts_at >= approver.starts_at:
            problems.setdefault("starts_at", f"{whose}, so it must be before that meeting")
    return problems


def _minutes_problems(meeting: Meeting, starts_at: datetime, status: str) -> dict[str, str]:
    """A new day or status that would make the meeting's own minutes untrue: minutes circulated
    or approved on a day are of a meeting that took place by then (the rules checked when they
    were circulated or approved)."""
    minutes = MinutesStatus(meeting.minutes_status)
    marked = [("approved", meeting.minutes_approved_on, approval_problem)] if minutes is MinutesStatus.APPROVED else []
    if minutes is not MinutesStatus.DRAFT:
        marked.append(("circulated", meeting.minutes_circulated_on, circulation_problem))
    day, new_status, today = starts_at.date(), MeetingStatus(status), date.today()
    problems: dict[str, str] = {}
    for what, on, rule in marked:
        if on is None:
            continue
        whose = f"Its minutes were {what} on {on:%d/%m/%Y}"
        if status != meeting.status and says_not_held(meeting, day, status):
            problems.setdefault("status", f"{whose}, so it took place: it cannot be marked {new_status.label.lower()}")
        if rule(day, new_status, on, today) is not None and day != meeting.starts_at.date() and on < day:
            problems.setdefault("starts_at", f"{whose}, so the meeting cannot be after that day")
    return problems


def _recorded_problem(session: Session, meeting: Meeting, status: str) -> dict[str, str]:
    """A meeting with decisions, actions, typed minutes or people in the room took place: it
    is not marked cancelled or postponed until they are taken off, naming them."""
    new_status = MeetingStatus(status)
    if status == meeting.status or not new_status.called_off:
        return {}
    decisions, actions = _count(session, Decision, meeting.id), _count(session, Action, meeting.id)
    minuted = sum(1 for text in session.scalars(select(AgendaItem.minutes).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.archived_at.is_(None))) if (text or "").strip())
    in_room = session.scalar(select(func.count()).select_from(Attendance).where(
        Attendance.meeting_id == meeting.id, Attendance.archived_at.is_(None),
        Attendance.status.in_([s.value for s in AttendanceStatus if s.in_the_room]))) or 0
    held = [f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in ((decisions, "decision"), (actions, "action")) if n]
    if minuted:
        held.append(f"minutes typed under {minuted} agenda item{'' if minuted == 1 else 's'}")
    if in_room:
        held.append(f"{in_room} {'person' if in_room == 1 else 'people'} marked present (in person, by deputy or "
                    "as a guest) on its register")
    if not held:
        return {}
    withdrawn = [noun for n, noun in ((decisions, "decisions"), (actions, "actions")) if n]
    to_do = [f"withdraw the {and_list(withdrawn)}"] if withdrawn else []
    to_do += ["clear the minutes"] if minuted else []
    to_do += ["mark those people absent or take them off the register"] if in_room else []
    return {"status": f"This meeting has {and_list(held)}, so it took place: it cannot be marked "
                      f"{new_status.label.lower()}. First {and_list(to_do)}"}


def _count(session: Session, model, meeting_id: int) -> int:
    """How many records of `model` (not archived) the meeting holds."""
    return session.scalar(select(func.count()).select_from(model).where(
        model.meeting_id == meeting_id, model.archived_at.is_(None))) or 0


def move_actions_problem(session: Session, meeting: Meeting, starts_at: datetime) -> dict[str, str]:
    """An action raised at a meeting is not due or done before the meeting's day, nor updated
    before it (`actions.update_before_raised`), nor is a decision recorded at it due before it: a
    move to a later day that would leave one so is refused, naming them."""
    day, was = starts_at.date(), meeting.starts_at.date()
    if day <= was:
        return {}
    actions = session.scalars(select(Action).where(
        Action.meeting_id == meeting.id, Action.archived_at.is_(None),
        or_(and_(Action.due_date >= was, Action.due_date < day),
            and_(Action.completed_on >= was, Action.completed_on < day)),
    ).order_by(Action.id)).all()
    decisions = session.scalars(select(Decision).where(
        Decision.meeting_id == meeting.id, Decision.archived_at.is_(None),
        Decision.due_date >= was, Decision.due_date < day,
    ).order_by(Decision.id)).all()
    updates: dict[int, tuple[str, list[tuple[str, date]]]] = {}  # the updates a move would leave before their action
    for action_id, text, on in session.execute(select(Action.id, Action.description, ActionUpdate.on).join(
            ActionUpdate, ActionUpdate.action_id == Action.id).where(Action.meeting_id == meeting.id,
            Action.archived_at.is_(None)).order_by(Action.id, ActionUpdate.on, ActionUpdate.id)):
        if update_before_raised(on, day) and not update_before_raised(on, was):
            updates.setdefault(action_id, (text, []))[1].append(("update", on))
    sentences = []
    if actions:
        one = len(actions) == 1
        named = [dated_name(a.description, [("due", a.due_date), ("done", a.completed_on)], was, day)
                 for a in actions]
        sentences.append(f"{'An action' if one else f'{len(actions)} actions'} raised at this meeting would be due "
                         f"or done before {day:%d/%m/%Y}: {first_few(named)}. Change {'it' if one else 'them'} first")
    if updates:
        one, first = len(updates) == 1, min(dates[0][1] for _, dates in updates.values())
        named = [dated_name(text, dates, was, day) for text, dates in updates.values()]
        sentences.append(f"{'An action' if one else f'{len(updates)} actions'} raised at this meeting would have been "
                         f"updated before {day:%d/%m/%Y}, the day {'it was' if one else 'they were'} raised: "
                         f"{first_few(named)}. Progress updates are kept as written: move the meeting to "
                         f"{first:%d/%m/%Y} or earlier, or withdraw {'that action' if one else 'those actions'} first")
    if decisions:
        one = len(decisions) == 1
        named = [dated_name(d.text, [("due", d.due_date)], was, day) for d in decisions]
        sentences.append(f"{'A decision' if one else f'{len(decisions)} decisions'} recorded at this meeting would "
                         f"be due before {day:%d/%m/%Y}: {first_few(named)}. Change {'it' if one else 'them'} first")
    return {"starts_at": ". ".join(sentences)} if sentences else {}


def move_register_problem(session: Session, meeting: Meeting, group_id: int, starts_at: datetime) -> dict[str, str]:
    """The register lists the members of the group on the meeting's day: a move (to another
    day or group) after which people expected on it would not be members then is refused,
    naming them, until they are taken off it."""
    day = starts_at.date()
    if (group_id, day) == (meeting.group_id, meeting.starts_at.date()):
        return {}
    people = session.scalars(select(Person).join(Attendance, Attendance.person_id == Person.id).where(
        Attendance.meeting_id == meeting.id, Attendance.archived_at.is_(None), Attendance.expected.is_(True),
    ).order_by(Person.name, Person.id)).all()
    gone = [p.name for p in people if held_seat_on(session, p, meeting.group_id, meeting.starts_at.date())
            and not held_seat_on(session, p, group_id, day)]
    if not gone:
        return {}
    one = len(gone) == 1
    field = "starts_at" if day != meeting.starts_at.date() else "group_id"
    return {field: f"{'A person' if one else f'{len(gone)} people'} on this meeting's register would not be "
                   f"{'a member' if one else 'members'} of the {_group_name(session, group_id)} on {day:%d/%m/%Y}: "
                   f"{first_few(gone)}. Take them off the register first"}


def move_deputies_problem(session: Session, meeting: Meeting, group_id: int, starts_at: datetime) -> dict[str, str]:
    """A deputy recorded on the register counts where the meeting moves (another day or group),
    as recording them there would require (`attendance.deputy_problem`): a move after which one
    would hold only a place that never counts (the secretariat's seat) is refused, naming them."""
    from bscp_desktop.services.attendance import deputies_not_counting  # it imports this package

    if (group_id, starts_at.date()) == (meeting.group_id, meeting.starts_at.date()):
        return {}
    found = deputies_not_counting(session, SimpleNamespace(id=meeting.id, group_id=group_id, starts_at=starts_at))
    if found:  # only what the move itself would cause: a deputy who does not count now is its register's
        already = {member for member, _ in deputies_not_counting(session, meeting)}
        found = [(member, why) for member, why in found if member not in already]
    if not found:
        return {}
    field = "starts_at" if starts_at.date() != meeting.starts_at.date() else "group_id"
    one = len(found) == 1
    return {field: f"The {'deputy' if one else 'deputies'} recorded for {and_list([m for m, _ in found])} on this "
                   f"meeting's register would not count at a meeting of the {_group_name(session, group_id)} on "
                   f"{starts_at:%d/%m/%Y}: {first_few([why for _, why in found])}, then move the meeting"}


def _refuse_archiving(session: Session, meeting: Meeting) -> None:
    """A meeting that approved another's minutes is the record of that approval, and one a live
    case review takes a date from is that case's (`case_review_meetings.archiving_problem`): kept in view."""
    other = session.scalars(select(Meeting).where(Meeting.approved_at_meeting_id == meeting.id,
                                                  Meeting.id != meeting.id).order_by(Meeting.starts_at)).first()
    if other is not None:
        raise ValidationError({"meeting": f"The meeting of {meeting.starts_at:%d/%m/%Y} approved the minutes of the "
                                          f"meeting of {other.starts_at:%d/%m/%Y}: it is the record of that approval, "
                                          "so it stays"})
    if problem := archiving_problem(session, meeting):
        raise ValidationError({"meeting": problem})


def create_meeting(db: Database, fields: MeetingFields, standing_items: bool = False) -> MeetingDTO:
    """A new meeting (minutes in draft); with `standing_items` its agenda starts from the
    group's standing items."""
    with db.unit_of_work() as session:
        meeting = Meeting(**check_meeting_fields(session, fields), minutes_status=MinutesStatus.DRAFT.value)
        session.add(meeting)
        session.flush()
        if standing_items:
            add_standing_items_in(session, meeting)
        return get_meeting_in(session, meeting.id)


def update_meeting(db: Database, meeting_id: int, fields: MeetingFields, reason: str | None = None,
                   version: int | None = None) -> MeetingDTO:
    """Change a meeting's details; with `version` (the one the user opened), refused with
    RecordChanged if someone else has saved it since. The dates case reviews take from it follow
    it to another day (`case_review_meetings.follow_moved_meeting`)."""
    with db.unit_of_work() as session:
        meeting = get_to_change(session, Meeting, meeting_id, "meeting", version)
        values = check_meeting_fields(session, fields, meeting)
        problems = _approval_problems(session, meeting, values["group_id"], values["starts_at"], values["status"])
        for more in (_minutes_problems(meeting, values["starts_at"], values["status"]),
                     _recorded_problem(session, meeting, values["status"]),
                     not_held_problem(session, meeting, values["status"]),
                     move_actions_problem(session, meeting, values["starts_at"]),
                     move_register_problem(session, meeting, values["group_id"], values["starts_at"]),
                     move_deputies_problem(session, meeting, values["group_id"], values["starts_at"]),
                     moved_cases_problem(session, meeting, values["starts_at"])):
            problems = more | problems  # the first reason found for a field is given
        if problems:
            raise ValidationError(problems)
        changed = {k: v for k, v in values.items() if getattr(meeting, k) != v and k not in ("notes", "key_focus")}
        if changed:
            guard_approved(
                session, meeting, reason, field="meeting",
                old=changes_text(session, "meeting", {k: getattr(meeting, k) for k in changed}),
                new=changes_text(session, "meeting", changed),
            )
        moved = meeting.starts_at.date() != values["starts_at"].date()
        assign(meeting, values)
        if moved:
            follow_moved_meeting(session, meeting)
        for other in session.scalars(select(Meeting).where(  # minutes approved at it: on its day, wherever it moves
                Meeting.approved_at_meeting_id == meeting.id, Meeting.id != meeting.id)).all():
            if circulated_with_approval(session, other):  # a circulation date that only followed the approval's follows it
                other.minutes_circulated_on = meeting.starts_at.date()
            other.minutes_approved_on = meeting.starts_at.date()
        session.flush()
        return get_meeting_in(session, meeting_id)


def set_meeting_status(db: Database, meeting_id: int, status: MeetingStatus | str) -> MeetingDTO:
    with db.unit_of_work() as session:
        meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
        try:
            value = MeetingStatus(status).value
        except ValueError:
            raise ValidationError({"status": "Choose the status from the list"}) from None
        if meeting.status != value:
            problem = held_problem(meeting.starts_at.date(), date.today()) if value == MeetingStatus.HELD else None
            if problem:
                raise ValidationError({"status": problem})
            problems = _approval_problems(session, meeting, meeting.group_id, meeting.starts_at, value)
            problems = _minutes_problems(meeting, meeting.starts_at, value) | problems
            problems = _recorded_problem(session, meeting, value) | problems
            problems = not_held_problem(session, meeting, value) | problems
            if "status" in problems:
                raise ValidationError({"status": problems["status"]})
            guard_approved(session, meeting, None, field="status")
            meeting.status = value
        session.flush()
        return get_meeting_in(session, meeting_id)


def mark_held(db: Database, meeting_id: int) -> MeetingDTO:
    """Say a planned meeting took place, so attendance monitoring counts it."""
    return set_meeting_status(db, meeting_id, MeetingStatus.HELD)


archive_meeting, restore_meeting = archivers(Meeting, "meeting", _restorable_meeting,
                                           archive_check=_refuse_archiving)


def list_meetings(
    db: Database,
    *,
    group_id: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    status: MeetingStatus | None = None,
    include_archived: bool = False,
) -> list[MeetingDTO]:
    """Meetings, newest first."""
    with db.unit_of_work() as session:
        q = meetings_query()
        q = unarchived(q, Meeting, include_archived)
        q = equal_where_given(q, (Meeting.group_id, group_id))
        q = q.where(*on_days(Meeting.starts_at, date_from, date_to))
        if status is not None:
            q = q.where(Meeting.status == MeetingStatus(status).value)
        q = q.order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        return [meeting_dto(row) for row in session.execute(q)]


def meeting_choices(db: Database, include: Sequence[int] = ()) -> list[tuple[str, int]]:
    """("Case Review Group (06/02/2024)", id) for every meeting that was not cancelled or postponed, newest
    first (plus any ids in ``include``): for pickers that link a record to a meeting."""
    keep = set(include)
    with db.unit_of_work() as session:
        rows = session.execute(
            select(Meeting.id, Meeting.title, Meeting.starts_at, Meeting.status, Meeting.archived_at)
            .order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        )
        return [
            (f"{title} ({format_date(starts)})", mid)  # not strftime, slow over ten years of meetings
            for mid, title, starts, status, archived in rows
            if mid in keep or (archived is None and status not in (MeetingStatus.CANCELLED.value, MeetingStatus.POSTPONED.value))
        ]


def later_meetings_of_group(db: Database, meeting_id: int, held_by: date | None = None) -> list[MeetingDTO]:
    """Meetings of the same group after this one. With `held_by` (today), only those that can have
    approved its minutes, as `approve_minutes` accepts: on or before that day, not called off."""
    with db.unit_of_work() as session:
        m = get_or_raise(session, Meeting, meeting_id, "meeting")
        q = meetings_query().where(Meeting.group_id == m.group_id, Meeting.starts_at > m.starts_at,
                                   Meeting.archived_at.is_(None)).order_by(Meeting.starts_at)
        if held_by is not None:
            q = q.where(*on_days(Meeting.starts_at, None, held_by), Meeting.status.not_in(
                [MeetingStatus.CANCELLED.value, MeetingStatus.POSTPONED.value]))
        return [meeting_dto(row) for row in session.execute(q)]


# ---------------------------------------------------------------- series


def create_series(db: Database, fields: SeriesFields) -> SeriesDTO:
    """A year of meetings on a rule (e.g. every third month on the second Thursday)."""
    c = Checker()
    title = c.name("title", fields.title, "Title")
    dates: list[date] = []
    try:
        dates = [held for _day, held, _why in series_meeting_days(  # never on a bank holiday
            fields.financial_year, fields.first_month, fields.every_months, fields.weekday, fields.nth)]
    except ValueError as exc:
        c.add("rule", str(exc))
    if not c.errors and not dates:
        c.add("rule", "The rule gives no dates in that financial year")
    if fields.end_time is not None and fields.end_time <= fields.start_time:
        c.add("end_time", "The end time must be after the start time")
    c.raise_if_any()
    with db.unit_of_work() as session:
        if fields.group_id is None or session.get(Group, fields.group_id) is None:
            raise ValidationError({"group_id": "Choose the group that meets from the list"})
        if clash := _days_met(session, fields.group_id, dates):
            raise ValidationError({"rule": clash})
        rule = describe_series(fields.first_month, fields.every_months, fields.weekday, fields.nth)
        series = MeetingSeries(group_id=fields.group_id, title=title, financial_year=fields.financial_year, rule=rule)
        session.add(series)
        session.flush()
        for day in dates:
            values = check_meeting_fields(
                session,
                MeetingFields(
                    fields.group_id, title, datetime.combine(day, fields.start_time),
                    datetime.combine(day, fields.end_time) if fields.end_time else None,
                    fields.kind, fields.place, fields.online_link,
                ),
            )
            meeting = Meeting(**values, series_id=series.id, minutes_status=MinutesStatus.DRAFT.value)
            session.add(meeting)
            session.flush()
            if fields.standing_items:
                add_standing_items_in(session, meeting)
        return _series_dtos(session, [series.id])[0]


def _series_dtos(session: Session, ids: Sequence[int] | None = None, include_archived_meetings: bool = False) -> list[SeriesDTO]:
    """The live series (of `ids`), each with its live meetings' ids in date order; with
    `include_archived_meetings`, its archived meetings' too."""
    q = select(MeetingSeries, Group.name).join(Group, MeetingSeries.group_id == Group.id)
    q = only_ids(q, MeetingSeries, ids)
    q = q.where(MeetingSeries.archived_at.is_(None)).order_by(MeetingSeries.financial_year.desc(), MeetingSeries.id)
    rows = session.execute(q).all()
    meetings: dict[int, list[int]] = {}
    series_ids = [s.id for s, _ in rows]
    of_series = select(Meeting.id, Meeting.series_id).where(Meeting.series_id.in_(series_ids)).order_by(Meeting.starts_at)
    for mid, sid in session.execute(unarchived(of_series, Meeting, include_archived_meetings)):
        meetings.setdefault(sid, []).append(mid)
    return [
        SeriesDTO(s.id, s.group_id, gname, s.title, s.financial_year, s.rule, tuple(meetings.get(s.id, ())))
        for s, gname in rows
    ]


def get_series(db: Database, series_id: int, include_archived_meetings: bool = False) -> SeriesDTO:
    """A live series; its `meeting_ids` are its live meetings', or with `include_archived_meetings`
    its archived ones' too (a calendar file sends those as cancelled)."""
    with db.unit_of_work() as session:
        get_or_raise(session, MeetingSeries, series_id, "meeting series")
        found = _series_dtos(session, [series_id], include_archived_meetings)
        if not found:
            raise ValidationError({"series": "That series has been archived"})
        return found[0]


def list_series(db: Database) -> list[SeriesDTO]:
    with db.unit_of_work() as session:
        return _series_dtos(session)


