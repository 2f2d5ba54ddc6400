"""The change history names the Memberships and Meetings fields and values as the window does:
an organisation's kind by its words, a group's usual frequency, what a seat represents, what an
organisation is part of and what a group reports to; every field holding a vocabulary's code is
shown by the word the window uses for it."""

from __future__ import annotations

from datetime import date, datetime

from bscp_desktop.db.base import Base
from bscp_desktop.db.models import load_all
from bscp_desktop.domain.meetings import ItemKind, StandingItem
from bscp_desktop.domain.memberships import Frequency, OrganisationKind, Role
from bscp_desktop.services import attendance as at
from bscp_desktop.services import history as hs
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.history_values import OTHER_VALUE_LABELS, VALUE_LABELS


def _changed(db, table: str, record_id: int) -> set[tuple[str, str, str]]:
    """A record's changes as its History… shows them: (field, old, new) of each change."""
    rows = hs.change_page(db, hs.ChangeQuery(record=(table, record_id))).rows
    return {(c.field_label, c.old_text, c.new_text) for c in rows if c.action == "update"}


def test_an_organisations_kind_and_what_it_is_part_of_read_as_the_window_says_them(db):
    met = ms.create_organisation(db, ms.OrganisationFields(name="Metropolitan Police", kind=OrganisationKind.POLICE))
    bcu = ms.create_organisation(db, ms.OrganisationFields(name="North West BCU", kind=OrganisationKind.OTHER))
    ms.update_organisation(db, bcu.id, ms.OrganisationFields(name="North West BCU", kind=OrganisationKind.ICB,
                                                            parent_id=met.id))
    assert _changed(db, "organisation", bcu.id) == {
        ("Kind", "Other", "Statutory partner: Integrated Care Board"),
        ("Part of", "", "Metropolitan Police"),
    }
    # the change log says the same, and finds the change by the words it shows
    found = hs.change_page(db, hs.ChangeQuery(search="Integrated Care Board")).rows
    assert [(c.record_id, c.field_label, c.new_text) for c in found if c.action == "update"] == [
        (bcu.id, "Kind", OrganisationKind.ICB.label)]


def test_a_groups_usual_frequency_and_the_group_it_reports_to_read_as_the_window_says_them(db):
    executive = ms.create_group(db, ms.GroupFields(name="Executive Group", tier=1))
    forum = ms.create_group(db, ms.GroupFields(name="Forum", tier=2, frequency=Frequency.EVERY_TWO_MONTHS))
    ms.update_group(db, forum.id, ms.GroupFields(name="Forum", tier=2, parent_id=executive.id,
                                                 frequency=Frequency.SIX_MONTHLY))
    assert _changed(db, "partnership_group", forum.id) == {
        ("Usual frequency", "Every two months", "Every six months"),
        ("Reports to", "", "Executive Group"),
    }


def test_a_seats_organisation_reads_as_what_it_represents_not_as_the_persons_organisation(db):
    council = ms.create_organisation(db, ms.OrganisationFields(name="Brent Council", kind=OrganisationKind.LOCAL_AUTHORITY))
    police = ms.create_organisation(db, ms.OrganisationFields(name="Met Police", kind=OrganisationKind.POLICE))
    group = ms.create_group(db, ms.GroupFields(name="Audit Group", tier=3))
    ann = ms.create_person(db, ms.PersonFields(name="Ann Lee", organisation_id=council.id))
    seat = ms.create_membership(db, ms.MembershipFields(ann.id, group.id, Role.MEMBER, date(2024, 1, 1), None, police.id))
    ms.update_membership(db, seat.id, ms.MembershipFields(ann.id, group.id, Role.MEMBER, date(2024, 1, 1), None,
                                                          council.id))
    assert _changed(db, "membership", seat.id) == {("Representing", "Met Police", "Brent Council")}
    log = hs.list_changes(db)
    assert {c.field_label for c in log if c.table_name == "membership"} >= {"Representing"}
    assert "Organisation" not in {c.field_label for c in log if c.table_name == "membership"}
    # the person's own organisation keeps its name
    assert ("Organisation", "Brent Council") in {(c.field_label, c.new_text) for c in log if c.table_name == "person"}


def test_a_standing_items_kind_and_a_guests_place_on_the_register_read_in_words(db):
    group = ms.create_group(db, ms.GroupFields(name="Forum", tier=2))
    mt.set_standing_items(db, group.id, [StandingItem("Minutes of the last meeting", ItemKind.LAST_MINUTES, 5),
                                         StandingItem("Any other business", ItemKind.AOB, None)])
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, "Forum meeting", datetime(2024, 3, 14, 10)))
    guest = at.add_attendee(db, meeting.id, at.AttendeeFields(None, "Visiting Speaker"))
    log = hs.list_changes(db)
    kinds = {c.new_text for c in log if c.table_name == "standing_item_template" and c.field == "kind"}
    assert kinds == {"Minutes of the last meeting", "Any other business"}
    [role] = [c for c in log if (c.table_name, c.record_id, c.field) == ("attendance", guest.id, "role")]
    assert role.new_text == guest.role_label == "Guest"


def test_every_field_holding_a_vocabularys_code_is_shown_by_a_word():
    """Each column whose values are a vocabulary's codes (`db.base.choices`) has the vocabulary in
    `VALUE_LABELS`, and every code it may hold has a word: none is shown as stored."""
    load_all()
    unworded: list[str] = []
    for table in Base.metadata.tables.values():
        for column in table.c:
            codes = column.info.get("choices")
            if not codes:
                continue
            vocabulary = VALUE_LABELS.get((table.name, column.name))
            worded = {str(member.value) for member in vocabulary or ()} | set(OTHER_VALUE_LABELS.get((table.name, column.name), {}))
            unworded += [f"{table.name}.{column.name} = {code!r}" for code in sorted(codes - worded - {""})]
    assert unworded == []
