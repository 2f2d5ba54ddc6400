"""Demo training programme, consistent with the partnership's 2022-24 yearly report.

From the report: a joint multi-agency offer with the Safeguarding Adults Board (joint courses
for children's and adults' practitioners); shorter briefings of 60 to 90 minutes and three short
course series; more in-person sessions; a Child Sexual Abuse course new in March 2024; a one-off
Contextual Safeguarding session with Brent Council's Children and Young People department;
police attending no multi-agency course; against 2022-23, bookings up 4%, no-shows down 9% and
cancellations down 10%; registrations up 324 since February 2023; a four-stage evaluation (before
and after the course, and a follow-up with the delegate and their line manager) from 2023-24.
Topics the report lists as in development for 2024-25 appear as upcoming sessions.

The report gives no counts per course, session or organisation: every session, delegate and
score here is ILLUSTRATIVE, generated (with a fixed seed) to add up to the changes above.
The programme is free to partners, so the charges for no-shows and late cancellations are £0.00.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from bscp_desktop.domain.dates import add_months, format_date, is_working_day
from bscp_desktop.domain.search import fold
from bscp_desktop.domain.training import Audience, ChargeRates, CourseFormat, Facilitator, Outcome
from bscp_desktop.importers.report import ImportReport
from bscp_desktop.importers.tabular import Table
from bscp_desktop.importers.training import import_bookings, import_evaluations
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.settings import set_setting
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.services.training import figures as fg
from bscp_desktop.services.training import settings as st

NOTE = ("Illustrative demo record: the partnership's yearly report gives no figures per session, "
        "so this one is made up to fit the report's totals.")
SEED = 2024

BRENT = "Brent Council"
ICB = "NHS North West London ICB"
CLCH = "Central London Community Healthcare NHS Trust"
CNWL = "Central North West London Mental Health Foundation NHS Trust"
LNWUHT = "London North West University Healthcare NHS Trust"
LAS = "London Ambulance Service"
PROBATION = "Probation Service"
CAFCASS = "Children and Family Court Advisory and Support Service"
SAB = "Brent Safeguarding Adults Board"

# Organisation as a delegate types it, weight. Short names and other spellings are matched;
# two voluntary groups are not in the organisation records, so they show as not matched.
# The police booked nothing: the report says they trained through their own BCU unit.
DELEGATE_ORGANISATIONS: list[tuple[str, int]] = [
    (BRENT, 34), ("NWL ICB", 6), ("CLCH", 10), ("CNWL", 8), ("LNWUHT", 7), ("Northwick Park Hospital", 3),
    (LAS, 2), (PROBATION, 3), ("CAFCASS", 2), ("College of North West London (United Colleges Group)", 4),
    ("Newman Catholic College", 2), ("Lyon Park Primary School", 3), ("The Village and Woodfield Special Schools", 3),
    ("Kingsbury High School", 3), ("Preston Manor School", 3), ("Brent Mencap", 3), ("Sufra NW London", 2),
]

FIRST = ["Amara", "Bilal", "Chloe", "Darius", "Ewa", "Fatima", "Gurpreet", "Hannah", "Ifeoma", "Jamal", "Kasia",
         "Liam", "Mei", "Nadia", "Oluwaseun", "Priya", "Quentin", "Roisin", "Samir", "Tomasz", "Uzma", "Vikram",
         "Wiktoria", "Xavier", "Yasmin", "Zoë", "Aisha", "Bogdan", "Ciara", "Deepak", "Efua", "Farhan", "Grace",
         "Hamza", "Ines", "Jorge", "Kwame", "Leila", "Mohammed", "Niamh", "Oksana", "Pedro", "Rahel", "Shanice"]
LAST = ["Adeyemi", "Begum", "Ćosić", "Da Silva", "Ekwueme", "Fernandes", "Ghosh", "Hussain", "Iqbal", "Jankowska",
        "Kaur", "Lungu", "Murphy", "Nowak", "O'Brien", "Patel", "Qureshi", "Rahman", "Sánchez", "Thompson",
        "Usman", "Varga", "Wiśniewski", "Xu", "Yilmaz", "Żak", "Ali", "Boateng", "Chowdhury", "Dimitrova",
        "Osei", "Mensah", "Nguyễn", "Kowalczyk", "Shah", "Ahmed", "Campbell", "Singh", "Okafor", "Gashi"]
JOBS = ["Social worker", "Health visitor", "School nurse", "Designated safeguarding lead", "Family support worker",
        "Midwife", "Early help practitioner", "Youth worker", "Housing officer", "Teacher", "Paramedic",
        "Probation officer", "Adult social worker", "Team manager", "GP practice manager", "Mental health nurse"]

# key, title, topic, audience, format, minutes, facilitator, outcomes
COURSES = [
    ("neglect", "Neglect: recognising and responding", "Neglect", Audience.CHILDREN, CourseFormat.VIRTUAL, 180,
     Facilitator.INTERNAL, ("Recognise the signs of neglect", "Use the Graded Care Profile", "Know when and how to refer")),
    ("da", "Domestic abuse and coercive control", "Domestic abuse", Audience.JOINT, CourseFormat.VIRTUAL, 180,
     Facilitator.EXTERNAL, ("Understand coercive and controlling behaviour", "Assess risk with the DASH checklist",
                            "Refer to MARAC")),
    ("exploitation", "Child exploitation and contextual risk", "Exploitation", Audience.CHILDREN,
     CourseFormat.IN_PERSON, 210, Facilitator.INTERNAL,
     ("Recognise criminal and sexual exploitation", "Know the local exploitation pathway")),
    ("trauma", "Trauma-informed practice", "Trauma-informed practice", Audience.JOINT, CourseFormat.IN_PERSON, 180,
     Facilitator.EXTERNAL, ("Understand the impact of trauma", "Apply trauma-informed principles")),
    ("info", "Information sharing in safeguarding", "Information sharing", Audience.JOINT, CourseFormat.VIRTUAL, 120,
     Facilitator.INTERNAL, ("Know the legal basis for sharing", "Record decisions to share or not")),
    ("lfc", "Learning from cases briefing", "Learning from cases", Audience.CHILDREN, CourseFormat.BRIEFING, 90,
     Facilitator.INTERNAL, ("Know the learning from local rapid reviews",)),
    ("sv", "Serious youth violence briefing", "Serious violence", Audience.CHILDREN, CourseFormat.BRIEFING, 75,
     Facilitator.INTERNAL, ("Understand the local picture of youth violence",)),
    ("wt", "Working Together 2023 briefing", "Working Together 2023", Audience.CHILDREN, CourseFormat.BRIEFING, 60,
     Facilitator.INTERNAL, ("Know what changed in Working Together 2023",)),
    ("icon", "ICON: babies cry, you can cope", "ICON, safe sleeping and head trauma", Audience.CHILDREN,
     CourseFormat.BRIEFING, 60, Facilitator.INTERNAL, ("Explain the ICON message to parents", "Promote safe sleeping")),
    ("complex", "Multiple and complex needs: safeguarding adults at risk", "Multiple and complex needs",
     Audience.ADULTS, CourseFormat.VIRTUAL, 150, Facilitator.INTERNAL, ("Recognise self-neglect and hoarding",)),
    ("contextual", "Contextual Safeguarding", "Contextual safeguarding", Audience.CHILDREN, CourseFormat.IN_PERSON, 240,
     Facilitator.EXTERNAL, ("Assess extra-familial harm", "Work with places and peer groups")),
    ("csa", "Child Sexual Abuse: recognising and responding", "Child Sexual Abuse", Audience.CHILDREN,
     CourseFormat.VIRTUAL, 180, Facilitator.INTERNAL, ("Recognise signs of child sexual abuse", "Respond to a disclosure")),
    # in development for 2024-25 (the report's list): upcoming sessions only
    ("pf", "Private fostering and kinship care", "Private fostering and kinship care", Audience.CHILDREN,
     CourseFormat.BRIEFING, 90, Facilitator.INTERNAL, ("Recognise a private fostering arrangement",)),
    ("lado", "The LADO and allegations against staff", "LADO", Audience.CHILDREN, CourseFormat.VIRTUAL, 120,
     Facilitator.INTERNAL, ("Know when to refer to the LADO",)),
    ("ccb", "Coercive and controlling behaviour", "Coercive and controlling behaviour", Audience.JOINT,
     CourseFormat.IN_PERSON, 180, Facilitator.EXTERNAL, ("Recognise coercive control",)),
]

SERIES = {"lfc": "Learning from Cases Series", "sv": "Serious Violence Series", "wt": "Working Together 2023 Series"}
CAPACITY = {CourseFormat.VIRTUAL: 25, CourseFormat.IN_PERSON: 30, CourseFormat.BRIEFING: 30}
VENUES = ["Brent Civic Centre, Engineers Way, Wembley HA9 0FJ", "Willesden Green Library Centre, 95 High Road NW10 2SF"]

# The programme of each financial year: (course key, number of sessions)
PROGRAMME = {
    2022: [("neglect", 4), ("da", 4), ("exploitation", 3), ("info", 3), ("complex", 2), ("lfc", 2), ("trauma", 2)],
    2023: [("neglect", 3), ("da", 3), ("exploitation", 2), ("info", 2), ("complex", 2), ("lfc", 3), ("sv", 2),
           ("wt", 2), ("icon", 2), ("trauma", 2), ("contextual", 1), ("csa", 1)],
}
# Totals by year: bookings up 4%, no-shows down 9%, cancellations down 10% (yearly report)
TARGETS = {
    2022: {"bookings": 500, "no_shows": 66, "cancellations": 80, "late": 30},
    2023: {"bookings": 520, "no_shows": 60, "cancellations": 72, "late": 25},
}
# New LMS accounts per month: 324 from February 2023 to March 2024 (the report: "up 324").
REGISTRATIONS_BEFORE = [(2022, 4, 14), (2022, 5, 11), (2022, 6, 12), (2022, 7, 9), (2022, 8, 6), (2022, 9, 15),
                        (2022, 10, 17), (2022, 11, 13), (2022, 12, 8), (2023, 1, 16)]
REGISTRATIONS_SINCE = [(2023, 2, 22), (2023, 3, 25), (2023, 4, 19), (2023, 5, 24), (2023, 6, 21), (2023, 7, 18),
                       (2023, 8, 12), (2023, 9, 28), (2023, 10, 31), (2023, 11, 26), (2023, 12, 14), (2024, 1, 29),
                       (2024, 2, 27), (2024, 3, 28)]


def _session_days(rng: random.Random, fy: int, count: int, taken: set[date]) -> list[date]:
    """Working days spread over the financial year (not August, not in the Christmas fortnight)."""
    days = []
    months = [m for m in range(12) if add_months(date(fy, 4, 1), m).month != 8]
    for i in range(count):
        month = months[min(len(months) - 1, int((i + rng.random()) * len(months) / count))]
        day = add_months(date(fy, 4, 1), month) + timedelta(days=rng.randrange(3, 22))
        while not is_working_day(day) or day in taken or (day.month == 12 and day.day > 18):
            day += timedelta(days=1)
        taken.add(day)
        days.append(day)
    return sorted(days)


def _split(total: int, weights: list[int], caps: list[int] | None = None) -> list[int]:
    """`total` shared out in proportion to `weights` (largest remainder), never above `caps`."""
    caps = caps or [total] * len(weights)
    whole = sum(weights) or 1
    shares = [total * w / whole for w in weights]
    result = [min(int(s), c) for s, c in zip(shares, caps, strict=True)]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    while sum(result) < total:
        moved = False
        for i in order:
            if sum(result) < total and result[i] < caps[i]:
                result[i] += 1
                moved = True
        if not moved:
            raise ValueError("The places cannot hold that many delegates")
    return result


class _People:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> tuple[str, str, str, str]:
        while True:
            first, last = self.rng.choice(FIRST), self.rng.choice(LAST)
            name = f"{first} {last}"
            if name not in self.used:
                self.used.add(name)
                break
        org = self.rng.choices([o for o, _w in DELEGATE_ORGANISATIONS], [w for _o, w in DELEGATE_ORGANISATIONS])[0]
        domain = "brent.gov.uk" if org == BRENT else "nhs.net" if org in ("NWL ICB", "CLCH", "CNWL", "LNWUHT",
                                                                          "Northwick Park Hospital") else "example.org"
        local = "".join(ch for ch in fold(f"{first}.{last}") if ch.isascii() and (ch.isalnum() or ch == "."))  # Nguyễn: nguyen
        return name, f"{local}@{domain}", self.rng.choice(JOBS), org


def _year_rows(rng, people: _People, fy: int, sessions: list, targets: dict) -> list[list[str]]:
    caps = [s.capacity for s in sessions]
    cancelled = _split(targets["cancellations"], [rng.randint(1, 4) for _ in sessions])
    held_total = targets["bookings"] - targets["cancellations"]
    # a new course (Child Sexual Abuse, March 2024) fills few of its places
    held = _split(held_total, [c * (0.2 if s.topic == "Child Sexual Abuse" else rng.uniform(0.55, 1.0))
                               for c, s in zip(caps, sessions, strict=True)], caps)
    no_shows = _split(targets["no_shows"], held, held)
    late_left = targets["late"]
    rows = []
    for s, n_held, n_cancel, n_no in zip(sessions, held, cancelled, no_shows, strict=True):
        outcomes = [Outcome.NO_SHOW] * n_no + [Outcome.ATTENDED] * (n_held - n_no) + [Outcome.CANCELLED] * n_cancel
        if n_held == s.capacity or s.course_title == "Contextual Safeguarding":
            outcomes += [Outcome.WAITLISTED] * rng.randint(2, 5)
        rng.shuffle(outcomes)
        day = s.starts_at.date()
        for outcome in outcomes:
            name, email, job, org = people.next()
            booked = day - timedelta(days=rng.randint(12, 60))
            cancelled_on = ""
            if outcome is Outcome.CANCELLED:
                if late_left > 0 and rng.random() < 0.45:
                    late_left -= 1
                    when = day - timedelta(days=rng.randint(0, 2))
                else:
                    when = day - timedelta(days=rng.randint(8, 11))
                cancelled_on = format_date(max(when, booked))
            rows.append([s.course_title, s.starts_at.strftime("%d/%m/%Y %H:%M"), str(s.capacity), name, email, job, org,
                         format_date(booked), outcome.label, cancelled_on])
    return rows


def _table(rows: list[list[str]], keys: list[str]) -> Table:
    return Table("demo", [(n, dict(zip(keys, r, strict=True))) for n, r in enumerate(rows, start=2)], keys)


BOOKING_KEYS = ["course", "start", "capacity", "delegate", "email", "job_title", "organisation", "booked_on",
                "outcome", "cancelled_on"]


def load(db) -> None:
    rng = random.Random(SEED)
    courses = {}
    for key, title, topic, audience, fmt, minutes, facilitator, outcomes in COURSES:
        courses[key] = cs.create_course(db, cs.CourseFields(
            title=title, topic=topic, audience=audience, format=fmt, length_minutes=minutes,
            learning_outcomes=outcomes, facilitator=facilitator,
            facilitator_name="Strategic Partnerships Learning and Development Officer" if facilitator is Facilitator.INTERNAL
            else "Commissioned trainer", description=NOTE,
        ))
    series = {key: cs.create_series(db, cs.SeriesFields(title, "A short course series of briefings (60 to 90 "
                                                               "minutes), from the 2023-24 programme.")).id
              for key, title in SERIES.items()}
    taken: set[date] = set()
    people = _People(rng)
    booking_rows: list[list[str]] = []
    for fy, plan in PROGRAMME.items():
        sessions = []
        for key, count in plan:
            course = courses[key]
            if key == "contextual":
                days = [date(2023, 6, 22)]  # the one-off session with Brent Council CYP
            elif key == "csa":
                days = [date(2024, 3, 19)]  # new in March 2024
            else:
                days = _session_days(rng, fy, count, taken)
            for day in days:
                sessions.append(_session(db, course, day, series.get(key), rng))
        booking_rows += _year_rows(rng, people, fy, sessions, TARGETS[fy])
    booking_rows += _upcoming(db, courses, rng, people)
    report = ImportReport("bookings", "demo")
    import_bookings(db, _table(booking_rows, BOOKING_KEYS), report, False, lambda *a: None)
    _follow_ups(db, rng)
    _evaluations(db, rng)
    for year, month, count in REGISTRATIONS_BEFORE + REGISTRATIONS_SINCE:
        fg.set_registrations(db, date(year, month, 1), count)
    st.save_charge_rates(db, [ChargeRates(2022), ChargeRates(2023), ChargeRates(2024)])
    organisations = {o.name: o.id for o in ms.list_organisations(db)}
    if LNWUHT in organisations:
        st.map_organisation_name(db, "Northwick Park Hospital", organisations[LNWUHT])
    set_setting(db, st.ILLUSTRATIVE_SETTING, True)


def _session(db, course, day: date, series_id, rng) -> cs.SessionDTO:
    start = time(9, 30) if course.format is not CourseFormat.BRIEFING else rng.choice([time(12, 30), time(14, 0)])
    starts_at = datetime.combine(day, start)
    online = course.format is not CourseFormat.IN_PERSON
    return cs.create_session(db, cs.SessionFields(
        course_id=course.id, starts_at=starts_at, capacity=CAPACITY[course.format],
        ends_at=starts_at + timedelta(minutes=course.length_minutes or 60),
        venue="Microsoft Teams" if online else rng.choice(VENUES), online=online,
        facilitator=course.facilitator_name, series_id=series_id,
        cost=Decimal("450.00") if course.facilitator is Facilitator.EXTERNAL else Decimal("0.00"), notes=NOTE,
    ))


def _upcoming(db, courses, rng, people: _People) -> list[list[str]]:
    """Sessions of the topics in development for 2024-25, from next month: one is full with a waiting list."""
    first = add_months(date.today().replace(day=1), 1)
    rows = []
    for i, key in enumerate(("pf", "lado", "ccb")):
        day = first + timedelta(days=7 + 9 * i)
        while not is_working_day(day):
            day += timedelta(days=1)
        session = _session(db, courses[key], day, None, rng)
        wanted = session.capacity + 3 if key == "ccb" else session.capacity // 2
        for _ in range(wanted):
            name, email, job, org = people.next()
            rows.append([session.course_title, session.starts_at.strftime("%d/%m/%Y %H:%M"), str(session.capacity),
                         name, email, job, org, format_date(min(date.today(), day)), "", ""])
    return rows


def _follow_ups(db, rng) -> None:
    """The strengthened follow-up of non-attendees (2023-24): reasons recorded for most."""
    reasons = ["Called to a child protection conference", "Off sick", "Caseload emergency", "Forgot: added to "
               "the reminder list", "Line manager withdrew release", "Joining link did not work"]
    for booking in bk.list_bookings(db, start=date(2023, 4, 1), end=date(2024, 3, 31)):
        if booking.outcome is Outcome.NO_SHOW and rng.random() < 0.8:
            bk.record_follow_up(db, booking.id, rng.choice(reasons), booking.starts_at.date() + timedelta(days=7))


def _evaluations(db, rng) -> None:
    """The four-stage evaluation from 2023-24: confidence before and after per learning outcome
    for about half of those who attended, and some follow-ups."""
    courses = {c.id: c for c in cs.list_courses(db)}
    rows = []
    for booking in bk.list_bookings(db, start=date(2023, 4, 1), end=date(2024, 3, 31)):
        if booking.outcome is not Outcome.ATTENDED or rng.random() > 0.5:
            continue
        outcomes = courses[booking.course_id].learning_outcomes
        for number in range(1, len(outcomes) + 1):
            before = rng.choice([1, 2, 2, 3, 3, 3, 4])
            after = min(5, before + rng.choice([0, 1, 1, 1, 2, 2]))
            comment = rng.choice(["", "", "Very practical", "Good use of local cases", "Would like more time on "
                                  "referrals"]) if number == 1 else ""
            delegate = rng.choice(["", "", "", "I now use the checklist in supervision",
                                   "Shared the learning at our team meeting"]) if number == 1 else ""
            manager = rng.choice(["", "", "", "", "More confident making referrals"]) if number == 1 else ""
            rows.append([booking.course_title, booking.starts_at.strftime("%d/%m/%Y %H:%M"), booking.delegate_name,
                         booking.email, str(number), str(before), str(after), comment, delegate, manager])
    keys = ["course", "start", "delegate", "email", "outcome", "before", "after", "comments", "delegate_follow_up",
            "manager_follow_up"]
    import_evaluations(db, _table(rows, keys), ImportReport("evaluations", "demo"), False, lambda *a: None)
