"""An output (a report, a template, a backup, a demo) is never written under a name Windows would
not take: a character it forbids, or a name it keeps for a device. Written from another computer
onto a shared drive, such a file could not be opened by a colleague on Windows."""

from __future__ import annotations

import pytest

from bscp_desktop.db.targets import TargetRefused, check_target, windows_name_problem


@pytest.mark.parametrize("name, said", [
    ("a<b>.pdf", "holds '<'"), ("a:b.pdf", "holds ':'"), ("what?.pdf", "holds '?'"), ("x|y.pdf", "holds '|'"),
    ("a*.pdf", "holds '*'"), ('q"q.pdf', "holds '\"'"), ("back\\slash.pdf", "holds '\\'"),
    ("tab\t.pdf", "holds a control character (U+0009)"),
    ("CON.pdf", "a name Windows keeps for a device (CON)"), ("nul.pdf", "(nul)"), ("COM1.pdf", "(COM1)"),
    ("NUL.sqlite3", "(NUL)"), ("CON .csv", "(CON)"), ("lpt¹.txt", "(lpt¹)"),
])
def test_a_name_windows_would_refuse_is_refused_and_nothing_is_written(tmp_path, name, said):
    assert said in windows_name_problem(name)
    with pytest.raises(TargetRefused, match="choose another name"):
        check_target(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["Minutes 14.03.2024.pdf", "Zoë’s register (draft).xlsx", "CONTRACTS.pdf",
                                  "nullable.csv", "COM10.pdf", "Żółć 儿童 🧒.pdf"])
def test_ordinary_names_are_written(tmp_path, name):
    assert windows_name_problem(name) == ""
    assert check_target(tmp_path / name) == tmp_path / name
