"""A setting changed for the first time: the change history shows the change from the default
that was in force until then, not from nothing."""

from __future__ import annotations

import dataclasses

from bscp_desktop.services import case_review_settings as crs
from bscp_desktop.services import history as hs
from bscp_desktop.services.settings import put_setting_in, setting_in


def _settings_rows(db) -> list[hs.ChangeDTO]:
    return [c for c in hs.change_page(db, hs.ChangeQuery(area="settings")).rows]


def test_the_first_change_of_a_deadline_shows_the_default_it_replaced(db):
    now = crs.load_settings(db)
    rules = tuple(dataclasses.replace(r, amount=20) if r.key == "rapid_review" else r for r in now.rules)
    crs.save_settings(db, dataclasses.replace(now, rules=rules, themes=("Neglect",)))
    rows = {(c.field, c.action): c for c in _settings_rows(db)}
    rules_changed = rows[(crs.RULES_SETTING, "update")]
    rapid = "Rapid review sent to the Panel: {} working days after notification sent"
    assert rapid.format(15) in rules_changed.old_text.split("; ")
    assert rapid.format(20) in rules_changed.new_text.split("; ")
    assert rows[(crs.THEMES_SETTING, "update")].old_text.startswith("Domestic abuse; Neglect; Abusive head trauma")
    assert rows[(crs.THEMES_SETTING, "update")].new_text == "Neglect"
    # a setting saved as its default changed nothing: it is added once, as it was in force
    assert [(c.action, c.new_text) for c in _settings_rows(db) if c.field == crs.PREFIX_SETTING] == [("insert", "BSCP")]
    assert crs.load_settings(db).rules == rules


def test_a_setting_kept_with_its_default_keeps_the_default_first_only_the_first_time(db):
    with db.unit_of_work() as session:
        put_setting_in(session, "example.days", 20, default=15)
    with db.unit_of_work() as session:
        put_setting_in(session, "example.days", 25, default=15)
        assert setting_in(session, "example.days") == 25
    assert [(c.action, c.old_text, c.new_text) for c in _settings_rows(db)] == [
        ("update", "20", "25"), ("update", "15", "20"), ("insert", "", "15")]
