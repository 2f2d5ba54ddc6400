"""The partners' decision clock (Decision whether to hold an LCSPR) was added to the default
rules after teams had saved theirs: a rule set saved before it existed takes it once, after the
rapid review. A set saved since says it was saved knowing of it, so when the team removed it,
it stays removed however often the set is read and saved again."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bscp_desktop.domain.case_review_settings import read_rules
from bscp_desktop.domain.deadlines import ADDED_RULES, DECISION_RULE_KEY, DEFAULT_RULES, KNOWN_KEY, DeadlineRuleError, rules_from_dict, rules_to_dict, rules_to_store, with_fixed_rules

WITHOUT = tuple(r for r in DEFAULT_RULES if r.key != DECISION_RULE_KEY)  # the team removed it


def _keys(rules) -> list[str]:
    return [r.key for r in rules]


def test_a_set_saved_without_the_decision_clock_keeps_it_removed():
    stored = json.loads(json.dumps(rules_to_store(WITHOUT)))  # as the setting keeps it
    assert stored[KNOWN_KEY] == [DECISION_RULE_KEY]
    read = with_fixed_rules(rules_from_dict(stored))
    assert DECISION_RULE_KEY not in _keys(read)
    assert read == WITHOUT
    assert with_fixed_rules(read) == WITHOUT  # read and made whole again: still removed
    again = with_fixed_rules(rules_from_dict(json.loads(json.dumps(rules_to_store(read)))))
    assert again == WITHOUT  # saved and read again
    assert read_rules(stored) == WITHOUT  # as the settings and `check` read it
    # the officer's set as saved now knows of it, whatever kind of sequence holds the rules
    assert with_fixed_rules(list(WITHOUT), known=ADDED_RULES) == WITHOUT


def test_a_set_saved_before_the_decision_clock_existed_still_takes_it_once():
    stored = json.loads(json.dumps(rules_to_dict(WITHOUT)))  # an earlier version's: no mark
    assert KNOWN_KEY not in stored
    read = with_fixed_rules(rules_from_dict(stored))
    assert _keys(read) == _keys(DEFAULT_RULES)
    assert read_rules(stored) == DEFAULT_RULES
    # saved from here, it is a set that knows of it: removed then, it stays removed
    assert with_fixed_rules(rules_from_dict(rules_to_store(read))) == DEFAULT_RULES
    removed = tuple(r for r in read if r.key != DECISION_RULE_KEY)
    assert with_fixed_rules(rules_from_dict(rules_to_store(removed))) == WITHOUT


def test_a_set_that_keeps_the_decision_clock_keeps_it_and_the_mark_is_no_rule():
    stored = rules_to_store(DEFAULT_RULES)
    assert rules_from_dict(stored) == DEFAULT_RULES
    assert with_fixed_rules(rules_from_dict(stored)) == DEFAULT_RULES


@pytest.mark.parametrize("mark", ["partners_decision", [5], {"x": 1}])
def test_a_spoilt_mark_is_named(mark):
    with pytest.raises(DeadlineRuleError) as refused:
        rules_from_dict({**rules_to_dict(DEFAULT_RULES), KNOWN_KEY: mark})
    assert refused.value.field == KNOWN_KEY


# ------------------------------------------------------------------ through the settings service


def _without_decision(settings):
    return dataclasses.replace(settings, rules=tuple(r for r in settings.rules if r.key != DECISION_RULE_KEY))


@pytest.mark.slow  # a file opened, its settings saved three times and checked
def test_the_officer_removes_the_decision_clock_and_it_stays_removed(db_file):
    from bscp_desktop.db.database import Database
    from bscp_desktop.services import case_review_settings as crs
    from tests.safety.helpers import values_problem

    with Database.open(db_file) as db:
        assert DECISION_RULE_KEY in _keys(crs.load_settings(db).rules)
        saved = crs.save_settings(db, _without_decision(crs.load_settings(db)))
        assert saved.rules == WITHOUT
        assert crs.load_settings(db).rules == WITHOUT
        # saved again for another setting: the rule does not come back
        crs.save_settings(db, dataclasses.replace(crs.load_settings(db), themes=("Neglect",)))
        read = crs.load_settings(db)
        assert (read.rules, read.themes, read.warnings) == (WITHOUT, ("Neglect",), ())
    assert values_problem(db_file) == ""  # `check` reads the set as the program does


@pytest.mark.slow
def test_a_file_saved_before_the_decision_clock_gets_it_then_keeps_the_officers_choice(db):
    from bscp_desktop.services import case_review_settings as crs
    from bscp_desktop.services.settings import put_setting_in

    earlier = rules_to_dict(WITHOUT)
    earlier["rapid_review"]["amount"] = 20  # the team's choice
    with db.unit_of_work() as session:  # as an earlier version kept it
        put_setting_in(session, crs.RULES_SETTING, earlier, sort_keys=False)
    read = crs.load_settings(db)
    assert _keys(read.rules) == _keys(DEFAULT_RULES)
    assert {r.key: r.amount for r in read.rules}["rapid_review"] == 20
    crs.save_settings(db, read)  # kept as read: the clock stays
    assert _keys(crs.load_settings(db).rules) == _keys(DEFAULT_RULES)
    crs.save_settings(db, _without_decision(crs.load_settings(db)))  # then removed by the officer
    crs.save_settings(db, crs.load_settings(db))
    assert DECISION_RULE_KEY not in _keys(crs.load_settings(db).rules)
