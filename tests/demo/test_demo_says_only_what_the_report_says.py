"""The demo says only what the partnership's yearly report says."""

from __future__ import annotations

import pytest

from bscp_desktop.demo import case_reviews as demo_cases
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms


def _texts(db) -> str:
    parts = []
    for case in cr.list_case_reviews(db):
        parts.append(case.summary)
    for rec in cr.list_recommendations(db):
        parts.append(rec.text)
    for row in cr.case_review_actions(db):
        parts += [row.action.description, row.action.evidence, row.action.status.label]
    return "\n".join(parts)


@pytest.mark.slow
def test_abusive_head_trauma_theme_is_possible_not_an_agreed_review(db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    demo_cases.load(db)
    text = _texts(db).casefold()
    assert "possible thematic issue" in text
    assert "agreed a thematic" not in text and "thematic learning review of" not in text


@pytest.mark.slow
def test_no_course_on_practice_reviews_is_said_to_have_run(db):
    # the report lists "Safeguarding Practice Reviews" among the courses still in development
    demo_cases.load(db)
    for row in cr.case_review_actions(db):
        if "training programme" in row.action.description:
            assert row.action.status.label != "Done"
            assert "in development" in row.action.evidence
    assert "included in the 2023/24 course" not in _texts(db).casefold()


def test_the_activity_section_quotes_the_reference_s_national_review_whole(demo_db):
    # the report leaves out every alias of a case the partnership holds; no demo case is called
    # after the national review the reference names ("CHSCP Child Q update report")
    from datetime import date

    from bscp_desktop.services import yearly_report as yr

    section = yr.build_section(demo_db, "activity", date(2023, 4, 1), date(2024, 3, 31), today=date(2024, 6, 1))
    (table,) = section.blocks
    (row,) = [r for r in table.rows if r[0] == "26 July 2023" and r[1].startswith("Executive")]
    assert "• Discussion on the publication of CHSCP Child Q update report." in row[2].splitlines()
