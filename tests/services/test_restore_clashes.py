"""An archived record comes back only where a save would let it: never as a second live record
with a name, title, alias or time a live one of its kind already has."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.training import courses as cs


def _refused(restore, db, record_id, field: str) -> str:
    with pytest.raises(ValidationError) as error:
        restore(db, record_id)
    assert error.value.errors[field].endswith(": rename or archive that one first")
    return error.value.errors[field]


def test_a_group_or_an_organisation_named_like_a_live_one_stays_archived_until_the_name_is_free(db):
    old = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    ms.archive_group(db, old.id)
    new = ms.create_group(db, ms.GroupFields("executive group", 1))
    assert "A group called 'Executive Group' already exists" in _refused(ms.restore_group, db, old.id, "name")
    assert [g.name for g in ms.list_groups(db)] == ["executive group"]
    ms.archive_group(db, new.id)
    ms.restore_group(db, old.id)
    assert [g.name for g in ms.list_groups(db)] == ["Executive Group"]

    council = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority", aliases=("LBB",)))
    ms.archive_organisation(db, council.id)
    ms.create_organisation(db, ms.OrganisationFields("London Borough of Brent", "local_authority", aliases=("lbb",)))
    assert "another name of London Borough of Brent" in _refused(ms.restore_organisation, db, council.id, "name")
    assert [o.name for o in ms.list_organisations(db)] == ["London Borough of Brent"]


def test_a_course_series_session_or_yearly_report_comes_back_only_while_its_title_or_time_is_free(db):
    course = cs.create_course(db, cs.CourseFields(title="Neglect"))
    cs.archive_course(db, course.id)
    live_course = cs.create_course(db, cs.CourseFields(title="NEGLECT"))
    assert "course called 'Neglect'" in _refused(cs.restore_course, db, course.id, "title")

    series = cs.create_series(db, cs.SeriesFields("Serious Violence Series"))
    cs.archive_series(db, series.id)
    cs.create_series(db, cs.SeriesFields("Serious Violence Series"))
    _refused(cs.restore_series, db, series.id, "title")

    when = datetime(2024, 5, 7, 10, 0)
    first = cs.create_session(db, cs.SessionFields(live_course.id, when, 20))
    cs.archive_session(db, first.id)
    cs.create_session(db, cs.SessionFields(live_course.id, when, 20))
    _refused(cs.restore_session, db, first.id, "starts_at")
    other_time = cs.create_session(db, cs.SessionFields(live_course.id, datetime(2024, 6, 7, 10, 0), 20))
    cs.archive_session(db, other_time.id)
    cs.restore_session(db, other_time.id)  # nothing live at that time: it comes back

    report = yr.create_report(db, yr.ReportFields("Yearly report 2023-24", date(2023, 4, 1), date(2024, 3, 31)))
    yr.archive_report(db, report.id)
    yr.create_report(db, yr.ReportFields("Yearly report 2023-24", date(2023, 4, 1), date(2024, 3, 31)))
    _refused(yr.restore_report, db, report.id, "title")


def test_an_alias_in_use_by_a_live_case_keeps_the_archived_case_archived(db):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    cr.archive_case_review(db, case.id)
    live = cr.create_case_review(db, cr.CaseReviewFields("child a", "death", date(2024, 2, 1)))
    # worded as the save words it, naming the live case that holds the alias
    assert _refused(cr.restore_case_review, db, case.id, "alias") == (
        f"The alias 'Child A' is already used by case {live.reference}: rename or archive that one first")

    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1)))
    audited = sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B"))
    sa.archive_case(db, audited.id)
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Child B"))
    assert "already used by case 2 of this audit" in _refused(sa.restore_case, db, audited.id, "alias")
    second_audit = ca.create_audit(db, ca.AuditFields("Exploitation audit", date(2023, 9, 1)))
    elsewhere = sa.add_case(db, sa.AuditCaseFields(second_audit.id, "Child C"))
    sa.archive_case(db, elsewhere.id)
    sa.restore_case(db, elsewhere.id)  # its alias is free in its own audit
