"""`search --archived` marked an archived meeting's hits "(archived)", but listed an archived case
review, person, organisation, case audit, withdrawn decision (and every other archived kind)
like a live one."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from bscp_desktop.db import search as index
from bscp_desktop.db.models.audits import S11Cycle
from bscp_desktop.services import actions as al
from bscp_desktop.services import attendance as att
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import meetings as mt
from bscp_desktop.services import search as finder
from bscp_desktop.services.audits import case_audits as ca

MARKS = (" (archived)", " (withdrawn)")

#: Per table, what a hit of it says once it and what it belongs to are archived: the record it
#: is in, its own title, or both (a person is listed under an organisation, live or not).
MARKED = {
    "meeting": ("record",), "case_review": ("record",), "case_audit": ("record",),
    "agenda_item": ("record",),  # and "Removed item: ..."
    "decision": ("record", "title"), "recommendation": ("record", "title"), "audit_case": ("record", "title"),
    "audit_return": ("record", "title"), "audit_learning": ("record", "title"),
    "audit_recommendation": ("record", "title"), "s11_rating": ("record",),
    "action": ("title",), "action_update": ("title",), "person": ("title",), "organisation": ("title",),
    "partnership_group": ("title",), "membership": ("title",), "confidentiality_agreement": ("title",),
    "training_booking": ("title",),  # listed under the delegate's organisation, live or not
    "training_course": ("title",), "training_session": ("title",),
    "attendance": ("record", "title"),  # a name typed on a register, in its meeting
}


def _everything(db):
    return finder.search(db, "the", include_archived=True, limit=100_000).hits


def _archive_everything(db) -> None:
    """Every searchable record archived at once, and every Section 11 cycle (its answers have no
    archived time of their own)."""
    when = datetime(2025, 1, 1, 9)
    with db.unit_of_work() as session:
        for model in {m for m, _spec in index.searchable_models().values()} | {S11Cycle}:
            if "archived_at" in model.__table__.c:
                for record in session.scalars(select(model)):  # each saved as a user's change is
                    record.archived_at = when


@pytest.mark.slow  # the demo records, all archived
def test_every_kind_of_archived_hit_is_marked_and_no_live_one_is(demo_db):
    action = al.list_actions(demo_db)[0]
    al.add_progress_update(demo_db, action.id, date(2024, 5, 1), "Chased the owner")
    meeting = mt.list_meetings(demo_db)[0]
    att.add_attendee(demo_db, meeting.id, att.AttendeeFields(name="Jo Park (for the item on neglect)", status="guest"),
                     reason="A guest left off the register")
    live = _everything(demo_db)
    assert {h.table for h in live} == set(index.searchable_models()) == set(MARKED)
    assert [(h.record, h.title) for h in live if any(m in f"{h.record} {h.title}" for m in MARKS)] == []

    _archive_everything(demo_db)
    archived = _everything(demo_db)
    assert finder.search(demo_db, "the", limit=100_000).hits == ()
    assert {h.table for h in archived} == set(MARKED)
    unmarked = [(h.table, field, getattr(h, field)) for h in archived for field in MARKED[h.table]
                if not getattr(h, field).endswith(MARKS)]
    assert unmarked == []
    assert {h.title.split(":")[0] for h in archived if h.table == "agenda_item"} == {"Removed item"}
    assert {h.title.endswith(" (withdrawn)") for h in archived if h.table == "decision"} == {True}


@pytest.mark.slow  # the demo records
def test_what_belongs_to_an_archived_case_or_audit_is_named_as_archived_and_is_not_itself(demo_db):
    case = next(c for c in cr.list_case_reviews(demo_db) if c.reference == "BSCP-2022-01")
    audit = ca.list_audits(demo_db)[0]
    cr.archive_case_review(demo_db, case.id)
    ca.archive_audit(demo_db, audit.id)
    hits = finder.search(demo_db, "the", include_archived=True, limit=100_000).hits
    of_case = [h for h in hits if h.record == "Case BSCP-2022-01 (archived)"]
    of_audit = [h for h in hits if h.record == f"Case audit {audit.reference} (archived)"]
    assert {h.table for h in of_case} == {"case_review", "recommendation"}
    assert {h.table for h in of_audit} >= {"case_audit", "audit_case", "audit_return", "audit_learning"}
    assert [h.title for h in of_case + of_audit if h.title.endswith(MARKS)] == []
    # a live case is named as before
    assert "Case BSCP-2023-02" in {h.record for h in hits if h.table == "case_review"}


@pytest.mark.slow  # the demo records, and the command line in this process
def test_the_command_line_prints_an_archived_case_as_archived(demo_db, tmp_path, capsys):
    from bscp_desktop.cli import main

    case = next(c for c in cr.list_case_reviews(demo_db) if c.reference == "BSCP-2022-01")
    cr.archive_case_review(demo_db, case.id)
    path = str(tmp_path / "demo.sqlite3")
    assert main(["search", "BSCP-2022-01", "--db", path]) == 0
    assert capsys.readouterr().out == ""
    assert main(["search", "--archived", "BSCP-2022-01", "--db", path]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.split("\t")[1:4] == ["Case review", "Case BSCP-2022-01 (archived)", case.alias]
    assert main(["search", "--archived", "BSCP-2023-02", "--db", path]) == 0
    assert "\tCase BSCP-2023-02\t" in capsys.readouterr().out
