"""The window saved a meeting's offline copy under a name with no database ending ("Forum
minutes 14.03.2024", "copy.txt"), which the command line refuses and the file choosers hide:
".sqlite3" is now added where the name has no ending, as File > New database adds it, and
another program's ending is refused by taking it offline, as the command line refuses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import offline as off
from bscp_desktop.ui.meetings.offline import copy_name
from tests.offline.helpers import forum_meeting


@pytest.mark.parametrize(("chosen", "kept"), [
    ("Forum minutes 14.03.2024", "Forum minutes 14.03.2024.sqlite3"),
    ("March forum", "March forum.sqlite3"),
    ("March forum.sqlite3", "March forum.sqlite3"),
    ("March forum.db", "March forum.db"),
    ("copy.txt", "copy.txt"),  # refused by take_offline, saying why
])
def test_the_copys_name_ends_as_a_database_files(tmp_path, chosen, kept):
    assert copy_name(tmp_path / chosen) == tmp_path / kept


@pytest.mark.slow  # a team database on the PostgreSQL test server
def test_taking_offline_into_another_programs_file_name_is_refused(pg_db, tmp_path):
    _world, m, _items = forum_meeting(pg_db)
    with pytest.raises(ValidationError, match=r"copy\.txt does not end in \.sqlite3, \.sqlite or \.db"):
        off.take_offline(pg_db, m.id, tmp_path / "copy.txt")
    assert not (tmp_path / "copy.txt").exists()
    assert off.meeting_mark(pg_db, m.id) is None  # nothing marked: it can be taken again
    assert Path(off.take_offline(pg_db, m.id, tmp_path / "copy.sqlite3").file).name == "copy.sqlite3"
