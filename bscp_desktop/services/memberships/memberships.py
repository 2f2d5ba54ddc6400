"""Who sits on which group, and their confidentiality agreements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bscp_desktop.db.base import utcnow
from bscp_desktop.db.database import Database
from bscp_desktop.db.engines import decide_alone
from bscp_desktop.db.models import ConfidentialityAgreement, Group, Membership, Organisation, Person
from bscp_desktop.domain.meetings import AttendanceStatus, MinutesStatus, nothing_recorded
from bscp_desktop.domain.memberships import Role, Term, archived_seat_end_problem, deputy_role_problem, group_current_on, role_counts, seat_held
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.validation import Checker, ValidationError, and_list
from bscp_desktop.services.common import ARCHIVED_ORGANISATION, archivers, assign, chosen, equal_where_given, get_or_raise, get_to_change, on_days, refused_under, unarchived
from bscp_desktop.services.memberships.dtos import AgreementDTO, AgreementFields, MembershipDTO, MembershipFields, agreement_needed_until, seat_last_day

# ---------------------------------------------------------------- memberships


def _a_seat(role: Role) -> str:
    """"chair", "an adviser", "a member": as the seat reads after "is already"."""
    word = role.label.lower()
    if role in (Role.CHAIR, Role.VICE_CHAIR, Role.PARTNERSHIP_CHAIR, Role.INDEPENDENT_SCRUTINEER):
        return word  # one a group: no article
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _overlap_problem(session: Session, person: Person, group: Group, role: Role, term: Term,
                     record_id: int | None, deputy_for_id: int | None = None) -> str:
    """Why `person` cannot hold a `role` seat on `group` for `term` (record `record_id`, None for
    a new one): their live seat of the same role whose dates overlap; '' when none does. A
    deputy's seat clashes only with their seat deputising for the same member
    (`deputy_for_id`): one person may be the named deputy of two members of a group. Until the
    transaction ends no other program decides about the group's seats (two officers giving
    the same seat at once would each find it free: `engines.decide_alone`)."""
    decide_alone(session, f"group {group.id} seats")
    q = select(Membership).where(
        Membership.person_id == person.id, Membership.group_id == group.id, Membership.role == role.value,
        Membership.archived_at.is_(None), Membership.id != (record_id or 0))
    if role is Role.DEPUTY:
        q = q.where(Membership.deputy_for_id.is_(None) if deputy_for_id is None else Membership.deputy_for_id == deputy_for_id)
    for other in session.scalars(q):
        if term.overlaps(Term(other.start_date, other.end_date)):
            until = f"to {other.end_date:%d/%m/%Y}" if other.end_date else "with no end date"
            deputised = session.get(Person, other.deputy_for_id) if role is Role.DEPUTY and other.deputy_for_id else None
            seat = f"{_a_seat(role)} for {deputised.name} on" if deputised is not None else f"{_a_seat(role)} of"
            return (f"{person.name} is already {seat} {group.name} from {other.start_date:%d/%m/%Y} "
                    f"{until}; the dates overlap")
    return ""


def _deputised_seats(session: Session, person_id: int, group_id: int, leaving: int | None = None) -> list[Membership]:
    """A person's live seats on a group that a deputy can stand in for: those that count toward
    quorum, not a deputy's own, an adviser's or the secretariat's (`leaving`: a seat left out)."""
    seats = session.scalars(select(Membership).where(
        Membership.person_id == person_id, Membership.group_id == group_id, Membership.archived_at.is_(None),
        Membership.id != (leaving or 0)).order_by(Membership.start_date))
    return [m for m in seats if Role(m.role) is not Role.DEPUTY and Role(m.role).counts_for_attendance]


def _first_day_uncovered(term: Term, seats: list[Membership]) -> date | None:
    """The first day of `term` on which none of `seats` (in start order) is held; None when they
    cover all of it."""
    day = term.start
    for seat in seats:
        if term.end is not None and day > term.end:
            return None
        if seat.start_date > day:
            break
        if seat.end_date is None:
            return None
        day = max(day, seat.end_date + timedelta(days=1))
    return None if term.end is not None and day > term.end else day


def _deputy_seat_problem(session: Session, deputised: Person, group: Group, term: Term,
                         leaving: int | None = None) -> tuple[str, str] | None:
    """Why a deputy's seat on `group` for `term` cannot stand in for `deputised`, as (field,
    sentence): the deputy's whole term falls within the member's counting seats on the group;
    None when it does."""
    seats = _deputised_seats(session, deputised.id, group.id, leaving)
    if not any(term.overlaps(Term(m.start_date, m.end_date)) for m in seats):
        if session.scalar(select(Membership.id).where(
                Membership.person_id == deputised.id, Membership.group_id == group.id,
                Membership.archived_at.is_(None), Membership.id != (leaving or 0), Membership.start_date <= (term.end or date.max),
                (Membership.end_date.is_(None)) | (Membership.end_date >= term.start)).limit(1)) is not None:
            return "deputy_for_id", (f"{deputised.name} sits on {group.name} then only as a deputy, an adviser or the "
                                     "secretariat: a deputy stands in for a member whose seat counts toward quorum")
        return "deputy_for_id", (f"{deputised.name} is not a member of {group.name} in that time: a deputy stands in "
                                 "for a member of the same group")
    gap = _first_day_uncovered(term, seats)
    if gap is None:
        return None
    later = [m.start_date for m in seats if m.start_date > gap and (term.end is None or m.start_date <= term.end)]
    if gap == term.start:
        return "start_date", (f"{deputised.name}'s seat on {group.name} starts on {min(later):%d/%m/%Y}: a deputy's "
                              "seat starts then at the earliest")
    ended = gap - timedelta(days=1)
    if not later:
        return "end_date", (f"{deputised.name}'s seat on {group.name} ends on {ended:%d/%m/%Y}: a deputy's seat ends "
                            "then at the latest")
    return "end_date", (f"{deputised.name} holds no seat on {group.name} from {gap:%d/%m/%Y} to "
                        f"{min(later) - timedelta(days=1):%d/%m/%Y}: a deputy's seat ends by {ended:%d/%m/%Y}, and "
                        "another can start when the member's next seat does")


_ARCHIVED_PERSON = "{name} is archived: restore them before giving them a seat"
_ARCHIVED_GROUP = "{name} is archived: restore it before adding members to it"


def check_membership(session: Session, f: MembershipFields, record_id: int | None) -> dict:
    """The seat as typed, checked by field (`record_id` None for a new seat), for every writer."""
    c = Checker()
    role = None
    try:
        role = Role(f.role)
    except ValueError:
        c.add("role", "Choose a role from the list")
    if problem := deputy_role_problem(role, f.deputy_for_id):
        c.add("deputy_for_id", problem)
    before = session.get(Membership, record_id) if record_id is not None else None
    person = chosen(c, session, Person, "person_id", f.person_id, "Choose the person from the list", "person",
                    archived=_ARCHIVED_PERSON, kept=before.person_id if before is not None else None)
    group = chosen(c, session, Group, "group_id", f.group_id, "Choose the group from the list", "group",
                   archived=_ARCHIVED_GROUP, kept=before.group_id if before is not None else None)
    if f.start_date is None:
        c.add("start_date", "Start date is required")
    c.date_order("end_date", f.start_date, f.end_date, "Start date", "End date")
    if person is not None and person.archived_at is not None and before is not None and f.end_date != before.end_date:
        if problem := archived_seat_end_problem(person.name, person.archived_at, f.end_date):  # as `seat_held` reads it
            c.add("end_date", problem)
    represents = None if f.organisation_id is None else chosen(
        c, session, Organisation, "organisation_id", f.organisation_id, "", "organisation",
        archived=ARCHIVED_ORGANISATION, kept=before.organisation_id if before is not None else None)
    if represents is not None and role is not None and not role.has_organisation:
        c.add("organisation_id", "A lay member represents no organisation: leave Representing empty")
    if f.deputy_for_id is not None and role is Role.DEPUTY:
        deputised = session.get(Person, f.deputy_for_id)
        if f.deputy_for_id == f.person_id:
            c.add("deputy_for_id", "A person cannot be their own deputy")
        elif deputised is None:
            c.add("deputy_for_id", "Choose the person deputised for from the list")
        elif deputised.archived_at is not None and (before is None or before.deputy_for_id != deputised.id):
            c.add("deputy_for_id", f"{deputised.name} is archived: choose a current member to deputise for")
        elif group is not None and f.start_date is not None and "end_date" not in c.errors:
            if problem := _deputy_seat_problem(session, deputised, group, Term(f.start_date, f.end_date)):
                c.add(*problem)
    if person and group and role and f.start_date and "end_date" not in c.errors:
        if problem := _overlap_problem(session, person, group, role, Term(f.start_date, f.end_date), record_id,
                                       f.deputy_for_id):
            c.add("start_date", problem)
    c.raise_if_any()
    return {
        "person_id": f.person_id,
        "group_id": f.group_id,
        "role": role.value,
        "organisation_id": f.organisation_id,
        "deputy_for_id": f.deputy_for_id,
        "start_date": f.start_date,
        "end_date": f.end_date,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
    }


def memberships_query():
    """Seats with person, deputy, organisation and group; `membership_dto` makes each row."""
    person = aliased(Person)
    deputy_for = aliased(Person)
    org = aliased(Organisation)
    group = aliased(Group)
    return (
        select(Membership, person.name, group.name, org.name, deputy_for.name, group.needs_agreement, group.archived_at)
        .join(person, Membership.person_id == person.id)
        .join(group, Membership.group_id == group.id)
        .outerjoin(org, Membership.organisation_id == org.id)
        .outerjoin(deputy_for, Membership.deputy_for_id == deputy_for.id)
    )


def membership_dto(row, agreements: dict[int, list[AgreementDTO]] | None = None,
                   on: date | None = None) -> MembershipDTO:
    """A seat as listed; with `agreements` (`_live_agreements`), whether its person had a current
    agreement on `on`, or on the seat's last day if that came first: the day it ended, or the day
    before its group was archived (`seat_last_day`, as the agreements list reads the seat)."""
    m, person_name, group_name, org_name, deputy_name, needs, group_archived_at = row
    has_agreement = True
    if agreements is not None and on is not None:
        day = min(on, seat_last_day(m.end_date, group_archived_at))
        has_agreement = _agreement_held_on(agreements.get(m.person_id, ()), day)
    return MembershipDTO(
        m.id, m.person_id, person_name, m.group_id, group_name, Role(m.role), m.organisation_id,
        org_name or "", m.deputy_for_id, deputy_name or "", m.start_date, m.end_date, m.notes,
        bool(needs), has_agreement, version=m.version,
        archived_at=m.archived_at,
    )


def _live_agreements(session: Session, person_ids: set[int] | None = None) -> dict[int, list[AgreementDTO]]:
    """Person id -> their agreements not archived (only `person_ids`' if given), each knowing when it was renewed."""
    renewed = _renewals(session, person_ids)
    q = unarchived(_agreements_query(), ConfidentialityAgreement, False)
    q = q if person_ids is None else q.where(ConfidentialityAgreement.person_id.in_(person_ids))
    by_person: dict[int, list[AgreementDTO]] = {}
    for a, name, left in session.execute(q):
        by_person.setdefault(a.person_id, []).append(_agreement_dto(a, name, renewed.get(a.id), left))
    return by_person


def _agreement_held_on(agreements: Iterable[AgreementDTO], day: date) -> bool:
    """Whether one of a person's agreements stands as current on `day`, as the agreements list
    says it (`AgreementDTO.standing_on`): one replaced by a newer agreement no longer counts,
    whatever its own review date."""
    return any(a.standing_on(day) == "Yes" for a in agreements)


def agreement_held(session: Session, person_ids: set[int] | None) -> Callable[[int, date], bool]:
    """held(person_id, day) for `person_ids` (None: everyone): whether they had a current agreement that day, by the rule a
    membership's missing agreement is flagged by (`_agreement_held_on`); their agreements are read at once."""
    agreements = _live_agreements(session, person_ids)
    return lambda person_id, day: _agreement_held_on(agreements.get(person_id, ()), day)


def create_membership(db: Database, fields: MembershipFields) -> MembershipDTO:
    with db.unit_of_work() as session:
        m = Membership(**check_membership(session, fields, None))
        session.add(m)
        session.flush()
        if problem := deputising_uncounted(session, seat_as_it_is(m)):
            raise ValidationError({"role": problem})
        return membership_dto(session.execute(memberships_query().where(Membership.id == m.id)).one())


def _dates(start: date, end: date | None) -> str:
    return f"from {start:%d/%m/%Y} " + (f"to {end:%d/%m/%Y}" if end else "with no end date")


def uncovered_deputies(session: Session, person_id: int, group_id: int, leaving: int | None = None) -> str:
    """Why a member's seats on a group cannot change, end or go as they would (`leaving`: the
    seat being archived): the deputies whose seats for them would then fall outside the member's
    seats, as one sentence; '' when none would."""
    member, group = session.get(Person, person_id), session.get(Group, group_id)
    deputy = aliased(Person)
    rows = session.execute(
        select(deputy.name, Membership.start_date, Membership.end_date).join(deputy, deputy.id == Membership.person_id)
        .where(Membership.deputy_for_id == person_id, Membership.group_id == group_id,
               Membership.archived_at.is_(None), Membership.id != (leaving or 0))
        .order_by(deputy.name, Membership.start_date)).all()
    stranded = [(name, start, end) for name, start, end in rows
                if _deputy_seat_problem(session, member, group, Term(start, end), leaving) is not None]
    if not stranded:
        return ""
    one, where = len(stranded) == 1, f"for {member.name} on {group.name}"
    if not _deputised_seats(session, person_id, group_id, leaving):
        names = list(dict.fromkeys(name for name, _start, _end in stranded))
        return (f"{and_list(names)} deputise{'s' if len(names) == 1 else ''} {where} with no member's seat to "
                f"stand in for: end {'that seat' if one else 'those seats'} first, or make the deputy "
                "stand in for another member")
    names = " and ".join(f"{name} ({_dates(start, end)})" for name, start, end in stranded)
    return (f"{names} deputise{'s' if one else ''} {where} on days they would hold no "
            f"seat there: change {'that seat' if one else 'those seats'} first, or make the deputy "
            "stand in for another member")


_CHANGED_FIRST = ("role", "person_id", "group_id", "start_date", "end_date")


def update_membership(db: Database, membership_id: int, fields: MembershipFields,
                      version: int | None = None) -> MembershipDTO:
    with db.unit_of_work() as session:
        m = get_to_change(session, Membership, membership_id, "membership", version)
        before = seat_as_it_is(m)
        assign(m, check_membership(session, fields, membership_id))
        session.flush()
        field = next((name for name in _CHANGED_FIRST if getattr(m, name) != before[name]), "end_date")
        for person_id, group_id in dict.fromkeys(((before["person_id"], before["group_id"]), (m.person_id, m.group_id))):
            if problem := uncovered_deputies(session, person_id, group_id):
                raise ValidationError({field: problem})
        with refused_under(field):
            if problem := (_registers_left(session, before) or deputising_uncounted(session, before)
                           or deputising_uncounted(session, seat_as_it_is(m))):
                raise ValidationError({field: problem})
            session.flush()  # a register this takes someone off, read-only offline, is refused here
        return membership_dto(
            session.execute(memberships_query().where(Membership.id == membership_id)).one()
        )


def _registers_left(session: Session, before: dict) -> str:
    """Why a seat cannot change as it would (`before`: its person, group and dates as they
    were; the change is flushed): the meetings on days it covered whose registers list its
    person as expected, as a member, where they would then hold no seat on the group, as one
    sentence naming them; '' when none would. A meeting moved to such a day is refused the same
    way (`meetings._register_problem`): take them off the register first.

    The register follows the seat: a row with nothing recorded (`nothing_recorded`) is taken
    off in the same transaction, unless the minutes are approved (changed only by amendment)."""
    from bscp_desktop.db.models.meetings import Attendance, Meeting  # the Meetings area's registers

    person = session.get(Person, before["person_id"])
    if person is None:
        return ""
    rows = session.execute(
        select(Meeting.starts_at, Group.name, Meeting.minutes_status, Attendance)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .join(Group, Meeting.group_id == Group.id)
        .where(Attendance.person_id == person.id, Attendance.expected.is_(True), Attendance.archived_at.is_(None),
               Meeting.group_id == before["group_id"], Meeting.archived_at.is_(None),
               *on_days(Meeting.starts_at, before["start_date"], before["end_date"]))
        .order_by(Meeting.starts_at)).all()
    left = []
    for starts, group, minutes, row in rows:
        if held_seat_on(session, person, before["group_id"], starts.date()):
            continue
        if nothing_recorded(row) and not MinutesStatus(minutes).locked:
            row.archived_at = utcnow()  # off the register, as filling it again would take them
        else:
            left.append((starts, group))
    if not left:
        return ""
    days = and_list([f"{starts:%d/%m/%Y}" for starts, _group in left])
    one = len(left) == 1
    return (f"{person.name} is on the register of the {left[0][1]} meeting{'' if one else 's'} of {days} as a "
            f"member, and would hold no seat on the group {'that day' if one else 'on those days'}: take them off "
            f"{'that register' if one else 'those registers'} first, or keep the seat's dates covering "
            f"{'it' if one else 'them'}")


def deputising_uncounted(session: Session, span: dict) -> str:
    """Why seats cannot stand as they now would (`span`: a person, group and dates; the change is
    flushed): the meetings on those days whose registers record the person as a member's deputy
    while they would sit on the group that day only as the secretariat or an adviser, which never
    counts toward attendance or quorum (such a deputy is refused on the register itself), as one
    sentence naming them; '' when none."""
    from bscp_desktop.db.models.meetings import Attendance, Meeting  # the Meetings area's, read only here

    person = session.get(Person, span["person_id"])
    if person is None:
        return ""
    rows = session.execute(
        select(Meeting.starts_at, Group.name, Person.name).join(Attendance, Attendance.meeting_id == Meeting.id)
        .join(Group, Meeting.group_id == Group.id).join(Person, Attendance.person_id == Person.id)
        .where(Attendance.deputy_person_id == person.id, Attendance.status == AttendanceStatus.DEPUTY.value,
               Attendance.archived_at.is_(None), Meeting.group_id == span["group_id"], Meeting.archived_at.is_(None),
               *on_days(Meeting.starts_at, span["start_date"], span["end_date"]))
        .order_by(Meeting.starts_at)).all()
    held = [(starts, group, member, seats) for starts, group, member in rows
            if (seats := seats_held_on(session, person, span["group_id"], starts.date()))
            and not any(role_counts(m.role) for m in seats)]
    if not held:
        return ""
    days = and_list(list(dict.fromkeys(f"{starts:%d/%m/%Y}" for starts, *_rest in held)))
    members = and_list(list(dict.fromkeys(member for _starts, _group, member, _seats in held)))
    one = len(held) == 1
    place = "the secretariat" if held[0][3][0].role == Role.SECRETARIAT.value else _a_seat(Role(held[0][3][0].role))
    return (f"{person.name} is recorded as deputy for {members} at the {held[0][1]} meeting{'' if one else 's'} of {days}, "
            f"and would sit on the group {'that day' if one else 'on those days'} only as {place}, which never counts "
            f"toward attendance or quorum, so cannot be recorded as a member's deputy: change "
            f"{'that register' if one else 'those registers'} first, or keep the seat's dates off "
            f"{'that meeting' if one else 'those meetings'}")


def seat_as_it_is(seat: Membership) -> dict:
    """A seat's person, group and dates, to check a change to it against (`seats_left_problem`)."""
    return {name: getattr(seat, name) for name in _CHANGED_FIRST}


def seats_left_problem(session: Session, befores: list[dict]) -> str:
    """Why seats cannot end as they now would (`befores`: each one as it was, `seat_as_it_is`;
    the changes flushed), as editing each one's End date would be refused: deputies left with
    no member's seat to stand in for (`uncovered_deputies`), or a register recording the member
    at a meeting the seat alone seated them for (`_registers_left`); '' when nothing stands in
    the way."""
    for person_id, group_id in dict.fromkeys((b["person_id"], b["group_id"]) for b in befores):
        if problem := uncovered_deputies(session, person_id, group_id):
            return problem
    for before in befores:
        if problem := _registers_left(session, before) or deputising_uncounted(session, before):
            return problem
    return ""


def _restorable_membership(session: Session, seat: Membership) -> None:
    from bscp_desktop.services.memberships.restoring import restorable_seat  # built on this module's checks

    restorable_seat(session, seat)


def _archivable_membership(session: Session, seat: Membership) -> None:
    from bscp_desktop.services.memberships.restoring import archivable_seat  # built on this module's checks

    archivable_seat(session, seat)


archive_membership, restore_membership = archivers(Membership, "membership", _restorable_membership,
                                                   archive_check=_archivable_membership)


def list_memberships(
    db: Database,
    on: date | None = None,
    group_id: int | None = None,
    include_archived: bool = False,
    today: date | None = None,
    seated: bool = False,
) -> list[MembershipDTO]:
    """Memberships, optionally only those in force on `on` (none on a group archived by then:
    `group_current_on`); flags missing agreements. With `seated`, only the seats of people who sat on the group on `on` (see `seat_held`; without
    `on`, only those of people still current).

    The agreement flag is judged on `on` if given, else on `today` (default: the real today),
    or on the seat's last day if that came first (the day it ended, or the day before its group
    was archived): a seat that has ended is judged on its last day. A person's agreement counts while it stands as current in the agreements list
    (not once a newer one has replaced it).
    """
    with db.unit_of_work() as session:
        q = memberships_query()
        q = unarchived(q, Membership, include_archived)
        if seated and on is None:
            q = q.where(Membership.person_id.not_in(select(Person.id).where(Person.archived_at.is_not(None))))
        q = equal_where_given(q, (Membership.group_id, group_id))
        if on is not None:
            q = q.where(Membership.start_date <= on).where(
                (Membership.end_date.is_(None)) | (Membership.end_date >= on)
            )
        seats = session.execute(q.order_by(Membership.group_id, Membership.role, Membership.start_date)).all()
        agreements = _live_agreements(session, {row[0].person_id for row in seats} if on is not None else None)  # on a day: the seated people's only
        judged_on = on or today or date.today()
        rows = [membership_dto(row, agreements, judged_on) for row in seats]
        if on is not None:  # no seat of a group archived by then (`group_current_on`), as the members report has it
            gone = dict(session.execute(select(Group.id, Group.archived_at).where(Group.archived_at.is_not(None))).all())
            left = dict(session.execute(select(Person.id, Person.archived_at).where(Person.archived_at.is_not(None))).all())
            rows = [m for m in rows if group_current_on(gone.get(m.group_id), on)
                    and (not seated or seat_held(left.get(m.person_id), on))]
        return rows


def seats_held_on(session: Session, person: Person, group_id: int, on: date) -> list[Membership]:
    """`person`'s seats on the group held on `on` (see `seat_held`), in the order of roles (as
    `members_on` lists them)."""
    seats = session.scalars(select(Membership).where(
        Membership.person_id == person.id, Membership.group_id == group_id, Membership.archived_at.is_(None),
        Membership.start_date <= on, (Membership.end_date.is_(None)) | (Membership.end_date >= on)))
    order = {role.value: i for i, role in enumerate(Role)}
    return sorted((m for m in seats if seat_held(person.archived_at, on)),
                  key=lambda m: (order.get(m.role, len(order)), m.start_date, m.id))


def held_seat_on(session: Session, person: Person, group_id: int, on: date) -> bool:
    """Whether `person` held a seat (any role) on the group on `on`."""
    return bool(seats_held_on(session, person, group_id, on))


def members_on(db: Database, group_id: int, on: date) -> list[MembershipDTO]:
    """The members of a group on a date (used to pre-fill attendance registers): those who held
    a seat that day, people archived since included (see `seat_held`)."""
    rows = list_memberships(db, on=on, group_id=group_id, seated=True)
    order = {role: i for i, role in enumerate(Role)}
    return sorted(rows, key=lambda m: (order[m.role], alphabetical(m.person_name)))


# ---------------------------------------------------------------- agreements


def _signed_by(c: Checker, session: Session, person_id: int | None, kept: int | None = None) -> None:
    """The person who signed: chosen from the list, and not archived (unless the agreement is
    already theirs, `kept`: a change elsewhere in it is still saved)."""
    chosen(c, session, Person, "person_id", person_id, "Choose the person who signed from the list",
           "person who signed", archived="{name} is archived: restore them before recording their agreement", kept=kept)


def _check_agreement(session: Session, f: AgreementFields, record_id: int | None = None) -> dict:
    c = Checker()
    before = session.get(ConfidentialityAgreement, record_id) if record_id is not None else None
    _signed_by(c, session, f.person_id, kept=before.person_id if before is not None else None)
    if f.signed_on is None:
        c.add("signed_on", "Signed on is required")
    c.not_future("signed_on", f.signed_on, "Signed on", date.today())
    c.date_order("review_due", f.signed_on, f.review_due, "Signed on", "Review due")
    if "signed_on" not in c.errors and "person_id" not in c.errors and (
            problem := _signed_that_day(session, f.person_id, f.signed_on, record_id)):
        c.add("signed_on", problem)
    c.raise_if_any()
    return {
        "person_id": f.person_id,
        "signed_on": f.signed_on,
        "review_due": f.review_due,
        "notes": c.optional("notes", f.notes, "Notes", 5000),
    }


def _signed_that_day(session: Session, person_id: int, signed_on: date, record_id: int | None = None) -> str:
    """Why an agreement of `person_id` signed on `signed_on` would record one already on record:
    their live agreement signed that same day (other than `record_id`); '' when none is."""
    same = session.scalar(select(ConfidentialityAgreement).where(
        ConfidentialityAgreement.person_id == person_id, ConfidentialityAgreement.signed_on == signed_on,
        ConfidentialityAgreement.archived_at.is_(None), ConfidentialityAgreement.id != (record_id or 0),
    ).order_by(ConfidentialityAgreement.id).limit(1))
    if same is None:
        return ""
    person = session.get(Person, person_id)
    review = f"review due {same.review_due:%d/%m/%Y}" if same.review_due else "no review date"
    return (f"{person.name}'s agreement signed on {signed_on:%d/%m/%Y} ({review}) is already recorded: change that "
            "one rather than record it twice, or correct the Signed on date")


def _agreements_query():
    """Agreements, each with its person's name and when they were archived (None: current)."""
    return select(ConfidentialityAgreement, Person.name, Person.archived_at).join(
        Person, ConfidentialityAgreement.person_id == Person.id
    )


def _agreement_dto(a: ConfidentialityAgreement, person_name: str, renewed_on: date | None = None,
                   person_archived_at: datetime | None = None, seats_end: date | None = None) -> AgreementDTO:
    return AgreementDTO(a.id, a.person_id, person_name, a.signed_on, a.review_due, a.notes, renewed_on,
                        person_archived_at, seats_end, archived_at=a.archived_at)


def _seats_needing_end(session: Session, person_ids: set[int] | None = None) -> dict[int, date]:
    """Person id -> the last day one of their seats (not archived) asks for an agreement
    (`AgreementDTO.seats_end`, by `agreement_needed_until`): `date.max` while one on a group whose
    members sign one has no end, `date.min` when all are on groups whose members sign none.
    People with no seat are left out."""
    q = select(Membership.person_id, Membership.end_date, Group.needs_agreement, Group.archived_at).join(Group, Membership.group_id == Group.id)
    q = q.where(Membership.archived_at.is_(None))
    ends: dict[int, date] = {}
    for person_id, end, needs, gone in session.execute(q if person_ids is None else q.where(Membership.person_id.in_(person_ids))):
        ends[person_id] = max(ends.get(person_id, date.min), agreement_needed_until(bool(needs), end, gone))
    return ends


def _renewals(session: Session, person_ids: set[int] | None = None) -> dict[int, date]:
    """Agreement id -> the day its person signed the next agreement (archived ones left out, as
    an archived agreement renews nothing). Agreements signed the same day are taken in the
    order they were recorded."""
    q = select(ConfidentialityAgreement.id, ConfidentialityAgreement.person_id, ConfidentialityAgreement.signed_on,
               ConfidentialityAgreement.archived_at)
    if person_ids is not None:
        q = q.where(ConfidentialityAgreement.person_id.in_(person_ids))
    rows = sorted(session.execute(q), key=lambda r: (r.person_id, r.signed_on, r.id))
    renewed: dict[int, date] = {}
    later: dict[int, date] = {}  # person -> the signing day of the next live agreement seen
    for agreement_id, person_id, signed_on, archived_at in reversed(rows):
        if person_id in later:
            renewed[agreement_id] = later[person_id]
        if archived_at is None:
            later[person_id] = signed_on
    return renewed


def _agreement_dto_in(session: Session, agreement_id: int) -> AgreementDTO:
    a, name, left = session.execute(_agreements_query().where(ConfidentialityAgreement.id == agreement_id)).one()
    ends = _seats_needing_end(session, {a.person_id})
    return _agreement_dto(a, name, _renewals(session, {a.person_id}).get(a.id), left, ends.get(a.person_id))


def create_agreement(db: Database, fields: AgreementFields) -> AgreementDTO:
    with db.unit_of_work() as session:
        a = ConfidentialityAgreement(**_check_agreement(session, fields))
        session.add(a)
        session.flush()
        return _agreement_dto_in(session, a.id)


def update_agreement(db: Database, agreement_id: int, fields: AgreementFields) -> AgreementDTO:
    with db.unit_of_work() as session:
        a = get_or_raise(session, ConfidentialityAgreement, agreement_id, "confidentiality agreement")
        assign(a, _check_agreement(session, fields, agreement_id))
        session.flush()
        return _agreement_dto_in(session, agreement_id)


def _restorable_agreement(session: Session, agreement: ConfidentialityAgreement) -> None:
    """An archived agreement comes back only as a new one could be recorded: not while the
    person who signed it is archived, nor beside their live agreement signed the same day."""
    c = Checker()
    _signed_by(c, session, agreement.person_id)
    if "person_id" not in c.errors and (problem := _signed_that_day(session, agreement.person_id, agreement.signed_on,
                                                                    agreement.id)):
        c.add("signed_on", problem)
    c.raise_if_any()


archive_agreement, restore_agreement = archivers(ConfidentialityAgreement, "confidentiality agreement",
                                                 _restorable_agreement)


def list_agreements(db: Database, include_archived: bool = False) -> list[AgreementDTO]:
    with db.unit_of_work() as session:
        q = _agreements_query().order_by(ConfidentialityAgreement.signed_on, ConfidentialityAgreement.id)
        rows = sorted(session.execute(unarchived(q, ConfidentialityAgreement, include_archived)),
                      key=lambda row: alphabetical(row[1]))  # by name as names are listed, then as signed
        renewed, ends = _renewals(session), _seats_needing_end(session)
        return [_agreement_dto(a, n, renewed.get(a.id), left, ends.get(a.person_id)) for a, n, left in rows]
