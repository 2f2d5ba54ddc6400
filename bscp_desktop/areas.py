"""The areas of the program, registered in one place.

Each area names its tab, its output (job) modules, its demo module, the kind of record it owns
(which also names its workbook), whether everything it prints is OFFICIAL-SENSITIVE, and
whether it is still planned. The window's tabs (`ui/tabs.py`), the registered outputs
(`jobs/registry.py`) and the demo database (`demo/__init__.py`) are all read from here, so
adding an area is one entry below (see docs/ADDING_AN_AREA.md).

An area that is not planned must be complete: `tests/test_areas.py` imports its tab, jobs and
demo, so a typo fails the tests instead of showing "not in this version yet". A planned area
shows a placeholder tab; whatever jobs and demo module it already has are still used.

This module is plain data: it imports only the vocabulary of record kinds; the modules it
names are imported when asked for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from bscp_desktop.domain.kinds import RecordKind
from bscp_desktop.modules import module_exists


@dataclass(frozen=True)
class Area:
    kind: RecordKind  # the area's own kind of record; its workbook is `export xlsx --area <kind>`
    title: str  # the tab's title
    tab: str  # "package.module:ClassName", a QWidget subclass taking (db, parent)
    jobs: tuple[str, ...] = ()  # modules registering the area's workbook and reports
    demo: str | None = None  # module with `load(db)` adding the area's demo records
    demo_order: int = 50  # lower loads first (later areas refer to earlier ones' records)
    sensitive: bool = False  # everything the area prints is OFFICIAL-SENSITIVE
    planned: bool = False  # not built yet: a placeholder tab says `not_built`
    not_built: str = ""

    @property
    def key(self) -> str:
        return self.kind.value

    @property
    def tab_module(self) -> str:
        return self.tab.partition(":")[0]

    @property
    def tab_class(self) -> str:
        return self.tab.partition(":")[2]


AREAS: tuple[Area, ...] = (
    Area(
        RecordKind.MEETINGS, "Meetings", "bscp_desktop.ui.meetings.tab:MeetingsTab",
        jobs=("bscp_desktop.jobs.meetings",), demo="bscp_desktop.demo.meetings", demo_order=20,
        not_built="Meetings, agendas, attendance and minutes are not in this version yet.",
    ),
    Area(
        RecordKind.MEMBERSHIPS, "Memberships", "bscp_desktop.ui.memberships.tab:MembershipsTab",
        jobs=("bscp_desktop.jobs.memberships",), demo="bscp_desktop.demo.memberships", demo_order=10,
    ),
    Area(
        RecordKind.CASE_REVIEWS, "Case reviews", "bscp_desktop.ui.case_reviews.tab:CaseReviewsTab",
        jobs=("bscp_desktop.jobs.case_reviews",), demo="bscp_desktop.demo.case_reviews", demo_order=30,
        sensitive=True, not_built="The case review tracker is not in this version yet.",
    ),
    Area(
        RecordKind.AUDITS, "Audits", "bscp_desktop.ui.audits.tab:AuditsTab",
        jobs=("bscp_desktop.jobs.audits",), demo="bscp_desktop.demo.audits", demo_order=40,
        sensitive=True,
        not_built="Multi-agency audits and Section 11 self-assessments are not in this version yet.",
    ),
    Area(
        RecordKind.TRAINING, "Training", "bscp_desktop.ui.training.tab:TrainingTab",
        jobs=("bscp_desktop.jobs.training",), demo="bscp_desktop.demo.training", demo_order=50,
        not_built="The training programme is not in this version yet.",
    ),
    Area(
        RecordKind.FINANCE, "Finance", "bscp_desktop.ui.finance.tab:FinanceTab",
        jobs=("bscp_desktop.jobs.finance",), demo="bscp_desktop.demo.finance", demo_order=60,
        not_built="Partner contributions and expenditure are not in this version yet.",
    ),
)

#: Outputs that belong to no one area: the change history and the workbook of everything.
SHARED_JOBS: tuple[str, ...] = ("bscp_desktop.jobs.history", "bscp_desktop.jobs.yearly_report",
                               "bscp_desktop.jobs.engagement")
#: Demo records that draw on every area (the yearly report): loaded after all the areas'.
SHARED_DEMOS: tuple[str, ...] = ("bscp_desktop.demo.yearly_report",)


def area(kind: RecordKind | str) -> Area:
    """The area owning a kind of record ("case-reviews" or RecordKind.CASE_REVIEWS)."""
    for a in AREAS:
        if a.kind == kind:
            return a
    raise KeyError(f"There is no area called '{kind}'")


def is_sensitive(kind: RecordKind | str) -> bool:
    """Whether the area owning `kind` prints everything OFFICIAL-SENSITIVE."""
    try:
        return area(kind).sensitive
    except KeyError:
        return False


def _import(name: str, planned: bool) -> ModuleType | None:
    """The module; for a planned area, None while the module does not exist yet."""
    if planned and not module_exists(name):
        return None
    return importlib.import_module(name)


def job_modules() -> list[ModuleType]:
    """Every area's job modules (they register their outputs on import), then the shared ones."""
    found = [_import(name, a.planned) for a in AREAS for name in a.jobs]
    found += [importlib.import_module(name) for name in SHARED_JOBS]
    return [m for m in found if m is not None]


def demo_modules() -> list[ModuleType]:
    """Every area's demo module, in loading order."""
    ordered = sorted((a for a in AREAS if a.demo), key=lambda a: a.demo_order)
    found = [_import(a.demo, a.planned) for a in ordered if a.demo]
    found += [importlib.import_module(name) for name in SHARED_DEMOS]
    return [m for m in found if m is not None]


def tab_class(a: Area) -> type | None:
    """The area's tab class; None for a planned area (its placeholder is shown)."""
    if a.planned:
        return None
    return getattr(importlib.import_module(a.tab_module), a.tab_class)
