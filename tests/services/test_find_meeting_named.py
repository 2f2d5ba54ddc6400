"""A meeting named on the command line by its group and date ("Executive Group 14/03/2024")
is found whatever the group's name holds: a comma of its own, or a letter whose lower case the
database spells as Python's lower() does, not as casefold() does (ß)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bscp_desktop.domain.validation import NotFoundError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms


def _meeting_of(db, name: str) -> int:
    group = ms.create_group(db, ms.GroupFields(name, 3))
    return mt.create_meeting(db, mt.MeetingFields(group.id, "Meeting", datetime(2024, 3, 14, 10), datetime(2024, 3, 14, 12))).id


def test_a_group_whose_name_holds_a_comma_or_a_sharp_s_is_found_by_its_name_and_date(db):
    quality = _meeting_of(db, "Quality, Performance and Assurance Group")
    streets = _meeting_of(db, "Straßen Group")
    executive = _meeting_of(db, "Executive Group")
    for given, wanted in (
        ("Quality, Performance and Assurance Group 14/03/2024", quality),
        ("Quality, Performance and Assurance Group, 14 March 2024", quality),
        ("quality,  performance and assurance group ,14 March, 2024", quality),
        ("Straßen Group 14/03/2024", streets),
        ("STRAßEN GROUP, 14/3/24", streets),
        ("Executive Group 14/03/2024", executive),
        ("Executive Group, 14 March 2024", executive),
    ):
        assert mt.find_meeting(db, given).id == wanted, given


def test_a_group_not_found_is_quoted_as_typed_with_its_commas(db):
    _meeting_of(db, "Quality, Performance and Assurance Group")
    with pytest.raises(NotFoundError) as refused:
        mt.find_meeting(db, "Quality, Performance Group, 14/03/2024")
    assert str(refused.value) == "There is no meeting of 'Quality, Performance Group' on 14/03/2024."
    with pytest.raises(NotFoundError, match="There is no meeting of 'Quality Performance and Assurance Group' on 14/03/2024"):
        mt.find_meeting(db, "Quality Performance and Assurance Group 14/03/2024")  # a comma is part of the name
