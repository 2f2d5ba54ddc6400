"""A template's "How to fill this in" sheet describes only the columns the template has: a
column an import reads but the template leaves out (Archived, Part of, Other names, Notes) is
never described as if it were there; a note naming one says the template does not have it."""

from __future__ import annotations

import re

import pytest
from openpyxl import load_workbook

from bscp_desktop.importers import KINDS, field_labels, template_columns, write_template
from bscp_desktop.importers.workbook_sheets import INSTRUCTIONS

TEMPLATES = [kind for kind in KINDS if kind not in ("s11", "audit-return")]  # a return is written for one agency
NOT_THERE = ("not in this template", "this template does not have")


def _notes(kind: str, tmp_path) -> list[str]:
    wb = load_workbook(write_template(kind, tmp_path / f"{kind}.xlsx"))
    return [str(cell.value) for row in wb[INSTRUCTIONS[0]].iter_rows() for cell in row if cell.value]


def _described(note: str) -> list[str]:
    """The columns a note begins by describing ("Agreed, Received: amounts as ...")."""
    head, colon, _rest = note.partition(":")
    if not colon or len(head) > 80:
        return []
    return [name.strip() for part in head.split(", ") for name in part.split(" and ")]


@pytest.mark.parametrize("kind", TEMPLATES)
def test_each_note_describes_a_column_the_template_has(kind, tmp_path):
    columns = set(template_columns(kind))
    left_out = {label for _key, label, _required in field_labels(kind)} - columns
    for note in _notes(kind, tmp_path):
        assert not [name for name in _described(note) if name in left_out], note
        for label in left_out:
            if re.search(rf"\b{re.escape(label)} column", note):
                assert any(words in note for words in NOT_THERE), note


@pytest.mark.parametrize(("kind", "columns"), [("people", "Archived"), ("organisations", "Part of, Other names and Archived")])
def test_the_memberships_templates_say_in_one_line_where_their_other_columns_are(kind, columns, tmp_path):
    notes = _notes(kind, tmp_path)
    assert not [note for note in notes if note.startswith("Archived:")]
    (line,) = [note for note in notes if "Memberships workbook" in note]
    assert columns in line and "this template does not have" in line
    assert "Archived" not in template_columns(kind)
