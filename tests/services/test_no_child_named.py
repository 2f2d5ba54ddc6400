"""No child is named in what the partnership publishes: an alias or a case reference is taken
out however its spaces and hyphens were typed or pasted."""

from __future__ import annotations

import pytest

from bscp_desktop.services.no_child_named import without_children

NAMES = ["Child A", "Child B", "BSCP-2022-01"]


@pytest.mark.parametrize("typed", [
    "Child\u00a0A",  # a no-break space, pasted from an e-mail
    "Child  A",  # two spaces
    "Child\nA",  # a line break between the words
    "Child \t A",
    "child\u2009a",  # a thin space, in lower case
])
def test_an_alias_is_taken_out_whatever_spaces_are_between_its_words(typed):
    assert without_children(f"Rapid review for {typed} agreed", NAMES) == "Rapid review for the child agreed"


@pytest.mark.parametrize("typed", [
    "BSCP\u20112022\u201101",  # Word's non-breaking hyphen
    "BSCP\u20102022\u201001",  # a hyphen
    "BSCP\u20132022\u201301",  # an en dash
    "BSCP\u22122022-01",  # a minus sign beside a hyphen-minus
])
def test_a_reference_is_taken_out_whatever_hyphens_it_was_typed_with(typed):
    assert without_children(f"The review ({typed}) reported", NAMES) == "The review (the child) reported"


def test_ordinary_words_are_left_alone():
    text = "Child abuse, childcare and Child Bs; BSCP-2022-011 and the children"
    assert without_children(text, NAMES) == text
    assert without_children("The Child\u00a0B review", NAMES) == "The child review"


@pytest.mark.parametrize("text", [
    "Our aim is to give every child a voice.",
    "Teachers gave each child a laptop, and gave the child a say.",
    "Every child i spoke to",
    "Support gave the baby hope; each family zone",
])
def test_ordinary_words_that_read_like_an_alias_are_left_alone(text):
    names = ["Child A", "Child I", "Baby Hope", "Family Z"]
    assert without_children(text, names) == text


@pytest.mark.parametrize(("typed", "printed"), [
    ("Child A", "the child"),
    ("CHILD A", "the child"),
    ("child A", "the child"),
    ("Child A's", "the child's"),
    ("child a (", "the child ("),  # the alias in lower case, where no word follows it
    ("child q", "the child"),  # a letter that is no word in lower case
    ("baby t", "the child"),
    ("siblings a&b", "the child"),
    ("Family Z", "the child"),
    ("bscp-2024-01", "the child"),
    ("BABY HOPE", "the child"),
])
def test_an_alias_is_taken_out_as_an_alias_is_written(typed, printed):
    names = ["Child A", "Child Q", "Baby T", "Siblings A&B", "Family Z", "BSCP-2024-01", "Baby Hope"]
    assert without_children(f"Learning from {typed} review", names) == f"Learning from {printed} review"


@pytest.mark.parametrize("name", ["SCR_2022_01", "Siblings A&B", "Case*7", "[Case 8]", "Case<9>", "Case`10`",
                                  "Case\\11", "BSCP-2022-01"])
def test_a_name_is_taken_out_of_words_as_the_report_editor_saves_them(name):
    """The yearly report's text keeps a backslash before the punctuation that could mean
    something ("SCR\\_2022\\_01"): the name is found written so, and the words print without it."""
    from bscp_desktop.domain.yearly_report import escape, plain_text

    saved = escape(f"- {name}: learning from {name} changed practice")
    assert plain_text(without_children(saved, [name])) == "- the child: learning from the child changed practice"


@pytest.mark.slow
def test_an_alias_a_case_had_before_is_taken_out_too(db):
    """The change history keeps every alias a case review or an audited case had: an old alias
    typed into the report before the case was renamed never prints."""
    from dataclasses import replace
    from datetime import date

    from bscp_desktop.domain.case_reviews import IncidentType
    from bscp_desktop.services import case_reviews as cr
    from bscp_desktop.services import yearly_report as yr
    from bscp_desktop.services.audits import case_audits as ca
    from bscp_desktop.services.audits import samples as sa
    from bscp_desktop.services.no_child_named import children_named

    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2023, 5, 2)))
    cr.update_case_review(db, case.id, replace(case.to_fields(), alias="Child E"))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 9, 1), theme="Neglect"))
    audited = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child Q"))
    sa.update_case(db, audited.id, replace(audited.to_fields(), alias="Child X"))
    assert {"Child A", "Child E", "Child Q", "Child X", case.reference, audited.reference} <= set(children_named(db))

    report = yr.create_report(db, yr.ReportFields("Yearly report", date(2023, 4, 1), date(2024, 3, 31)))
    yr.save_section_text(db, report.id, "impact", "Child A's review and the Child Q audit changed practice.\n")
    published = yr.as_published(yr.get_report(db, report.id), children_named(db))
    assert published.section("impact").text == "the child's review and the child audit changed practice.\n"
