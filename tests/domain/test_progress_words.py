"""A priority of the next twelve months may end with any common progress word, or the status
of an action in the action log, in capitals or not; the section's hint lists every word accepted."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.yearly_report import PROGRESS_WORDS, priorities_without_progress, section_spec

COMMON = ("Completed", "Done", "Underway", "Under way", "On hold", "In progress", "On track", "Delayed", "Not started",
          "Achieved", "Partly achieved", "Ongoing")


@pytest.mark.parametrize("word", [*COMMON, *(s.label for s in ActionStatus)])
def test_a_priority_ending_with_a_progress_word_has_one(word):
    text = f"- Embed Working Together 2023: {word}\n- Safeguarding conference: {word.upper()}.\n- Audit: ({word.lower()})"
    assert priorities_without_progress(text) == []


def test_the_action_logs_statuses_are_progress_words():
    assert {s.label for s in ActionStatus} <= set(PROGRESS_WORDS)


def test_the_hint_lists_exactly_the_words_accepted():
    hint = section_spec("priorities").hint
    listed = hint.split("ending with a progress word: ")[1].split(" (in capitals or not)")[0]
    assert listed.replace(" or ", ", ").split(", ") == list(PROGRESS_WORDS)
    assert "for example" not in hint


def test_a_word_that_only_ends_like_a_progress_word_is_not_one():
    assert priorities_without_progress("- Neglect strategy: Undone\n- Data: not on track yet") == [
        "Neglect strategy: Undone", "Data: not on track yet"]
