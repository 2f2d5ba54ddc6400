"""A data table that goes on to another page says whose rows they are there: above its repeated
header row stands the heading it was under, "(continued)", so a board member reading a loose
page of the members list knows which group its rows belong to. A table on one page says nothing
more."""

from __future__ import annotations

import unicodedata

import pypdf

from bscp_desktop.reports.pdf import DocumentBuilder


def _pages(path) -> list[str]:
    return [unicodedata.normalize("NFKC", page.extract_text() or "") for page in pypdf.PdfReader(str(path)).pages]


def _doc(tmp_path) -> DocumentBuilder:
    return DocumentBuilder(tmp_path / "out.pdf", "Members", "Brent Safeguarding Children Partnership", sensitive=False)


def test_a_table_going_on_to_later_pages_names_its_heading_there(tmp_path):
    doc = _doc(tmp_path)
    doc.heading("Members of each group", 1)
    doc.heading("Case Review Group <tier 3> & co", 2)  # typed text, printed as typed
    doc.table(["Role", "Name"], [["Member", f"Person {n}"] for n in range(150)])
    doc.heading("Short group", 2)
    doc.table(["Role", "Name"], [["Chair", "Only one"]])
    pages = _pages(doc.build())
    assert len(pages) >= 3
    for page in pages[1:-1]:
        assert page.lstrip().startswith("Case Review Group <tier 3> & co (continued)"), page[:120]
        assert page.split("(continued)", 1)[1].split()[:2] == ["Role", "Name"]  # then the header row
    assert "Case Review Group <tier 3> & co (continued)" not in pages[0]
    assert "Short group (continued)" not in "".join(pages)


def test_a_table_before_any_heading_goes_on_without_one(tmp_path):
    doc = _doc(tmp_path)
    doc.table(["Role", "Name"], [["Member", f"Person {n}"] for n in range(150)])
    assert "(continued)" not in "".join(_pages(doc.build()))
