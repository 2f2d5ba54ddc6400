"""Words users typed show as typed wherever a label shows them: a meeting's title, the names of
people, organisations and groups, a course, a place, a case's alias, a cycle or an audit named
"<b>X</b><br/>Y&amp;" are never read as markup (bold, a line break, "&" for "&amp;").

A sweep, not a list: every label on screen holding such a name, in each tab and page of the
main window and in every dialog of the catalogue, must show it as plain text (or, where the
label is rich text on purpose, hold it escaped), so a label added later is checked too."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTableView

from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.domain.finance import year_of
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import OrganisationKind, Role
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import finance as fin
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.audits import case_audits as ca
from bscp_desktop.services.audits import samples as sa
from bscp_desktop.services.audits import section11 as s11
from bscp_desktop.services.training import bookings as bk
from bscp_desktop.services.training import courses as cs
from bscp_desktop.ui.common import messages

TAIL = "</b><br/>Y&amp;"  # in every name below: a label reading it as markup shows "Y&" on a line of its own


def hostile(word: str) -> str:
    return f"<b>{word}{TAIL}"


def read_as_markup(label: QLabel) -> bool:
    """Whether `label` shows a name below as markup: plain text never does; rich text on purpose
    (the line under a list) holds it escaped, never as typed."""
    text = label.text()
    if TAIL not in text or label.textFormat() == Qt.TextFormat.PlainText:
        return False
    return label.textFormat() != Qt.TextFormat.AutoText or GuiQt.mightBeRichText(text)


def shown_as_markup() -> list[str]:
    """Every label on screen that shows one of the names as markup, by where it is."""
    return sorted(
        f"{type(label.window()).__name__} / {label.accessibleName() or type(label.parentWidget()).__name__}: "
        f"{label.text()!r}"
        for label in QApplication.allWidgets()
        if isinstance(label, QLabel) and label.isVisible() and read_as_markup(label)
    )


def add_hostile_records(db) -> dict[str, object]:
    """Records whose every name looks like markup, beside the demo's."""
    org = ms.create_organisation(db, ms.OrganisationFields(hostile("Org"), OrganisationKind.LOCAL_AUTHORITY))
    person = ms.create_person(db, ms.PersonFields(hostile("Person"), organisation_id=org.id))
    deputy = ms.create_person(db, ms.PersonFields(hostile("Deputy"), organisation_id=org.id))
    partner = ms.create_organisation(db, ms.OrganisationFields(hostile("Partner"), OrganisationKind.ICB))
    group = ms.create_group(db, ms.GroupFields(hostile("Group"), 1))
    start = date.today() - timedelta(days=400)
    ms.create_membership(db, ms.MembershipFields(person.id, group.id, Role.MEMBER, start, organisation_id=org.id))
    ms.create_membership(db, ms.MembershipFields(deputy.id, group.id, Role.DEPUTY, start, organisation_id=org.id,
                                                 deputy_for_id=person.id))
    when = datetime.combine(date.today() - timedelta(days=3), datetime.min.time().replace(hour=10))
    meeting = mt.create_meeting(db, mt.MeetingFields(group.id, hostile("Meeting"), when, place="Room <br/> 1",
                                                     chair_person_id=person.id))
    at.prefill_attendance(db, meeting.id)
    # held without a register, in the year the attendance figures open on (the demo's latest): they name its group
    mt.create_meeting(db, mt.MeetingFields(group.id, hostile("Held"), datetime(2023, 11, 15, 10), status=MeetingStatus.HELD))
    item = mt.add_agenda_item(db, meeting.id, mt.AgendaItemFields(hostile("Item"), presenter=hostile("Presenter")))
    mt.add_decision(db, item.id, mt.DecisionFields(hostile("Decision")))
    mt.add_item_action(db, item.id, al.ActionFields(hostile("Action"), owner_person_id=person.id,
                                                    due_date=date.today() + timedelta(days=30)))
    course = cs.create_course(db, cs.CourseFields(hostile("Course"), facilitator_name=hostile("Trainer")))
    session = cs.create_session(db, cs.SessionFields(course.id, when, 10, venue=hostile("Venue")))
    booking = bk.create_booking(db, bk.BookingFields(session.id, hostile("Delegate"), organisation_id=org.id,
                                                     booked_on=when.date() - timedelta(days=20))).booking
    case = cr.create_case_review(db, cr.CaseReviewFields(hostile("Alias"), IncidentType.DEATH, date.today() - timedelta(days=30),
                                                         agency_ids=(org.id,)))
    audit = ca.create_audit(db, ca.AuditFields(hostile("Audit"), date.today() - timedelta(days=10)))
    sa.add_case(db, sa.AuditCaseFields(audit.id, hostile("Child"), agency_ids=(org.id,)))
    cycle = s11.create_cycle(db, s11.CycleFields(hostile("Cycle"), date.today() - timedelta(days=60), date.today() - timedelta(days=5)))
    s11.add_agencies(db, cycle.id, [org.id])
    this_year = year_of(date.today())  # the year the Finance summary opens on
    fin.create_contribution(db, fin.ContributionFields(this_year, org.id, "cash", "1000"))
    fin.create_contribution(db, fin.ContributionFields(this_year, partner.id, "in_kind",
                                                       in_kind_description=hostile("Rooms")))
    return {"org": org, "person": person, "group": group, "meeting": meeting, "item": item, "course": course,
            "session": session, "booking": booking, "case": case, "audit": audit, "cycle": cycle}


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def choose_rows_naming_them(window) -> None:
    """In each list on screen, the first row holding one of the names: the line under the list
    and the headings beside it then name it."""
    for view in window.findChildren(QTableView):
        model = view.model()
        if not view.isVisible() or model is None:
            continue
        row = next((r for r in range(min(model.rowCount(), 300)) for c in range(model.columnCount())
                    if TAIL in str(model.index(r, c).data() or "")), None)
        if row is not None:
            view.selectRow(row)
    settle()


def every_page_swept(qtbot, window) -> list[str]:
    """Each tab of the main window, and each page of each tab, shown in turn with its rows
    naming the records chosen: what each shows as markup."""
    found: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.widget(index)
        qtbot.waitUntil(tab.isVisible)
        sections = getattr(tab, "sections", None)
        for page in range(sections.count()) if sections is not None else [None]:
            if sections is not None:
                sections.setCurrentIndex(page)
            settle()
            choose_rows_naming_them(window)
            found += shown_as_markup()
    return found


@pytest.mark.slow  # the main window on the demo database, every tab and page shown
def test_no_tab_or_page_of_the_main_window_reads_a_typed_name_as_markup(qtbot, demo_db):
    from tests.ui.helpers import start_window

    records = add_hostile_records(demo_db)
    window = start_window(qtbot, demo_db, size=(1280, 800))
    found = every_page_swept(qtbot, window)

    meetings = window.tab("Meetings")
    window.tabs.setCurrentWidget(meetings)
    meetings.sections.setCurrentIndex(0)
    ws = meetings.open_meeting(records["meeting"].id)
    qtbot.waitUntil(lambda: ws.data is not None and ws.toolbar.isEnabled(), timeout=10_000)
    for page in range(ws.pages.count()):
        ws.pages.setCurrentIndex(page)
        settle()
        choose_rows_naming_them(window)
        found += shown_as_markup()
    window.close()
    assert found == []


def hostile_demo(db, records: dict[str, object]):
    """The catalogue's records to open dialogs on (`dialog_catalogue.Demo`): those named like markup."""
    from bscp_desktop.ui.dialog_catalogue import Demo

    demo = Demo(db)
    demo.__dict__.update(  # its cached properties, answered with these records
        meeting=mt.get_meeting(db, records["meeting"].id), agenda_item=records["item"],
        action=next(a for a in al.list_action_log(db) if TAIL in a.description),
        case=cr.get_case_review(db, records["case"].id), audit=records["audit"], cycle=records["cycle"],
        booking=bk.get_booking(db, records["booking"].id), session=records["session"],
    )
    return demo


@pytest.mark.slow  # every dialog of the program opened on the demo database
def test_no_dialog_reads_a_typed_name_as_markup(qtbot, demo_db):
    from bscp_desktop.ui import dialog_catalogue as dc
    from bscp_desktop.ui.meetings.dialogs.register import DeputyDialog
    from bscp_desktop.ui.memberships.dialogs import PersonDialog

    records = add_hostile_records(demo_db)
    demo = hostile_demo(demo_db, records)
    person = records["person"]

    def possible_duplicate(d):  # a new person typed with the name of one on record
        dialog = PersonDialog(d.db)
        dialog.name.setText(person.name)
        dialog.look_for_duplicates()
        return dialog

    entries = [*dc.catalogue(), dc.Entry("Possible duplicate", possible_duplicate),
               dc.Entry("Deputy for them", lambda d: DeputyDialog(d.db, [], person.name, [(person.name, person.id)]))]
    found: list[str] = []
    for entry in entries:
        dialog = entry.open(demo)
        try:
            dialog.show()
            dc.settle(dialog)
            dc.with_errors(dialog)
            dc.settle(dialog)
            found += [f"{entry.name}: {f}" for f in shown_as_markup()]
        finally:
            dc.finish_background_work()
            dialog.close()
            dialog.deleteLater()
    assert found == []


SENTENCE = f"A person named '{hostile('Person')}' is already on record.\nLine two  keeps  its spaces."


def as_shown(text: str) -> str:
    """What a message box's text shows, as the box reads it (markup when it looks like markup)."""
    document = QTextDocument()
    if GuiQt.mightBeRichText(text):
        document.setHtml(text)
    else:
        document.setPlainText(text)
    return document.toPlainText()


def test_an_error_and_a_question_say_typed_words_as_typed(qtbot, monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: said.append(text)))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda _parent, _title, text, *a: said.append(text) or QMessageBox.StandardButton.No))
    messages.show_error(None, "Not saved", SENTENCE)
    messages.confirm(None, "Archive person", SENTENCE)
    messages.show_error(None, "Not saved", "Nothing typed here: 3 < 4 & 5 > 2.")
    assert [as_shown(text) for text in said] == [SENTENCE, SENTENCE, "Nothing typed here: 3 < 4 & 5 > 2."]
    assert said[2] == "Nothing typed here: 3 < 4 & 5 > 2."  # words that look like no markup are given as they are


def test_a_question_with_its_own_buttons_says_typed_words_as_typed(qtbot):
    from tests.ui.helpers import when_modal

    formats = []

    def answer(box):
        formats.append((box.textFormat(), box.text()))
        box.buttons()[0].click()

    when_modal(answer, "Archive person")
    messages.choose(None, "Archive person", SENTENCE, "Archive", "Keep")
    assert formats == [(Qt.TextFormat.PlainText, SENTENCE)]
