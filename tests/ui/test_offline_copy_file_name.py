"""The name offered for a meeting's offline copy keeps its group's name in any script, made as
every suggested file name is (`safe_file_name`): a Tamil or Gujarati group name is not broken
into letters and spaces, and what Windows forbids still goes."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from bscp_desktop.ui.meetings.offline import offline_file_name


@pytest.mark.parametrize(("group", "offered"), [
    ("குழந்தைகள் பாதுகாப்பு குழு", "குழந்தைகள் பாதுகாப்பு குழு 2024-03-14 offline.sqlite3"),
    ("બાળ સુરક્ષા જૂથ", "બાળ સુરક્ષા જૂથ 2024-03-14 offline.sqlite3"),
    ("St Mary's & St John's (CE)", "St Mary's & St John's (CE) 2024-03-14 offline.sqlite3"),
    ("Forum: Q1/Q2 <draft>", "Forum Q1 Q2 draft 2024-03-14 offline.sqlite3"),
    ("", "Meeting 2024-03-14 offline.sqlite3"),
])
def test_the_offline_copy_is_offered_under_its_group_s_name_as_written(group, offered):
    assert offline_file_name(SimpleNamespace(group_name=group, date=date(2024, 3, 14))) == offered
