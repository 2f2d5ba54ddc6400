"""A Section 11 rating's 'Why not applicable' is refused, not dropped, with a rating other than
Not applicable; a learning point's Shared on is a day it was shared: not in the future, not
before its audit's date."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from bscp_desktop.domain.audits import SharedVia
from bscp_desktop.domain.memberships import OrganisationKind
from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import learning as le
from bscp_desktop.services.audits import s11_ratings as sr
from bscp_desktop.services.audits import section11 as s11

UNKEPT = ("Why not applicable is kept only for a rating of Not applicable, and the agency's own rating is Amber: "
          "clear the reason, or set the rating to Not applicable")


@pytest.fixture
def answer(db):
    """(agency in the cycle, standard) of a cycle with one agency."""
    school = ms.create_organisation(db, ms.OrganisationFields("Preston Manor School", OrganisationKind.EDUCATION))
    cycle = s11.create_cycle(db, s11.CycleFields("2024-26", date(2024, 4, 1), date(2024, 6, 28)))
    [part] = s11.add_agencies(db, cycle.id, [school.id])
    return part, s11.list_standards(db, cycle.id)[3]


def test_a_reason_with_another_rating_is_refused_and_the_one_held_stays(db, answer):
    part, standard = answer
    sr.save_rating(db, part.id, standard.id, sr.RatingFields("Not applicable", "We are a school: no service planning"))
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber", "We are a school: no service planning"))
    assert err.value.errors == {"not_applicable_reason": UNKEPT}
    held = sr.get_rating(db, part.id, standard.id)
    assert (held.self_rating.label, held.not_applicable_reason) == ("Not applicable",
                                                                    "We are a school: no service planning")
    with pytest.raises(ValidationError) as err:
        sr.save_rating(db, part.id, standard.id, sr.RatingFields(None, "No service planning"))
    assert "the agency's own rating is not given" in err.value.errors["not_applicable_reason"]
    cleared = sr.save_rating(db, part.id, standard.id, sr.RatingFields("Amber", "  "))  # nothing to lose
    assert (cleared.self_rating.label, cleared.not_applicable_reason) == ("Amber", "")
    # a return's row: the import refuses a reason the row gives itself (importers/audits.py), and
    # a reason only held goes with the Not applicable the row changes
    checker, checked = sr.check_rating_fields(sr.RatingFields("Amber", "Held reason"))
    assert checker.errors == {} and checked["values"]["not_applicable_reason"] == ""


@pytest.fixture
def audit(db):
    return ca.create_audit(db, ca.AuditFields("Neglect: multi-agency audit", date(2023, 2, 1), theme="Neglect"))


@pytest.mark.parametrize(("day", "message"), [
    (date(1923, 2, 1), "Shared on (01/02/1923) cannot be before the audit date (01/02/2023)"),
    (date(2099, 2, 1), "Shared on (01/02/2099) cannot be in the future"),
], ids=["before the audit", "in the future"])
def test_shared_on_is_not_before_the_audit_nor_in_the_future(db, audit, day, message):
    with pytest.raises(ValidationError) as err:
        le.create_learning(db, le.LearningFields(audit.id, "Chronologies were missing", "Neglect", "briefing", day))
    assert err.value.errors == {"shared_on": message}
    assert le.list_learning(db, audit.id) == []
    point = le.create_learning(db, le.LearningFields(audit.id, "Chronologies were missing", "Neglect", "briefing",
                                                     date(2023, 2, 1)))  # on the audit's own day: shared then
    with pytest.raises(ValidationError) as err:
        le.update_learning(db, point.id, replace(point.to_fields(), shared_on=day))
    assert err.value.errors == {"shared_on": message}
    assert le.list_learning(db, audit.id)[0].shared_on == date(2023, 2, 1)


def test_a_date_held_before_an_audit_moved_later_is_not_refused_while_it_stays(db, audit):
    point = le.create_learning(db, le.LearningFields(audit.id, "Use the toolkit", "Neglect", "training",
                                                     date(2023, 3, 1)))
    ca.update_audit(db, audit.id, replace(ca.get_audit(db, audit.id).to_fields(), audit_date=date(2023, 4, 1)))
    kept = le.update_learning(db, point.id, replace(point.to_fields(), text="Use the neglect toolkit"))
    assert (kept.text, kept.shared_on) == ("Use the neglect toolkit", date(2023, 3, 1))
    with pytest.raises(ValidationError, match=r"Shared on \(02/03/2023\) cannot be before the audit date"):
        le.update_learning(db, point.id, replace(point.to_fields(), shared_on=date(2023, 3, 2)))


def test_shared_on_left_empty_takes_the_meeting_date_which_is_checked_too(db, audit):
    group = ms.create_group(db, ms.GroupFields("Multi-agency Audit Group"))
    soon = datetime.combine(date.today() + timedelta(days=30), datetime.min.time()).replace(hour=10)
    meeting = mt.create_meeting(db, mt.MeetingFields(group_id=group.id, title="Audit Group", starts_at=soon))
    with pytest.raises(ValidationError) as err:
        le.create_learning(db, le.LearningFields(audit.id, "Chronologies", shared_via=SharedVia.MEETING,
                                                 meeting_id=meeting.id))
    assert err.value.errors == {"meeting_id": f"Shared on is left empty, so it is this meeting's date: Shared on "
                                              f"({soon:%d/%m/%Y}) cannot be in the future. Enter the day the "
                                              "learning was shared"}
