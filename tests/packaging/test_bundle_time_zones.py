"""The bundle keeps the time zones the program names (Europe/London for calendar files; GMT and
UTC a team database's server may give) and the zone database's own index files, and leaves
the rest of the world's zones out (packaging/bundle_filter.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from bundle_filter import wanted  # noqa: E402


@pytest.mark.parametrize("dest", [
    "tzdata/zoneinfo/Europe/London", "tzdata/zoneinfo/Etc/UTC", "tzdata/zoneinfo/UTC", "tzdata/zoneinfo/GMT",
    "tzdata/zoneinfo/GB", "tzdata/zoneinfo/tzdata.zi", "tzdata/zoneinfo/zone1970.tab", "tzdata/zoneinfo/__init__.py",
    "tzdata/zoneinfo/Europe/__init__.py", "tzdata/__init__.py", "tzdata/zones",
])
def test_the_zones_the_program_names_are_kept(dest):
    assert wanted((dest, "src", "DATA"))


@pytest.mark.parametrize("dest", [
    "tzdata/zoneinfo/America/New_York", "tzdata/zoneinfo/Asia/Tokyo", "tzdata/zoneinfo/Australia/Sydney",
    "tzdata/zoneinfo/US/Eastern", "tzdata/zoneinfo/America/__init__.py",
])
def test_other_zones_are_left_out(dest):
    assert not wanted((dest, "src", "DATA"))
