"""`bscp-desktop report --help`: every report, what it writes and the options it takes, read
from the output registry (`jobs`) when help is asked for."""

from __future__ import annotations

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
            elif option == "date_from" and "date_to" not in job.options:
                meaning = "on this date (default today)"
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
