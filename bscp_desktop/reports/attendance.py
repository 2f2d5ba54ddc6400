"""The attendance report as an Excel workbook, from plain data, and the words saying which
meetings of the period are counted, which the Attendance monitoring page shows too (openpyxl
loads only when a workbook is written)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.meetings import AttendanceCounts


@dataclass(frozen=True)
class RateLine(AttendanceCounts):
    organisation: str
    group: str
    below_threshold: bool


@dataclass(frozen=True)
class RegisterLine:
    meeting_date: date
    group: str
    meeting_status: str
    name: str
    organisation: str
    role: str
    attendance: str
    deputy: str


@dataclass(frozen=True)
class SeatLine(AttendanceCounts):
    group: str
    member: str
    role: str
    organisation: str
    below_threshold: bool


@dataclass(frozen=True)
class EscalationLine:
    raised_on: date
    organisation: str
    group: str
    raised_with: str
    raised_by: str
    concern: str
    replied_on: date | None
    reply: str


def period_words(date_from: date | None, date_to: date | None) -> str:
    """"01/04/2026 to 31/03/2027"; an open start is "the start", an open end "today" (where
    attendance monitoring stops a period with no end)."""
    return f"{format_date(date_from) or 'the start'} to {format_date(date_to) or 'today'}"


def meetings_counted(held: int, not_counted: int, still_to_come: int = 0) -> str:
    """"2 meetings held are counted; 1 cancelled, postponed or not marked held is left out; 1
    still to come is not counted yet." The meetings held are always said, the others only when
    there are some. Planned meetings from today on are still to come, not left out."""
    def are(n: int) -> str:
        return "is" if n == 1 else "are"

    parts = [f"{held} meeting{'' if held == 1 else 's'} held {are(held)} counted"]
    if not_counted:
        parts.append(f"{not_counted} cancelled, postponed or not marked held {are(not_counted)} left out")
    if still_to_come:
        parts.append(f"{still_to_come} still to come {are(still_to_come)} not counted yet")
    return "; ".join(parts) + "."


def _counts(r: RateLine | SeatLine) -> list:
    """The count columns every sheet of rates ends with."""
    return [r.expected, r.in_person, r.by_deputy, r.apologies, r.absent, r.rate, "Below threshold" if r.below_threshold else ""]


def _rows(lines: Sequence[RateLine], with_group: bool):
    for r in lines:
        yield [r.organisation] + ([r.group] if with_group else []) + _counts(r)


def write_attendance_xlsx(
    by_organisation: Sequence[RateLine],
    by_group: Sequence[RateLine],
    registers: Sequence[RegisterLine],
    out: str | os.PathLike[str],
    *,
    date_from: date | None,
    date_to: date | None,
    threshold: float,
    meetings_held: int,
    meetings_not_counted: int,
    by_seat: Sequence[SeatLine] = (),
    escalations: Sequence[EscalationLine] = (),
    kinds_not_counted: Sequence[str] = (),
    without_register: str = "",  # the held meetings with no register, as one sentence ('' for none)
    still_to_come: int = 0,  # planned meetings of the period from today on: not counted yet
) -> Path:
    from bscp_desktop.reports.xlsx import Column, WorkbookBuilder

    period = period_words(date_from, date_to)
    wb = WorkbookBuilder(title="Attendance report", subject=f"Attendance at meetings held from {period}")
    counts = [Column("Meetings expected", "int"), Column("In person", "int"), Column("By deputy", "int"),
              Column("Apologies", "int"), Column("Absent", "int"), Column("Attendance rate", "percent"),
              Column("Flag")]
    wb.add_sheet("By organisation", [Column("Organisation"), *counts], _rows(by_organisation, False))
    wb.add_sheet("By organisation and group", [Column("Organisation"), Column("Group"), *counts],
                 _rows(by_group, True))
    wb.add_sheet(
        "By seat", [Column("Group"), Column("Member"), Column("Role"), Column("Organisation"), *counts],
        ([r.group, r.member, r.role, r.organisation, *_counts(r)] for r in by_seat),
    )
    wb.add_sheet(
        "Escalations",
        [Column("Raised on", "date"), Column("Organisation"), Column("Group"), Column("Raised with"),
         Column("Raised by"), Column("Concern"), Column("Replied on", "date"), Column("Reply")],
        ([e.raised_on, e.organisation, e.group, e.raised_with, e.raised_by, e.concern, e.replied_on, e.reply]
         for e in escalations),
    )
    wb.add_sheet(
        "Registers",
        [Column("Meeting date", "date"), Column("Group"), Column("Meeting status"), Column("Name"),
         Column("Organisation"), Column("Role"), Column("Attendance"), Column("Deputy")],
        ([r.meeting_date, r.group, r.meeting_status, r.name, r.organisation, r.role, r.attendance, r.deputy]
         for r in registers),
    )
    wb.add_notes_sheet([
        f"Attendance at meetings held from {period}.",
        meetings_counted(meetings_held, meetings_not_counted, still_to_come),
        *([without_register] if without_register else []),
        "An organisation is expected at a meeting when one of its people is a member of the group on the "
        "meeting date. It attended when one of them was present, or by deputy when someone deputised.",
        "The secretariat, advisers and guests never count for an organisation's attendance or toward quorum.",
        "By seat: each member's own place on each group (lay members included), so one officer's presence "
        "does not hide another service's absence.",
        ("Kinds of meeting not counted: " + ", ".join(kinds_not_counted) + ".") if kinds_not_counted
        else "Every kind of meeting is counted.",
        "Rate = (in person + by deputy) / meetings expected.",
        f"Organisations attending less than {threshold:g}% are flagged 'Below threshold', each rate taken as the "
        "program shows it: to the whole per cent, a half rounded up (one decimal place below 10%), so 2 of 3 "
        "meetings, 66.7% here, is 67%.",
    ], name="About")
    return wb.save(out)
