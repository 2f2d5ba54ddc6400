"""The first change of a team setting in each area: the change history shows the change from
the default that was in force until then, not from a blank."""

from __future__ import annotations

from datetime import date

from bscp_desktop.domain.audits import DEFAULT_AUDIT_THEMES
from bscp_desktop.domain.meetings import ATTENDANCE_THRESHOLD_SETTING, DEFAULT_ATTENDANCE_THRESHOLD, UNCOUNTED_KINDS_SETTING, MeetingKind
from bscp_desktop.domain.training import DEFAULT_LATE_CANCELLATION_DAYS, DEFAULT_TOPICS
from bscp_desktop.services import attendance_monitoring as at
from bscp_desktop.services import audits
from bscp_desktop.services import history as hs
from bscp_desktop.services.training import settings as st


def _changes(db, key: str) -> list[tuple[str, str, str]]:
    """(action, old, new) of one setting's changes, newest first."""
    rows = hs.change_page(db, hs.ChangeQuery(area="settings")).rows
    return [(c.action, c.old_text, c.new_text) for c in rows if c.field == key]


def test_the_first_change_of_the_training_topics_and_notice_shows_the_defaults(db):
    st.save_settings(db, st.TrainingSettings(topics=("Neglect",), late_cancellation_days=5), today=date(2024, 12, 5))
    assert _changes(db, st.TOPICS_SETTING)[0] == ("update", "; ".join(DEFAULT_TOPICS), "Neglect")
    assert _changes(db, st.LATE_DAYS_SETTING) == [
        ("update", str(DEFAULT_LATE_CANCELLATION_DAYS), "5"), ("insert", "", str(DEFAULT_LATE_CANCELLATION_DAYS))]
    assert st.load_settings(db) == st.TrainingSettings(topics=("Neglect",), late_cancellation_days=5)


def test_the_first_change_of_the_audit_themes_and_prefix_shows_the_defaults(db):
    now = audits.load_settings(db)
    audits.save_settings(db, audits.AuditSettings(("Neglect",), now.questions, "CA"))
    themes = _changes(db, audits.THEMES_SETTING)
    assert themes[0] == ("update", "; ".join(DEFAULT_AUDIT_THEMES), "Neglect")
    assert _changes(db, audits.PREFIX_SETTING) == [
        ("update", audits.DEFAULT_PREFIX, "CA"), ("insert", "", audits.DEFAULT_PREFIX)]


def test_the_first_change_of_the_attendance_threshold_and_kinds_shows_the_defaults(db):
    at.set_threshold(db, 60)
    assert _changes(db, ATTENDANCE_THRESHOLD_SETTING) == [
        ("update", str(DEFAULT_ATTENDANCE_THRESHOLD), "60"), ("insert", "", str(DEFAULT_ATTENDANCE_THRESHOLD))]
    at.set_uncounted_kinds(db, [MeetingKind.RAPID_REVIEW])
    assert _changes(db, UNCOUNTED_KINDS_SETTING) == [
        ("update", "rapid_review; workshop", "rapid_review"), ("insert", "", "rapid_review; workshop")]
    assert at.get_threshold(db) == 60 and at.get_uncounted_kinds(db) == frozenset({MeetingKind.RAPID_REVIEW})

