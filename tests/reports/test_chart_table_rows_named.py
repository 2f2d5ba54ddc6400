"""The words under a chart say truly what the table under it holds. A chart printed with its
own table counts that table's rows; a chart a report follows with a table of its own (the
training summary's, which also lists the organisations with no one attending, left out of the
chart) says the table gives the figures for each of them, and counts nothing it cannot see."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pypdf

from bscp_desktop import jobs
from bscp_desktop.reports.charts import Chart, Series, add_chart, describe
from bscp_desktop.reports.pdf import DocumentBuilder
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs

LEFT_OUT = "The table under the chart gives the figures for each organisation, including any left out of the chart."


def _text(path) -> str:
    return " ".join(" ".join(unicodedata.normalize("NFKC", p.extract_text()).split()) for p in pypdf.PdfReader(path).pages)


def _chart() -> Chart:
    return Chart(title="Attendance by organisation, 2024/25", categories=("Brent Council", "Harrow Police"),
                 series=(Series("Attended", (3, 1)),), value_label="Delegates who attended",
                 category_label="Organisation")


def test_a_chart_with_its_own_table_counts_the_rows_of_that_table():
    chart = _chart()
    assert describe(chart).endswith("The table under the chart lists all 2 values.")
    assert len(chart.table_rows()) == 2


def test_a_chart_followed_by_the_reports_own_table_counts_nothing_it_cannot_see():
    words = describe(_chart(), own_table=False)
    assert words.endswith(LEFT_OUT)
    assert "lists all" not in words


def test_the_words_printed_under_a_chart_follow_whose_table_comes_after_it(tmp_path):
    own = DocumentBuilder(tmp_path / "own.pdf", title="Own table", partnership_name="Test Partnership")
    add_chart(own, _chart())
    printed = _text(own.build())
    assert "The table under the chart lists all 2 values." in printed
    theirs = DocumentBuilder(tmp_path / "theirs.pdf", title="The report's table", partnership_name="Test Partnership")
    add_chart(theirs, _chart(), table=False)
    printed = _text(theirs.build())
    assert LEFT_OUT in printed and "lists all" not in printed


def test_the_training_summary_says_its_organisation_table_also_lists_those_left_out_of_the_chart(db, tmp_path):
    for name, short in (("Brent Council", "LBB"), ("Harrow Police", "HP"), ("Ealing Health", "EH")):
        ms.create_organisation(db, ms.OrganisationFields(name, "local_authority", short))
    course = cs.create_course(db, cs.CourseFields("Neglect basics", topic="Neglect"))
    session = cs.create_session(db, cs.SessionFields(course.id, datetime(2024, 4, 15, 9, 30), 10))
    for name, org, outcome, cancelled in (("Ann Lee", "LBB", "Attended", None), ("Bo Chan", "LBB", "Attended", None),
                                          ("Cy Diaz", "HP", "No-show", None),
                                          ("Dee Eve", "EH", "Cancelled", date(2024, 3, 1))):  # no one came or stayed away
        bk.create_booking(db, bk.BookingFields(session.id, name, organisation_name=org, booked_on=date(2024, 2, 1),
                                               outcome=outcome, cancelled_on=cancelled))
    text = _text(jobs.write_report(db, "training-summary", tmp_path / "ts.pdf", date_from=date(2024, 4, 1),
                                   date_to=date(2025, 3, 31)))
    section = text[text.index("Attendance by organisation"):text.index("By sector of organisation")]
    assert LEFT_OUT in section
    assert "Ealing Health" in section  # in the table, though the chart has no bar for it
    assert "lists all" not in text  # every table in the summary is the report's own
    assert "The table under the chart gives the figures for each course topic" in text


def test_the_finance_spending_chart_points_to_the_table_above_whatever_it_leaves_out():
    from bscp_desktop.reports.finance import _table_above

    chart = Chart(title="Expenditure, 2024/25", categories=("Events", "Other"), series=(Series("Spent", (500, 20)),),
                  value_label="Amount spent", category_label="Category")
    words = _table_above(chart).alt_text
    assert words.endswith("The table above gives the figures for each category, including any left out of the chart.")
    assert "lists all" not in words
