"""No silent overwrite: two officers on one database file, each with their own connection.

The first opens a record (its DTO carries the version), the second saves it, then the first
saves from the version they opened: refused with RecordChanged naming the second officer and
when, and nothing of the first officer's save is written.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from bscp_desktop.db.models import ChangeRecord
from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_review_recommendations as crr
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import versions
from bscp_desktop.services.finance import spending


def _person_fields(p, **changes):
    return replace(ms.PersonFields(p.name, p.job_title, p.organisation_id, p.email, p.phone, p.notes), **changes)


def _refused(excinfo, who: str, what: str) -> str:
    text = str(excinfo.value)
    assert who in text and what in text and "not been saved" in text
    return text


def test_a_stale_save_of_a_person_is_refused_naming_who_changed_it_and_when(demo_db, theirs):
    mine = ms.list_people(demo_db)[0]
    assert mine.version >= 1
    saved = ms.update_person(theirs, mine.id, _person_fields(mine, phone="020 8937 1234"), version=mine.version)
    assert saved.version == mine.version + 1
    with pytest.raises(RecordChanged) as refused:
        ms.update_person(demo_db, mine.id, _person_fields(mine, job_title="Head of Service"), version=mine.version)
    _refused(refused, "Jane Smith", mine.name)
    assert refused.value.changed_at is not None and refused.value.current == saved.version
    assert [(c.field, c.value, c.changed_by) for c in refused.value.later] == [("phone", "020 8937 1234", "Jane Smith")]
    current = next(p for p in ms.list_people(demo_db) if p.id == mine.id)
    assert current.job_title == mine.job_title and current.phone == "020 8937 1234"
    # saving again from the version now saved goes through
    again = ms.update_person(demo_db, mine.id, _person_fields(current, job_title="Head of Service"), version=current.version)
    assert again.job_title == "Head of Service" and again.phone == "020 8937 1234"


def test_a_save_without_a_version_is_not_checked(demo_db, theirs):
    mine = ms.list_people(demo_db)[0]
    ms.update_person(theirs, mine.id, _person_fields(mine, phone="1"))
    assert ms.update_person(demo_db, mine.id, _person_fields(mine, phone="2")).phone == "2"


@pytest.mark.slow
def test_organisations_memberships_meetings_actions_cases_and_recommendations_refuse_stale_saves(
    demo_db, theirs
):
    org = ms.list_organisations(demo_db)[0]
    membership = ms.list_memberships(demo_db)[0]
    meeting = mt.list_meetings(demo_db)[0]
    action = al.list_action_log(demo_db)[0]
    case = cr.list_case_reviews(demo_db)[0]
    rec = next(r for c in cr.list_case_reviews(demo_db) for r in crr.list_recommendations(demo_db, c.id))

    org_fields = ms.OrganisationFields(org.name, org.kind, org.short_name, org.parent_id, org.aliases)
    m_fields = ms.MembershipFields(membership.person_id, membership.group_id, membership.role, membership.start_date,
                                   membership.end_date, membership.organisation_id, membership.deputy_for_id,
                                   membership.notes)
    meeting_fields = mt.MeetingFields(meeting.group_id, meeting.title, meeting.starts_at, meeting.ends_at,
                                      meeting.kind, meeting.place, meeting.online_link, meeting.status,
                                      meeting.chair_person_id, meeting.minute_taker_person_id, meeting.notes,
                                      meeting.key_focus)
    a_fields = al.ActionFields(action.description, action.owner_person_id, action.owner_organisation_id,
                               action.due_date, action.status, action.completed_on, action.evidence)
    r_fields = crr.RecommendationFields(rec.parent_id, rec.text, rec.lead_organisation_id, rec.notes)
    cases = [
        ("organisation", lambda db, v, s: ms.update_organisation(db, org.id, replace(org_fields, short_name=s), version=v), org),
        ("membership", lambda db, v, s: ms.update_membership(db, membership.id, replace(m_fields, notes=s), version=v), membership),
        ("meeting", lambda db, v, s: mt.update_meeting(db, meeting.id, replace(meeting_fields, notes=s), version=v), meeting),
        ("action", lambda db, v, s: al.update_action(db, action.id, replace(a_fields, evidence=s), version=v), action),
        ("case review", lambda db, v, s: cr.update_case_review(db, case.id, replace(case.to_fields(), reviewer=s), version=v), case),
        ("recommendation", lambda db, v, s: crr.update_recommendation(db, rec.id, replace(r_fields, notes=s), version=v), rec),
    ]
    for what, save, dto in cases:
        assert dto.version >= 1, what
        save(theirs, dto.version, "Jane's words")
        with pytest.raises(RecordChanged) as refused:
            save(demo_db, dto.version, "Tom's words")
        assert "Jane Smith" in str(refused.value), what
        assert refused.value.what == what
        assert any(c.value == "Jane's words" for c in refused.value.later), what


def test_minutes_from_an_older_version_are_refused_only_when_someone_else_changed_the_minutes(
    demo_db, theirs
):
    meeting = next(m for m in mt.list_meetings(demo_db) if not m.minutes_status.locked)
    item = mt.add_agenda_item(demo_db, meeting.id, mt.AgendaItemFields("Versions"))
    opened = item.version
    # another officer renames the item: the minutes still save, from the version now saved
    mt.update_agenda_item(theirs, item.id, replace(mt.AgendaItemFields("Versions"), title="Record versions"))
    saved = mt.save_item_minutes(demo_db, item.id, "Tom's minutes", version=opened, base=item.minutes)
    assert saved.changed and saved.version > opened
    # another officer writes minutes: Tom's next save from his version is refused
    mt.save_item_minutes(theirs, item.id, "Jane's minutes")
    with pytest.raises(RecordChanged) as refused:
        mt.save_item_minutes(demo_db, item.id, "Tom's minutes, more", version=saved.version, base="Tom's minutes")
    assert "Jane Smith" in str(refused.value) and refused.value.what == "agenda item"
    assert [(c.field, c.value) for c in refused.value.later] == [("minutes", "Jane's minutes")]
    assert mt.get_agenda_item(demo_db, item.id).minutes == "Jane's minutes"


def test_any_areas_save_is_checked_around_a_call_with_the_version_opened(demo_db, theirs):
    """The window's dialogs save inside `expecting(table, id, version)`: every area's update is
    covered without the service taking the version itself (here: an expense)."""
    expense = spending.list_expenses(demo_db)[0]
    opened = versions.current_version(demo_db, "expense", expense.id)
    fields = expense.to_fields()
    spending.update_expense(theirs, expense.id, replace(fields, description="Jane's"))
    with pytest.raises(RecordChanged) as refused, versions.expecting("expense", expense.id, opened):
        spending.update_expense(demo_db, expense.id, replace(fields, description="Tom's"))
    assert "Jane Smith" in str(refused.value)


def test_the_database_refuses_the_second_of_two_saves_at_the_same_moment(db):
    """Both read version 1; the first commits; the second's UPDATE finds no version 1."""
    person = ms.create_person(db, ms.PersonFields("Amira Khan"))
    db.user = "Jane Smith"
    with pytest.raises(RecordChanged) as refused, db.unit_of_work() as session:
        from bscp_desktop.db.models import Person

        mine = session.get(Person, person.id)
        ms.update_person(db, person.id, ms.PersonFields("Amira Khan", phone="1"))  # commits first
        mine.phone = "2"
        session.flush()
    assert "Jane Smith" in str(refused.value)
    assert [p.phone for p in ms.list_people(db)] == ["1"]


def test_a_new_record_starts_at_version_one_and_each_save_moves_it_on(db):
    person = ms.create_person(db, ms.PersonFields("Amira Khan"))
    assert person.version == 1
    assert ms.update_person(db, person.id, ms.PersonFields("Amira Khan", phone="1")).version == 2
    assert ms.update_person(db, person.id, ms.PersonFields("Amira Khan", phone="1")).version == 2  # nothing changed
    with db.unit_of_work() as session:
        fields = {e.field for e in session.scalars(select(ChangeRecord).where(ChangeRecord.record_id == person.id))}
    assert "phone" in fields and "version" not in fields  # the history speaks of what people changed


def test_a_yearly_report_section_saved_from_an_older_version_is_refused_only_for_its_text(demo_db, theirs):
    from datetime import date

    from bscp_desktop.services import yearly_report as yr

    report = yr.create_report(demo_db, yr.ReportFields("Versions", date(2023, 4, 1), date(2024, 3, 31)))
    built = next(s for s in report.sections if s.built)
    opened = next(s for s in yr.get_report(demo_db, report.id).sections if s.key == built.key)
    first = yr.save_section_text(demo_db, report.id, built.key, "Tom's words.", version=opened.version)
    # the figures rebuilt by someone else (the team's words kept) do not stop the text being saved
    yr.refresh_section(theirs, report.id, built.key)
    saved = yr.save_section_text(demo_db, report.id, built.key, "Tom's words. More.", version=first.version)
    assert saved.changed and saved.version > first.version + 1
    # their text does
    yr.save_section_text(theirs, report.id, built.key, "Jane's words.")
    with pytest.raises(RecordChanged) as refused:
        yr.save_section_text(demo_db, report.id, built.key, "Tom's words, more.", version=saved.version)
    assert "Jane Smith" in str(refused.value)
    assert [(c.field, c.value) for c in refused.value.later] == [("text", "Jane's words.")]
