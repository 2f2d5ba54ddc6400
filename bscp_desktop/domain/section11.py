"""Section 11 (Children Act 2004) self-assessments. Pure Python.

Each agency rates itself against a list of standards (red, amber, green, or a score from 0 to 3,
as the cycle's scale says; or not applicable with a reason); after a challenge meeting the partnership may moderate a rating. The moderated
rating wins in every summary; both are always shown. A cycle is compared with an earlier one
standard by standard: improved, same or declined. Returns are flagged late against the cycle's
due date.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.deadlines import working_days_late
from bscp_desktop.domain.percent import half_up
from bscp_desktop.domain.validation import one_line

# --------------------------------------------------------------------------- ratings


class RatingScale(enum.StrEnum):
    """How a cycle's standards are rated: red, amber, green, or a score from 0 to 3. The scale
    is the cycle's own; it applies to the agency's rating and the moderated one alike."""

    RAG = "rag"
    SCORE = "score"

    @property
    def label(self) -> str:
        return "Red, amber, green" if self is RatingScale.RAG else "Score 0 to 3"

    @property
    def ratings(self) -> tuple[Rating, ...]:
        """The ratings of this scale, lowest first, then Not applicable (on both scales)."""
        return (*(r for r in Rating if r.scale is self), Rating.NOT_APPLICABLE)

    @property
    def choices_text(self) -> str:
        """'Red, Amber, Green or Not applicable' / '0, 1, 2, 3 or Not applicable'."""
        words = [r.label for r in self.ratings]
        return ", ".join(words[:-1]) + " or " + words[-1]

    @property
    def guide(self) -> str:
        """What each rating means, in one sentence (for returns and the window)."""
        return "; ".join(f"{r.label} ({r.meaning[0].lower()}{r.meaning[1:]})" for r in self.ratings
                         if r is not Rating.NOT_APPLICABLE) + "; or Not applicable (then say why)."

    @property
    def count_headers(self) -> tuple[str, ...]:
        """The headings of a count of ratings on this scale (see `RatingCounts.on_scale`)."""
        return (*(r.label for r in self.ratings[:-1]), "Not applicable", "Not rated")


class Rating(enum.StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_APPLICABLE = "not_applicable"
    SCORE_0 = "score_0"
    SCORE_1 = "score_1"
    SCORE_2 = "score_2"
    SCORE_3 = "score_3"

    @property
    def label(self) -> str:
        return _RATING_LABELS[self.value]

    @property
    def rank(self) -> int | None:
        """Red 0, amber 1, green 2; a score its number; None for not applicable (not comparable)."""
        return _RATING_RANKS.get(self.value)

    @property
    def meaning(self) -> str:
        return _RATING_MEANINGS[self.value]

    @property
    def scale(self) -> RatingScale | None:
        """The scale the rating belongs to; None for Not applicable (on every scale)."""
        if self is Rating.NOT_APPLICABLE:
            return None
        return RatingScale.SCORE if self.value.startswith("score_") else RatingScale.RAG

    @property
    def described(self) -> str:
        """'Amber', or a score with its meaning: '2 (meets the minimum but needs improvement)'."""
        if self.scale is RatingScale.SCORE:
            return f"{self.label} ({self.meaning[0].lower()}{self.meaning[1:]})"
        return self.label


_RATING_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "not_applicable": "Not applicable",
                  "score_0": "0", "score_1": "1", "score_2": "2", "score_3": "3"}
_RATING_RANKS = {"red": 0, "amber": 1, "green": 2, "score_0": 0, "score_1": 1, "score_2": 2, "score_3": 3}
_RATING_MEANINGS = {
    "red": "Below the minimum expected",
    "amber": "Meets the minimum but needs improvement",
    "green": "Fully met",
    "not_applicable": "Does not apply to this agency (give the reason)",
    # the scores in the same words: 0 and 1 are both below the minimum (red), 2 amber, 3 green
    "score_0": "Not met: little or nothing is in place",
    "score_1": "Partly met: below the minimum expected",
    "score_2": "Meets the minimum but needs improvement",
    "score_3": "Fully met",
}

#: Background colours; a cell always shows the rating's word (or score) as well.
RATING_COLOURS: dict[Rating | None, str] = {
    Rating.RED: "#F4A6A6",
    Rating.AMBER: "#FFD98A",
    Rating.GREEN: "#B5DFB0",
    Rating.NOT_APPLICABLE: "#E3E3E3",
    Rating.SCORE_0: "#F4A6A6",
    Rating.SCORE_1: "#F9C49A",
    Rating.SCORE_2: "#FFD98A",
    Rating.SCORE_3: "#B5DFB0",
    None: "#FFFFFF",
}

NOT_RATED = "Not rated"

#: The words a returned workbook may use for each rating (any case).
_RATING_WORDS = {
    Rating.RED: ("red", "r"),
    Rating.AMBER: ("amber", "a"),
    Rating.GREEN: ("green", "g"),
    Rating.NOT_APPLICABLE: ("not applicable", "n/a", "na", "not_applicable", "n a"),
    **{r: (str(n), f"{n}.0", f"score {n}", f"score_{n}")
       for n, r in enumerate((Rating.SCORE_0, Rating.SCORE_1, Rating.SCORE_2, Rating.SCORE_3))},
}


def parse_rating(value: object, scale: RatingScale = RatingScale.RAG) -> Rating | None:
    """'Green', 'green', 'G', 'N/A', 'Not applicable' -> the rating on a red, amber, green cycle;
    '2', 2, 'Score 2', 'N/A' on a scored one; blank -> None.

    Raises ValueError with a sentence naming the choices of `scale` for anything else, a rating
    of the other scale included.
    """
    if value is None:
        return None
    if isinstance(value, Rating):
        found: Rating | None = value
    else:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(str(value).strip().casefold().split())
        if not text:
            return None
        found = next((rating for rating, words in _RATING_WORDS.items() if text in words), None)
        if found is None and (described := next((r for r in Rating if r.scale is RatingScale.SCORE
                                                 and text == r.described.casefold()), None)):
            found = described
    shown = value.label if isinstance(value, Rating) else str(value).strip()
    if found is None:
        raise ValueError(f"'{shown}' is not a rating; use {scale.choices_text}")
    if found.scale not in (None, scale):
        raise ValueError(f"'{shown}' is not a rating on this cycle's scale ({scale.label}): "
                         f"use {scale.choices_text}")
    return found


def effective_rating(self_assessed: Rating | None, moderated: Rating | None) -> Rating | None:
    """The rating every summary uses: the moderated one when there is one."""
    return moderated if moderated is not None else self_assessed


def check_rating(
    prefix: str,
    rating: Rating | None,
    reason: str,
    label: str,
) -> dict[str, str]:
    """'Not applicable' needs its reason (for any other rating the reason is not kept)."""
    errors: dict[str, str] = {}
    if rating is Rating.NOT_APPLICABLE and not reason.strip():
        errors[f"{prefix}reason"] = f"{label} is 'Not applicable': say why it does not apply"
    return errors


def check_moderation(
    self_assessed: Rating | None, moderated: Rating | None, note: str
) -> dict[str, str]:
    """A moderated rating that differs from the agency's own needs a note saying why."""
    if moderated is not None and moderated != self_assessed and not note.strip():
        own = self_assessed.label if self_assessed else "no rating"
        return {
            "moderation_note": (
                f"The moderated rating ({moderated.label}) differs from the agency's own "
                f"({own}): add a note saying why"
            )
        }
    return {}


# --------------------------------------------------------------------------- cycle comparison


class Change(enum.StrEnum):
    IMPROVED = "improved"
    SAME = "same"
    DECLINED = "declined"
    NEW = "new"  # no rating in the earlier cycle
    NOT_COMPARABLE = "not_comparable"  # not applicable, or not rated now

    @property
    def label(self) -> str:
        return _CHANGE_LABELS[self.value]


_CHANGE_LABELS = {
    "improved": "Improved",
    "same": "Same",
    "declined": "Declined",
    "new": "No earlier rating",
    "not_comparable": "Not comparable",
}

CHANGE_COLOURS: dict[Change, str] = {
    Change.IMPROVED: "#B5DFB0",
    Change.SAME: "#EEF2F6",
    Change.DECLINED: "#F4A6A6",
    Change.NEW: "#FFFFFF",
    Change.NOT_COMPARABLE: "#FFFFFF",
}


def compare_ratings(previous: Rating | None, current: Rating | None) -> Change:
    """How a standard's (effective) rating moved from the earlier cycle to this one."""
    if current is None or current.rank is None:
        return Change.NOT_COMPARABLE
    if previous is None:
        return Change.NEW
    if previous.rank is None or previous.scale is not current.scale:  # a score is not a colour
        return Change.NOT_COMPARABLE
    if current.rank > previous.rank:
        return Change.IMPROVED
    if current.rank < previous.rank:
        return Change.DECLINED
    return Change.SAME


def standard_key(title: str) -> str:
    """Standards of two cycles are the same standard when their titles match (any case,
    spacing and trailing full stop ignored)."""
    return " ".join(str(title).casefold().split()).rstrip(".")


@dataclass(frozen=True)
class RatingCounts:
    red: int = 0
    amber: int = 0
    green: int = 0
    not_applicable: int = 0
    not_rated: int = 0
    score_0: int = 0
    score_1: int = 0
    score_2: int = 0
    score_3: int = 0

    @property
    def total(self) -> int:
        return (self.red + self.amber + self.green + self.not_applicable + self.not_rated
                + self.score_0 + self.score_1 + self.score_2 + self.score_3)

    def get(self, rating: Rating | None) -> int:
        return self.not_rated if rating is None else getattr(self, rating.value)

    def on_scale(self, scale: RatingScale) -> tuple[int, ...]:
        """The counts under `scale.count_headers`: each rating of the scale, not applicable,
        not rated."""
        return (*(self.get(r) for r in scale.ratings), self.not_rated)

    @property
    def average_score(self) -> float | None:
        """The mean of the scores given (0 to 3; not applicable and not rated left out); None
        when no standard has a score."""
        scored = self.score_0 + self.score_1 + self.score_2 + self.score_3
        if not scored:
            return None
        return (self.score_1 + 2 * self.score_2 + 3 * self.score_3) / scored


def average_text(counts: RatingCounts) -> str:
    """'2.3' (one decimal place, a half rounded up as every figure shown: 9 / 4 is '2.3'), or ''
    when nothing is scored."""
    scored = counts.score_0 + counts.score_1 + counts.score_2 + counts.score_3
    if not scored:
        return ""
    total = counts.score_1 + 2 * counts.score_2 + 3 * counts.score_3
    return f"{half_up(Decimal(total) / Decimal(scored), '0.1')}"


def count_ratings(ratings: Iterable[Rating | None]) -> RatingCounts:
    tally = dict.fromkeys(("red", "amber", "green", "not_applicable", "not_rated",
                           "score_0", "score_1", "score_2", "score_3"), 0)
    for rating in ratings:
        tally["not_rated" if rating is None else rating.value] += 1
    return RatingCounts(**tally)


# --------------------------------------------------------------------------- returns


class ReturnStatus(enum.StrEnum):
    NOT_SENT = "not_sent"
    SENT = "sent"
    RETURNED = "returned"
    MODERATED = "moderated"

    @property
    def label(self) -> str:
        return {
            "not_sent": "Not sent",
            "sent": "Sent",
            "returned": "Returned",
            "moderated": "Moderated",
        }[self.value]


def return_status(
    sent_on: date | None, returned_on: date | None, moderated_on: date | None
) -> ReturnStatus:
    if moderated_on is not None:
        return ReturnStatus.MODERATED
    if returned_on is not None:
        return ReturnStatus.RETURNED
    if sent_on is not None:
        return ReturnStatus.SENT
    return ReturnStatus.NOT_SENT


class Timeliness(enum.StrEnum):
    NO_DUE_DATE = "no_due_date"
    NOT_YET_DUE = "not_yet_due"
    ON_TIME = "on_time"
    LATE = "late"  # returned after the due date
    OVERDUE = "overdue"  # not returned and past the due date

    @property
    def label(self) -> str:
        return {
            "no_due_date": "No due date",
            "not_yet_due": "Not yet due",
            "on_time": "Returned on time",
            "late": "Returned late",
            "overdue": "Overdue",
        }[self.value]

    @property
    def flagged(self) -> bool:
        return self in (Timeliness.LATE, Timeliness.OVERDUE)


TIMELINESS_COLOURS: dict[Timeliness, str] = {
    Timeliness.NO_DUE_DATE: "#FFFFFF",
    Timeliness.NOT_YET_DUE: "#DBE9F6",
    Timeliness.ON_TIME: "#C6E8C6",
    Timeliness.LATE: "#F7D3A8",
    Timeliness.OVERDUE: "#F4B6B6",
}


def timeliness(due: date | None, returned_on: date | None, today: date) -> Timeliness:
    """Returned after the due date is late; not returned once the due date has passed is
    overdue. The due date itself is still on time."""
    if due is None:
        return Timeliness.NO_DUE_DATE
    if returned_on is not None:
        return Timeliness.LATE if returned_on > due else Timeliness.ON_TIME
    return Timeliness.OVERDUE if today > due else Timeliness.NOT_YET_DUE


def days_late(due: date | None, returned_on: date | None, today: date, closures: Iterable[date] = ()) -> int:
    """Working days past the due date (to the return, or to today if not returned; weekends,
    bank holidays in England and the team's `closures` left out, as for every other deadline);
    0 if not late. Any day after the due date is at least 1 working day late."""
    if due is None:
        return 0
    end = returned_on if returned_on is not None else today
    return working_days_late(due, end, closures) or 0


def lateness_text(due: date | None, returned_on: date | None, today: date, closures: Iterable[date] = ()) -> str:
    """'Returned 3 working days late', 'Overdue by 12 working days', 'Returned on time',
    'Due 01/04/2024'."""
    state = timeliness(due, returned_on, today)
    days = days_late(due, returned_on, today, closures)
    plural = "s" if days != 1 else ""
    if state is Timeliness.LATE:
        return f"Returned {days} working day{plural} late"
    if state is Timeliness.OVERDUE:
        return f"Overdue by {days} working day{plural}"
    if state is Timeliness.NOT_YET_DUE:
        return f"Due {format_date(due)}"
    return state.label


def before_opening(opens_on: date | None, sent_on: date | None = None,
                   returned_on: date | None = None) -> list[tuple[str, str, date]]:
    """The steps of a return, as (field, label, day), that come before its cycle opens: a return
    is not sent or returned before then. The one rule, said from the return's side by
    `opening_problems` and from the cycle's by `opens_problem`."""
    if opens_on is None:
        return []
    return [(key, label, on) for key, label, on in (("sent_on", "Sent", sent_on), ("returned_on", "Returned", returned_on))
            if on is not None and on < opens_on]


def opening_problems(opens_on: date | None, sent_on: date | None = None, returned_on: date | None = None,
                     then: str = "") -> dict[str, str]:
    """Sent and Returned each refused, naming the day, where it comes before the cycle opens;
    `then` follows the way out (", then import the return again")."""
    return {key: f"{label} ({format_date(on)}) cannot be before the cycle opens ({format_date(opens_on)}): a return "
                 f"{'goes out' if key == 'sent_on' else 'comes back'} once the cycle has opened; if it opened sooner, "
                 f"move its Opens date earlier (Audits tab, Section 11: Edit cycle…){then}"
            for key, label, on in before_opening(opens_on, sent_on, returned_on)}


def opens_problem(opens_on: date, returns: Iterable[tuple[str, date | None, date | None]]) -> str:
    """The same rule from the cycle's side: why it cannot open on `opens_on` when a return
    (agency, sent, returned) went out or came back before then, naming the earliest; '' when none did."""
    dated = sorted((on, key, name) for name, sent, back in returns for key, _label, on in before_opening(opens_on, sent, back))
    if not dated:
        return ""
    on, key, name = dated[0]
    return (f"Opens ({format_date(opens_on)}) cannot be after the day the return was "
            f"{'sent to' if key == 'sent_on' else 'returned by'} {name} ({format_date(on)}): the cycle had opened by then")


def check_return_dates(
    sent_on: date | None, returned_on: date | None, moderated_on: date | None, today: date,
    opens_on: date | None = None,
) -> dict[str, str]:
    """Returned cannot be before sent; moderated needs a return and cannot be before it; none
    of the three, each a step done, is after `today`; sent and returned are not before the
    cycle opens on `opens_on` (where given: `opening_problems`)."""
    errors: dict[str, str] = {}
    for key, label, value in (("sent_on", "Sent", sent_on), ("returned_on", "Returned", returned_on),
                              ("moderated_on", "Moderated", moderated_on)):
        if value is not None and value > today:
            errors[key] = f"{label} ({format_date(value)}) cannot be in the future"
    for key, message in opening_problems(opens_on, sent_on, returned_on).items():
        errors.setdefault(key, message)
    if sent_on and returned_on and returned_on < sent_on:
        errors.setdefault("returned_on", f"Returned ({format_date(returned_on)}) cannot be before the return was "
                                         f"sent ({format_date(sent_on)})")
    if moderated_on and returned_on is None:
        errors.setdefault("moderated_on", "A return is moderated after it comes back: enter the date it was returned first")
    elif moderated_on and returned_on and moderated_on < returned_on:
        errors.setdefault("moderated_on", f"Moderated ({format_date(moderated_on)}) cannot be before the return came "
                                          f"back ({format_date(returned_on)})")
    return errors


# --------------------------------------------------------------------------- cycles


def check_cycle_dates(opens_on: date | None, due_on: date | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if opens_on is None:
        errors["opens_on"] = "Enter the date the cycle opens (when returns go out)"
    if due_on is None:
        errors["due_on"] = "Enter the date returns are due"
    if opens_on and due_on and due_on < opens_on:
        errors["due_on"] = (
            f"Returns due ({format_date(due_on)}) cannot be before the cycle opens "
            f"({format_date(opens_on)})"
        )
    return errors


def cycle_is_open(opens_on: date, today: date) -> bool:
    """Standards can be edited until the cycle opens."""
    return today >= opens_on


def opened_word(opens_on: date, today: date) -> str:
    """How a cycle's opening date is introduced: "opened" once it has opened, "opens" before."""
    return "opened" if cycle_is_open(opens_on, today) else "opens"


def no_standards_problem(name: str, opens_on: date, today: date) -> str:
    """Why a cycle with no standards has nothing for its agencies to rate, and what to do."""
    if cycle_is_open(opens_on, today):
        return (f"The cycle {name} has no standards, so its agencies have nothing to rate; it opened on "
                f"{format_date(opens_on)}, so none can be added now: start a new cycle (New cycle…) and add its standards before it opens")
    return (f"The cycle {name} has no standards, so its agencies have nothing to rate: add them first "
            "(Audits tab, Section 11, Standards…)")


@dataclass(frozen=True)
class StandardTemplate:
    title: str
    questions: tuple[str, ...]


#: The common eight Section 11 standards, each with its sub-questions (a new cycle copies the
#: previous cycle's standards, or these when there is none; each cycle's list is editable).
DEFAULT_STANDARDS: tuple[StandardTemplate, ...] = (
    StandardTemplate(
        "Senior management commitment to safeguarding and promoting children's welfare",
        (
            "A named senior leader is accountable for safeguarding children.",
            "Safeguarding is in the agency's strategic plans and priorities.",
            "The board or senior team receives regular reports on safeguarding.",
        ),
    ),
    StandardTemplate(
        "A clear statement of the agency's responsibilities towards children",
        (
            "A safeguarding children policy is in place and was reviewed in the last two years.",
            "All staff know where to find the policy and what it expects of them.",
            "The policy says how to raise and escalate a concern.",
        ),
    ),
    StandardTemplate(
        "A clear line of accountability for safeguarding",
        (
            "Lines of accountability run clearly from front-line staff to the board.",
            "Designated or named safeguarding leads have the time and support for the role.",
            "Safeguarding responsibilities are written into job descriptions.",
        ),
    ),
    StandardTemplate(
        "Service development informed by the views of children and families",
        (
            "Children's and families' views are sought when services are planned or changed.",
            "The agency can show a change made because of what children said.",
            "Service plans consider the effect on children's safety.",
        ),
    ),
    StandardTemplate(
        "Training in safeguarding and promoting children's welfare",
        (
            "All staff have induction and refresher training at the right level for their role.",
            "Who was trained, and when, is recorded.",
            "Staff take part in the partnership's multi-agency training.",
        ),
    ),
    StandardTemplate(
        "Safer recruitment",
        (
            "Safer recruitment checks (identity, references, DBS) are made for every post working with children.",
            "Recruiting managers are trained in safer recruitment.",
            "Allegations against staff are referred to the Local Authority Designated Officer.",
        ),
    ),
    StandardTemplate(
        "Effective inter-agency working",
        (
            "Staff know how and when to refer to children's social care.",
            "The agency takes part in strategy discussions, conferences and core groups.",
            "Staff know and use the partnership's escalation procedure.",
        ),
    ),
    StandardTemplate(
        "Information sharing",
        (
            "Staff understand when and how to share information to keep a child safe.",
            "Information sharing agreements are in place with partners.",
            "Decisions to share, or not to share, are recorded with the reason.",
        ),
    ),
)


def clean_questions(text_or_lines: str | Iterable[str]) -> tuple[str, ...]:
    """Sub-questions from a block of text (one per line) or a list, each cleaned as a line of
    text is (`validation.one_line`) without a bullet before it; blanks dropped (a zero-width
    space alone is blank)."""
    lines = text_or_lines.splitlines() if isinstance(text_or_lines, str) else list(text_or_lines)
    result: list[str] = []
    for line in lines:
        text = one_line(one_line(str(line)).lstrip("-•* "))  # and again: what stood after the bullet
        if text:
            result.append(text)
    return tuple(result)
