"""Meetings outputs: the minutes and agenda PDFs, the action log (PDF or Excel), the
attendance report (Excel), calendar files, and the meetings workbook.

Each gathers DTOs through the services (a handful of queries, never one per row) and hands
plain data to a builder in `reports`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bscp_desktop.domain.actions import gaps_text
from bscp_desktop.domain.ics import event_uid
from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.domain.meetings import AttendanceStatus, ItemKind, MeetingStatus, MinutesStatus
from bscp_desktop.domain.validation import and_list, local_time, local_time_if_any
from bscp_desktop.jobs import Output, Progress, no_progress, report, workbook
from bscp_desktop.reports.xlsx_cells import Column
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import case_review_settings, settings
from bscp_desktop.services import escalations as es
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.attendance_agreements import signing_meetings
from bscp_desktop.services.meetings.agenda import overrun_sentence
from bscp_desktop.services.meetings.reporting import CONFIDENTIAL_NOT_EXPORTED, focus_summary, key_areas
from bscp_desktop.services.settings import partnership_name

if TYPE_CHECKING:
    from bscp_desktop.reports import actions as action_reports
    from bscp_desktop.reports import attendance as attendance_report
    from bscp_desktop.reports.agenda import AgendaDocument
    from bscp_desktop.reports.ics import CalendarEvent
    from bscp_desktop.reports.minutes import ActionLine, DecisionLine, MinutesDocument
    from bscp_desktop.reports.xlsx import WorkbookBuilder

#: What the minutes and the agenda say when no meeting is named (`report(missing=)`).
WHICH_MEETING = "Say which meeting: give its id, or its group and date, with --meeting"


def _meeting_id(meeting: int | None) -> int:
    return int(meeting)


def _action_line(a, item_number: int | None = None, source: str = "", confidential: bool = False) -> ActionLine:
    from bscp_desktop.reports.minutes import ActionLine
    return ActionLine(a.description, a.owner, a.due_date, a.status.label, item_number, source, confidential)


def item_numbers(items: Collection[mt.AgendaItemDTO]) -> dict[int, int]:
    """Each item's number as the outputs print it: its place on its meeting's agenda, 1 to n in
    the agenda's order. The program keeps the positions so; a file changed by another program may
    hold others (a duplicate, a negative one: `check` names them), and the items still print 1 to n."""
    by_meeting: dict[int, list[mt.AgendaItemDTO]] = {}
    for i in items:
        by_meeting.setdefault(i.meeting_id, []).append(i)
    return {i.id: n for agenda in by_meeting.values()
            for n, i in enumerate(sorted(agenda, key=lambda i: (i.position, i.id)), start=1)}


# ---------------------------------------------------------------- minutes


def minutes_document(db, meeting_id: int) -> MinutesDocument:
    from bscp_desktop.reports.minutes import AmendmentLine, Attendee, DecisionLine, MinutesDocument, MinutesItem
    m = mt.get_meeting(db, meeting_id)
    items = mt.list_agenda(db, meeting_id)
    decisions = mt.list_decisions(db, meeting_id)
    actions = mt.list_meeting_actions(db, meeting_id)
    # Working minutes review the live list; approved minutes the actions open on the meeting's
    # day, as far as the records tell (None: not known, and the minutes then say nothing of it).
    reviewed: list[al.ActionDTO] | None = []
    if any(i.kind is ItemKind.ACTION_REVIEW for i in items):
        reviewed = (mt.open_actions_on_its_day(db, meeting_id) if m.minutes_status is MinutesStatus.APPROVED
                    else mt.open_actions_for_review(db, meeting_id))
    # approved: the register, the chair, the minute-taker and every owner named as on the meeting's day
    owned = [*decisions, *actions, *(reviewed or ())]
    register, names = at.register_as_minuted(
        db, meeting_id, [m.chair_person_id, m.minute_taker_person_id, *(o.owner_person_id for o in owned)],
        [o.owner_organisation_id for o in owned])
    quorum = at.quorum_state(db, meeting_id)
    # actions raised under confidential items are marked: the version for circulation leaves them out
    secret = mt.confidential_item_ids(db) if reviewed else set()
    review = None if reviewed is None else [_action_line(names.owned(a), source=a.source,
                                                         confidential=a.links.get("agenda_item_id") in secret)
                                            for a in reviewed]
    present, apologies, absent, guests = [], [], [], []
    for r in register:
        note = r.notes or ""  # the register's note: "arrived 10:45"
        person = Attendee(r.name, r.organisation_name, r.role_label if r.expected else "", note=note)
        if not r.expected:  # a guest: in attendance if they came, else with the apologies or the absent
            {AttendanceStatus.APOLOGIES: apologies, AttendanceStatus.ABSENT: absent}.get(r.status, guests).append(
                Attendee(r.name, r.organisation_name, note=note)
            )
        elif r.status is AttendanceStatus.PRESENT:
            present.append(person)
        elif r.status is AttendanceStatus.DEPUTY:
            # a deputy from another organisation than the seat's is named by their own, then the seat's
            present.append(Attendee(r.deputy_name or "A deputy", r.deputy_organisation_name or r.organisation_name, "",
                                    deputy_for=r.name, note=note,
                                    deputy_for_organisation=r.organisation_name if r.deputy_organisation_name else ""))
        elif r.status is AttendanceStatus.APOLOGIES:
            apologies.append(person)
        else:
            absent.append(person)
    by_item_decisions: dict[int, list[DecisionLine]] = {}
    for d in decisions:
        by_item_decisions.setdefault(d.agenda_item_id, []).append(DecisionLine(d.text, names.owned(d).owner, d.due_date))
    by_item_actions: dict[int, list[ActionLine]] = {}
    numbers = item_numbers(items)
    # approved minutes give each of the meeting's own actions as it stood on the meeting's day
    # (marking one done in the action log later does not change them); working minutes, as now
    then = mt.own_statuses_on_its_day(db, meeting_id) if m.minutes_status is MinutesStatus.APPROVED else {}
    for a in actions:
        item_id = a.links.get("agenda_item_id")
        if a.id in then:
            a = replace(a, status=then[a.id])
        by_item_actions.setdefault(item_id, []).append(_action_line(names.owned(a), numbers.get(item_id)))
    minutes_items = [
        MinutesItem(
            numbers[i.id], i.title, i.presenter, i.paper_ref, i.confidential, i.minutes,
            tuple(by_item_decisions.get(i.id, ())), tuple(by_item_actions.get(i.id, ())),
            tuple(review or ()) if i.kind is ItemKind.ACTION_REVIEW else (), i.kind is ItemKind.ACTION_REVIEW,
            review_known=review is not None,
        )
        for i in items
    ]
    # amendments recorded against a confidential item (adding it, its details, place, minutes, decisions,
    # actions) are left out for circulation, judged by the item as it is now: one made confidential
    # later takes its earlier amendments out too
    agenda = mt.list_agenda(db, meeting_id, include_archived=True)
    secret_items = {i.id for i in agenda if i.confidential}
    titles = {i.id: i.title for i in agenda}
    amendments = [  # made_at is kept in UTC: dated as this computer's clock showed it; the item as numbered here
        AmendmentLine.made(local_time(a.made_at).date(), a.reason, numbers.get(a.agenda_item_id),
                           titles.get(a.agenda_item_id, ""), a.agenda_item_id in secret_items)
        for a in mt.list_amendments(db, meeting_id)
    ]
    return MinutesDocument(
        partnership_name(db), m.group_name, m.title, m.starts_at, m.ends_at, m.where, m.minutes_state,
        m.minutes_status is MinutesStatus.APPROVED, names.person(m.chair_person_id, m.chair_name),
        names.person(m.minute_taker_person_id, m.minute_taker_name), m.kind.label,
        m.status.label, quorum.sentence if quorum.met is not None else "", present, apologies, absent, guests,
        minutes_items, tuple(amendments), group_confidential=_signs_agreement(db, meeting_id),
    )


def agreement_meetings(db, meeting_ids: Collection[int]) -> set[int]:
    """The meetings among `meeting_ids` whose group has its members sign a confidentiality
    agreement, so their minutes and agenda are OFFICIAL-SENSITIVE and their agenda stays out of
    the calendar file, which cannot be marked: the group's setting today, or for approved minutes
    as it stood on the meeting's day (`attendance_agreements.signing_meetings`)."""
    return set(signing_meetings(db, meeting_ids))


def _signs_agreement(db, meeting_id: int) -> bool:
    """Whether one meeting is among the `agreement_meetings`."""
    return meeting_id in agreement_meetings(db, [meeting_id])


@report("minutes", "Minutes of a meeting", options=("meeting", "circulation"), needs="meeting", missing=WHICH_MEETING,
        find={"meeting": mt.find_meeting}, outputs=(
    Output("Minutes PDF…", "Minutes.pdf"),
    Output("Minutes for circulation PDF…", "Minutes for circulation.pdf", {"circulation": True}),
))
def minutes_report(db, out: Path, progress: Progress = no_progress, meeting: int | None = None,
                   circulation: bool | None = None) -> Path:
    """The minutes as PDF; `circulation` leaves confidential items out."""
    from bscp_desktop.reports.minutes import write_minutes
    progress(0, 2, "Reading the minutes…")
    doc = minutes_document(db, _meeting_id(meeting))
    progress(1, 2, "Laying out the minutes…")
    return write_minutes(doc, out, circulation=bool(circulation))


# ---------------------------------------------------------------- agenda


def agenda_document(db, meeting_id: int) -> AgendaDocument:
    from bscp_desktop.reports.agenda import AgendaDocument, AgendaLine
    m = mt.get_meeting(db, meeting_id)
    items = mt.list_agenda(db, meeting_id)
    numbers = item_numbers(items)
    lines = [
        AgendaLine(numbers[i.id], i.title, i.presenter, i.paper_ref, i.minutes_allotted, i.confidential)
        for i in items
    ]
    return AgendaDocument(partnership_name(db), m.group_name, m.title, m.starts_at, m.ends_at, m.where,
                          m.chair_name, lines, group_confidential=_signs_agreement(db, meeting_id),
                          overrun=overrun_sentence(m.starts_at, m.ends_at, [i.minutes_allotted for i in items]))


@report("agenda", "Agenda of a meeting", options=("meeting",), needs="meeting", find={"meeting": mt.find_meeting},
        missing=WHICH_MEETING,
        outputs=(Output("Agenda PDF…", "Agenda.pdf"),))
def agenda_report(db, out: Path, progress: Progress = no_progress, meeting: int | None = None) -> Path:
    from bscp_desktop.reports.agenda import write_agenda
    progress(0, 1, "Laying out the agenda…")
    return write_agenda(agenda_document(db, _meeting_id(meeting)), out)


# ---------------------------------------------------------------- action log


def action_rows(db, today: date, meetings_area: bool = False,
                leave_out_items: Collection[int] = ()) -> list[action_reports.ActionRow]:
    """The action log's rows; `leave_out_items`, agenda items whose actions are left out."""
    return action_log(db, today, meetings_area, leave_out_items)[0]


def action_log(db, today: date, meetings_area: bool = False, leave_out_items: Collection[int] = ()
               ) -> tuple[list[action_reports.ActionRow], list[action_reports.LeftOut]]:
    """The action log's rows, and the actions of `leave_out_items` (agenda items) left out of
    them, counted by where they came from (only counted: their words stay out of the file)."""
    kept, left_out = logged_actions(db, today, meetings_area, leave_out_items)
    return [row for _action, row in kept], left_out


#: The kinds of action the Meetings area's own sheets list (`meetings_area`): those its meetings
#: raised and those added in the action log itself (no source), the one action log being the
#: Meetings tab's; case reviews' and audits' actions are on their areas' sheets.
MEETINGS_AREA_ACTIONS = (RecordKind.MEETINGS, None)


def logged_actions(db, today: date, meetings_area: bool = False, leave_out_items: Collection[int] = ()
                   ) -> tuple[list[tuple[al.ActionDTO, action_reports.ActionRow]], list[action_reports.LeftOut]]:
    """`action_log`, each row with the action it is of; with `meetings_area`, only the Meetings
    area's actions (`MEETINGS_AREA_ACTIONS`)."""
    from bscp_desktop.reports import actions as action_reports
    left_out = set(leave_out_items)
    kept, counted = [], {}
    for a in al.list_action_log(db):
        if meetings_area and a.origin.kind not in MEETINGS_AREA_ACTIONS:
            continue
        if a.links.get("agenda_item_id") in left_out:
            n, late = counted.get(_origin(a), (0, 0))
            counted[_origin(a)] = (n + 1, late + a.overdue_on(today))
            continue
        kept.append((a, action_reports.ActionRow(
            a.description, a.source, a.group_name, a.owner, a.due_date,
            a.status.label, a.overdue_on(today), a.completed_on, a.evidence, _origin(a), a.gaps_text,
        )))
    return kept, [action_reports.LeftOut(origin, n, late) for origin, (n, late) in counted.items()]


def _origin(a: al.ActionDTO) -> str:
    """Where an action came from, for grouping the action log: the group whose meeting raised
    it, else the area that raised it (case reviews, audits, ...), else the action log itself."""
    if a.group_name:
        return f"{a.group_name} meetings"
    if a.origin.kind is None:
        return "Other actions"
    return a.origin.kind.label


@report("actions", "Action log", options=("xlsx",), sensitive=True,  # case review and audit actions are in it
        outputs=(
    Output("Action log (PDF)…", "Action log.pdf"),
    Output("Action log (Excel)…", "Action log.xlsx", {"xlsx": True}),
))
def actions_report(db, out: Path, progress: Progress = no_progress, xlsx: bool | None = None,
                   today: date | None = None) -> Path:
    """The whole action log (archived actions left out), as PDF or, with `xlsx`, Excel. The
    actions of confidential agenda items are left out, as the minutes for circulation and the
    meetings workbook leave them out: the log may go to anyone with an action in it, and a
    confidential item is taken in private. How many were left out, and from which group's
    meetings, is said in the file (their words are not); the Action log on the Meetings tab and
    the full minutes list them."""
    from bscp_desktop.reports import actions as action_reports
    today = today or date.today()
    progress(0, 2, "Reading the action log…")
    rows, left_out = action_log(db, today, leave_out_items=mt.confidential_item_ids(db))
    progress(1, 2, "Writing…")
    if xlsx:
        return action_reports.write_actions_xlsx(rows, out, today, left_out)
    closures = case_review_settings.load_settings(db).closure_dates  # not working days, as for every deadline
    return action_reports.write_actions_pdf(rows, out, partnership_name(db), today, closures, left_out)


# ---------------------------------------------------------------- attendance


#: the Registers sheet's line for a held meeting with no register
NO_REGISTER = "No register filled in: nobody's attendance at this meeting is counted"


@report("attendance", "Attendance report (Excel)", options=("date_from", "date_to", "xlsx"),
        outputs=(Output("Attendance report (Excel)…", "Attendance.xlsx"),))
def attendance_xlsx(db, out: Path, progress: Progress = no_progress, date_from: date | None = None,
                    date_to: date | None = None, xlsx: bool | None = None) -> Path:
    """Attendance by organisation and group over a period, with every register (Excel)."""
    from bscp_desktop.reports import attendance as attendance_report
    progress(0, 3, "Working out attendance…")
    result = at.attendance_monitoring(db, date_from, date_to)

    def line(r) -> attendance_report.RateLine:
        return attendance_report.RateLine(r.organisation_name, r.group_name, r.below_threshold, **r.counts())

    progress(1, 3, "Reading the registers…")
    meetings = {m.id: m for m in mt.list_meetings(db, date_from=date_from, date_to=date_to)}
    entries = [r for r in at.list_attendance(db) if r.meeting_id in meetings]
    registers = [
        attendance_report.RegisterLine(
            meetings[r.meeting_id].date, meetings[r.meeting_id].group_name, meetings[r.meeting_id].status.label,
            r.name, r.organisation_name, r.role_label, r.status.label,
            r.deputy_label if r.status is AttendanceStatus.DEPUTY else "",
        )
        for r in entries
    ]
    # a held meeting whose register was never filled in counts nobody: its line says so
    with_register = {r.meeting_id for r in entries}
    registers += [
        attendance_report.RegisterLine(m.date, m.group_name, m.status.label, "", "", "", NO_REGISTER, "")
        for m in meetings.values() if m.status is MeetingStatus.HELD and m.id not in with_register
    ]
    registers.sort(key=lambda x: (x.meeting_date, x.group.casefold()))
    progress(2, 3, "Writing…")
    seats = [
        attendance_report.SeatLine(s.group_name, s.name, s.role_label, s.organisation_name, s.below_threshold, **s.counts())
        for s in result.by_seat
    ]
    escalations = [
        attendance_report.EscalationLine(e.raised_on, e.organisation_name, e.group_name or "All groups",
                                         e.raised_with, e.raised_by, e.concern, e.replied_on, e.reply)
        for e in es.list_escalations(db, date_from=date_from, date_to=date_to)
    ]
    return attendance_report.write_attendance_xlsx(
        [line(r) for r in result.by_organisation], [line(r) for r in result.by_group], registers, out,
        date_from=date_from, date_to=date_to, threshold=result.threshold,
        meetings_held=result.meetings_held, meetings_not_counted=result.meetings_not_counted,
        still_to_come=result.still_to_come,
        by_seat=seats, escalations=escalations, kinds_not_counted=[k.label for k in result.kinds_not_counted],
        without_register=" ".join(s for s in (result.without_register_sentence, result.nobody_present_sentence) if s),
    )


# ---------------------------------------------------------------- calendar files


def _sequence(updated_at: datetime | None, version: int) -> int:
    """Grows with each saved change to the meeting, so calendars replace the old invitation.

    The minutes from 2020 to the meeting's last save, which never go back, plus its saves
    (`version`), which go up by one with each: two saves in the same minute still give two
    numbers, and a file written now never carries a lower number than one written before with
    the minutes alone."""
    minutes = 0 if updated_at is None else max(0, int((updated_at - datetime(2020, 1, 1)).total_seconds() // 60))
    return min(minutes + max(0, version), 2**31 - 1)  # a calendar's sequence number is at most 2^31 - 1


# Not taking place on its date: sent as cancelled (the same UID), so a calendar that imported
# the meeting takes it out; a postponed meeting's new date is a meeting of its own. An archived
# meeting is not taking place either, whatever its status.
_NOT_TAKING_PLACE = (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED)


def _taking_place(m: mt.MeetingDTO) -> bool:
    return not m.archived and m.status not in _NOT_TAKING_PLACE


#: What a calendar event says in place of the agenda of a meeting whose papers are OFFICIAL-SENSITIVE.
AGENDA_SENT_SEPARATELY = "Agenda: sent separately, as this group's papers are OFFICIAL-SENSITIVE."


def calendar_events(db, meetings: list[mt.MeetingDTO]) -> list[CalendarEvent]:
    """The meetings as calendar events, each with its agenda's open items. A calendar file cannot
    be marked OFFICIAL-SENSITIVE: confidential items are left out, and so is the whole agenda of a
    meeting whose group signs a confidentiality agreement (`agreement_meetings`, as its agenda PDF
    is marked), the event saying it is sent separately."""
    from bscp_desktop.reports.ics import CalendarEvent
    people = {p.id: p for p in ms.list_people(db, include_archived=True)}
    agendas: dict[int, list[str]] = {}
    sensitive = agreement_meetings(db, [m.id for m in meetings])
    rows = mt.list_all_agenda_items(db, [m.id for m in meetings], include_archived_meetings=True)
    numbers = item_numbers([row.item for row in rows])
    for row in sorted(rows, key=lambda r: numbers[r.item.id]):  # each meeting's in its agenda's order
        if not row.item.confidential and row.meeting_id not in sensitive:
            agendas.setdefault(row.meeting_id, []).append(f"{numbers[row.item.id]}. {row.item.title}")
    calendar_id = settings.calendar_id(db)  # once a file: every event's UID carries it
    events = []
    for m in meetings:
        organiser = people.get(m.minute_taker_person_id) or people.get(m.chair_person_id)
        lines = [f"{m.group_name}: {m.title}" if m.title.casefold() != m.group_name.casefold() else m.group_name]
        if m.online_link:
            lines.append(f"Join online: {m.online_link}")
        if m.chair_name:
            lines.append(f"Chair: {m.chair_name}")
        if organiser is not None:
            lines.append(f"Organiser: {organiser.name}")
        if m.id in sensitive:
            lines.extend(("", AGENDA_SENT_SEPARATELY))
        elif agendas.get(m.id):
            lines.append("")
            lines.append("Agenda:")
            lines.extend(agendas[m.id])
        summary = m.group_name if m.title.casefold() == m.group_name.casefold() else f"{m.group_name}: {m.title}"
        events.append(
            CalendarEvent(
                uid=event_uid(m.id, calendar_id), title=summary, starts_at=m.starts_at, ends_at=m.ends_at,
                location=m.place or m.online_link, description="\n".join(lines),
                organiser_name=organiser.name if organiser else "",
                organiser_email=organiser.email if organiser else "",
                url=m.online_link, cancelled=not _taking_place(m),
                sequence=_sequence(m.updated_at, m.version),
            )
        )
    return events


@report("ics", "Calendar file (.ics)", options=("meeting", "series"), needs="meeting",
        missing="Say which meeting (--meeting ID) or series (--series ID)",
        find={"meeting": mt.find_meeting}, outputs=(Output("Calendar file…", "Meeting.ics"),))
def ics_report(db, out: Path, progress: Progress = no_progress, meeting: int | None = None,
               series: int | None = None) -> Path:
    """One meeting (`meeting`) or every meeting of a series (`series`) as an .ics file; an archived
    meeting is in it as cancelled, so a calendar that imported it takes it out."""
    from bscp_desktop.reports.ics import write_calendar
    if meeting is not None:
        meetings = [mt.get_meeting(db, int(meeting))]
        name = meetings[0].label
    else:
        s = mt.get_series(db, int(series), include_archived_meetings=True)
        meetings = [mt.get_meeting(db, mid) for mid in s.meeting_ids]
        name = s.label
    progress(0, 1, "Writing the calendar file…")
    return write_calendar(calendar_events(db, meetings), out, name)


# ---------------------------------------------------------------- workbook

ARCHIVED = Column("Archived", "date")
#: After the group of an archived meeting on the sheets of its agenda items, register, decisions and
#: actions, as the Meetings sheet's Archived column marks the meeting (the attendance report leaves it out).
ARCHIVED_MEETING = "(archived meeting)"


def _key_areas(meetings: list[mt.MeetingDTO], items: list[mt.MeetingRow]) -> dict[int, str]:
    """Each meeting's key areas of focus in one cell, one a line, as the yearly report lists them
    (`reporting.key_areas`: a confidential item's neither summary nor title)."""
    return {mid: "\n".join(lines) for mid, lines in key_areas(meetings, items).items()}


def build_workbook(db, progress: Progress = no_progress, today: date | None = None) -> WorkbookBuilder:
    """Sheets Meetings, Agenda items, Attendance, Decisions and Actions (the meetings' actions
    and those added in the action log itself, From "Added in the action log": the workbook of
    everything has every action on this sheet or a case review's or an audit's). The minutes,
    decisions and actions of confidential items are not exported: under the Decisions and the
    Actions table, after a blank row (outside the filter), a note says how many were left out
    and from which group's meetings, when any was (`left_out_note`). Archived meetings are
    listed on every sheet, the Meetings sheet's Archived column saying which and the other sheets'
    Group column ("Executive Group (archived meeting)": the attendance report and the partner
    workbook leave them out); archived agenda items, decisions and register rows are left out."""
    from bscp_desktop.reports import actions as action_reports
    from bscp_desktop.reports.marking import is_marked
    from bscp_desktop.reports.xlsx import WorkbookBuilder
    today = today or date.today()
    progress(0, 6, "Meetings…")
    meetings = sorted(mt.list_meetings(db, include_archived=True), key=lambda m: (m.starts_at, m.id))
    by_id = {m.id: m for m in meetings}
    progress(1, 6, "Agenda items…")
    # archived meetings are listed (the Meetings sheet's Archived column says so): their items too,
    # each meeting's in its agenda's order
    items = mt.list_all_agenda_items(db, include_archived_meetings=True)
    numbers = item_numbers([r.item for r in items])
    items.sort(key=lambda r: (by_id[r.meeting_id].starts_at, r.meeting_id, numbers[r.item.id]))
    # OFFICIAL-SENSITIVE as the minutes and agendas in it are: a group whose members sign a
    # confidentiality agreement, or a confidential item (its title and presenter are listed)
    agreement = signing_meetings(db)
    sensitive = is_marked() or any(m.id in agreement for m in meetings) or any(
        r.item.confidential for r in items)
    wb = WorkbookBuilder(title="Meetings", subject="Meetings, agendas, attendance, decisions and actions",
                         sensitive=sensitive)
    focus = _key_areas(meetings, items)
    confidential_items = mt.confidential_item_ids(db)  # archived meetings' too: their decisions and actions are listed

    def group_of(meeting_id: int) -> str:
        m = by_id[meeting_id]
        return f"{m.group_name} {ARCHIVED_MEETING}" if m.archived else m.group_name

    wb.add_sheet(
        "Meetings",
        [Column("Date", "date"), Column("Starts"), Column("Ends"), Column("Group"), Column("Title"),
         Column("Kind"), Column("Status"), Column("Place"), Column("Online link"), Column("Chair"),
         Column("Minute-taker"), Column("Minutes"), Column("Circulated on", "date"), Column("Approved on", "date"),
         Column("Approved at meeting of", "date"), Column("Agenda items", "int"), Column("Key areas of focus"),
         ARCHIVED],
        (
            [m.date, m.starts_at.strftime("%H:%M"), m.ends_at.strftime("%H:%M") if m.ends_at else None,
             m.group_name, m.title, m.kind, m.status, m.place, m.online_link, m.chair_name, m.minute_taker_name,
             m.minutes_status, m.minutes_circulated_on, m.minutes_approved_on, m.approved_at_date, m.item_count,
             focus[m.id], local_time_if_any(m.archived_at)]
            for m in meetings
        ),
    )
    wb.add_sheet(
        "Agenda items",
        [Column("Meeting date", "date"), Column("Group"), Column("No.", "int"), Column("Title"), Column("Kind"),
         Column("Presenter"), Column("Paper"), Column("Time allowed (minutes)", "int"), Column("Confidential", "bool"),
         Column("Key area of focus", "bool"), Column("Key area of focus summary"), Column("Minutes")],
        (
            [r.meeting_date, group_of(r.meeting_id), numbers[r.item.id], r.item.title, r.item.kind.label, r.item.presenter,
             r.item.paper_ref, r.item.minutes_allotted, r.item.confidential, r.item.key_focus,
             focus_summary(r.item), CONFIDENTIAL_NOT_EXPORTED if r.item.confidential else r.item.minutes]
            for r in items
        ),
    )
    progress(2, 6, "Attendance…")
    wb.add_sheet(
        "Attendance",
        [Column("Meeting date", "date"), Column("Group"), Column("Meeting status"), Column("Name"),
         Column("Organisation"), Column("Role"), Column("Expected", "bool"), Column("Attendance"), Column("Deputy")],
        (
            [by_id[r.meeting_id].date, group_of(r.meeting_id), by_id[r.meeting_id].status, r.name,
             r.organisation_name, r.role_label, r.expected, r.status,
             r.deputy_label if r.status is AttendanceStatus.DEPUTY else ""]
            for r in at.list_attendance(db)
            if r.meeting_id in by_id
        ),
    )
    progress(3, 6, "Decisions…")
    decisions: list[mt.DecisionDTO] = []
    secret: dict[str, int] = {}  # decisions of confidential items by group's meetings
    for d in mt.list_decisions(db):
        if d.meeting_id not in by_id:
            continue
        if d.agenda_item_id in confidential_items:  # counted only: their words stay out of the file
            where = f"{by_id[d.meeting_id].group_name} meetings"
            secret[where] = secret.get(where, 0) + 1
            continue
        decisions.append(d)
    columns = [Column("Meeting date", "date"), Column("Group"), Column("Item", "int"), Column("Item title"),
               Column("Decision"), Column("Owner"), Column("Due date", "date"), Column("Evidence of impact"),
               Column("Missing")]
    said = left_out_note("decision", "made", [(where, n, 0) for where, n in secret.items()],
                         "The full minutes of their meetings list them.")
    wb.add_sheet(
        "Decisions", columns,
        (
            [by_id[d.meeting_id].date, group_of(d.meeting_id), numbers.get(d.agenda_item_id, d.item_position),
             d.item_title, d.text,
             d.owner, d.due_date, d.evidence, gaps_text(d.gaps_on(today))]
            for d in decisions
        ),
        total_row=[None] * 4 + [said] + [None] * (len(columns) - 5) if said else None,  # in the Decision column
    )
    progress(4, 6, "Actions…")
    kept, left_out = logged_actions(db, today, meetings_area=True, leave_out_items=confidential_items)
    said = left_out_note("action", "raised", [(o.origin, o.actions, o.overdue) for o in left_out],
                         "The Action log on the Meetings tab and the full minutes of their meetings list them.")
    meeting_of = {r.item.id: r.meeting_id for r in items}  # an action raised at an item, its meeting

    def action_values(a: al.ActionDTO, row: action_reports.ActionRow) -> list:
        meeting_id = a.links.get("meeting_id") or meeting_of.get(a.links.get("agenda_item_id"))
        return action_reports.action_values(replace(row, group=group_of(meeting_id)) if meeting_id in by_id else row)

    wb.add_sheet("Actions", action_reports.ACTION_COLUMNS, (action_values(a, r) for a, r in kept),
                 total_row=[said] + [None] * (len(action_reports.ACTION_COLUMNS) - 1) if said else None)
    return wb


def left_out_note(noun: str, verb: str, left_out: Collection[tuple[str, int, int]], listed_in: str) -> str:
    """What a sheet of the Meetings workbook says under its table of the `noun`s (decisions,
    actions) of confidential agenda items it leaves out, as the action log says it: how many,
    how many of them overdue, and from which group's meetings (`left_out`: (where, how many,
    how many overdue)); never their words. '' when none is left out."""
    n, late = sum(count for _where, count, _late in left_out), sum(late for _where, _count, late in left_out)
    if not n:
        return ""
    one = n == 1
    places = and_list([f"{where} ({count})" for where, count, _late in sorted(left_out, key=lambda o: o[0].casefold())])
    overdue = "" if not late else " (overdue)" if one else f" ({late} of them overdue)"
    return (f"{n} {noun}{'' if one else 's'} {verb} under confidential agenda items {'is' if one else 'are'} left out "
            f"of this sheet{overdue}, as confidential items are left out of the minutes for circulation: from "
            f"{places}. {listed_in}")


@workbook(RecordKind.MEETINGS, "Meetings workbook", outputs=(Output("Meetings workbook…", "Meetings.xlsx"),))
def meetings_workbook(db, progress: Progress = no_progress) -> WorkbookBuilder:
    wb = build_workbook(db, progress=progress)
    return wb
