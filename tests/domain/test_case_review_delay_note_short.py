"""The publication clock's note says the publication is delayed without printing the whole reason
for the delay again (it has its own field and row): a short reason whole, a long one only its first
words, cut at a word and ended with "…", on one line."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.case_review_clocks import DELAY_QUOTED_MOST, clocks_for, delay_quoted
from bscp_desktop.domain.case_reviews import Decision
from bscp_desktop.domain.deadlines import DEFAULT_RULES, DeadlineStatus

D = date
LCSPR = {"became_aware": D(2025, 3, 3), "notification_sent": D(2025, 3, 4), "rapid_review_sent": D(2025, 3, 20),
         "decision_date": D(2025, 3, 24), "published": D(2026, 6, 25)}
LONG_REASON = ("The criminal trial of the child's father was adjourned twice and the police asked that nothing be "
               "published until the jury returned its verdict. " * 25).strip()  # about 3,000 characters


def publication(**extra):
    return next(c for c in clocks_for(DEFAULT_RULES, LCSPR, Decision.LCSPR, D(2026, 7, 1), **extra)
                if c.met_by == "published")


def test_a_long_reason_is_quoted_only_by_its_first_words():
    assert len(LONG_REASON) > 2800
    clock = publication(delay_reason=LONG_REASON)
    assert clock.status is DeadlineStatus.MET_LATE
    assert clock.note == "Delayed: The criminal trial of the child's father was adjourned twice and the…"
    assert len(clock.note) <= 80
    assert clock.extra_text().endswith(". Delayed: The criminal trial of the child's father was adjourned twice and the…")


def test_the_panel_told_date_follows_the_quoted_reason():
    clock = publication(delay_reason=LONG_REASON)
    told = next(c for c in clocks_for(DEFAULT_RULES, {**LCSPR, "delay_told_panel": D(2025, 9, 1)}, Decision.LCSPR,
                                      D(2026, 7, 1), delay_reason=LONG_REASON) if c.met_by == "published")
    assert told.note == f"{clock.note} (Panel told 01/09/2025)"


def test_a_short_reason_is_quoted_whole_on_one_line():
    assert publication(delay_reason="Criminal proceedings").note == "Delayed: Criminal proceedings"
    assert publication(delay_reason="  Criminal\nproceedings\n\nand an inquest ").note == (
        "Delayed: Criminal proceedings and an inquest")


def test_cut_at_a_word_never_longer_than_the_most_quoted():
    assert delay_quoted("word " * 40) == ("word " * 14).strip() + "…"
    assert len(delay_quoted("word " * 40)) <= DELAY_QUOTED_MOST
    assert delay_quoted("x" * 200) == "x" * (DELAY_QUOTED_MOST - 1) + "…"
    assert delay_quoted("Criminal proceedings, " * 10).endswith("proceedings…")  # no comma left before the "…"
