"""No silent overwrite of team settings: two officers (two connections to one file) open the
same settings; the first saves a change, then a save from what the second read is refused,
naming who changed which setting and when, and nothing of it is written."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date

import pytest

from bscp_desktop.db.database import Database
from bscp_desktop.domain.validation import RecordChanged
from bscp_desktop.services import audits
from bscp_desktop.services import case_review_settings as crs
from bscp_desktop.services import finance as fin
from bscp_desktop.services import settings as team
from bscp_desktop.services.settings import SettingsChanged
from bscp_desktop.services.training import settings as st

CLOSURE = crs.ClosureDay(date(2026, 12, 29), "Council closure")


def test_a_case_review_settings_save_from_before_another_officers_closure_day_is_refused(db, theirs):
    mine, jane = crs.load_settings(db), crs.load_settings(theirs)  # both open Case review settings
    crs.save_settings(theirs, replace(jane, closures=jane.closures + (CLOSURE,)))
    with pytest.raises(RecordChanged) as refused:
        crs.save_settings(db, replace(mine, themes=mine.themes + ("Radicalisation",)))
    text = str(refused.value)
    assert text.startswith("Jane Smith changed the setting “Local closure days” on ")
    assert "after you opened the settings" in text and "not been saved" in text
    assert refused.value.changed_at is not None
    assert [(c.field, c.label, c.theirs, c.changed_by) for c in refused.value.settings] == [
        ("closures", "Local closure days", "29/12/2026 Council closure", "Jane Smith")]
    assert refused.value.settings[0].yours == "None"  # the user's closure days: none, said so
    now = crs.load_settings(db)
    assert now.closures == (CLOSURE,) and "Radicalisation" not in now.themes  # Jane's kept, nothing of mine written
    # from the settings as saved now, the save goes through and keeps both
    saved = crs.save_settings(db, replace(now, themes=now.themes + ("Radicalisation",)))
    assert saved.closures == (CLOSURE,) and saved.themes[-1] == "Radicalisation"


def test_two_settings_changed_since_are_both_named_with_the_last_change(db, theirs):
    mine, jane = crs.load_settings(db), crs.load_settings(theirs)
    crs.save_settings(theirs, replace(jane, reference_prefix="SCR", closures=(CLOSURE,)))
    with pytest.raises(SettingsChanged) as refused:
        crs.save_settings(db, mine)  # even a save changing nothing would put back what was read
    assert {c.field for c in refused.value.settings} == {"reference_prefix", "closures"}
    assert "the settings “" in str(refused.value) and "” and “" in str(refused.value)
    assert crs.load_settings(db).reference_prefix == "SCR"


def test_two_dialogs_of_one_officer_on_one_file_do_not_overwrite_each_other(db):
    db.user = "Tom Okafor"
    first, second = crs.load_settings(db), crs.load_settings(db)
    crs.save_settings(db, replace(first, closures=(CLOSURE,)))
    with pytest.raises(SettingsChanged, match="^Tom Okafor changed the setting “Local closure days”"):
        crs.save_settings(db, replace(second, themes=second.themes + ("Radicalisation",)))
    assert crs.load_settings(db).closures == (CLOSURE,)


def test_settings_not_read_by_a_dialog_are_saved_as_before(db, theirs):
    crs.save_settings(theirs, replace(crs.load_settings(theirs), closures=(CLOSURE,)))
    assert crs.save_settings(db, crs.CaseReviewSettings(reference_prefix="RR")).reference_prefix == "RR"
    team.set_partnership_name(theirs, "Brent Safeguarding Children Partnership")
    assert team.set_partnership_name(db, "Harrow Safeguarding Children Partnership").startswith("Harrow")


def test_every_area_refuses_a_save_from_settings_changed_since(db, theirs):
    # Training: topics and notice
    mine, jane = st.load_settings(db), st.load_settings(theirs)
    st.save_settings(theirs, replace(jane, late_cancellation_days=7), today=date(2024, 12, 5))
    with pytest.raises(SettingsChanged, match="“Notice for a late cancellation”"):
        st.save_all(db, replace(mine, topics=("Neglect",)), [])
    assert st.load_settings(db).late_cancellation_days == 7 and st.load_settings(db).topics != ("Neglect",)
    # Audits: themes, questions, prefix
    mine, jane = audits.load_settings(db), audits.load_settings(theirs)
    audits.save_settings(theirs, replace(jane, reference_prefix="CA"))
    with pytest.raises(SettingsChanged, match="“Reference prefix”"):
        audits.save_settings(db, replace(mine, themes=("Neglect",)))
    assert audits.load_settings(db).reference_prefix == "CA"
    # Finance: when an invoice is overdue
    mine, jane = fin.load_settings(db), fin.load_settings(theirs)
    fin.save_settings(theirs, replace(jane, overdue_days=45))
    with pytest.raises(SettingsChanged, match="Days before an unpaid invoice is overdue"):
        fin.save_settings(db, replace(mine, overdue_days=60))
    assert fin.load_settings(db).overdue_days == 45
    # The partnership's name
    opened = team.opened_settings(db, (team.PARTNERSHIP_NAME_KEY,))
    team.set_partnership_name(theirs, "Brent Safeguarding Children Partnership")
    with pytest.raises(SettingsChanged, match="“The partnership's name”"):
        team.set_partnership_name(db, "Harrow Safeguarding Children Partnership", opened)
    assert team.partnership_name(db) == "Brent Safeguarding Children Partnership"


@pytest.mark.slow
def test_two_saves_at_one_moment_on_a_team_database_take_turns_and_the_second_is_refused(pg_db):
    """The first save holds the settings it checked until it commits: the second waits, then
    finds the first's closure day and is refused."""
    pg_db.user = "Amara Okoye"
    other = Database.open_target(pg_db.url)
    other.user = "Ben Carter"
    mine, bens = crs.load_settings(pg_db), crs.load_settings(other)
    failed: list[BaseException] = []

    def ben_saves():
        try:
            crs.save_settings(other, replace(bens, themes=bens.themes + ("Radicalisation",)))
        except BaseException as exc:  # noqa: BLE001 - looked at by the test
            failed.append(exc)

    try:
        with pg_db.unit_of_work() as session:
            puts = [team.SettingPut(crs.CLOSURES_SETTING, [{"date": "2026-12-29", "reason": "Council closure"}],
                                    "closures", "Local closure days", sort_keys=False)]
            team.put_settings_in(session, puts, mine.opened)
            thread = threading.Thread(target=ben_saves)
            thread.start()
            time.sleep(0.5)
            assert thread.is_alive(), "the second save did not wait"
        thread.join(30)
        assert not thread.is_alive()
        assert len(failed) == 1 and isinstance(failed[0], SettingsChanged), failed
        assert str(failed[0]).startswith("Amara Okoye changed the setting “Local closure days”")
        now = crs.load_settings(pg_db)
        assert now.closures == (CLOSURE,) and "Radicalisation" not in now.themes
    finally:
        other.close()
