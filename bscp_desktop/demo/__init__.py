"""The demo database: the public facts of the partnership's 2022-24 yearly report.

Each area adds its records through its own module, in this order (later areas refer to
earlier ones by name). Illustrative records are labelled as such.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from bscp_desktop.db.database import building
from bscp_desktop.modules import module_exists

AREA_DEMO_MODULES = (
    "bscp_desktop.demo.memberships",
    "bscp_desktop.demo.meetings",
    "bscp_desktop.demo.case_reviews",
    "bscp_desktop.demo.audits",
    "bscp_desktop.demo.training",
    "bscp_desktop.demo.finance",
)


def build_demo(path: Path | str) -> Path:
    """Create a new demo database at `path`; each area's `load(db)` adds its records.

    The database is built under a temporary name beside `path` and renamed into place only
    when complete, so a build that is stopped part-way leaves no half database behind.
    """
    path = Path(path)
    with building(path) as db:
        for name in AREA_DEMO_MODULES:
            if module_exists(name):
                importlib.import_module(name).load(db)
    return path
