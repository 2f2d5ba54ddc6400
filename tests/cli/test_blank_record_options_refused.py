"""An option naming a record (`--id`, `--meeting`, `--partner`, `--cycle`, `--agency`…) given
blank names no record: it is refused as the command line reads it, in one line naming the option,
before any database is opened, rather than as "There is no yearly report called ''"."""

from __future__ import annotations

import pytest

from tests.safety.helpers import assert_refused, cli


@pytest.mark.parametrize(("args", "option"), [
    (("report", "yearly", "--id", "", "-o", "y.pdf"), "--id"),
    (("report", "case", "--id", "   ", "-o", "c.pdf"), "--id"),
    (("export", "ics", "--meeting", "", "-o", "m.ics"), "--meeting"),
    (("export", "xlsx", "--partner", " ", "--from", "1/4/2024", "--to", "31/3/2025", "-o", "p.xlsx"), "--partner"),
    (("template", "s11", "--cycle", "", "--agency", "Brent Council", "-o", "r.xlsx"), "--cycle"),
])
def test_a_blank_record_option_is_refused_naming_it(tmp_path, args, option):
    missing = tmp_path / "none.sqlite3"  # never opened: refused before
    line = assert_refused(cli(*args, "--db", missing, data_dir=tmp_path / "data"),
                          f"argument {option}:", "is blank; give the record's id or name")
    assert "There is no" not in line and not missing.exists()
