"""Serious incidents, rapid reviews and local child safeguarding practice reviews. Pure Python.

A case is identified by a generated reference (``BSCP-2024-01``: the year the local authority
became aware and a sequence number within that year) and an alias ("Child A"); there is no
place for a child's name. Its stage dates follow the statutory route; `check_stage_dates`
refuses dates out of order with a message naming both dates. The clocks (the deadline rules
of `deadlines` turned into one status per clock) are in `case_review_clocks`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bscp_desktop.domain.dates import financial_year_of, format_date
from bscp_desktop.domain.deadlines import CARE_LEAVER_DEATH, CHILD_DEATH, LOOKED_AFTER_DEATH, SERIOUS_HARM
from bscp_desktop.domain.validation import clean_names

ALIAS_REMINDER = "Use the alias (for example Child A), never a child's or family member's real name."

DUE_SOON_WORKING_DAYS = 2

#: Words an alias is made of ("Child A", "Baby B", "Sibling group C"); they never make text
#: look like a real name.
ALIAS_WORDS = frozenset(
    "child children baby infant sibling siblings young person people family families boy girl "
    "teenager adult mother father sister brother parent carer case group twin twins".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


#: Words in capitals that are never a surname, even beside a capitalised word: abbreviations
#: common in this work ("NHS", "CAMHS", "LADO") and words written in capitals for emphasis
#: ("NOT", "URGENT"), or a compass point ("Sufra NW London"). The organisations' short names on
#: record are not either (`abbreviations`).
NOT_SURNAMES = frozenset(
    """
    nhs icb ccg bscp lscp lscb lcspr cspr scr sin mash camhs gp gps lado send sen senco ehcp ehc ehcna
    cin cp cpp lac cla dsl ddsl marac mappa cce cse csa adhd asd plo icpc rcpc tac taf eha fgc pcc iro sw hv
    ed ae uk dfe ofsted hmicfrs cqc hmip jtai csc met mps bcu btp cid cait sio dv dva da idva isva fgm fii aht
    sudi sudc cdop cdr nicu picu scbu icu mri ct ent hsb yot yos yjs nrpf uasc pru ap dwp asb caf neet pshe rse
    mp kc qc cps pcso dc ds di dci pc oic nspcc icon sab sar dhr nps crc hmp yoi stc nfa ot salt cmht amhp mh
    pals asc ld sld pmld ssd msp cafcass las nwl clch cnwl lnwuht lbb vcs ngo ceo ceop iicsa dbs id dob nhi
    ni tv am pm tbc tba nb na ok aka re cc bcc fao asap eta faq cyp yp nw ne se
    not no nor never none all any and or the of to in on at by for with but if is was are were be been also
    only must should will would could did does do has had have yes each every both after before please now
    today stop urgent important note warning update action actions background summary outcome decision
    recommendation recommendations learning risk high low medium new draft final confidential official
    sensitive restricted private part section appendix
    """.split()
)


def _capitalised(word: str) -> bool:
    """A capital letter then at least one small letter, not a word aliases are made of."""
    return word[0].isupper() and any(ch.islower() for ch in word[1:]) and word.casefold() not in ALIAS_WORDS


def _name_parts(text: str, abbreviations: Collection[str] = ()) -> list[tuple[re.Match[str], bool]]:
    """Every word of ``text`` and whether it is written like part of a name: capitalised
    ("Mary", "O'Brien"), or in capitals beside a capitalised word that is no service word
    ("Mary SMITH", "SMITH, Mary", "Jayden O'BRIEN"), unless a known abbreviation or emphasis."""
    source = str(text or "")
    words = list(_WORD.finditer(source))
    result = []
    for i, match in enumerate(words):
        word = match.group(0)
        if _capitalised(word):
            result.append((match, True))
            continue
        folded = word.casefold()
        code = source[match.end(): match.end() + 1].isdigit() or source[max(match.start() - 1, 0): match.start()].isdigit()
        capitals = len(word) >= 2 and not any(ch.islower() for ch in word) and not code  # not "NW10", "0FJ"
        if not capitals or any(folded in words for words in (NOT_SURNAMES, SERVICE_WORDS, ALIAS_WORDS, abbreviations)):
            result.append((match, False))
            continue
        before = words[i - 1] if i else None
        after = words[i + 1] if i + 1 < len(words) else None
        beside = (before is not None and not source[before.end():match.start()].strip()
                  and _person_word(before.group(0))) or \
                 (after is not None and source[match.end():after.start()].strip() in ("", ",")
                  and _person_word(after.group(0)))
        result.append((match, bool(beside)))
    return result


def _person_word(word: str) -> bool:
    return _capitalised(word) and word.casefold() not in SERVICE_WORDS


def name_like_words(text: str, abbreviations: Collection[str] = ()) -> list[str]:
    """The words of ``text`` written like parts of a name: a capital letter then at least one
    small letter ("Mary", "O'Brien", "McDonald", "Żaneta"), leaving out the words aliases are
    made of (Child, Baby, Sibling, ...), or a surname in capitals beside one ("Mary SMITH",
    "SMITH, Mary"). Single letters ("A") and abbreviations ("LAC", "NHS", and the casefolded
    ``abbreviations``, such as the organisations' short names) are not."""
    return [match.group(0) for match, part in _name_parts(text, abbreviations) if part]


def looks_like_a_name(text: str, abbreviations: Collection[str] = ()) -> bool:
    """True when ``text`` looks like a real person's name: two or more capitalised words
    ("Mary Smith", "Child Mary Smith", "Mary SMITH"), not an alias ("Child A", "Baby B",
    "Sibling group C"). Used to warn (never to refuse) wherever only an alias belongs."""
    return len(name_like_words(text, abbreviations)) >= 2

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
    reached: str  # the case's current stage once this date is recorded
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
    Stage("partners_told", "Safeguarding partners told", "safeguarding partners told",
          "Notification sent"),
    Stage("sos_ofsted_notified", "Secretary of State and Ofsted told",
          "the Secretary of State and Ofsted told", "Notification sent"),
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


def current_stage(
    dates: Mapping[str, date | None], decision: Decision | None, outcome: Outcome | None = None
) -> str:
    """The furthest stage reached, in words ("Rapid review sent", "Decision: no LCSPR"...)."""
    if outcome is Outcome.NOT_NOTIFIABLE:
        return "Closed: not notifiable" if dates.get("closed") else "Considered: not notifiable"
    if dates.get("closed"):
        return "Closed"
    reached = "Not yet recorded"
    for stage in STAGES:
        if stage.key == "closed" or not stage.milestone or dates.get(stage.key) is None:
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


# --------------------------------------------------------------------------- names where aliases belong

#: Capitalised words of services and places: two of them side by side are an organisation
#: ("Brent Council", "Social Care"), not a person.
SERVICE_WORDS = frozenset(
    """
    academy accident adult agency authority board borough care centre children's clinic college
    commissioner community council county court department designated early education emergency
    general health help hospital house housing hub integrated justice local london mental
    metropolitan midwifery multi national nhs office officer panel partnership police practice
    practitioner primary probation rapid review safeguarding school secondary secretary service
    services social state team trust unit university visitor youth england wales
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)


def names_in_text(text: str, abbreviations: Collection[str] = ()) -> list[str]:
    """Runs of two or more capitalised words side by side that look like a real person's name
    ("Mary Smith", "Ayesha Begum Khan", "Mary SMITH", "SMITH, Mary"), each once, in the order
    written; organisations and services ("Brent Council", "Children's Social Care") and the
    casefolded ``abbreviations`` are not counted."""
    found: list[str] = []
    run: list[re.Match[str]] = []
    source = str(text or "")

    def close() -> None:
        if len(run) >= 2:
            name = " ".join(source[run[0].start(): run[-1].end()].split())
            if name not in found:
                found.append(name)

    for match, part in _name_parts(source, abbreviations):
        word = match.group(0)
        is_name_word = part and word.casefold() not in SERVICE_WORDS
        gap = source[run[-1].end(): match.start()].strip() if run else ""
        surname_first = gap == "," and not any(ch.islower() for ch in run[-1].group(0))  # "SMITH, Mary"
        if is_name_word and (gap == "" or surname_first):
            run.append(match)
        else:
            close()
            run = [match] if is_name_word else []
    close()
    return found


def name_warnings(alias: str, texts: Mapping[str, str] | None = None, abbreviations: Collection[str] = ()) -> list[str]:
    """Gentle warnings where a real name may have been typed: an alias that looks like a name,
    or other text (by its label) that mentions what look like names. Never a refusal.
    ``abbreviations``: casefolded words in capitals that are no surname (organisations' short names)."""
    warnings = []
    if looks_like_a_name(alias, abbreviations):
        warnings.append(f"The alias '{alias.strip()}' looks like a real name, not an alias such as Child A")
    for label, value in (texts or {}).items():
        names = names_in_text(value, abbreviations)
        if names:
            shown = ", ".join(f"'{n}'" for n in names[:3]) + (" and others" if len(names) > 3 else "")
            like = "looks like a real name" if len(names) == 1 else "look like real names"
            warnings.append(f"The {label.lower()} mentions {shown}, which {like}")
    return warnings


def split_themes(cell: str, known: Iterable[str]) -> tuple[str, ...]:
    """The themes a tracker's cell names: separated by semicolons or new lines, as the import
    template asks; a part whose commas separate themes already known (a tracker that listed them
    with commas) is split there too, while a theme whose own name holds a comma stays whole."""
    known_keys = {k.casefold() for k in known}
    themes: list[str] = []
    for part in clean_names(cell.replace("\n", ";").split(";")):
        pieces = clean_names(part.split(","))
        if len(pieces) > 1 and part.casefold() not in known_keys and all(p.casefold() in known_keys for p in pieces):
            themes += pieces
        else:
            themes.append(part)
    return tuple(clean_names(themes))
