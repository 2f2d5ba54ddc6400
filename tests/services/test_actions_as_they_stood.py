"""A record's fields as they stood on a day, from the change history (`history.values_on`), and
the yearly report's actions from review recommendations with their status as it stood at the
end of the period: an action dropped, reopened or done after the period is shown as it was then."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import event

from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import memberships as ms
from bscp_desktop.services import yearly_report as yr
from bscp_desktop.services.history import values_on


def _case_with_action(db, alias: str, aware: date, due: date, status: str = "open"):
    org = ms.create_organisation(db, ms.OrganisationFields(f"Council of {alias}", "local_authority"))
    case = cr.create_case_review(db, cr.CaseReviewFields(alias, "serious_harm", aware))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, f"Learning from {alias}"))
    cr.add_recommendation_action(db, rec.id, al.ActionFields(f"Act on {alias}", due_date=due, status=status,
                                                             owner_organisation_id=org.id))
    return next(a.action for a in cr.case_review_actions(db) if a.action.description == f"Act on {alias}")


def _set(db, a, status: str, completed_on: date | None = None, evidence: str = ""):
    """The action `a` saved with `status`; returns it as saved."""
    return al.update_action(db, a.id, al.ActionFields(a.description, a.owner_person_id, a.owner_organisation_id,
                                                      a.due_date, status, completed_on, evidence or a.evidence))


def _statuses(db, start: date, end: date) -> list[tuple[str, str]]:
    built = yr.build_section(db, "case_reviews", start, end, today=date(2026, 12, 1))
    table = next((b for b in built.blocks if getattr(b, "title", "") == "Actions from review recommendations"), None)
    return [(row[1], row[4]) for row in table.rows] if table else []


def test_a_field_stands_as_its_first_change_after_the_day_found_it(db, clock):
    clock.now = datetime(2023, 1, 2, 12)
    a = _case_with_action(db, "Child A", date(2022, 6, 1), date(2025, 3, 31))
    b = _case_with_action(db, "Child B", date(2022, 6, 1), date(2025, 3, 31))
    clock.now = datetime(2023, 5, 1, 12)
    a = _set(db, a, "in_progress")
    clock.now = datetime(2023, 8, 1, 12)
    _set(db, a, "dropped")
    fields = ("status", "completed_on")
    assert values_on(db, "action", [a.id, b.id], fields, date(2023, 3, 31)) == {(a.id, "status"): "open"}
    assert values_on(db, "action", [a.id, b.id], fields, date(2023, 4, 30)) == {(a.id, "status"): "open"}
    # a change made on the day itself is how the field stood at its end
    assert values_on(db, "action", [a.id, b.id], fields, date(2023, 5, 1)) == {(a.id, "status"): "in_progress"}
    assert values_on(db, "action", [a.id, b.id], fields, date(2023, 8, 1)) == {}
    # before the record was added the history knows no value: the value it was added with stands
    assert values_on(db, "action", [b.id], fields, date(2022, 12, 1)) == {}
    assert values_on(db, "action", [], fields, date(2023, 3, 31)) == {}


def test_the_values_of_many_records_are_read_in_one_statement(db):
    actions = [_case_with_action(db, f"Child {n}", date(2022, 6, 1), date(2025, 3, 31)) for n in range(4)]
    for a in actions:
        _set(db, a, "dropped")
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        stood = values_on(db, "action", [a.id for a in actions], ("status",), date(2023, 6, 30))
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert stood == {(a.id, "status"): "open" for a in actions}
    assert len([s for s in seen if "change_record" in s]) == 1


def test_an_action_dropped_after_the_period_is_shown_as_it_stood_at_its_end(db):
    action = _case_with_action(db, "Child A", date(2022, 6, 1), date(2025, 3, 31), "in_progress")
    _set(db, action, "dropped")  # today, long after the period
    assert _statuses(db, date(2023, 1, 1), date(2023, 6, 30)) == [("Act on the child", "In progress")]


def test_an_action_dropped_in_the_period_and_reopened_after_it_is_shown_dropped(db, clock):
    clock.now = datetime(2023, 1, 2, 12)
    action = _case_with_action(db, "Child A", date(2022, 6, 1), date(2023, 5, 31))
    clock.now = datetime(2023, 3, 1, 12)
    action = _set(db, action, "dropped")
    clock.now = datetime(2023, 9, 1, 12)
    action = _set(db, action, "in_progress")
    assert _statuses(db, date(2023, 1, 1), date(2023, 6, 30)) == [("Act on the child", "Dropped")]
    # the period after: in progress again, and past its due date
    assert _statuses(db, date(2023, 7, 1), date(2023, 12, 31)) == [("Act on the child", "Overdue")]


def test_an_action_done_in_the_period_and_reopened_after_it_is_shown_done(db, clock):
    clock.now = datetime(2023, 1, 2, 12)
    action = _case_with_action(db, "Child A", date(2022, 6, 1), date(2023, 12, 31))
    clock.now = datetime(2023, 3, 1, 12)
    action = _set(db, action, "done", date(2023, 3, 1), "Briefing given to every agency")
    clock.now = datetime(2023, 9, 1, 12)
    action = _set(db, action, "in_progress")
    assert _statuses(db, date(2023, 1, 1), date(2023, 6, 30)) == [("Act on the child", "Done")]

