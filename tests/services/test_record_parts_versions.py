"""No silent overwrite of a record's parts: a case's themes and agencies, an organisation's
other names. Changing them moves the record's version on, so an officer who opened the record
before is refused (naming who changed them and when) instead of putting the parts back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import versions


def _case(db, case_id):
    return next(c for c in cr.list_case_reviews(db) if c.id == case_id)


def test_a_theme_added_by_someone_else_is_not_removed_by_a_save_from_before(demo_db, theirs):
    mine = cr.list_case_reviews(demo_db)[0]
    jane = cr.update_case_review(theirs, mine.id, replace(mine.to_fields(), themes=(*mine.themes, "Neglect by Jane")),
                                 version=mine.version)
    assert jane.version == mine.version + 1
    with pytest.raises(RecordChanged) as refused, versions.expecting("case_review", mine.id, mine.version):
        cr.update_case_review(demo_db, mine.id, replace(mine.to_fields(), summary=f"{mine.summary} Tom's note"))
    assert refused.value.changed_by == "Jane Smith" and refused.value.changed_at is not None
    assert refused.value.label == mine.reference or mine.reference in refused.value.sentence()
    now = _case(demo_db, mine.id)
    assert "Neglect by Jane" in now.themes and now.summary == mine.summary
    # from the version saved now, the save goes through and keeps Jane's theme
    saved = cr.update_case_review(demo_db, mine.id, replace(now.to_fields(), summary=f"{now.summary} Tom's note"),
                                  version=now.version)
    assert "Neglect by Jane" in saved.themes


def test_a_change_of_only_the_agencies_is_refused_from_an_older_version(demo_db, theirs):
    mine = cr.list_case_reviews(demo_db)[0]
    other = next(o.id for o in ms.list_organisations(demo_db) if o.id not in mine.agency_ids)
    cr.update_case_review(theirs, mine.id, replace(mine.to_fields(), agency_ids=(*mine.agency_ids, other)))
    with pytest.raises(RecordChanged) as refused:
        cr.update_case_review(demo_db, mine.id, replace(mine.to_fields(), themes=(*mine.themes, "Tom's")),
                              version=mine.version)
    assert refused.value.changed_by == "Jane Smith"
    assert other in _case(demo_db, mine.id).agency_ids


def test_a_save_that_leaves_the_parts_as_they_were_does_not_move_the_version_on(demo_db):
    mine = cr.list_case_reviews(demo_db)[0]
    assert cr.update_case_review(demo_db, mine.id, mine.to_fields(), version=mine.version).version == mine.version


def test_a_new_case_with_themes_starts_at_version_one(demo_db):
    mine = cr.list_case_reviews(demo_db)[0]
    fields = replace(mine.to_fields(), alias="Child Versions", themes=("Neglect", "Housing"))
    created = cr.create_case_review(demo_db, fields)
    assert created.version == 1


def test_another_name_added_by_someone_else_is_not_removed_by_a_save_from_before(demo_db, theirs):
    org = ms.list_organisations(demo_db)[0]
    fields = ms.OrganisationFields(org.name, org.kind, org.short_name, org.parent_id, org.aliases)
    ms.update_organisation(theirs, org.id, replace(fields, aliases=(*org.aliases, "Jane's other name")),
                           version=org.version)
    with pytest.raises(RecordChanged) as refused, versions.expecting("organisation", org.id, org.version):
        ms.update_organisation(demo_db, org.id, replace(fields, short_name="TOM"))
    assert refused.value.changed_by == "Jane Smith" and org.name in refused.value.sentence()
    now = next(o for o in ms.list_organisations(demo_db) if o.id == org.id)
    assert "Jane's other name" in now.aliases and now.short_name == org.short_name
