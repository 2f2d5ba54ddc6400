"""What delegates say of a training session: confidence scores before and after it, the
learning gain, and the follow-up 6 to 12 weeks later with the delegate and their line manager
(behaviour change). Pure Python.

A follow-up is due from six weeks after the session and should be made by twelve weeks after
it (`FollowUp`). One is asked of a delegate who can be reached (named, or booked through the
programme); an anonymous evaluation has no one to follow up with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bscp_desktop.domain.dates import format_date
from bscp_desktop.domain.percent import half_up

MIN_SCORE, MAX_SCORE = 1, 5
FOLLOW_UP_WEEKS = (6, 12)

# a score as typed: plain digits ("4", or "4.0" as a spreadsheet may show a whole number); not a
# number in another script ("٣"), with an exponent ("1e0") or with a sign or separators
_SCORE = re.compile(r"[0-9]+(?:\.[0-9]*)?")


def check_score(value: object, label: str) -> int | None:
    """A confidence score 1 to 5 (blank is None). Raises ValueError naming the field."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    try:
        number = Decimal(text) if _SCORE.fullmatch(text) else None
    except ArithmeticError:
        number = None
    if number is not None and not number.is_finite():  # NaN, sNaN (which cannot even be compared), Infinity
        number = None
    if number is None or number != number.to_integral_value() or not MIN_SCORE <= number <= MAX_SCORE:
        raise ValueError(f"{label} '{text}' is not a score; give a whole number from {MIN_SCORE} to {MAX_SCORE}")
    return int(number)


@dataclass(frozen=True)
class Gain:
    """Confidence before and after, averaged over the scores that have both."""

    pairs: int
    mean_before: Decimal | None
    mean_after: Decimal | None

    @property
    def mean_gain(self) -> Decimal | None:
        if self.mean_before is None or self.mean_after is None:
            return None
        return self.mean_after - self.mean_before

    @property
    def text(self) -> str:
        if not self.pairs:
            return "no scores yet"
        before, after, gain = shown_scores(self)
        return f"{before} before, {after} after: gain {gain} ({self.pairs:,} score{'s' if self.pairs != 1 else ''})"


def score_text(value: Decimal | float | None) -> str:
    """A mean score as every output shows it: one decimal place, a half rounded up (2.25 is
    2.3, as Excel's ROUND has it); '' for none."""
    return "" if value is None else f"{half_up(_decimal(value), '0.1') + 0}"


def gain_text(value: Decimal | float | None) -> str:
    """A learning gain as every output shows it: one place, a half rounded up, signed ("+0.3",
    "-0.5", "0.0"); '' for none."""
    if value is None:
        return ""
    shown = half_up(_decimal(value), "0.1") + 0  # + 0: never "-0.0"
    return f"+{shown}" if shown > 0 else f"{shown}"


def shown_gain(gain: Gain) -> Decimal | None:
    """The gain as the scores beside it read: the after less the before, each as shown. Both
    means are over the same scores (those with a before and an after), so the gain is their
    difference, and worked out from the two figures as shown it always adds up (2.1 and 3.8 gain
    +1.7), where the gain of the unrounded means, rounded on its own, may not (+1.6). None
    without both means."""
    if gain.mean_before is None or gain.mean_after is None:
        return None
    return Decimal(score_text(gain.mean_after)) - Decimal(score_text(gain.mean_before))


def shown_scores(gain: Gain) -> tuple[str, str, str]:
    """Confidence before and after, and the gain (`shown_gain`), as every output shows them:
    ("2.1", "3.8", "+1.7"); '' for what is not known."""
    return score_text(gain.mean_before), score_text(gain.mean_after), gain_text(shown_gain(gain))


def _decimal(value: Decimal | float) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def learning_gain(scores: Iterable[tuple[int | None, int | None]]) -> Gain:
    """Learning gain = post minus pre, averaged: over (pre, post) pairs that have both."""
    pairs = [(pre, post) for pre, post in scores if pre is not None and post is not None]
    if not pairs:
        return Gain(0, None, None)
    n = Decimal(len(pairs))
    return Gain(len(pairs), sum(Decimal(p) for p, _ in pairs) / n, sum(Decimal(q) for _, q in pairs) / n)


def follow_up_window(session_day: date) -> tuple[date, date]:
    """When the 6 to 12 week follow-up with the delegate and their line manager is due."""
    low, high = FOLLOW_UP_WEEKS
    return session_day + timedelta(weeks=low), session_day + timedelta(weeks=high)


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of one delegate's evaluation: due from `opens` (six weeks after the
    session), to be made by `closes` (twelve weeks after), `done` once one is recorded."""

    opens: date
    closes: date
    done: bool

    @classmethod
    def after(cls, session_day: date, done: bool) -> FollowUp:
        return cls(*follow_up_window(session_day), done)

    def due_on(self, today: date) -> bool:
        """Waiting to be made on `today`: six weeks have passed, none is recorded."""
        return not self.done and today >= self.opens

    def overdue_on(self, today: date) -> bool:
        return not self.done and today > self.closes

    def text_on(self, today: date) -> str:
        """"Done", "From 12/05/2024", "Due by 23/06/2024" or "Overdue: due by 23/06/2024"."""
        if self.done:
            return "Done"
        if today < self.opens:
            return f"From {format_date(self.opens)}"
        return f"{'Overdue: due' if today > self.closes else 'Due'} by {format_date(self.closes)}"
