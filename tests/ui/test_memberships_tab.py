"""The Memberships tab driven through its real dialogs."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import memberships as ms
from bscp_desktop.ui.memberships.tab import MembershipsTab
from tests.ui.helpers import table_texts, type_text


@pytest.fixture
def tab(qtbot, db):
    widget = MembershipsTab(db)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_new(tab, page, qtbot):
    tab.sections.setCurrentWidget(page)  # show that section of the tab
    dialog = page.new_dialog(page)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.mark.slow
def test_add_organisation_person_and_membership_through_dialogs(tab, qtbot, db):
    dialog = open_new(tab, tab.organisations, qtbot)
    assert not dialog.save_button.isEnabled()
    type_text(dialog.name, "Brent Council")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ms.OrganisationKind.LOCAL_AUTHORITY))
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Brent Council" in table_texts(tab.organisations)

    dialog = open_new(tab, tab.people, qtbot)
    type_text(dialog.name, "Nguyễn Thị Ánh Ó Súilleabháin")
    dialog.organisation.set_current_id(ms.list_organisations(db)[0].id)
    qtbot.keyClicks(dialog.email, "anh@brent.gov.uk")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert table_texts(tab.people) == ["Nguyễn Thị Ánh Ó Súilleabháin"]
    assert table_texts(tab.people, 2) == ["Brent Council"]

    dialog = open_new(tab, tab.groups, qtbot)
    qtbot.keyClicks(dialog.name, "Case Review Group")
    dialog.needs_agreement.setChecked(True)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    dialog = open_new(tab, tab.memberships, qtbot)
    dialog.person.set_current_id(ms.list_people(db)[0].id)
    dialog.group.set_current_id(ms.list_groups(db)[0].id)
    qtbot.keyClicks(dialog.start.line, "01/04/2023")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert table_texts(tab.memberships) == ["Nguyễn Thị Ánh Ó Súilleabháin"]
    assert table_texts(tab.memberships, 7) == ["Missing"]


def test_bad_email_shows_message_and_saves_nothing(tab, qtbot, db):
    dialog = open_new(tab, tab.people, qtbot)
    qtbot.keyClicks(dialog.name, "A Person")
    qtbot.keyClicks(dialog.email, "not an email")
    error = dialog.error_labels["email"]
    assert error.isVisible() and "not a valid email address" in error.text()
    assert not dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert ms.list_people(db) == []
    assert table_texts(tab.people) == []


def test_end_before_start_shows_message(tab, qtbot, db):
    person = ms.create_person(db, ms.PersonFields("Çelik"))
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    dialog = open_new(tab, tab.memberships, qtbot)
    dialog.person.set_current_id(person.id)
    dialog.group.set_current_id(group.id)
    qtbot.keyClicks(dialog.start.line, "01/04/2024")
    qtbot.keyClicks(dialog.end.line, "31/03/2024")
    assert "cannot be before start date" in dialog.error_labels["end_date"].text()
    assert not dialog.save_button.isEnabled()
    assert ms.list_memberships(db) == []


def test_overlap_refused_by_the_service_is_shown_at_the_field(tab, qtbot, db):
    person = ms.create_person(db, ms.PersonFields("Ørsted"))
    group = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 1, 1)))
    dialog = open_new(tab, tab.memberships, qtbot)
    dialog.person.set_current_id(person.id)
    dialog.group.set_current_id(group.id)
    qtbot.keyClicks(dialog.start.line, "01/06/2023")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "overlap" in dialog.error_labels["start_date"].text()
    assert len(ms.list_memberships(db)) == 1


def test_duplicate_organisation_refused_at_the_name(tab, qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    dialog = open_new(tab, tab.organisations, qtbot)
    qtbot.keyClicks(dialog.name, "BRENT COUNCIL")
    dialog.kind.setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "already exists" in dialog.error_labels["name"].text()
    assert len(ms.list_organisations(db)) == 1


def test_as_on_filter_and_group_filter(tab, qtbot, db):
    a = ms.create_person(db, ms.PersonFields("Alpha"))
    b = ms.create_person(db, ms.PersonFields("Beta"))
    g = ms.create_group(db, ms.GroupFields("Forum", 2))
    h = ms.create_group(db, ms.GroupFields("Audit Group", 3))
    ms.create_membership(db, ms.MembershipFields(a.id, g.id, "member", date(2022, 1, 1), date(2022, 12, 31)))
    ms.create_membership(db, ms.MembershipFields(b.id, h.id, "member", date(2023, 1, 1)))
    page = tab.memberships
    tab.sections.setCurrentWidget(page)
    page.refill_filters()
    page.reload()
    assert sorted(table_texts(page)) == ["Alpha", "Beta"]
    qtbot.keyClicks(page.as_on.line, "01/06/2023")
    assert table_texts(page) == ["Beta"] and page.as_on_problem.isHidden()
    qtbot.keyClicks(page.as_on.line, "x")  # not a date: the list stays as on the last date, and says so
    assert page.as_on_problem.text().startswith("As on: '01/06/2023x' is not a date")
    assert page.as_on_problem.text().endswith("Still showing the memberships as on 01/06/2023.")
    page.reload()  # another filter chosen meanwhile reads the list as on that date still, never all
    assert table_texts(page) == ["Beta"]
    page.as_on.line.clear()
    assert page.as_on_problem.isHidden()
    page.group_filter.setCurrentIndex(page.group_filter.findData(g.id))
    assert table_texts(page) == ["Alpha"]


def test_archive_and_restore_from_the_table(tab, qtbot, db, monkeypatch):
    ms.create_organisation(db, ms.OrganisationFields("Old Agency", "other"))
    page = tab.organisations
    tab.sections.setCurrentWidget(page)
    page.reload()
    page.table.selectRow(0)
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda *a: True)
    page.archive_action.trigger()
    assert table_texts(page) == []
    assert page.empty.text() == "All the organisations here are archived: tick 'Show archived' to see them."
    page.show_archived.setChecked(True)
    assert table_texts(page) == ["Old Agency"]
    page.table.selectRow(0)
    page.restore_action.trigger()
    page.show_archived.setChecked(False)
    assert table_texts(page) == ["Old Agency"]
    page.search.setText("nothing like it")
    assert "match the filter" in page.empty.text()  # one live record, hidden by the search


def test_restoring_a_group_whose_name_a_live_one_took_is_refused_with_the_reason(tab, qtbot, db, monkeypatch):
    old = ms.create_group(db, ms.GroupFields("Executive Group", 1))
    ms.archive_group(db, old.id)
    ms.create_group(db, ms.GroupFields("Executive Group", 1))
    page = tab.groups
    tab.sections.setCurrentWidget(page)
    page.show_archived.setChecked(True)
    page.reload()
    said = []
    monkeypatch.setattr("bscp_desktop.ui.common.messages.show_error", lambda _parent, title, exc: said.append((title, str(exc))))
    page.select_id(old.id)
    page.restore_action.trigger()
    assert said and said[0][0] == "Could not change the group"
    assert "A group called 'Executive Group' already exists: rename or archive that one first" in said[0][1]
    page.show_archived.setChecked(False)
    assert table_texts(page) == ["Executive Group"]  # the live one alone


def test_search_filters_rows(tab, qtbot, db):
    for name in ("Brent Council", "Metropolitan Police", "NHS North West London"):
        ms.create_organisation(db, ms.OrganisationFields(name, "other"))
    page = tab.organisations
    tab.sections.setCurrentWidget(page)
    page.reload()
    qtbot.keyClicks(page.search, "police")
    assert table_texts(page) == ["Metropolitan Police"]
    page.search.setText("zzz")
    assert "match the filter" in page.empty.text()


def test_ctrl_f_is_left_to_the_windows_search_box(tab, qtbot):
    """Ctrl+F searches the tab's records (minutes included) from the window's search box; a list
    binding it too would make the key ambiguous, so neither would work."""
    page = tab.organisations
    tab.sections.setCurrentWidget(page)
    assert not [a for a in page.actions() if a.shortcut().toString() == "Ctrl+F"]


def test_sorting_by_a_column_keeps_blanks_first_and_the_selection(tab, qtbot, db):
    for name, short in (("Beta Trust", "BT"), ("Alpha Agency", ""), ("Gamma School", "GS")):
        ms.create_organisation(db, ms.OrganisationFields(name, "other", short))
    page = tab.organisations
    tab.sections.setCurrentWidget(page)
    assert table_texts(page) == ["Alpha Agency", "Beta Trust", "Gamma School"]
    page.select_id(next(o.id for o in ms.list_organisations(db) if o.name == "Gamma School"))
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table_texts(page) == ["Gamma School", "Beta Trust", "Alpha Agency"]
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert table_texts(page, 1) == ["", "BT", "GS"]
    assert page.selected().name == "Gamma School"
    qtbot.keyClicks(page.search, "trust")
    assert table_texts(page) == ["Beta Trust"]


def test_organisation_dialog_records_part_of_and_other_names(tab, qtbot, db):
    met = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", "police"))
    tab.organisations.reload()
    dialog = open_new(tab, tab.organisations, qtbot)
    type_text(dialog.name, "North West Basic Command Unit")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ms.OrganisationKind.POLICE))
    dialog.parent_org.set_current_id(met.id)
    dialog.aliases.setPlainText("NW BCU\n\nNorth West BCU\n")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    bcu = ms.find_organisation(db, "nw bcu")
    assert bcu is not None and bcu.parent_name == "Metropolitan Police"
    assert bcu.aliases == ("NW BCU", "North West BCU")
    assert "Metropolitan Police" in table_texts(tab.organisations, 3)
    assert "NW BCU; North West BCU" in table_texts(tab.organisations, 4)


def test_organisation_dialog_shows_a_clashing_other_name_beside_the_field(tab, qtbot, db):
    ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", "police", aliases=("The Met",)))
    dialog = open_new(tab, tab.organisations, qtbot)
    type_text(dialog.name, "Brent Council")
    dialog.kind.setCurrentIndex(dialog.kind.findData(ms.OrganisationKind.LOCAL_AUTHORITY))
    dialog.aliases.setPlainText("the met")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "another name of Metropolitan Police" in dialog.error_labels["aliases"].text()
    assert ms.find_organisation(db, "Brent Council") is None


def test_a_page_is_made_when_first_shown_with_its_rows(qtbot, db):
    """Opening the tab makes the Memberships page only; People is made when first chosen in the
    bar, with everyone in it, those added before it was made included."""
    ms.create_person(db, ms.PersonFields("Adebayo"))
    tab = MembershipsTab(db)
    qtbot.addWidget(tab)
    tab.show()
    sections = tab.sections
    qtbot.waitUntil(lambda: sections.built_page("memberships") is not None)
    assert [sections.built_page(n) for n in ("people", "organisations", "groups", "agreements")] == [None] * 4
    ms.create_person(db, ms.PersonFields("Brennan"))  # its change notice finds no People page yet
    assert sections.built_page("people") is None
    sections.setCurrentIndex(1)  # People, as a click on the bar does
    qtbot.waitUntil(lambda: sections.built_page("people") is not None)
    people = sections.built_page("people")
    assert sections.currentWidget() is people
    qtbot.waitUntil(lambda: not people.loading() and table_texts(people) == ["Adebayo", "Brennan"])
    assert [sections.built_page(n) for n in ("organisations", "groups", "agreements")] == [None] * 3


def test_members_of_each_group_are_on_the_as_on_date_once_the_page_has_one(qtbot, db, monkeypatch):
    """File > Export's Members of each group takes the Memberships page's 'As on' date, and
    asking for it does not make a page that was never shown."""
    from bscp_desktop.ui.common import outputs

    asked: list[dict] = []
    monkeypatch.setattr(outputs, "save_job", lambda parent, db, job, output, options, *a, **k: asked.append(options))
    tab = MembershipsTab(db)
    qtbot.addWidget(tab)
    members = next(a for a in tab.export_actions() if a.text().startswith("Members of each group"))
    members.trigger()
    assert asked == [{"date_from": None}] and tab.sections.built_page("memberships") is None
    tab.memberships.as_on.set_value(date(2023, 4, 1))
    members.trigger()
    assert asked[-1] == {"date_from": date(2023, 4, 1)}


def test_archiving_a_group_says_who_still_sits_on_it_and_no_keeps_it(tab, qtbot, db, monkeypatch):
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 2))
    person = ms.create_person(db, ms.PersonFields("Ama Mensah"))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 4, 1)))
    page = tab.sections.page("groups")
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda _p, _t, text: asked.append(text) or False)
    tab.sections.setCurrentWidget(page)
    page.reload()
    page.select_id(group.id)
    page.archive_action.trigger()
    assert asked and asked[0].startswith("Archive Safeguarding Forum? It has 1 current membership: it stays as it is")
    assert [g.name for g in ms.list_groups(db)] == ["Safeguarding Forum"]


def test_edit_membership_opens_with_the_start_of_a_long_name_in_the_person_picker(qtbot, db):
    from bscp_desktop.ui.memberships.dialogs import MembershipDialog

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields("Corporate Director of Children and Young People", "", org.id))
    group = ms.create_group(db, ms.GroupFields("Executive Group"))
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, date(2022, 10, 1)))
    dialog = MembershipDialog(db, seat)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.person.lineEdit()
    assert dialog.focusWidget() in (dialog.person, edit)
    assert edit.text() == "Corporate Director of Children and Young People (Brent Council)"
    assert edit.cursorPosition() == 0  # the start shows, not "…en and Young People (Brent Council)"
    assert edit.selectedText() == edit.text()  # still ready to be typed over


def test_the_membership_dialog_says_at_once_that_a_deputy_names_whom_they_stand_in_for(qtbot, db):
    from bscp_desktop.ui.memberships.dialogs import MembershipDialog

    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", ms.OrganisationKind.LOCAL_AUTHORITY))
    member = ms.create_person(db, ms.PersonFields("Ada Member", "", org.id))
    deputy = ms.create_person(db, ms.PersonFields("Ben Deputy", "", org.id))
    group = ms.create_group(db, ms.GroupFields("Executive Group"))
    dialog = MembershipDialog(db, group_id=group.id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.person.set_current_id(deputy.id)
    dialog.start.set_value(date(2024, 4, 1))
    dialog.role.setCurrentIndex(dialog.role.findData(Role.DEPUTY))
    assert dialog.check() == {"deputy_for_id": "Choose the member this deputy stands in for"}
    dialog.deputy_for.set_current_id(member.id)
    dialog.role.setCurrentIndex(dialog.role.findData(Role.CHAIR))
    assert dialog.check()["deputy_for_id"].startswith("Only a deputy stands in for someone")
    dialog.deputy_for.set_current_id(None)
    assert dialog.check() == {}


def test_every_section_tab_is_shown_whole_at_a_large_font_on_a_laptop_screen(qtbot, db, qapp):
    """At a 14-point font on a 1280-pixel screen the import buttons take none of the section
    bar's room: no section's name is cut short or hidden behind scroll arrows."""
    from PySide6.QtGui import QFont

    before = QFont(qapp.font())
    font = QFont(before)
    font.setPointSizeF(14)
    qapp.setFont(font)
    try:
        tab = MembershipsTab(db)
        qtbot.addWidget(tab)
        tab.resize(1270, 600)
        tab.show()
        qtbot.waitExposed(tab)
        bar = tab.sections.tabBar()
        needed = sum(bar.tabSizeHint(i).width() for i in range(bar.count()))
        assert needed <= bar.width(), (needed, bar.width())
        assert all(bar.tabRect(i).width() >= bar.tabSizeHint(i).width() for i in range(bar.count()))
        assert tab.import_bar.isVisible() and tab.import_bar.geometry().right() <= tab.width()
    finally:
        qapp.setFont(before)


def test_a_search_hit_is_selected_though_its_list_was_filtered(tab, qtbot, db):
    people = [ms.create_person(db, ms.PersonFields(name)) for name in ("Ama Mensah", "Bola Ade")]
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 2))
    seat = ms.create_membership(db, ms.MembershipFields(people[1].id, group.id, "member", date(2023, 4, 1)))
    page = tab.sections.show_page("people")
    qtbot.waitUntil(lambda: not page.loading())
    page.search.setText("Ama")  # the officer filtered the list earlier
    assert table_texts(page) == ["Ama Mensah"]
    tab.show_record("person", people[1].id)
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().id == people[1].id)
    assert page.search.text() == ""
    memberships = tab.sections.show_page("memberships")
    memberships.search.setText("zzz")
    memberships.as_on.set_value(date(2020, 1, 1))
    tab.show_record("membership", seat.id)
    qtbot.waitUntil(lambda: memberships.selected() is not None and memberships.selected().id == seat.id)
    assert memberships.search.text() == "" and memberships.as_on.text() == ""


def test_archiving_an_organisation_says_who_still_belongs_to_it(tab, qtbot, db, monkeypatch):
    org = ms.create_organisation(db, ms.OrganisationFields("Brent Council", "local_authority"))
    person = ms.create_person(db, ms.PersonFields("Ama Mensah", "", org.id))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 2))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 4, 1), organisation_id=org.id))
    page = tab.sections.page("organisations")
    asked = []
    monkeypatch.setattr("bscp_desktop.ui.common.list_page.confirm", lambda _p, _t, text: asked.append(text) or False)
    tab.sections.setCurrentWidget(page)
    page.reload()
    page.select_id(org.id)
    page.archive_action.trigger()
    assert asked and asked[0].startswith("Archive Brent Council? It has 1 current person and 1 current seat on a "
                                         "group representing it: they keep it")
    assert [o.name for o in ms.list_organisations(db)] == ["Brent Council"]


class _Saved:
    """A New membership dialog the officer has filled in and saved."""

    def __init__(self, value):
        self.result_value = value

    def exec(self) -> bool:
        return True


def test_an_as_on_date_before_every_membership_says_the_filter_hides_them(tab, qtbot, db):
    person = ms.create_person(db, ms.PersonFields("Ama Mensah"))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 2))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 4, 1)))
    page = tab.sections.show_page("memberships")
    qtbot.waitUntil(lambda: not page.loading())
    page.as_on.set_value(date(1990, 1, 1))
    qtbot.waitUntil(lambda: not page.loading() and page.proxy.rowCount() == 0)
    assert page.filters_set() and page.stack.currentWidget() is page.empty
    assert page.empty.text().startswith("No memberships match the filter")


def test_a_membership_saved_outside_the_as_on_date_is_shown_and_chosen(tab, qtbot, db):
    person = ms.create_person(db, ms.PersonFields("Ama Mensah"))
    group = ms.create_group(db, ms.GroupFields("Safeguarding Forum", 2))
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2023, 4, 1), date(2024, 3, 31)))
    page = tab.sections.show_page("memberships")
    qtbot.waitUntil(lambda: not page.loading())
    page.as_on.set_value(date(2023, 6, 1))
    qtbot.waitUntil(lambda: not page.loading())
    seat = ms.create_membership(db, ms.MembershipFields(person.id, group.id, "member", date(2031, 5, 1)))
    page.new_dialog = lambda _parent: _Saved(seat)
    page.on_new()
    qtbot.waitUntil(lambda: not page.loading() and page.selected() is not None and page.selected().id == seat.id)
    assert page.as_on.text() == "" and page.proxy.rowCount() == 2
