"""Team settings kept as lists and names: themes and course topics keep at least one, and the
partnership's name is saved on one line as page footers print it."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.validation import ValidationError
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import settings as team_settings
from bscp_desktop.services.training import settings as st


def test_case_review_themes_cannot_all_be_taken_off(db):
    before = cr.load_settings(db)
    for themes in ((), ("  ", "")):
        with pytest.raises(ValidationError) as refused:
            cr.save_settings(db, cr.CaseReviewSettings(themes=themes))
        assert refused.value.errors == {"themes": "Keep at least one theme"}
    assert cr.load_settings(db).themes == before.themes
    long = "x" * 101
    with pytest.raises(ValidationError) as refused:
        cr.save_settings(db, cr.CaseReviewSettings(themes=("Neglect", long)))
    assert refused.value.errors["themes"].startswith("The theme 'xxx")


def test_training_topics_cannot_all_be_taken_off(db):
    before = st.load_settings(db)
    with pytest.raises(ValidationError) as refused:
        st.save_settings(db, st.TrainingSettings((" ",), 3))
    assert refused.value.errors == {"topics": "Keep at least one course topic"}
    with pytest.raises(ValidationError) as refused:
        st.save_all(db, st.TrainingSettings((), 3), [])
    assert refused.value.errors == {"topics": "Keep at least one course topic"}
    assert st.load_settings(db) == before
    saved, _changed = st.save_settings(db, st.TrainingSettings(("Neglect",), 3))
    assert saved.topics == ("Neglect",)


def test_the_partnership_name_is_one_line_without_control_characters(db):
    saved = team_settings.set_partnership_name(db, "  Brent \t Safeguarding\x07  Children\nPartnership ")
    assert saved == "Brent Safeguarding Children Partnership"
    assert team_settings.partnership_name(db) == saved
    for blank in ("\t\x07 ", "\u200b"):
        with pytest.raises(ValidationError) as refused:
            team_settings.set_partnership_name(db, blank)
        assert refused.value.errors == {"partnership_name": "The partnership's name is required"}
    assert team_settings.partnership_name(db) == saved
