"""A financial year in a file name the window offers is written one way, "2026-27", whatever
output names the file (`jobs.safe_file_name`, which every offered name goes through)."""

from __future__ import annotations

from bscp_desktop.domain.dates import financial_year_label
from bscp_desktop.jobs import safe_file_name


def test_a_financial_year_is_written_with_a_hyphen():
    assert safe_file_name(f"Training summary {financial_year_label(2026)}.pdf") == "Training summary 2026-27.pdf"
    assert safe_file_name("Training charges 2026/27 Brent Council.xlsx") == "Training charges 2026-27 Brent Council.xlsx"
    assert safe_file_name(f"Finance {financial_year_label(1999)}") == "Finance 1999-00"


def test_dates_and_other_slashes_still_become_spaces():
    assert safe_file_name("Exec Group 14/03/2024.pdf") == "Exec Group 14 03 2024.pdf"
    assert safe_file_name("Exec Group 2024/03/14.pdf") == "Exec Group 2024 03 14.pdf"  # a date, not a year
    assert safe_file_name("Ref 12345/67") == "Ref 12345 67"  # a longer number
    assert safe_file_name("Ref 2024/678") == "Ref 2024 678"
    assert safe_file_name("Group A/B 2026/27") == "Group A B 2026-27"


def test_a_name_already_made_safe_stays_as_it_is():
    once = safe_file_name("Finance 2026/27.pdf")
    assert safe_file_name(once) == once == "Finance 2026-27.pdf"
