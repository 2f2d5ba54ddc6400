"""A drop-down of choices gives back the choice itself: Qt hands a text enum's member back as
plain text, and a dialog that asks `is ContributionKind.IN_KIND` must still see it."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.domain.finance import ContributionKind
from bscp_desktop.domain.meetings import Weekday
from bscp_desktop.domain.section11 import Rating
from bscp_desktop.domain.training import Outcome
from bscp_desktop.ui.common.editors import enum_combo


@pytest.mark.parametrize("kind", [ContributionKind, Rating, Outcome, ActionStatus, Weekday])
def test_every_choice_comes_back_as_itself(qtbot, kind):
    for member in kind:
        combo = enum_combo(kind, member)
        qtbot.addWidget(combo)
        assert combo.currentData() is member
        assert combo.itemData(combo.currentIndex()) is member
        assert combo.findData(member) == combo.currentIndex()


def test_a_blank_entry_gives_none(qtbot):
    combo = enum_combo(Rating, None, blank="(not rated)")
    qtbot.addWidget(combo)
    assert combo.currentData() is None and combo.count() == len(Rating) + 1
