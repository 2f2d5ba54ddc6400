"""A name compared without case is the same name whatever its letters: "Équipe Group" typed
twice, or "ŻÓŁĆ" beside "Żółć", is one name on a file and on a team database alike (a file's
own lower() changed only A to Z, so a name starting with a capital outside them was saved twice)."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.finance import spending as sp
from bscp_desktop.services.training import courses as cs

pytestmark = pytest.mark.both_engines


def _refused(field: str, create, *args) -> str:
    with pytest.raises(ValidationError) as error:
        create(*args)
    return error.value.errors[field]


def test_a_second_live_record_of_a_name_with_capitals_beyond_a_to_z_is_refused(db):
    ms.create_group(db, ms.GroupFields("Équipe Group"))
    assert "already exists" in _refused("name", ms.create_group, db, ms.GroupFields("Équipe Group"))
    assert "already exists" in _refused("name", ms.create_group, db, ms.GroupFields("équipe GROUP"))

    cs.create_course(db, cs.CourseFields(title="Ōkawa Method"))
    assert "already a course" in _refused("title", cs.create_course, db, cs.CourseFields(title="ŌKAWA METHOD"))
    cs.create_series(db, cs.SeriesFields("Żółć Series"))
    assert "already a series" in _refused("title", cs.create_series, db, cs.SeriesFields("żółć series"))

    yr.create_report(db, yr.ReportFields("Édition 2023-24", date(2023, 4, 1), date(2024, 3, 31)))
    assert "already a yearly report" in _refused(
        "title", yr.create_report, db, yr.ReportFields("ÉDITION 2023-24", date(2023, 4, 1), date(2024, 3, 31)))

    cr.create_case_review(db, cr.CaseReviewFields("Élodie", "death", date(2024, 1, 29)))
    assert "already used" in _refused("alias", cr.create_case_review, db, cr.CaseReviewFields("ÉLODIE", "death", date(2024, 2, 1)))
    audit = ca.create_audit(db, ca.AuditFields("Neglect audit", date(2023, 2, 1)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, "Ängel"))
    assert "already used" in _refused("alias", sa.add_case, db, sa.AuditCaseFields(audit.id, "ängel"))

    sp.create_category(db, "Événements")
    with pytest.raises(ValidationError, match="already"):
        sp.create_category(db, "ÉVÉNEMENTS")
    s11.create_cycle(db, s11.CycleFields("Ōtsuka cycle", date(2024, 4, 1), date(2024, 7, 1)))
    with pytest.raises(ValidationError, match="already"):
        s11.create_cycle(db, s11.CycleFields("ŌTSUKA CYCLE", date(2025, 4, 1), date(2025, 7, 1)))


def test_restoring_is_refused_the_same_way(db):
    old = ms.create_group(db, ms.GroupFields("Équipe Group"))
    ms.archive_group(db, old.id)
    ms.create_group(db, ms.GroupFields("ÉQUIPE GROUP"))
    assert "already exists" in _refused("name", ms.restore_group, db, old.id)
    assert [g.name for g in ms.list_groups(db)] == ["ÉQUIPE GROUP"]


def test_a_name_pasted_with_separate_accents_is_the_same_name(db):
    """"Zoë" with ë as e and a combining diaeresis looks like "Zoë" typed: one name."""
    ms.create_group(db, ms.GroupFields("Zoe\u0308 Group"))
    assert [g.name for g in ms.list_groups(db)] == ["Zoë Group"]
    assert "already exists" in _refused("name", ms.create_group, db, ms.GroupFields("ZOË GROUP"))
