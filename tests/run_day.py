"""A test file's dates are those of the day its tests run.

Many test files read the day once, as they are imported (`TODAY = date.today()`), and build
their records from it. pytest imports every file before the first test runs, so a run that goes
past midnight would compare the program's today with yesterday's date: a session called off in
the run's second half says "Called off on 08/12/2026" while its test expects 07/12/2026. Before
each test, a file imported on an earlier day is run again in its own namespace
(`importlib.reload`), so the functions pytest collected from it see the new day's constants."""

from __future__ import annotations

import importlib
from datetime import date
from types import ModuleType

_READ_ON = "_bscp_day_read"


def dates_of_today(module: ModuleType, today: date | None = None) -> bool:
    """Make `module`'s import-time dates today's; True when it had to be read again."""
    today = today or date.today()
    read_on = module.__dict__.setdefault(_READ_ON, today)
    if read_on == today:
        return False
    importlib.reload(module)
    module.__dict__[_READ_ON] = today
    return True
