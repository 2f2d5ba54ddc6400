"""Excel output: read every workbook back with openpyxl and check what a partner would see."""

from __future__ import annotations

import enum
import io
import os
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bscp_desktop.reports import xlsx
from bscp_desktop.reports.xlsx import MONEY_FORMAT, XML_ILLEGAL_RE, Column, WorkbookBuilder, safe_cell_value, sanitise_sheet_name, set_cell
from tests.examples import examples

DANGEROUS = [
    '=HYPERLINK("http://x","y")',
    "+1",
    "-2",
    "@SUM(A1)",
    "\tleading tab",
    "\rleading CR",
    "=1+1",
    "#N/A",
    "#DIV/0!",
    '=cmd|" /C calc"!A0',
]

COLUMNS = [
    Column("Name"),
    Column("Joined", "date"),
    Column("Fee", "money"),
    Column("Meetings", "int"),
    Column("Attendance", "percent"),
    Column("Statutory", "bool"),
    Column("Updated", "datetime"),
]


def _reopen(wb: WorkbookBuilder) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(wb.to_bytes()))


def _sample_rows():
    return [
        [
            "Żółć Nguyễn",
            date(2024, 4, 1),
            Decimal("1250.50"),
            12,
            0.875,
            True,
            datetime(2024, 5, 6, 14, 30),
        ],
        ["Ó Súilleabháin", date(2025, 3, 31), Decimal("0.99"), 0, 0.5, False, None],
        [None, None, None, None, None, None, None],
    ]


class Kind(enum.StrEnum):
    POLICE = "police"

    @property
    def label(self) -> str:
        return "Statutory partner: police"


class Plain(enum.Enum):
    ONE = 1


def test_dangerous_strings_stay_text():
    wb = WorkbookBuilder(title="Safety")
    wb.add_sheet("Text", [Column("Value")], [[s] for s in DANGEROUS])
    ws = _reopen(wb)["Text"]
    for row, expected in enumerate(DANGEROUS, start=2):
        cell = ws.cell(row, 1)
        assert cell.value == expected
        assert cell.data_type == "s"
    # risky leading characters also carry Excel's quote prefix, so editing keeps them text
    for row, expected in enumerate(DANGEROUS, start=2):
        assert ws.cell(row, 1).quotePrefix is expected.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_strings_in_typed_columns_are_text_too():
    wb = WorkbookBuilder(title="Mixed")
    wb.add_sheet("Mixed", COLUMNS, [["=1", "=2", "-3", "+4", "@5", "=6", "=7"]])
    ws = _reopen(wb)["Mixed"]
    for col in range(1, len(COLUMNS) + 1):
        assert ws.cell(2, col).data_type == "s"
        assert isinstance(ws.cell(2, col).value, str)


def test_values_and_formats_round_trip():
    wb = WorkbookBuilder(title="Members")
    wb.add_sheet("Members", COLUMNS, _sample_rows())
    ws = _reopen(wb)["Members"]

    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert all(c.font.bold for c in ws[1])

    name, joined, fee, meetings, attendance, statutory, updated = ws[2]
    assert name.value == "Żółć Nguyễn" and name.data_type == "s"
    assert joined.value == datetime(2024, 4, 1) and joined.is_date
    assert joined.number_format == "dd/mm/yyyy"
    assert fee.value == pytest.approx(1250.50) and fee.data_type == "n"
    assert fee.number_format == MONEY_FORMAT == '"£"#,##0.00'
    assert meetings.value == 12 and meetings.data_type == "n"
    assert attendance.value == pytest.approx(0.875)
    assert attendance.number_format == "0.0%"
    assert statutory.value == "Yes" and statutory.data_type == "s"
    assert updated.value == datetime(2024, 5, 6, 14, 30) and updated.is_date
    assert ws["F3"].value == "No"
    assert all(c.value is None for c in ws[4])


def test_layout_freeze_filter_widths_and_print():
    long_text = "x" * 500
    wb = WorkbookBuilder(title="Layout")
    wb.add_sheet(
        "Layout",
        COLUMNS + [Column("Notes"), Column("Fixed", width=33)],
        [row + [long_text, "a"] for row in _sample_rows()],
    )
    ws = _reopen(wb)["Layout"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:I4"
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert widths["H"] == 60  # capped
    assert widths["I"] == 33  # as asked
    assert 10 <= widths["B"] <= 20  # a date, plus room for the filter button
    assert ws["H2"].alignment.wrap_text
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert ws.oddFooter.right.text == "Page &P of &N"


def test_empty_sheet_still_has_header_filter():
    wb = WorkbookBuilder(title="Empty")
    wb.add_sheet("Nothing yet", [Column("A"), Column("B")], [])
    ws = _reopen(wb)["Nothing yet"]
    assert [c.value for c in ws[1]] == ["A", "B"]
    assert ws.auto_filter.ref == "A1:B1"


def test_sensitive_markings():
    wb = WorkbookBuilder(title="Case reviews", sensitive=True)
    wb.add_sheet("Reviews", [Column("Case")], [["CSPR-1"]])
    wb.add_sheet("Actions", [Column("Action")], [["Chase"]])
    book = _reopen(wb)
    props = book.properties
    for text in (props.title, props.subject, props.keywords, props.category):
        assert "OFFICIAL-SENSITIVE" in text
    assert "Case reviews" in props.title
    for ws in book.worksheets:
        assert ws.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        assert ws.oddFooter.center.text == "OFFICIAL-SENSITIVE"
        assert ws["A1"].value in ("Case", "Action")  # the header row stays at row 1
    assert any(
        p.name == "Classification" and p.value == "OFFICIAL-SENSITIVE"
        for p in book.custom_doc_props
    )


def test_not_sensitive_has_no_marking():
    wb = WorkbookBuilder(title="Training")
    wb.add_sheet("Courses", [Column("Course")], [["Neglect"]])
    book = _reopen(wb)
    assert "OFFICIAL-SENSITIVE" not in (book.properties.title or "")
    assert not book.properties.keywords
    ws = book.worksheets[0]
    assert not ws.oddHeader.center.text
    assert not ws.oddFooter.center.text


def test_header_footer_escapes_ampersand():
    wb = WorkbookBuilder(title="Health & Police")
    wb.add_sheet("S", [Column("A")], [])
    assert _reopen(wb).worksheets[0].oddFooter.left.text == "Health && Police"


def test_illegal_xml_characters_are_removed_not_fatal():
    wb = WorkbookBuilder(title="Bad\x00title")
    wb.add_sheet("Bad\x01sheet", [Column("Head\x02er")], [["a\x00b\x0bc\x1f\ufffed"]])
    ws = _reopen(wb).worksheets[0]
    assert ws.title == "Badsheet"
    assert ws["A1"].value == "Header"
    assert ws["A2"].value == "abcd"


def test_sheet_names_sanitised_and_unique():
    assert sanitise_sheet_name("A/B:[c]*?\\d") == "A B c d"
    assert len(sanitise_sheet_name("x" * 50)) == 31
    assert sanitise_sheet_name("'quoted'") == "quoted"
    assert sanitise_sheet_name("") == "Sheet"
    assert sanitise_sheet_name("History").lower() != "history"
    wb = WorkbookBuilder(title="Names")
    first = wb.add_sheet("Members" + "x" * 40, [Column("A")], [])
    second = wb.add_sheet("Members" + "x" * 40, [Column("A")], [])
    third = wb.add_sheet("members" + "x" * 40, [Column("A")], [])
    assert len({first.lower(), second.lower(), third.lower()}) == 3
    assert all(len(n) <= 31 for n in (first, second, third))
    assert _reopen(wb).sheetnames == [first, second, third]


def test_enums_print_their_labels():
    assert safe_cell_value(Kind.POLICE) == "Statutory partner: police"
    assert safe_cell_value(Plain.ONE) == "ONE"


def test_other_values():
    assert safe_cell_value(float("nan"), "money") is None
    assert safe_cell_value(Decimal("Infinity"), "money") is None
    assert safe_cell_value(datetime(2024, 1, 2, 3, 4), "date") == date(2024, 1, 2)
    aware = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
    assert safe_cell_value(aware, "datetime").tzinfo is None
    assert safe_cell_value("x" * 40000) == "x" * 40000  # never cut: long text continues on the next row


def test_set_cell_on_an_ordinary_sheet():
    book = openpyxl.Workbook()
    ws = book.active
    set_cell(ws["A1"], "=2+2")
    set_cell(ws["A2"], Decimal("3.20"), "money")
    assert ws["A1"].data_type == "s" and ws["A1"].quotePrefix
    assert ws["A2"].number_format == MONEY_FORMAT


def test_row_longer_than_columns_is_an_error():
    wb = WorkbookBuilder(title="Bad")
    with pytest.raises(ValueError):
        wb.add_sheet("S", [Column("A")], [["a", "b"]])
    with pytest.raises(ValueError):
        Column("A", "currency")
    with pytest.raises(ValueError):
        WorkbookBuilder(title="None").to_bytes()


def test_notes_sheet_is_opt_in():
    wb = WorkbookBuilder(title="Notes")
    wb.add_sheet("Data", [Column("A")], [["1"]])
    assert _reopen(wb).sheetnames == ["Data"]
    wb.add_notes_sheet(["Exported from BSCP Desktop", "=not a formula"])
    ws = _reopen(wb)["Read me"]
    assert ws["A2"].value == "=not a formula" and ws["A2"].data_type == "s"


def test_save_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    wb = WorkbookBuilder(title="Atomic")
    wb.add_sheet("S", [Column("A")], [["first"]])
    assert wb.save(target) == target
    assert openpyxl.load_workbook(target).active["A2"].value == "first"

    wb2 = WorkbookBuilder(title="Atomic")
    wb2.add_sheet("S", [Column("A")], [["second"]])

    def fail(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        wb2.save(target)
    monkeypatch.undo()
    assert openpyxl.load_workbook(target).active["A2"].value == "first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]

    wb2.save(target)
    assert openpyxl.load_workbook(target).active["A2"].value == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


@pytest.mark.slow
@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(), min_size=1, max_size=15))
def test_any_text_round_trips_as_text(texts):
    wb = WorkbookBuilder(title="Property")
    wb.add_sheet(
        "P",
        [Column("Text"), Column("Money", "money"), Column("Date", "date")],
        [[t, t, t] for t in texts],
    )
    ws = _reopen(wb)["P"]
    for row, text in enumerate(texts, start=2):
        expected = XML_ILLEGAL_RE.sub("", text)[: xlsx.MAX_CELL_CHARS]
        for col in (1, 2, 3):
            cell = ws.cell(row, col)
            if expected == "":
                assert cell.value in (None, "")
                continue
            assert cell.value == expected
            assert cell.data_type == "s"  # never "f" (formula) or "e" (error)


def test_sheets_are_renamed_within_excels_limits_and_kept_unique():
    wb = WorkbookBuilder(title="Renamed")
    wb.add_sheet("Actions", [Column("Action")], [["Chase"]])
    wb.add_sheet("Audit actions", [Column("Action")], [["Ask"]])
    wb.rename_sheets({"Actions": "Audit actions", "Nowhere": "Anything"})
    assert wb.sheet_names == ["Audit actions (2)", "Audit actions"]
    wb.rename_sheets({"Audit actions": "Actions of every case audit: the learning log's"})
    assert wb.sheet_names[1] == "Actions of every case audit the"  # 31 characters, no ':'
    assert _reopen(wb).sheetnames == wb.sheet_names
