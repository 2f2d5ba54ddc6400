"""The action log's Owner filter: an organisation is offered as "Metropolitan Police (and its
people)" and lists the actions it owns and those of its people (an overdue one too); a person
lists their own only."""

from __future__ import annotations

from datetime import date

import pytest

from bscp_desktop.services import actions as al
from bscp_desktop.ui.actions.log import ActionLogPage
from tests.ui.helpers import table_texts

TODAY = date(2024, 9, 2)


@pytest.fixture
def log(qtbot, db, world):
    fields = lambda text, due, **owner: al.ActionFields(text, due_date=due, **owner)  # noqa: E731
    al.create_action(db, fields("Police training plan", date(2030, 6, 1), owner_organisation_id=world.police.id))
    al.create_action(db, fields("Morse's review", date(2024, 4, 30), owner_person_id=world.inspector.id))
    al.create_action(db, fields("Council budget", date(2024, 4, 30), owner_organisation_id=world.council.id))
    page = ActionLogPage(db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    return page


def _choose(page, data: str) -> None:
    page.owner_filter.setCurrentIndex(page.owner_filter.findData(data))


def test_an_organisation_is_offered_with_its_people(log, world):
    _choose(log, f"organisation:{world.police.id}")
    assert log.owner_filter.currentText() == "Metropolitan Police (and its people)"
    assert sorted(table_texts(log)) == ["Morse's review", "Police training plan"]


def test_an_overdue_action_of_one_of_its_people_is_listed_for_the_organisation(log, world):
    _choose(log, f"organisation:{world.police.id}")
    log.overdue_only.setChecked(True)
    assert table_texts(log) == ["Morse's review"]


def test_a_person_lists_their_own_actions_only(log, world):
    _choose(log, f"person:{world.inspector.id}")
    assert table_texts(log) == ["Morse's review"]
