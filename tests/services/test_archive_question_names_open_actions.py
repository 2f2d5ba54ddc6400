"""The question asked before archiving a record names the open actions it leaves in the action
log (up to 3, then how many more), and says plainly, with the record's own noun, that an action
archived by mistake cannot be restored while the record is archived."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.actions import ActionStatus
from bscp_desktop.services import actions as al
from bscp_desktop.services import case_reviews as cr

BOOK = cr.RECOMMENDATIONS


def _raise(db, rec_id, description, due, status=ActionStatus.OPEN, owner=None, person=None):
    return al.create_action(db, al.ActionFields(description, owner_person_id=person, owner_organisation_id=owner,
                                                due_date=due, status=status), {BOOK.link: rec_id})


def _case_with_recommendation(db, world):
    case = cr.create_case_review(db, cr.CaseReviewFields("Child A", "death", date(2024, 1, 29)))
    rec = cr.create_recommendation(db, cr.RecommendationFields(case.id, "Invite schools to rapid reviews",
                                                               world.council.id))
    return case, rec


def test_archiving_a_case_review_names_its_one_open_action_and_says_plainly_why_to_act_first(db, world):
    case, rec = _case_with_recommendation(db, world)
    _raise(db, rec.id, "Write to schools\nwith the new guidance", date(2030, 6, 1), owner=world.council.id)
    _raise(db, rec.id, "Brief the head teachers", date(2030, 7, 1), ActionStatus.DROPPED, owner=world.council.id)
    note = al.open_actions_note(db, BOOK.link, [case.id], through=(BOOK.parent_key,))
    assert note == (
        "It has 1 open action: “Write to schools” (Brent Council, due 01/06/2030). It stays in the action log: "
        "mark it done there, or archive it first if no longer to be done (an action archived by mistake cannot "
        "be restored while the case review is archived).")
    one = al.open_actions_note(db, BOOK.link, [rec.id])
    assert one.endswith("cannot be restored while the recommendation is archived).")
    assert al.open_actions_note(db, BOOK.link, [case.id], (BOOK.parent_key,), noun="audit").endswith(
        "while the audit is archived).")


def test_more_than_three_open_actions_name_the_three_due_first_and_count_the_rest(db, world):
    case, rec = _case_with_recommendation(db, world)
    for text, due in (("Fifth", date(2030, 5, 1)), ("Second", date(2030, 2, 1)), ("First", date(2030, 1, 1)),
                      ("Fourth", date(2030, 4, 1)), ("Third", date(2030, 3, 1))):
        _raise(db, rec.id, text, due, person=world.inspector.id)
    note = al.open_actions_note(db, BOOK.link, [case.id], through=(BOOK.parent_key,))
    assert note.startswith(
        "It has 5 open actions: “First” (Inspector Morse, due 01/01/2030), “Second” (Inspector Morse, due "
        "01/02/2030), “Third” (Inspector Morse, due 01/03/2030) and 2 more. They stay in the action log: mark "
        "them done there, or archive them first")
    assert "(an action archived by mistake cannot be restored while the case review is archived)" in note
    assert "of it" not in note and "until it is" not in note


def test_two_open_actions_are_both_named_and_an_owner_is_told_which_they_own(db, world):
    _case, rec = _case_with_recommendation(db, world)
    _raise(db, rec.id, "Write to schools", date(2030, 6, 1), person=world.inspector.id, owner=world.police.id)
    _raise(db, rec.id, "Brief the head teachers", date(2030, 8, 1), person=world.inspector.id)
    note = al.open_actions_note(db, "owner_person_id", [world.inspector.id])
    assert note == (
        "They own 2 open actions: “Write to schools” (Inspector Morse, Metropolitan Police, due 01/06/2030) and "
        "“Brief the head teachers” (Inspector Morse, due 01/08/2030). They stay in the action log in their name: "
        "give them another owner, mark them done, or archive them there if no longer to be done.")
    assert al.open_actions_note(db, "owner_person_id", [world.sergeant.id]) == ""
