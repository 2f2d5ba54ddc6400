"""The members PDF isolates a group's, its parent's and a member's name (`domain.text.isolate`),
as the minutes do: a heading that starts with a group's name in Arabic script reads left to
right, name first ("<name> (tier 2)", not "(tier 2) <name>" pushed to the right margin), and a
name with Latin letters or brackets in it stays whole in "Reports to the <name>." and
"Deputy for <name>". The workbook's cells keep the names as typed."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Paragraph

from bscp_desktop.domain.memberships import Role
from bscp_desktop.domain.text import FSI, PDI
from bscp_desktop.jobs.memberships import build_workbook, members_report
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.styles import paragraph_styles
from bscp_desktop.services import memberships as ms

GROUP, BOARD, MEMBER = "فريق الحماية", "مجلس الشراكة", "فاطمة الزهراء"


@pytest.fixture(autouse=True, scope="module")
def _fonts_loaded():
    """The fonts and the Arabic letter forms are read once, not in the first test's time."""
    paragraph(GROUP, paragraph_styles()["body"]).wrap(200, 1000)


def shown(name: str) -> str:
    """A name of Arabic letters alone as drawn: right to left (NFKC gives back the letters)."""
    return name[::-1]


def _paragraphs(flowable):
    """The paragraphs of a flowable: itself, or a table's cells."""
    if isinstance(flowable, Paragraph):
        yield flowable
    for row in getattr(flowable, "_cellvalues", None) or []:
        for cell in row:
            yield from _paragraphs(cell)


def printed(story, width: float = 2000) -> list[tuple[bool, str]]:
    """Each paragraph of the story, tables' cells included: whether it is set from the left, and
    its text as drawn, left to right (one line: `width` is wide enough)."""
    out = []
    for flowable in story:
        for para in _paragraphs(flowable):
            para.wrap(width, 100000)
            lines = para.blPara.lines
            if para.blPara.kind == 0:
                text = [" ".join(words) for _extra, words in lines]
            else:
                text = ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]
            out.append((para.style.alignment == TA_LEFT, " ".join(unicodedata.normalize("NFKC", t) for t in text)))
    return out


def test_the_members_pdf_reads_each_groups_and_members_name_left_to_right_name_first(db, tmp_path, monkeypatch):
    board = ms.create_group(db, ms.GroupFields(f"{BOARD} - Brent", 1))
    group = ms.create_group(db, ms.GroupFields(GROUP, 2, parent_id=board.id))
    member = ms.create_person(db, ms.PersonFields(f"{MEMBER} (Fatima)"))
    deputy = ms.create_person(db, ms.PersonFields("Jane Smith"))
    ms.create_membership(db, ms.MembershipFields(member.id, group.id, Role.MEMBER, date(2024, 1, 1)))
    ms.create_membership(db, ms.MembershipFields(deputy.id, group.id, Role.DEPUTY, date(2024, 1, 1),
                                                 deputy_for_id=member.id))
    built = []
    monkeypatch.setattr(DocumentBuilder, "build", lambda doc: built.append(doc) or doc.path)  # the story, not a file
    members_report(db, tmp_path / "members.pdf", date_from=date(2024, 6, 1))
    lines = printed(built[0].story)
    for line in (f"Brent - {shown(BOARD)} (tier 1)",  # each heading from the left, the name read first
                 f"{shown(GROUP)} (tier 2)",
                 f"Reports to the Brent - {shown(BOARD)}.",  # the name whole, its full stop after it
                 f"Deputy for (Fatima) {shown(MEMBER)}"):
        assert (True, line) in lines, (line, lines)
    assert not any(FSI in text or PDI in text for _left, text in lines)
    sheets = {sheet.name: sheet.rows for sheet in build_workbook(db, today=date(2024, 6, 1))._sheets}
    assert sorted(row[0] for row in sheets["Groups"]) == sorted([f"{BOARD} - Brent", GROUP])  # as typed
    assert {row[4] for row in sheets["Memberships"]} == {"", f"{MEMBER} (Fatima)"}
