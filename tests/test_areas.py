"""The area registry: every area that is not planned is complete, and everything that lists
areas (tabs, outputs, demo) reads the one registry."""

from __future__ import annotations

import importlib

import pytest

from bscp_desktop import areas, jobs
from bscp_desktop.areas import AREAS, Area
from bscp_desktop.domain.kinds import RecordKind

BUILT = [a for a in AREAS if not a.planned]


def test_six_areas_in_the_order_of_the_tabs_each_with_its_own_kind():
    assert [a.title for a in AREAS] == ["Meetings", "Memberships", "Case reviews", "Audits", "Training", "Finance"]
    assert len({a.kind for a in AREAS}) == len(AREAS)
    assert all(isinstance(a.kind, RecordKind) for a in AREAS)


@pytest.mark.parametrize("area", BUILT, ids=[a.key for a in BUILT])
def test_an_area_that_is_not_planned_imports_completely(area: Area):
    """A typo in the registry must fail here, not show 'not in this version yet'."""
    from PySide6.QtWidgets import QWidget

    tab = getattr(importlib.import_module(area.tab_module), area.tab_class)
    assert issubclass(tab, QWidget)
    for name in area.jobs:
        importlib.import_module(name)
    assert area.demo is not None and callable(importlib.import_module(area.demo).load)


def test_a_misspelt_area_fails_loudly():
    wrong = Area(RecordKind.MEETINGS, "Meetings", "bscp_desktop.ui.meetings.tabs:MeetingsTab")
    with pytest.raises(ModuleNotFoundError):
        areas.tab_class(wrong)
    with pytest.raises(ModuleNotFoundError):
        areas._import("bscp_desktop.jobs.meeting", planned=False)
    assert areas._import("bscp_desktop.jobs.not_yet_written", planned=True) is None


def test_tabs_outputs_and_demo_follow_the_registry():
    from bscp_desktop.ui.tabs import TABS

    assert [(t.title, t.available) for t in TABS] == [(a.title, not a.planned) for a in AREAS]
    jobs.load_all()
    for area in BUILT:  # each built area's workbook is named by its kind of record
        assert area.key in jobs.XLSX_AREAS
    demo = [m.__name__ for m in areas.demo_modules()]
    assert demo[0] == "bscp_desktop.demo.memberships"  # everyone else refers to its people
    assert set(demo) >= {a.demo for a in BUILT}


def test_sensitivity_is_the_areas():
    assert areas.is_sensitive(RecordKind.CASE_REVIEWS) and areas.is_sensitive("case-reviews")
    assert not areas.is_sensitive(RecordKind.MEMBERSHIPS)
    assert not areas.is_sensitive("history")
