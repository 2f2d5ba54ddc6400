"""A test file imported on one day and run on the next reads its dates again (tests/run_day.py)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

from tests.run_day import dates_of_today


def _module(tmp_path, monkeypatch, name):
    (tmp_path / f"{name}.py").write_text(
        "from datetime import date\nTODAY = date.today()\n\ndef today_here():\n    return TODAY\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, name, raising=False)
    return __import__(name)


def test_a_file_imported_yesterday_reads_today_again_and_its_functions_see_it(tmp_path, monkeypatch):
    module = _module(tmp_path, monkeypatch, "dates_read_yesterday")
    collected = module.today_here  # what pytest holds from the import
    module.TODAY = date.today() - timedelta(days=1)  # as if it was read before midnight
    assert dates_of_today(module, date.today() - timedelta(days=1)) is False  # read that day

    assert dates_of_today(module) is True
    assert collected() == date.today()
    assert dates_of_today(module) is False  # once a day


def test_a_file_read_today_is_left_as_it_is(tmp_path, monkeypatch):
    module = _module(tmp_path, monkeypatch, "dates_read_today")
    module.marker = "kept"
    assert dates_of_today(module) is False
    assert module.marker == "kept"
