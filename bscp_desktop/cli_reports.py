"""`bscp-desktop report --help`: every report, what it writes and the options it takes, read
from the output registry (`jobs`) when help is asked for."""

from __future__ import annotations

import argparse

#: How each report option is written on the command line, and what it means.
REPORT_FLAGS = {
    "date_from": ("--from DATE", "from this date (dd/mm/yyyy)"),
    "date_to": ("--to DATE", "to this date"),
    "year": ("--year 2023/24", "a financial year"),
    "meeting": ("--meeting MEETING", "the meeting: its id, or its group and date (\"Executive Group 21/03/2024\")"),
    "series": ("--series ID", "a meeting series"),
    "record_id": ("--id RECORD", "the record"),
    "booking": ("--booking ID", "the booking"),
    "organisation": ("--organisation NAME", "one organisation"),
    "cycle": ("--cycle CYCLE", "the Section 11 cycle: its id or name"),
    "area": ("--area AREA", "one area"),
    "xlsx": ("--xlsx", "Excel instead of PDF (naming the output file .xlsx does the same)"),
    "circulation": ("--circulation", "leave confidential items out"),
}


#: What `--id` or `--booking` takes for each report about one record, and where officers see it.
RECORD_HELP = {
    "audit": "the case audit: its reference or id",
    "case": "the case review: its reference or id",
    "yearly": "the yearly report: its title, as Reports > Yearly report lists it",
    "session-register": "the session: its Id, shown under Training > Sessions when it is selected",
    "certificate": "the booking: its Id, shown under Training > Bookings when it is selected",
}

#: The options that name the record a report is about (a report that `needs` one cannot do without it).
RECORD_OPTIONS = ("record_id", "meeting", "booking", "cycle", "organisation")


#: The fields a report's period is refused by (as the services and the window name them), and
#: how the command line gives each.
PERIOD_FIELDS = {
    "date_from": ("date_from", "--from dd/mm/yyyy"), "period_start": ("date_from", "--from dd/mm/yyyy"),
    "date_to": ("date_to", "--to dd/mm/yyyy"), "period_end": ("date_to", "--to dd/mm/yyyy"),
}


def _naming_missing_dates(refused, options):
    """A report's refusal (a ValidationError) of a first or last day that was not given, with
    the option that gives it named, as in "Enter the last day of the period (--to dd/mm/yyyy)":
    the window's words name its own fields, which the command line does not have."""
    from bscp_desktop.domain.validation import ValidationError

    errors = dict(refused.errors)
    for field, message in errors.items():
        option, flag = PERIOD_FIELDS.get(field, ("", ""))
        if option and options.get(option) is None and "--" not in message:
            errors[field] = f"{message.rstrip('.')} ({flag})"
    return ValidationError(errors)


def add_parser(sub, db_help: str, *, database, file, date, record, number, area) -> argparse.ArgumentParser:
    """The `report` command's arguments; each option's "(for ...)" names the reports taking it.
    The types read what is typed as the rest of the command line does."""
    p = sub.add_parser(
        "report", help="write a report (PDF, or Excel where offered): report --help lists them",
        description="Write one report. The output file's extension says what is written: "
        "a report offered as Excel writes Excel for a .xlsx file; a file it cannot write is refused.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("name", help="which report (listed below)")
    p.add_argument("--db", type=database, dest="sub_db", metavar="DATABASE", help=db_help)
    p.add_argument("-o", "--output", type=file, required=True, metavar="FILE",
                   help="the file to write; its extension says which format (listed below)")
    p.add_argument("--from", dest="date_from", type=date, metavar="DATE",
                   help="the first day of the period (for members, the older name of --on)")
    p.add_argument("--to", dest="date_to", type=date, metavar="DATE", help="the last day of the period")
    p.add_argument("--on", dest="date_on", type=date, metavar="DATE",
                   help="the day the list is for, default today (for members)")
    p.add_argument("--year", help="a financial year such as 2023/24 (for finance)")
    p.add_argument("--meeting", type=record, help="the meeting: its id, or its group and date, e.g. "
                   "\"Executive Group 21/03/2024\" (for agenda, minutes and ics)")
    p.add_argument("--id", dest="record_id", type=record, metavar="RECORD", help="the record: a case's or audit's "
                   "reference, a session's Id, a yearly report's title, or its id (for audit, case, "
                   "session-register and yearly)")
    p.add_argument("--series", type=number, metavar="ID", help="a meeting series' id (for ics)")
    p.add_argument("--booking", type=number, metavar="ID",
                   help="the booking's Id, shown under Training > Bookings (for certificate)")
    p.add_argument("--organisation", type=record, metavar="NAME",
                   help="one organisation: its name (for charges and partner)")
    p.add_argument("--cycle", type=record, help="Section 11 cycle: its id or name (for s11-summary)")
    p.add_argument("--area", type=area, help="one tab's changes, e.g. meetings or case-reviews (for change-log)")
    p.add_argument("--xlsx", action="store_true", help="write an Excel workbook instead of a PDF, where offered")
    p.add_argument("--circulation", action="store_true", help="leave confidential items out (for minutes)")
    return p


def one_day(job) -> bool:
    """Whether the report is about one day (`members`: who sits on each group that day), given
    with --on; its date option is `date_from`, which --from, the older name of --on, still gives."""
    return "date_from" in job.options and "date_to" not in job.options


def _on(name: str, job, on, options: dict, usage_problem) -> None:
    """--on DATE put where the report reads its day (`date_from`), refused by a report about a
    period or given with --from as well."""
    if on is None:
        return
    if not one_day(job):
        period = " (its period is --from DATE --to DATE)" if "date_to" in job.options else ""
        raise usage_problem(f"The {name} report does not take --on{period}.")
    if "date_from" in options:
        raise usage_problem(f"Give the day once, with --on (--from is its older name): report {name} --on DATE.")
    options["date_from"] = on


def reports_help() -> str:
    """Every report with what it writes and the options it takes (for `report --help`)."""
    from bscp_desktop import jobs

    jobs.load_all()
    lines = ["reports (the output file's extension says what is written):"]
    for name, job in sorted(jobs.REPORTS.items()):
        lines.append(f"  {name:<18}{job.title}: {jobs.describe_formats(job)}")
        for option in job.options:
            if option not in REPORT_FLAGS:
                continue  # offered in the window only
            flag, meaning = REPORT_FLAGS[option]
            if option in ("record_id", "booking") and name in RECORD_HELP:
                meaning = RECORD_HELP[name]
            elif option == "record_id" and job.find:
                meaning = "the record: its reference or id"
            elif option == "xlsx" and job.formats == (".xlsx",):
                meaning = "accepted; this report is always Excel"
            elif option == "date_from" and one_day(job):
                flag, meaning = "--on DATE", "the day the list is for (default today; --from DATE, its older name, works too)"
            elif option == "date_from" and option == job.needs:  # the period is chosen on its page
                meaning += " (default: the financial year so far)"
            record = option == job.needs and option in RECORD_OPTIONS and "series" not in job.options
            required = " (required)" if record or option in job.required else ""
            if "series" in job.options and option in ("meeting", "series"):
                required = " (this or " + ("--series" if option == "meeting" else "--meeting") + ")"
            lines.append(f"  {'':<20}{flag:<22}{meaning}{required}")
    lines.append("")
    lines.append("example: bscp-desktop report minutes --meeting \"Executive Group 21/03/2024\" --db PATH -o Minutes.pdf")
    return "\n".join(lines)


def run(args, open_to_read, db_file, usage_problem) -> int:
    """`report NAME -o FILE`: its options checked before the database opens (`open_to_read(args)`
    opens it; `db_file` is the database file, None for a team database), then written."""
    from bscp_desktop import jobs
    from bscp_desktop.domain.validation import ValidationError

    options = {
        key: value
        for key, value in (
            ("date_from", args.date_from),
            ("date_to", args.date_to),
            ("year", args.year),
            ("meeting", args.meeting),
            ("series", args.series),
            ("record_id", args.record_id),
            ("booking", args.booking),
            ("organisation", args.organisation),
            ("cycle", args.cycle),
            ("area", args.area),
            ("xlsx", args.xlsx or None),
            ("circulation", args.circulation or None),
        )
        if value is not None
    }
    jobs.load_all()
    job = jobs.REPORTS.get(args.name)
    if job is None:
        raise usage_problem(f"There is no report called '{args.name}'; choose one of: {', '.join(sorted(jobs.REPORTS))}.")
    _on(args.name, job, getattr(args, "date_on", None), options, usage_problem)
    unknown = set(options) - set(job.options)
    if unknown:
        named = ", ".join(jobs.flag_of(u) for u in sorted(unknown))
        raise usage_problem(f"The {args.name} report does not take {named}.")
    if "date_to" in options and "date_from" not in options:
        raise usage_problem(f"Give the period's first day with --from as well as its last with --to "
                            f"(report {args.name} --from DATE --to DATE).")
    jobs.check_one_record(job, options)
    jobs.check_output(args.output, db_file)
    jobs.check_format(job, args.output)
    with open_to_read(args) as db:
        try:
            out = jobs.write_report(db, args.name, args.output, **options)
        except ValidationError as exc:  # a date the report needs: said with its option
            raise _naming_missing_dates(exc, options) from exc
    print(f"Written {out}")
    return 0
