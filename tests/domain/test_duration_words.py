"""One wording for a length of time: a course's length, a session's on its certificate and an
agenda's timings all say "1 h 30 min"."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.text import duration_words


@pytest.mark.parametrize("minutes, words", [(45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (125, "2 h 5 min"),
                                            (0, "0 min"), (1440, "24 h")])
def test_a_length_in_hours_and_minutes(minutes, words):
    assert duration_words(minutes) == words
