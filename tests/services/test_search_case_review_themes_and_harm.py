"""Search finds a case review by its themes and by its harm: "When did we last discuss
neglect?" missed a case themed "Neglect; Domestic abuse" and one whose harm is Neglect, and
"Voice of the child" found only a recommendation, not the cases themed so. Found on a file (with
and without its full-text index) and on a team database; a theme renamed or taken off a case
later is found by its new name only; a file indexed by an earlier version gains them on opening."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from bscp_desktop.db import search as index
from bscp_desktop.db.database import Database
from bscp_desktop.db.models.case_reviews import CaseReview
from bscp_desktop.domain.case_reviews import Harm, IncidentType
from bscp_desktop.services import case_reviews as cr
from bscp_desktop.services import search as finder
from tests.services.test_search_typed_forms import drop_the_index

THEMED = cr.CaseReviewFields("Child A", IncidentType.SERIOUS_HARM, date(2024, 1, 8),
                             themes=("Neglect", "Domestic abuse", "Voice of the child"))
HARMED = cr.CaseReviewFields("Child B", IncidentType.DEATH, date(2023, 6, 2), harm=Harm.NEGLECT)
NEITHER = cr.CaseReviewFields("Child C", IncidentType.SERIOUS_HARM, date(2022, 3, 1), harm=Harm.ABUSE,
                              themes=("Exploitation",))


def _cases(db) -> tuple[int, int, int]:
    return tuple(cr.create_case_review(db, fields).id for fields in (THEMED, HARMED, NEITHER))


def found(db, typed: str) -> list[tuple[str, int]]:
    return [(h.table, h.record_id) for h in finder.search(db, typed, area="case-reviews").hits]


@pytest.mark.both_engines  # on the test server the search reads the records themselves
def test_a_case_is_found_by_its_themes_and_its_harm(db):
    themed, harmed, neither = _cases(db)
    for dropped in (False, True) if db.engine.dialect.name == "sqlite" else (False,):
        if dropped:  # a file without the full-text index: searched by reading the records
            drop_the_index(db)
        assert found(db, "neglect") == [("case_review", themed), ("case_review", harmed)]
        assert found(db, "When did we last discuss neglect?") == [("case_review", themed), ("case_review", harmed)]
        assert found(db, "Domestic abuse") == [("case_review", themed)]
        assert found(db, "Voice of the child") == [("case_review", themed)]
        assert found(db, "exploitation") == [("case_review", neither)]
        assert found(db, "abuse") == [("case_review", themed), ("case_review", neither)]  # a theme, a harm


@pytest.mark.both_engines
def test_a_case_found_by_its_harm_opens_as_other_case_hits_and_shows_the_harm_as_the_case_does(db):
    _themed, harmed, _neither = _cases(db)
    hit = next(h for h in finder.search(db, "neglect", area="case-reviews").hits if h.record_id == harmed)
    assert (hit.kind, hit.open_kind, hit.open_id, hit.detail_id) == ("Case review", "case_review", harmed, None)
    assert hit.title == "Child B" and hit.record.startswith("Case BSCP-2023-")
    assert "[Neglect]" in hit.snippet  # the harm as the case shows it, not as it is stored


def test_a_theme_renamed_or_taken_off_later_is_found_by_its_new_name_only(db):
    themed, harmed, neither = _cases(db)
    settings = cr.load_settings(db)
    themes = tuple("Intimate partner violence" if t == "Domestic abuse" else t for t in settings.themes)
    saved = cr.save_settings(db, dataclasses.replace(settings, themes=themes),
                             renamed={"Domestic abuse": "Intimate partner violence"})
    assert saved.cases_renamed == 1
    assert found(db, "domestic") == []
    assert found(db, "partner violence") == [("case_review", themed)]
    cr.update_case_review(db, neither, dataclasses.replace(NEITHER, themes=("Online harm",)))
    assert found(db, "exploitation") == []
    assert found(db, "online harm") == [("case_review", neither)]
    cr.update_case_review(db, themed, dataclasses.replace(THEMED, themes=()))
    assert found(db, "neglect") == [("case_review", harmed)]
    assert found(db, "voice child") == []


def test_a_case_whose_harm_changes_is_found_by_the_new_harm(db):
    _themed, harmed, _neither = _cases(db)
    cr.update_case_review(db, harmed, dataclasses.replace(HARMED, harm=Harm.OTHER))
    assert ("case_review", harmed) not in found(db, "neglect")
    assert found(db, "other") == [("case_review", harmed)]


@pytest.fixture
def earlier_declaration(monkeypatch):
    """The case review declared as an earlier version indexed it: without its themes and harm."""
    def forget() -> None:
        for cached in (index.searchable_models, index._gatherers, index._dependency_map):
            cached.cache_clear()

    def declare(spec) -> None:
        monkeypatch.setattr(CaseReview, "__searchable__", spec)
        forget()

    yield declare
    monkeypatch.undo()
    forget()


def test_a_file_indexed_by_an_earlier_version_finds_themes_and_harm_once_opened(db_path, db, earlier_declaration):
    themed, harmed, _neither = _cases(db)
    now = CaseReview.__searchable__
    earlier_declaration(dataclasses.replace(now, fields=now.fields[:-1], gathered=(), labelled=()))
    with db.engine.begin() as conn:
        index.rebuild(conn)
    assert found(db, "neglect") == []  # as the earlier version left the file
    db.close()
    earlier_declaration(now)
    with Database.open(db_path) as reopened:
        assert found(reopened, "neglect") == [("case_review", themed), ("case_review", harmed)]
