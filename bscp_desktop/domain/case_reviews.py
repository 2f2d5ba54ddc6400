"""Serious incidents, rapid reviews and local child safeguarding practice reviews. Pure Python.

A case is identified by a generated reference (``BSCP-2024-01``: the year the local authority
became aware and a sequence number within that year) and an alias ("Child A"); there is no
place for a child's name. Its stage dates follow the statutory route; `check_stage_dates`
refuses dates out of order with a message naming both dates, and `dates_needed_before` a later
step's date without the earlier step's date it depends on. The clocks (the deadline rules of
`deadlines` turned into one status per clock) are in `case_review_clocks`; the words written like
a real name where only an alias belongs are found by `case_names` (imported here too).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bscp_desktop.domain.case_names import ALIAS_WORDS as ALIAS_WORDS
from bscp_desktop.domain.case_names import NOT_SURNAMES as NOT_SURNAMES
from bscp_desktop.domain.case_names import SERVICE_WORDS as SERVICE_WORDS
from bscp_desktop.domain.case_names import looks_like_a_name as looks_like_a_name
from bscp_desktop.domain.case_names import name_like_words as name_like_words
from bscp_desktop.domain.case_names import name_warnings as name_warnings
from bscp_desktop.domain.case_names import names_in_text as names_in_text
from bscp_desktop.domain.dates import financial_year_of, format_date
from bscp_desktop.domain.deadlines import CARE_LEAVER_DEATH, CHILD_DEATH, LOOKED_AFTER_DEATH, SERIOUS_HARM
from bscp_desktop.domain.validation import and_list, clean_names

ALIAS_REMINDER = "Use the alias (for example Child A), never a child's or family member's real name."

DUE_SOON_WORKING_DAYS = 2


DEFAULT_THEMES: tuple[str, ...] = (
    "Domestic abuse",
    "Neglect",
    "Abusive head trauma",
    "Exploitation",
    "Suicide and self-harm",
    "Sexual abuse",
    "Physical abuse",
    "Parental mental health",
    "Parental substance misuse",
    "Housing and home conditions",
    "Online harm",
    "Serious youth violence",
    "Voice of the child",
)

DEFAULT_REFERENCE_PREFIX = "BSCP"


class IncidentType(enum.StrEnum):
    DEATH = "death"
    SERIOUS_HARM = "serious_harm"

    @property
    def label(self) -> str:
        return {"death": "Death", "serious_harm": "Serious harm"}[self.value]


class AgeBand(enum.StrEnum):
    UNDER_1 = "under_1"
    AGE_1_TO_4 = "1_to_4"
    AGE_5_TO_9 = "5_to_9"
    AGE_10_TO_13 = "10_to_13"
    AGE_14_TO_15 = "14_to_15"
    AGE_16_TO_17 = "16_to_17"
    AGE_18_PLUS = "18_plus"

    @property
    def label(self) -> str:
        return _AGE_LABELS[self.value]


_AGE_LABELS = {
    "under_1": "Under 1 year",
    "1_to_4": "1 to 4 years",
    "5_to_9": "5 to 9 years",
    "10_to_13": "10 to 13 years",
    "14_to_15": "14 to 15 years",
    "16_to_17": "16 to 17 years",
    "18_plus": "18 and over (care leaver)",
}


class Decision(enum.StrEnum):
    LCSPR = "lcspr"
    NO_LCSPR = "no_lcspr"
    NATIONAL_REVIEW = "national_review"
    OTHER_LEARNING_REVIEW = "other_learning_review"

    @property
    def label(self) -> str:
        return {
            "lcspr": "Local child safeguarding practice review (LCSPR)",
            "no_lcspr": "No LCSPR",
            "national_review": "National review by the Panel",
            "other_learning_review": "Other learning review",
        }[self.value]

    @property
    def short_label(self) -> str:
        return {
            "lcspr": "LCSPR",
            "no_lcspr": "No LCSPR",
            "national_review": "National review",
            "other_learning_review": "Other learning review",
        }[self.value]


class Sex(enum.StrEnum):
    """As on the Panel's notification form."""

    FEMALE = "female"
    MALE = "male"
    NOT_KNOWN = "not_known"

    @property
    def label(self) -> str:
        return {"female": "Female", "male": "Male", "not_known": "Not known"}[self.value]


class Harm(enum.StrEnum):
    """The abuse or neglect known or suspected."""

    ABUSE = "abuse"
    NEGLECT = "neglect"
    BOTH = "both"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"abuse": "Abuse", "neglect": "Neglect", "both": "Both", "other": "Other"}[self.value]


class Outcome(enum.StrEnum):
    """What the local authority decided after considering the incident."""

    NOTIFIED = "notified"
    NOT_NOTIFIABLE = "not_notifiable"

    @property
    def label(self) -> str:
        return {"notified": "Notified", "not_notifiable": "Not notifiable"}[self.value]


class PanelView(enum.StrEnum):
    """The Child Safeguarding Practice Review Panel's view of the partners' decision."""

    AGREES = "agrees"
    DISAGREES = "disagrees"
    NATIONAL_REVIEW = "national_review"

    @property
    def label(self) -> str:
        return {
            "agrees": "Agrees",
            "disagrees": "Disagrees",
            "national_review": "Will take a national review",
        }[self.value]


class CaseKind(enum.StrEnum):
    """Which statutory route a case follows; deadline rules may apply to some kinds only."""

    SERIOUS_HARM = SERIOUS_HARM
    CHILD_DEATH = CHILD_DEATH
    LOOKED_AFTER_DEATH = LOOKED_AFTER_DEATH
    CARE_LEAVER_DEATH = CARE_LEAVER_DEATH

    @property
    def label(self) -> str:
        return {
            SERIOUS_HARM: "Serious harm to a child",
            CHILD_DEATH: "Death of a child",
            LOOKED_AFTER_DEATH: "Death of a looked-after child",
            CARE_LEAVER_DEATH: "Death of a care leaver (up to and including 24)",
        }[self.value]


def case_kind(incident_type: IncidentType | None, looked_after: bool, age_band: AgeBand | None) -> CaseKind | None:
    """The route a case follows, from what is recorded: a death at 18 or over is a care
    leaver's, a looked-after child's death is one, any other death a child's; else serious harm.
    None until the incident type is known."""
    if incident_type is None:
        return None
    if incident_type is IncidentType.DEATH:
        if age_band is AgeBand.AGE_18_PLUS:
            return CaseKind.CARE_LEAVER_DEATH
        return CaseKind.LOOKED_AFTER_DEATH if looked_after else CaseKind.CHILD_DEATH
    return CaseKind.SERIOUS_HARM


def parse_enum(enum_type: type[enum.StrEnum], value: object) -> enum.StrEnum | None:
    """The member for a value or a label (case-insensitive); None for blank. ValueError else."""
    if value is None or value == "":
        return None
    if isinstance(value, enum_type):
        return value
    text = str(value).strip()
    for member in enum_type:
        if text.casefold() in (member.value.casefold(), member.label.casefold()):
            return member
    raise ValueError(text)


# --------------------------------------------------------------------------- stage dates


@dataclass(frozen=True)
class Stage:
    key: str
    label: str  # on its own: a form caption, a column header
    phrase: str  # inside a sentence: "... cannot be before <phrase> (dd/mm/yyyy)"
    reached: str  # the case's current stage once this date is recorded; '' for a date that is no stage of its own
    lcspr_only: bool = False
    milestone: bool = True  # False for a date beside the route: a plan, the Panel told of a delay
    plan: bool = False  # a date still to come (the planned publication): it may be in the future
    notified_only: bool = False  # only on the notified route (refused when not notifiable)


STAGES: tuple[Stage, ...] = (
    Stage("incident_date", "Incident date", "the incident date", "Incident recorded"),
    Stage(
        "became_aware",
        "Date the local authority became aware",
        "the date the local authority became aware",
        "Awaiting notification",
    ),
    Stage("considered_on", "Considered by the Case Review Group", "the date it was considered",
          "Considered"),
    Stage("notification_sent", "Notification sent to the Panel", "notification sent",
          "Notification sent", notified_only=True),
    # told beside the notification to the Panel: the case still awaits that notification
    Stage("partners_told", "Safeguarding partners told", "safeguarding partners told", ""),
    Stage("sos_ofsted_notified", "Secretary of State and Ofsted told",
          "the Secretary of State and Ofsted told", ""),
    Stage("rapid_review_meeting", "Rapid review meeting", "the rapid review meeting",
          "Rapid review meeting held", notified_only=True),
    Stage("rapid_review_sent", "Rapid review sent to the Panel", "rapid review sent to the Panel",
          "Rapid review sent", notified_only=True),
    Stage("panel_response", "Panel response", "the Panel's response", "Panel responded",
          notified_only=True),
    Stage("decision_date", "Decision date", "the decision date", "Decision made",
          notified_only=True),
    Stage("tor_agreed", "Terms of reference agreed", "terms of reference agreed",
          "LCSPR: terms of reference agreed", lcspr_only=True),
    Stage("draft_report", "Draft report", "the draft report", "LCSPR: draft report",
          lcspr_only=True),
    Stage("final_report", "Final report", "the final report", "LCSPR: final report",
          lcspr_only=True),
    Stage("sent_to_panel_sos", "Sent to the Panel and Secretary of State",
          "sent to the Panel and Secretary of State", "LCSPR: sent to the Panel and SoS",
          lcspr_only=True),
    Stage("planned_publication", "Planned publication", "the planned publication",
          "", lcspr_only=True, milestone=False, plan=True),
    Stage("delay_told_panel", "Panel told of the delay", "the Panel told of the delay",
          "", lcspr_only=True, milestone=False),
    Stage("published", "Published", "publication", "LCSPR published", lcspr_only=True),
    Stage("closed", "Case closed", "the case closing", "Closed"),
)
STAGE_BY_KEY: dict[str, Stage] = {s.key: s for s in STAGES}
STAGE_KEYS: tuple[str, ...] = tuple(s.key for s in STAGES)

#: later stage -> the stages it may not come before, nearest first. Only recorded dates are
#: compared; the first one broken is reported.
ORDER_RULES: dict[str, tuple[str, ...]] = {
    "became_aware": ("incident_date",),
    "considered_on": ("became_aware", "incident_date"),
    "notification_sent": ("became_aware", "incident_date"),
    "partners_told": ("became_aware", "incident_date"),
    "sos_ofsted_notified": ("became_aware", "incident_date"),
    "rapid_review_meeting": ("became_aware", "incident_date"),
    "rapid_review_sent": ("notification_sent", "rapid_review_meeting", "became_aware"),
    "panel_response": ("rapid_review_sent", "notification_sent", "became_aware"),
    "decision_date": ("rapid_review_meeting", "notification_sent", "became_aware"),  # made with the rapid review
    "tor_agreed": ("decision_date", "became_aware"),
    "draft_report": ("tor_agreed", "decision_date", "became_aware"),
    "final_report": ("draft_report", "tor_agreed", "decision_date", "became_aware"),
    "sent_to_panel_sos": ("final_report", "draft_report", "decision_date", "became_aware"),
    "planned_publication": ("decision_date", "became_aware"),
    "delay_told_panel": ("decision_date", "became_aware"),
    "published": ("final_report", "draft_report", "tor_agreed", "decision_date", "became_aware"),
    "closed": tuple(s.key for s in reversed(STAGES) if s.key != "closed" and s.milestone),
}


def order_message(later: str, later_date: date, earlier: str, earlier_date: date) -> str:
    """E.g. "Rapid review sent to the Panel (03/02/2024) cannot be before notification sent
    (05/02/2024)"."""
    return (
        f"{STAGE_BY_KEY[later].label} ({format_date(later_date)}) cannot be before "
        f"{STAGE_BY_KEY[earlier].phrase} ({format_date(earlier_date)})"
    )


def check_stage_dates(
    dates: Mapping[str, date | None], today: date | None = None
) -> dict[str, str]:
    """{stage key: message} for every stage date out of order (or, a plan aside, in the future if ``today``).

    Each later date is compared with the dates it may not precede, nearest first; one message
    per field, naming both dates.
    """
    errors: dict[str, str] = {}
    for key in STAGE_KEYS:
        value = dates.get(key)
        if value is None:
            continue
        if today is not None and value > today and not STAGE_BY_KEY[key].plan:
            errors[key] = (
                f"{STAGE_BY_KEY[key].label} ({format_date(value)}) cannot be in the future"
            )
            continue
        for earlier in ORDER_RULES.get(key, ()):
            earlier_value = dates.get(earlier)
            if earlier_value is not None and value < earlier_value:
                errors[key] = order_message(key, value, earlier, earlier_value)
                break
    sent, published = dates.get("sent_to_panel_sos"), dates.get("published")
    if sent is not None and published is not None and sent > published:
        # the report goes to the Panel and the Secretary of State before publication
        errors.setdefault(
            "sent_to_panel_sos",
            f"{STAGE_BY_KEY['sent_to_panel_sos'].label} ({format_date(sent)}) cannot be after "
            f"publication ({format_date(published)})",
        )
    return errors


#: An earlier step whose date cannot be left empty while a later step that depends on it has
#: one, by the statutory route: (the later steps, why, what to enter). The rapid review counts
#: from the notification and the partners' decision is made with it; the Panel responds to the
#: rapid review. A step a case may skip needs nothing here: the rapid review meeting (a decision
#: made with no meeting date), the rapid review of a care leaver's death (which has none), and
#: every step of a case considered not notifiable (which has none of these dates).
NEEDED_BEFORE: dict[str, tuple[tuple[str, ...], str, str]] = {
    "notification_sent": (
        ("rapid_review_sent", "decision_date"),
        "the rapid review and the partners' decision follow the notification to the Panel",
        "the date the notification was sent",
    ),
    "rapid_review_sent": (
        ("panel_response",),
        "the Panel responds to the rapid review",
        "the date the rapid review was sent",
    ),
}


def dates_needed_before(dates: Mapping[str, date | None]) -> dict[str, str]:
    """{earlier stage key: message} for each step left without its date while a later step that
    depends on it has one (`NEEDED_BEFORE`): clearing the notification date of a case whose rapid
    review was sent is refused on the notification date, naming the rapid review's."""
    errors: dict[str, str] = {}
    for earlier, (laters, why, enter) in NEEDED_BEFORE.items():
        if dates.get(earlier) is not None:
            continue
        recorded = [key for key in laters if dates.get(key) is not None]
        if not recorded:
            continue
        named = and_list([f"{STAGE_BY_KEY[key].label} ({format_date(dates[key])})" for key in recorded])
        one = len(recorded) == 1
        errors[earlier] = (
            f"{STAGE_BY_KEY[earlier].label} cannot be left empty while {named} {'is' if one else 'are'} "
            f"recorded: {why}. Enter {enter}, or clear {'that date' if one else 'those dates'} first"
        )
    return errors


def closing_on_the_day_considered(dates: Mapping[str, date | None], considered: date) -> str:
    """'' when a case can close on the day it was considered (Closed on left empty), else why not:
    a case never closes before its last recorded step (`ORDER_RULES`), so a step recorded after
    that day (the partners told later) means the date it closed must be entered."""
    later = max(((day, key) for key, day in dates.items()
                 if day is not None and day > considered and key in ORDER_RULES["closed"]), default=None)
    if later is None:
        return ""
    return (f"Closed on is empty, so the case would close on the day it was considered ({format_date(considered)}), "
            f"but {STAGE_BY_KEY[later[1]].label} ({format_date(later[0])}) is later, and a case cannot close before "
            f"its last recorded step: enter the date it closed, {format_date(later[0])} or after")


def closing_cleared(saved_outcome: Outcome | None, saved_closed: date | None,
                    outcome: Outcome | None, closed: date | None) -> str:
    """'' unless the date a case found not notifiable closed is cleared while it stays not
    notifiable, else why that is refused: such a case is closed (left empty, the date would only be
    filled in again), so reopening it means changing its outcome first. A case just found not
    notifiable, never closed, has its date filled in by the checks (`services.case_reviews`)."""
    if outcome != Outcome.NOT_NOTIFIABLE or saved_outcome != outcome or saved_closed is None or closed is not None:
        return ""
    return (f"{STAGE_BY_KEY['closed'].label} cannot be left empty while the outcome is Not notifiable: such a case "
            f"is closed (this one on {format_date(saved_closed)}). Enter the date it closed, or change the outcome "
            "first to reopen it")


def not_notifiable_conflicts(outcome: Outcome | None, dates: Mapping[str, date | None]) -> dict[str, str]:
    """A case considered not notifiable has no dates of the notified route: {stage: message}."""
    if outcome is not Outcome.NOT_NOTIFIABLE:
        return {}
    return {
        s.key: f"{s.label} ({dates[s.key]:%d/%m/%Y}) is only for a notified case: the outcome is Not "
        "notifiable. Clear this date, or change the outcome to Notified"
        for s in STAGES
        if (s.notified_only or s.lcspr_only) and dates.get(s.key) is not None
    }


def lcspr_dates_without_decision(
    decision: Decision | None, dates: Mapping[str, date | None]
) -> dict[str, str]:
    """LCSPR stage dates need the decision to hold an LCSPR: {stage key: message}."""
    if decision is Decision.LCSPR:
        return {}
    return {
        s.key: f"{s.label} is only for an LCSPR: set the decision to LCSPR first, or clear this date"
        for s in STAGES
        if s.lcspr_only and dates.get(s.key) is not None
    }


def publication_delay_unexplained(
    dates: Mapping[str, date | None], publication_due: date | None, delay_reason: str
) -> dict[str, str]:
    """{stage key: message} when the review is (or is planned to be) published after the date it is
    due to be published with no reason for the delay recorded: the actual publication date once
    there is one, else the planned one (the date the report to the Panel counts back from). A
    reason for the delay (e.g. criminal proceedings) is recorded and told to the Panel."""
    key = "published" if dates.get("published") is not None else "planned_publication"
    day = dates.get(key)
    if publication_due is None or day is None or day <= publication_due or (delay_reason or "").strip():
        return {}
    return {key: f"{STAGE_BY_KEY[key].label} ({format_date(day)}) is after the date the review is due to be "
                 f"published ({format_date(publication_due)}): record the reason for the delay"}


def current_stage(
    dates: Mapping[str, date | None], decision: Decision | None, outcome: Outcome | None = None
) -> str:
    """The furthest stage reached, in words ("Rapid review sent", "Decision: no LCSPR"...). Telling
    the safeguarding partners, or the Secretary of State and Ofsted, is no stage of its own: until
    the notification to the Panel is recorded, such a case is still "Awaiting notification"."""
    if outcome is Outcome.NOT_NOTIFIABLE:
        return "Closed: not notifiable" if dates.get("closed") else "Considered: not notifiable"
    if dates.get("closed"):
        return "Closed"
    reached = "Not yet recorded"
    for stage in STAGES:
        if stage.key == "closed" or not stage.reached or dates.get(stage.key) is None:
            continue
        reached = stage.reached
        if stage.key == "decision_date" and decision is not None:
            reached = f"Decision: {decision.short_label}"
    if reached == "Decision made" and decision is None:
        reached = "Decision date recorded"
    return reached


# --------------------------------------------------------------------------- references

_REFERENCE = re.compile(r"^(?P<prefix>.+)-(?P<year>\d{4})-(?P<seq>\d+)$")


def make_reference(prefix: str, year: int, sequence: int) -> str:
    """``make_reference("BSCP", 2024, 1) == "BSCP-2024-01"``."""
    return f"{prefix}-{year:04d}-{sequence:02d}"


def next_reference(prefix: str, year: int, existing: Iterable[str]) -> str:
    """The next free reference for ``year`` after every existing one with that prefix."""
    highest = 0
    for reference in existing:
        match = _REFERENCE.match(reference or "")
        if match and match["prefix"].casefold() == prefix.casefold() and int(match["year"]) == year:  # as unique
            highest = max(highest, int(match["seq"]))
    return make_reference(prefix, year, highest + 1)


REFERENCE_MAX = 30


def check_reference(reference: str) -> str | None:
    """A message if ``reference`` cannot identify a case (a reference kept from another tracker
    may be any text up to 30 characters, without line breaks or control characters)."""
    text = str(reference or "")
    if not text.strip():
        return "The reference is empty"
    if len(text) > REFERENCE_MAX:
        return f"The reference '{text[:20]}…' is too long (at most {REFERENCE_MAX} characters)"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return f"The reference '{text}' has a line break or control character in it"
    return None


def check_reference_prefix(prefix: str) -> str | None:
    """A message if ``prefix`` cannot start a reference, else None."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,11}", prefix or ""):
        return "The reference prefix must be 1 to 12 letters or digits, starting with a letter"
    return None


# --------------------------------------------------------------------------- themes


def counted_on(became_aware: date, considered_on: date | None) -> date:
    """The date a case counts on in a year's figures: its Considered on date, else the date the local
    authority became aware (a year is summarised as the cases considered in it). The summary, the
    yearly report, the themes and the tracker's Financial year all count by it."""
    return considered_on or became_aware


def count_by_theme_and_year(
    cases: Iterable[tuple[date, Sequence[str]]],
) -> dict[str, dict[int, int]]:
    """{theme: {financial year start: number of cases}} from (date, themes): each case's `counted_on`.

    A case counts once per theme it carries (themes differing only in case are one theme);
    cases without themes count under "No theme recorded".
    """
    counts: dict[str, dict[int, int]] = {}
    spelling: dict[str, str] = {}  # case-folded theme -> the first spelling met
    for day, themes in cases:
        year = financial_year_of(day)
        for theme in clean_names(themes) or ["No theme recorded"]:
            theme = spelling.setdefault(theme.casefold(), theme)
            per_year = counts.setdefault(theme, {})
            per_year[year] = per_year.get(year, 0) + 1
    return counts



#: What separates one theme from the next in a tracker's Themes cell (`split_themes`): never part of a theme.
THEME_SEPARATOR = ";"


def theme_separator_problem(theme: str) -> str:
    """'' unless `theme` holds the separator of themes (a semicolon), else why it is refused: the
    tracker workbook writes a case's themes separated by semicolons and its import splits them there
    (`split_themes`), so such a theme would come back as two."""
    if THEME_SEPARATOR not in theme:
        return ""
    shown = theme if len(theme) <= 60 else theme[:57] + "…"
    return (f"The theme '{shown}' contains a semicolon (;), which separates themes in the Themes column of the "
            "tracker workbook and its import: use a comma or 'and' instead")


def split_themes(cell: str, known: Iterable[str]) -> tuple[str, ...]:
    """The themes a tracker's cell names: separated by semicolons or new lines, as the import
    template asks; a part whose commas separate themes already known (a tracker that listed them
    with commas) is split there too, while a theme whose own name holds a comma stays whole. A
    theme never holds a semicolon (`theme_separator_problem`), so what is saved reads back whole."""
    known_keys = {k.casefold() for k in known}
    themes: list[str] = []
    for part in clean_names(cell.replace("\n", ";").split(";")):
        pieces = clean_names(part.split(","))
        if len(pieces) > 1 and part.casefold() not in known_keys and all(p.casefold() in known_keys for p in pieces):
            themes += pieces
        else:
            themes.append(part)
    return tuple(clean_names(themes))
