"""Search on a team database says what the login may not read instead of leaving it out in
silence: a login outside the case reviews group searching the Case reviews tab was told "No
records mention Child A." (exit status 0), as if there were no such case, and searching
everything never said case reviews and case audits were not searched. Now it is told, in the
words a report of them is refused with, on the command line and in the window's Search box
(on a real PostgreSQL server, skipped with the reason without one)."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from bscp_desktop.cli import main
from bscp_desktop.db.database import Database
from bscp_desktop.db.server import CASE_REVIEWS_ONLY
from bscp_desktop.domain.case_reviews import IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import search as finder
from bscp_desktop.services.search_names import unsearched_sentence

pytestmark = pytest.mark.slow  # a team database with its groups and grants, and logins in them

CASES = f"Case reviews were not searched. {CASE_REVIEWS_ONLY}"
BOTH = f"Case reviews and case audits were not searched. {CASE_REVIEWS_ONLY}"

NOT_SEARCHED = unsearched_sentence()  # the records that can hold a name and are not searched


def _person(address: str, *groups: str) -> str:
    """The address of a new login in `groups` (logins belong to the whole test server)."""
    role = f"p_{uuid.uuid4().hex[:10]}"
    flags = [arg for g in groups for arg in ("--group", g)]
    assert main(["team", "person", role, "--name", f"Officer {role}", *flags, "--db", address]) == 0
    return address.replace("postgresql://bscp_test@", f"postgresql://{role}@", 1)


@pytest.fixture
def team(pg_address, capsys):
    """(the address of an officer outside the case reviews group, of one in it): a team database
    with its grants set, an organisation, and the case review of Child A."""
    assert main(["team", "roles", "--apply", "--db", pg_address]) == 0
    with Database.open_target(pg_address) as owner:
        ms.create_organisation(owner, ms.OrganisationFields("Brent Council", "local_authority"))
        cr.create_case_review(owner, cr.CaseReviewFields(alias="Child A", incident_type=IncidentType.SERIOUS_HARM,
                                                         became_aware=date(2024, 1, 8)))
    officer, panel = _person(pg_address, "officer"), _person(pg_address, "officer", "case-reviews")
    capsys.readouterr()
    return officer, panel


def test_search_names_what_the_login_may_not_read_and_why(team):
    officer, panel = team
    with Database.open_target(officer) as db:
        closed = finder.search(db, "Child A", area="case-reviews")
        assert closed.hits == () and closed.only_left_out and closed.left_out == ("case reviews",)
        assert closed.left_out_sentence == CASES
        everything = finder.search(db, "Child A")
        assert everything.hits == () and not everything.only_left_out
        assert everything.left_out == ("case reviews", "case audits") and everything.left_out_sentence == BOTH
        audits = finder.search(db, "Child A", area="audits")  # Section 11 answers are read: searched
        assert audits.left_out == ("case audits",) and not audits.only_left_out
        found = finder.search(db, "Brent", area="memberships")
        assert found.hits and found.left_out == () and found.left_out_sentence == ""
    with Database.open_target(panel) as db:
        [hit] = finder.search(db, "Child A", area="case-reviews").hits
        assert hit.record.startswith("Case BSCP-") and finder.search(db, "Child A").left_out == ()


def test_the_command_line_refuses_a_search_of_case_reviews_and_says_what_searching_everything_left_out(team, capsys):
    officer, panel = team
    assert main(["search", "Child", "A", "--area", "case-reviews", "--db", officer]) == 2
    said = capsys.readouterr()
    assert said.out == "" and said.err.strip() == f"bscp-desktop: {CASES}"
    assert main(["search", "Child", "A", "--db", officer]) == 0
    said = capsys.readouterr()
    assert said.out == "" and said.err.strip() == f"No record searched mentions Child A. {NOT_SEARCHED} {BOTH}"
    assert main(["search", "Brent", "--db", officer]) == 0
    said = capsys.readouterr()
    assert "Brent Council" in said.out and said.err.strip() == BOTH
    assert main(["search", "Child", "A", "--area", "case-reviews", "--db", panel]) == 0
    said = capsys.readouterr()
    assert "Child A" in said.out and said.err == ""


def test_the_search_box_says_the_same(team, qtbot):
    from bscp_desktop.app import make_application
    from bscp_desktop.ui.search import SearchDialog

    make_application()
    officer, _panel = team
    with Database.open_target(officer) as db:
        dialog = SearchDialog(db, {"memberships": "Memberships", "case-reviews": "Case reviews"})
        qtbot.addWidget(dialog)
        dialog.start("case-reviews", "Child A")
        qtbot.waitUntil(lambda: dialog.result is not None and not dialog.loading(), timeout=5000)
        assert dialog.status.text() == CASES and dialog.proxy.rowCount() == 0
        dialog.scope.setCurrentIndex(0)  # everything
        qtbot.waitUntil(lambda: "mentions" in dialog.status.text(), timeout=5000)
        assert dialog.status.text() == ("No record searched mentions 'Child A'. Check the spelling or use fewer "
                                        f"words. {NOT_SEARCHED} {BOTH}")
        dialog.close()
