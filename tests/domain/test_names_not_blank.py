"""A name (or any required text) made only of characters that print as nothing (a zero-width
joiner, a Hangul filler, a blank braille pattern, a combining mark alone) is no name: "Name is
required", as for a zero-width space. Joiners inside a name with letters are kept."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.validation import Checker, ValidationError, clean_names, clean_text, one_line, shows_nothing

BLANK_LOOKING = [
    "\u200d",  # zero-width joiner
    "\u3164",  # Hangul filler
    "\u200c",  # zero-width non-joiner
    "\u034f",  # combining grapheme joiner
    "\u2800",  # braille pattern blank
    "\u115f",  # Hangul choseong filler
    "\u1160",  # Hangul jungseong filler
    "\uffa0",  # halfwidth Hangul filler
    "\u180e",  # Mongolian vowel separator
    "\u2060",  # word joiner
    "\u0301",  # a combining accent with no letter
    "\ufe0f",  # a variation selector
    "\u200d\u3164 \u2800\u200c",
    " \u3000\u200d\t",
]


@pytest.mark.parametrize("text", BLANK_LOOKING)
def test_a_name_that_prints_as_nothing_is_required(text):
    assert shows_nothing(text)
    assert clean_text(text) == "" and one_line(text) == ""
    c = Checker()
    assert c.name("name", text, "Name") == ""
    assert c.errors == {"name": "Name is required"}
    c = Checker()
    c.required("title", f" {text} ", "Course title")
    assert c.errors == {"title": "Course title is required"}
    assert clean_names([text, "Neglect"]) == ["Neglect"]


def test_joiners_inside_names_with_letters_are_kept():
    for name in ("Mehr\u200cnaz Sha\u200dh", "क्\u200dष", "ශ්\u200dරී", "\u3164Kim", "Zoë"):
        assert not shows_nothing(name)
        c = Checker()
        assert c.name("name", name, "Name") == name and not c.errors
    assert clean_text("a\u200db") == "a\u200db"


@pytest.mark.slow
def test_a_person_or_organisation_named_with_invisible_characters_alone_is_not_saved(db):
    from bscp_desktop.domain.memberships import OrganisationKind
    from bscp_desktop.services import memberships as ms

    for text in ("\u200d", "\u3164", "\u2800\u200c"):
        with pytest.raises(ValidationError) as err:
            ms.create_person(db, ms.PersonFields(text))
        assert err.value.errors.get("name") == "Name is required"
        with pytest.raises(ValidationError) as err:
            ms.create_organisation(db, ms.OrganisationFields(text, OrganisationKind.OTHER))
        assert err.value.errors.get("name", "").endswith("is required")
    assert ms.list_people(db) == [] and ms.list_organisations(db) == []


@pytest.mark.slow
def test_an_import_of_people_named_with_invisible_characters_alone_is_refused(db, tmp_path):
    from bscp_desktop.importers import ImportRejected, run_import
    from bscp_desktop.services import memberships as ms

    path = tmp_path / "people.csv"
    path.write_text("Name,Job title\n\u200d,Officer\n\u3164,Manager\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as err:
        run_import(db, "people", path)
    assert err.value.report.bad_rows == ["Row 2: Name is required.", "Row 3: Name is required."]
    assert ms.list_people(db) == []
