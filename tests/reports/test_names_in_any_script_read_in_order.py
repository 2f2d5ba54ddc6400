"""A person's, organisation's or group's name in Arabic script or Hebrew, put into a line of the
minutes, the agenda or the action log, is isolated (`domain.text.isolate`), as the finance report
does: a line it starts still reads left to right with the name first, and a number or date after
it keeps its place. Before, such a line was laid out right to left, pushed to the right margin:
"(Member, Metropolitan Police) فاطمة الزهراء"."""

from __future__ import annotations

import io
import unicodedata
from datetime import date, datetime

import pypdf
import pytest
from reportlab.lib.enums import TA_LEFT
from reportlab.platypus import Paragraph

from bscp_desktop.domain.text import FSI, PDI
from bscp_desktop.reports.actions import ActionRow, LeftOut, actions_pdf
from bscp_desktop.reports.agenda import AgendaDocument, AgendaLine, agenda_pdf
from bscp_desktop.reports.minutes import ActionLine, Attendee, DecisionLine, MinutesDocument, MinutesItem, minutes_pdf
from bscp_desktop.reports.pdf import DocumentBuilder, paragraph
from bscp_desktop.reports.pdf.styles import paragraph_styles

HEBREW, ARABIC, GROUP, SCHOOL = "אברהם כהן", "فاطمة الزهراء", "فريق الحماية", "مدرسة النور"


@pytest.fixture(autouse=True, scope="module")
def _fonts_loaded():
    """The fonts and the Arabic letter forms are read once, not in the first test's time."""
    paragraph(ARABIC, paragraph_styles()["body"]).wrap(200, 1000)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


def shown(name: str) -> str:
    """A name of letters alone as drawn: right to left (NFKC gives back the letters' forms)."""
    return name[::-1]


def _paragraphs(flowable):
    if isinstance(flowable, Paragraph):
        yield flowable
    for inner in getattr(flowable, "_flowables", None) or []:  # a list's items
        yield from _paragraphs(inner)


def printed(pdf: DocumentBuilder, width: float = 400) -> list[tuple[bool, str]]:
    """Each paragraph of the document's body (not its tables): whether it is set from the left,
    and its lines as drawn, left to right."""
    out = []
    for flowable in pdf.story:
        for para in _paragraphs(flowable):
            para.wrap(width, 100000)
            lines = para.blPara.lines
            if para.blPara.kind == 0:
                text = [" ".join(words) for _extra, words in lines]
            else:
                text = ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]
            out.append((para.style.alignment == TA_LEFT, "\n".join(_plain(t) for t in text)))
    return out


def _minutes(**kw) -> MinutesDocument:
    return MinutesDocument("Brent Safeguarding Children Partnership", kw.pop("group", "Forum"), "Forum",
                           datetime(2024, 3, 14, 10), None, "Brent Civic Centre", "Draft", False, **kw)


def test_a_minutes_line_starting_with_a_name_in_any_script_reads_left_to_right_name_first():
    doc = _minutes(present=[Attendee(n, "Metropolitan Police", "Member") for n in ("Jane Smith", HEBREW, ARABIC)],
                   apologies=[Attendee(ARABIC)],
                   in_attendance=[Attendee("سارة 2", SCHOOL, deputy_for=HEBREW, note="arrived 10:45")])
    lines = printed(minutes_pdf(doc, None))
    for line in ("Jane Smith (Member, Metropolitan Police)",
                 f"{shown(HEBREW)} (Member, Metropolitan Police)",
                 f"{shown(ARABIC)} (Member, Metropolitan Police)",
                 shown(ARABIC),
                 f"2 ةراس ({shown(SCHOOL)}), deputising for {shown(HEBREW)}: arrived 10:45"):
        assert (True, line) in lines, line
    assert not any(FSI in text or PDI in text for _left, text in lines)
    assert all(left for left, _text in lines)


def test_a_name_in_the_minutes_keeps_the_date_and_words_after_it_in_their_places():
    item = MinutesItem(1, "Neglect strategy", presenter="فاطمة 3", paper_ref="SCF/24/1",
                       decisions=(DecisionLine("Agreed the strategy", SCHOOL, date(2024, 4, 30)),),
                       actions=(ActionLine("Send the plan", f"{SCHOOL}.", date(2024, 4, 30)),))
    lines = printed(minutes_pdf(_minutes(group=GROUP, items=[item]), None))
    assert lines[0] == (True, f"Minutes: {shown(GROUP)}, 14 Mar 2024")  # the date not drawn into the name
    assert (True, "Presented by 3 ةمطاف. Paper SCF/24/1.") in lines
    assert (True, f"Decision: Agreed the strategy. Owner: {shown(SCHOOL)}. Due 30/04/2024.") in lines
    assert (True, f"Action: Send the plan. Owner: .{shown(SCHOOL)} Due 30/04/2024.") in lines  # its own stop, as typed
    assert DecisionLine("Agreed", "Brent Council", date(2024, 4, 30)).line == "Decision: Agreed. Owner: Brent Council. Due 30/04/2024."


def test_the_agenda_heading_keeps_the_date_after_the_groups_name():
    doc = AgendaDocument("Partnership", GROUP, GROUP, datetime(2024, 3, 14, 10), None, "Hall",
                         items=[AgendaLine(1, "Welcome", ARABIC, minutes_allotted=5)])
    assert printed(agenda_pdf(doc, None))[0] == (True, f"Agenda: {shown(GROUP)}, 14 Mar 2024")


def test_the_action_log_names_a_group_in_any_script_before_its_count():
    rows = [ActionRow("Send the plan", "Meeting 1", GROUP, SCHOOL, date(2024, 9, 1), "Open", False, None, origin=GROUP)]
    lines = printed(actions_pdf(rows, None, "Partnership", date(2024, 6, 1), left_out=[LeftOut(GROUP, 2, 1)]), 2000)
    assert (True, f"{shown(GROUP)} (1 action)") in lines
    assert any(left and f"from {shown(GROUP)} (2). The Action log" in text for left, text in lines)


def _drawn_lines(data: bytes) -> list[tuple[float, str]]:
    """Each line of text on the first page, top to bottom: where it starts (points from the
    page's left edge) and its text as pypdf reads it back."""
    runs: dict[float, list[tuple[float, str]]] = {}

    def seen(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5])
            runs.setdefault(y, []).append((x, _plain(text)))

    pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=seen)
    return [(min(x for x, _t in pieces), "".join(t for _x, t in pieces).replace("\n", ""))
            for _y, pieces in sorted(runs.items(), reverse=True)]


@pytest.mark.slow  # a database and a PDF written by the job
def test_the_minutes_pdf_prints_every_member_left_to_right_name_first(db, tmp_path):
    from bscp_desktop import jobs
    from bscp_desktop.domain.meetings import AttendanceStatus
    from bscp_desktop.domain.memberships import OrganisationKind, Role
    from bscp_desktop.services import attendance as at
    from bscp_desktop.services import meetings as mt
    from bscp_desktop.services import memberships as ms

    police = ms.create_organisation(db, ms.OrganisationFields("Metropolitan Police", OrganisationKind.POLICE))
    forum = ms.create_group(db, ms.GroupFields("Forum", 2))
    for name in (ARABIC, HEBREW, "Jane Smith"):
        person = ms.create_person(db, ms.PersonFields(name, organisation_id=police.id))
        ms.create_membership(db, ms.MembershipFields(person.id, forum.id, Role.MEMBER, date(2024, 1, 1),
                                                     organisation_id=police.id))
    m = mt.create_meeting(db, mt.MeetingFields(forum.id, "Forum", datetime(2024, 3, 14, 10)))
    at.prefill_attendance(db, m.id)
    at.set_attendance(db, [a.id for a in at.list_attendance(db, m.id)], AttendanceStatus.PRESENT)
    out = jobs.write_report(db, "minutes", tmp_path / "minutes.pdf", meeting=m.id)
    lines = _drawn_lines(out.read_bytes())
    members = [(x, text) for x, text in lines if "Member, Metropolitan Police)" in text]
    assert len(members) == 3
    left = next(x for x, text in members if text.startswith("Jane Smith"))
    for x, text in members:  # each set from the left margin, its name read before the words after it
        assert abs(x - left) < 1, text
        squeezed = "".join(text.split())
        name = next(n for n in (ARABIC, HEBREW, "Jane Smith") if "".join(n.split()) in squeezed)
        assert squeezed.index("".join(name.split())) < squeezed.index("Member"), text
