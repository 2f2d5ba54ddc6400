"""The yearly report's sections on meetings: the meetings held in the period (`activity`) and
attendance by organisation in each group (`attendance`), registered as builders by `sections`.

Attendance is attendance monitoring's (`services.attendance_monitoring`), as the Attendance tab
and partner engagement show it: a held meeting whose register lists people but marks nobody
present is left out of the percentages there and named in the section's words, as a held
meeting with no register is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time

from bscp_desktop.db.database import Database
from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.finance import long_date
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.text import alphabetical
from bscp_desktop.domain.yearly_report import BuiltSection, Para, Table
from bscp_desktop.services.yearly_report.period_words import so_far


def times(n: int) -> str:
    """'once', 'twice', '5 times'."""
    return {1: "once", 2: "twice"}.get(n, f"{n:,} times")


def activity(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Every meeting held in the period, in date order, with its key areas of focus. A meeting
    still marked planned though its date has passed is not counted as held: it is named as such."""
    from bscp_desktop.services import meetings as mt

    held = mt.key_areas_of_focus(db, start, end)
    past = datetime.combine(today, time.min)  # as attendance monitoring tells a past meeting
    planned = sorted((m for m in mt.list_meetings(db, date_from=start, date_to=end, status=MeetingStatus.PLANNED)
                      if m.starts_at < past), key=lambda m: (m.starts_at, alphabetical(m.group_name)))
    still_planned = [Para(s) for s in [_still_planned(len(planned), [_named(m) for m in planned])] if s]
    period = so_far(start, end, today)
    if not held:
        return BuiltSection("activity", (Para(f"No meetings were held between {period}."), *still_planned), "", False)
    rows = tuple(
        (long_date(m.date), m.title or m.group_name, "\n".join(f"• {f}" for f in focus) or "No key areas of focus recorded")
        for m, focus in held
    )
    groups = sorted({m.group_name for m, _ in held}, key=alphabetical)
    draft = f"The partnership's groups met {times(len(held))} between {period} ({', '.join(groups)})."
    return BuiltSection("activity", (Table("Meetings held", ("Date", "Meeting", "Key areas of focus"), rows),
                                     *still_planned), draft, True)


def _named(meeting) -> str:
    """A meeting as attendance monitoring names one: "Executive Group, 20/10/2023"."""
    return f"{meeting.group_name}, {format_date(meeting.starts_at.date())}"


def _still_planned(n: int, named: Sequence[str] = ()) -> str:
    """The meetings of the period still marked planned though their date has passed, as the
    Attendance tab says it, naming them when `named` ('' when there are none)."""
    if not n:
        return ""
    which = f": {'; '.join(named)}" if named else ""
    return (f"{n} meeting{'s' if n != 1 else ''} in this period {'are' if n != 1 else 'is'} still marked planned "
            f"though {'their' if n != 1 else 'its'} date has passed, so {'they are' if n != 1 else 'it is'} not "
            f"counted as held{which}. Open {'each one' if n != 1 else 'it'} and mark it held (or cancelled).")


def attendance(db: Database, start: date, end: date, today: date) -> BuiltSection:
    """Attendance by organisation in each group, with the threshold flag. A held meeting with no
    register, or with a register marking nobody present, is counted as held and named, and left
    out of the percentages; the meetings still marked planned though their date has passed are
    counted apart, in attendance monitoring's words."""
    from bscp_desktop.domain.percent import format_percent
    from bscp_desktop.services import attendance as at

    report = at.attendance_monitoring(db, start, end, today=today)
    by_group = report.by_group
    notes = tuple(Para(s) for s in (report.without_register_sentence, report.nobody_present_sentence,
                                    _still_planned(report.planned_but_past)) if s)
    if not by_group:
        return BuiltSection("attendance", (Para(f"No attendance was recorded at meetings held between "
                                                f"{so_far(start, end, today)}."), *notes), "", False)
    threshold = f"{report.threshold:g}%"
    blocks = []
    groups: dict[str, list] = {}
    for r in by_group:
        groups.setdefault(r.group_name, []).append(r)
    below = len({r.organisation_id for r in by_group if r.below_threshold})  # one below in two groups is one
    for group in sorted(groups, key=alphabetical):
        rows = []
        for r in groups[group]:
            flag = f"Below {threshold}" if r.below_threshold else ""
            rows.append((r.organisation_name, str(r.expected), str(r.attended), str(r.apologies),
                         format_percent(r.rate), flag))  # as the Attendance tab shows it
        blocks.append(Table(group, ("Organisation", "Expected", "Attended", "Apologies", "Rate", "Flag"),
                            tuple(rows)))
    not_counted = ""
    if report.meetings_of_kinds_not_counted:  # so the count agrees with the meetings held in the activity section
        kinds = " or ".join(k.label.lower() for k in report.kinds_not_counted)
        n = report.meetings_of_kinds_not_counted
        not_counted = f", and {n} meeting{'s' if n != 1 else ''} of a kind not counted for attendance ({kinds})"
    held = report.meetings_held
    draft = (f"{held} meeting{'s were' if held != 1 else ' was'} held{not_counted}. Attendance is counted for organisations, not the "
             f"secretariat, advisers or guests; the threshold is {threshold}. "
             + (f"{below} organisation{'s were' if below != 1 else ' was'} below it in a group."
                if below else "Every organisation met it."))
    return BuiltSection("attendance", (*blocks, *notes), draft, True)
