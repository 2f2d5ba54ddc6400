"""`services.common.same_as`: a DTO's attribute under the name its readers use, read from
another of its own attributes or from a DTO it holds, and never set through it."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass

import pytest

from bscp_desktop.services.common import Row, same_as


@dataclass(frozen=True)
class _Record:
    id: int
    archived: bool
    name: str


@dataclass(frozen=True)
class _Around:
    record: _Record
    own_id: int

    id = same_as("record.id")
    archived = same_as("record.archived")
    name = same_as("record.name")
    other_id = same_as("own_id")


def test_a_row_reads_the_record_it_holds_and_its_own_fields_under_other_names():
    row = _Around(_Record(7, True, "Brent Council"), own_id=3)
    assert (row.id, row.archived, row.name, row.other_id) == (7, True, "Brent Council", 3)
    assert isinstance(row, Row)


def test_the_names_are_not_fields_and_cannot_be_set():
    row = _Around(_Record(7, False, "Brent Council"), own_id=3)
    assert list(row.__dataclass_fields__) == ["record", "own_id"]
    with pytest.raises((AttributeError, FrozenInstanceError)):
        row.id = 8  # type: ignore[misc]
