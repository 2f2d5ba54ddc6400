"""The rules every action follows (DOMAIN.md: an owner, a due date and evidence of impact)."""

from datetime import date

from bscp_desktop.domain.actions import NEEDS_DUE_DATE, NEEDS_EVIDENCE, NEEDS_OWNER, ActionStatus, action_gaps, gaps_text, is_overdue

DUE = date(2024, 6, 30)


def test_an_owner_is_a_person_or_an_organisation_or_both():
    assert action_gaps(None, None, DUE, ActionStatus.OPEN, "") == {"owner_person_id": NEEDS_OWNER}
    assert action_gaps(1, None, DUE, ActionStatus.OPEN, "") == {}
    assert action_gaps(None, 2, DUE, ActionStatus.OPEN, "") == {}


def test_a_due_date_is_needed_whatever_the_status():
    for status in ActionStatus:
        assert action_gaps(1, None, None, status, "Done and seen").get("due_date") == NEEDS_DUE_DATE


def test_done_needs_evidence_of_impact_dropped_does_not():
    assert action_gaps(1, None, DUE, ActionStatus.DONE, "   ") == {"evidence": NEEDS_EVIDENCE}
    assert action_gaps(1, None, DUE, ActionStatus.DONE, "Every school replied") == {}
    assert action_gaps(1, None, DUE, ActionStatus.DROPPED, "") == {}
    assert action_gaps(1, None, DUE, ActionStatus.IN_PROGRESS, "") == {}


def test_the_flag_on_an_older_action_says_what_is_missing():
    assert gaps_text(action_gaps(None, None, None, ActionStatus.DONE, "")) == (
        "No owner, no due date, done without evidence")
    assert gaps_text({}) == ""


def test_overdue_is_after_the_due_date_and_only_while_open():
    assert not is_overdue(ActionStatus.OPEN, DUE, DUE)
    assert is_overdue(ActionStatus.IN_PROGRESS, DUE, date(2024, 7, 1))
    assert not is_overdue(ActionStatus.DONE, DUE, date(2024, 7, 1))
    assert not is_overdue(ActionStatus.OPEN, None, date(2030, 1, 1))
