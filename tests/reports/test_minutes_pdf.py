"""Acceptance: the minutes PDF holds every agenda title, minute, decision and attendee name
from the database (any script, and text with < > &), read back with pypdf."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime

import pypdf
import pytest

from bscp_desktop import jobs
from bscp_desktop.domain.meetings import AttendanceStatus as A
from bscp_desktop.domain.meetings import MeetingStatus
from bscp_desktop.domain.memberships import Role
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as at
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import memberships as ms
from bscp_desktop.services.settings import set_setting
from tests.built_once import database_with
from tests.meetings_world import build_world, meeting

SCRIPT_NAMES = ["Мария Иванова", "محمد علي", "राम शर्मा", "Σοφία Νικολάου", "李小龍", "Siobhán Ó Súilleabháin"]


def _text(path) -> str:
    reader = pypdf.PdfReader(str(path))
    pages = [unicodedata.normalize("NFKC", p.extract_text() or "") for p in reader.pages]
    return "\n".join(pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def build_minutes(db):
    w = build_world(db)
    set_setting(db, "partnership_name", "Brent Safeguarding Children Partnership")
    extra = []
    for name in SCRIPT_NAMES:
        p = ms.create_person(db, ms.PersonFields(name, organisation_id=w.school.id))
        ms.create_membership(db, ms.MembershipFields(p.id, w.forum.id, Role.MEMBER, date(2022, 4, 1),
                                                     organisation_id=w.school.id))
        extra.append(p)
    m = mt.create_meeting(
        db,
        mt.MeetingFields(w.forum.id, "Safeguarding Children Forum", datetime(2023, 12, 14, 10), datetime(2023, 12, 14, 12),
                         place="Brent Civic Centre & online <Teams>", status=MeetingStatus.HELD,
                         chair_person_id=w.chair.id, minute_taker_person_id=w.officer.id),
        standing_items=True,
    )
    open_item = mt.add_agenda_item(
        db, m.id, mt.AgendaItemFields("Right Care, Right Person <police> & partners", "Inspector Morse", "SCF/23/12"),
        position=4,
    )
    secret = mt.add_agenda_item(db, m.id, mt.AgendaItemFields("Case of Child A", confidential=True), position=5)
    mt.save_item_minutes(db, open_item.id, "Partners asked about <handover> & timings.\nΤο Φόρουμ συμφώνησε — 同意.")
    mt.save_item_minutes(db, secret.id, "Confidential discussion of Child A")
    mt.add_decision(db, open_item.id, "Brief all teams <by January> & report back")
    mt.add_decision(db, secret.id, "Refer Child A's case to the Case Review Group")
    mt.add_item_action(db, open_item.id, al.ActionFields("Share the briefing pack & slides", owner_person_id=w.inspector.id,
                                                        due_date=date(2024, 1, 31)))
    mt.add_item_action(db, secret.id, al.ActionFields("Write to the school about Child A", owner_person_id=w.head.id,
                                                      due_date=date(2024, 1, 31)))
    at.prefill_attendance(db, m.id)
    register = {r.person_id: r.id for r in at.list_attendance(db, m.id)}
    at.set_attendance(db, [register[w.chair.id], register[w.officer.id], register[extra[0].id], register[extra[1].id],
                           register[extra[2].id], register[extra[3].id]], A.PRESENT)
    at.set_attendance(db, [register[w.inspector.id]], A.DEPUTY, deputy_person_id=w.sergeant.id)
    at.set_attendance(db, [register[w.nurse.id], register[extra[4].id]], A.APOLOGIES)
    at.add_attendee(db, m.id, at.AttendeeFields(name="Guest <Speaker> & Co"))
    return w, m, open_item, secret, extra


db, minutes_meeting = database_with("minutes-pdf", build_minutes, records="minutes_meeting")


@pytest.mark.slow
def test_minutes_pdf_has_every_title_minute_decision_and_name(db, tmp_path, minutes_meeting):
    w, m, open_item, secret, extra = minutes_meeting
    out = jobs.write_report(db, "minutes", tmp_path / "minutes.pdf", meeting=m.id)
    text = _text(out)
    flat = _flat(text)
    assert "DRAFT" in text and "Page 1 of" in text
    assert "Brent Safeguarding Children Partnership" in flat
    assert "Brent Civic Centre & online <Teams>" in flat
    for item in mt.list_agenda(db, m.id):
        assert _flat(item.title) in flat, item.title
        for line in item.minutes.splitlines():
            assert _flat(line) in flat, line
    for d in mt.list_decisions(db, m.id):
        assert _flat(d.text) in flat, d.text
    for a in mt.list_meeting_actions(db, m.id):
        assert _flat(a.description) in flat
    for r in at.list_attendance(db, m.id):
        assert r.name in flat, r.name
    assert "Sergeant Lewis" in flat and "deputising for Inspector Morse" in flat
    # the sections hold the right people
    present = flat[flat.index("Present"):flat.index("Apologies")]
    apologies = flat[flat.index("Apologies"):flat.index("Absent")]
    absent = flat[flat.index("Absent"):flat.index("In attendance")]
    assert w.chair.name in present and SCRIPT_NAMES[0] in present
    assert w.nurse.name in apologies and SCRIPT_NAMES[4] in apologies
    assert w.head.name in absent and SCRIPT_NAMES[5] in absent
    assert "<b>" not in text.replace("<by", "")  # nothing was turned into markup


@pytest.mark.slow
def test_circulation_version_leaves_confidential_items_out(db, tmp_path, minutes_meeting):
    _w, m, open_item, secret, _extra = minutes_meeting
    flat = _flat(_text(jobs.write_report(db, "minutes", tmp_path / "c.pdf", meeting=m.id, circulation=True)))
    assert "Case of Child A" not in flat and "Child A" not in flat
    assert "1 confidential item is left out of this version" in flat
    assert _flat(open_item.title) in flat
    full = _flat(_text(jobs.write_report(db, "minutes", tmp_path / "f.pdf", meeting=m.id)))
    assert "Case of Child A (confidential)" in full and "Write to the school about Child A" in full


@pytest.mark.slow
def test_approved_minutes_have_no_draft_watermark(db, tmp_path, minutes_meeting):
    w, m, *_ = minutes_meeting
    later = meeting(db, w.forum, datetime(2024, 3, 14, 10))
    mt.approve_minutes(db, m.id, later.id)
    text = _text(jobs.write_report(db, "minutes", tmp_path / "a.pdf", meeting=m.id))
    assert "DRAFT" not in text
    assert "Approved on 14/03/2024" in _flat(text)


def test_agenda_pdf_lists_items_with_times(db, tmp_path, minutes_meeting):
    _w, m, open_item, *_ = minutes_meeting
    flat = _flat(_text(jobs.write_report(db, "agenda", tmp_path / "agenda.pdf", meeting=m.id)))
    assert "Agenda: Safeguarding Children Forum, 14 Dec 2023" in flat
    for item in mt.list_agenda(db, m.id):
        assert _flat(item.title) in flat
    assert "10:00" in flat and "10:05" in flat  # welcome takes 5 minutes
    assert "Minutes of the last" in flat


def test_action_log_pdf_and_excel(db, tmp_path, minutes_meeting):

    _w, m, *_ = minutes_meeting
    from tests.reports.test_case_review_outputs import sensitive_pdf, sensitive_workbook

    # one log of every area's actions, case reviews' and audits' too: marked as they are
    flat = _flat(sensitive_pdf(jobs.write_report(db, "actions", tmp_path / "actions.pdf")))
    assert "Share the briefing pack & slides" in flat and "Overdue by" in flat
    out = jobs.write_report(db, "actions", tmp_path / "actions.xlsx", xlsx=True)
    sheet = sensitive_workbook(out)["Actions"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Action", "From", "Group")
    # the action raised under the confidential item "Case of Child A" is left out, as from the Meetings workbook;
    # under the table, after a blank row, the log says so
    table = rows[1:rows.index((None,) * len(rows[0]))]
    assert {r[0] for r in table} == {"Share the briefing pack & slides"}
    notes = [r[0] for r in rows[len(table) + 1:] if r[0]]
    assert notes[0].startswith("1 action raised under confidential agenda items is left out of this log")
    assert notes[-1].startswith("Overdue counted on ")  # and the day its Overdue column was judged
    assert "Write to the school" not in flat


@pytest.mark.slow
@pytest.mark.parametrize(("hidden", "sentence"), [
    (1, "1 open action raised under a confidential item is left out of this version for circulation."),
    (2, "2 open actions raised under confidential items are left out of this version for circulation."),
])
def test_the_circulated_review_item_says_how_many_confidential_actions_are_left_out(tmp_path, hidden, sentence):
    from bscp_desktop.reports.minutes import ActionLine, MinutesDocument, MinutesItem, write_minutes

    review = tuple(ActionLine(f"Confidential action {n}", confidential=True) for n in range(hidden))
    doc = MinutesDocument("Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
                          datetime(2024, 6, 13, 10), None, "Brent Civic Centre", "Draft", False,
                          items=(MinutesItem(1, "Action log review", review_actions=review, is_action_review=True),))
    flat = _flat(_text(write_minutes(doc, tmp_path / "c.pdf", circulation=True)))
    assert sentence in flat and "Confidential action" not in flat


@pytest.mark.parametrize(("text", "owner", "due", "line"), [
    ("Agreed budget v1..v2", "", date(2024, 4, 30), "Decision: Agreed budget v1..v2. Due 30/04/2024."),
    ("Publish arrangements...", "Brent Council", None, "Decision: Publish arrangements... Owner: Brent Council."),
    ("Adopt it.", "Acme Ltd.", None, "Decision: Adopt it. Owner: Acme Ltd."),
    ("Adopt it?", "", date(2024, 4, 30), "Decision: Adopt it? Due 30/04/2024."),
    ("Agreed v1..v2", "", None, "Decision: Agreed v1..v2"),
])
def test_a_decision_line_keeps_its_words_and_closes_them_only_where_they_are_open(text, owner, due, line):
    from bscp_desktop.reports.minutes import DecisionLine

    assert DecisionLine(text, owner, due).line == line


@pytest.mark.slow
def test_the_minutes_print_an_action_as_typed_with_a_full_stop_only_where_it_has_none(tmp_path):
    from bscp_desktop.reports.minutes import ActionLine, MinutesDocument, MinutesItem, write_minutes

    actions = (ActionLine("Publish arrangements...", "Brent Council", date(2024, 7, 1)),
               ActionLine("Compare budget v1..v2", due=date(2024, 7, 1)), ActionLine("Write to schools"))
    doc = MinutesDocument("Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
                          datetime(2024, 6, 13, 10), None, "Brent Civic Centre", "Draft", False,
                          items=(MinutesItem(1, "Neglect strategy", actions=actions),))
    flat = _flat(_text(write_minutes(doc, tmp_path / "a.pdf")))
    assert "Action: Publish arrangements... Owner: Brent Council. Due 01/07/2024." in flat
    assert "Action: Compare budget v1..v2. Due 01/07/2024." in flat
    assert "Action: Write to schools." in flat


@pytest.mark.slow
def test_the_minutes_print_indentation_tabs_and_runs_of_spaces_as_typed(tmp_path):
    from bscp_desktop.reports.minutes import MinutesDocument, MinutesItem, write_minutes

    typed = ("\n    Indented first line\nAgency\tLead\tRAG\nBrent Council\tJane Smith\tAmber\nAgreed:\n"
             "  a) first point\n    i) sub point\nTotal    £5,000\n\n")
    doc = MinutesDocument("Brent Safeguarding Children Partnership", "Safeguarding Children Forum", "Forum",
                          datetime(2024, 6, 13, 10), None, "Brent Civic Centre", "Draft", False,
                          items=(MinutesItem(1, "Neglect strategy", minutes=typed),))
    text = _text(write_minutes(doc, tmp_path / "m.pdf"))
    assert ("1. Neglect strategy\n    Indented first line\nAgency    Lead    RAG\nBrent Council    Jane Smith    Amber\n"
            "Agreed:\n  a) first point\n    i) sub point\nTotal    £5,000\nActions") in text
