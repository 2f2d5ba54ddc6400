"""What is typed into the search box, as words and phrases to look for (pure Python)."""

from __future__ import annotations

import pytest

from bscp_desktop.domain.search import fts5_query, matches_text, search_terms, snippet


@pytest.mark.parametrize(("typed", "terms"), [
    ("Child A", ["child a"]),
    ("child a", ["child a"]),
    ('"Child A"', ["child a"]),
    ("\u201cChild A\u201d", ["child a"]),
    ("When did we discuss Child A?", ["child a"]),
    ("child a, child b", ["child a", "child b"]),
    ("Child A review", ["child a", "review"]),
    ("Plan B for neglect", ["plan b", "neglect"]),
    ('"graded care profile" neglect', ["graded care profile", "neglect"]),
    # the article and the pronoun inside a sentence stay small words
    ("Did we agree a plan for neglect?", ["agree", "plan", "neglect"]),
    ("Where is the report I wrote on neglect", ["report", "wrote", "neglect"]),
    ("When did we last discuss neglect?", ["neglect"]),
    ("A child", ["child"]),
    ("Standard 3", ["standard", "3"]),
    ('neglect AND "toolkit" OR (x*)', ["neglect", "toolkit", "x"]),
])
def test_a_letter_after_a_word_and_quoted_words_are_phrases(typed, terms):
    assert search_terms(typed) == terms


def test_a_phrase_is_its_words_one_straight_after_another():
    assert fts5_query(["child a", "neglect"]) == '"child"* + "a" AND "neglect"*'
    assert fts5_query(["graded care"]) == '"graded"* + "care"*'
    assert matches_text(["child a"], "Review of Child A.")
    assert matches_text(["child a"], "Learning from Child-A")
    assert not matches_text(["child a"], "A child was seen by a health visitor")
    assert matches_text(["neglect strat"], "the neglected strategy")


def test_a_phrase_found_is_shown_in_brackets_and_not_its_words_elsewhere():
    assert snippet("A child was seen. Review of Child A was held.", ["child a"]) == \
        "A child was seen. Review of [Child] [A] was held."
    assert snippet("A child was seen.", ["child a"]) is None


def test_accents_and_case_are_folded_alike_in_the_text_and_the_words_typed():
    from bscp_desktop.domain.search import fold

    assert fold("Łukasz Żółć, Nguyễn Văn Đức, Özlem Yılmaz, İbrahim, Anja Strauß") == \
        "lukasz zolc, nguyen van duc, ozlem yilmaz, ibrahim, anja strauss"
    assert search_terms("Strauß") == ["strauß"]  # shown as typed; folded where it is looked for
    assert matches_text(search_terms("Strauss"), "Anja Strauß") and matches_text(search_terms("Jose"), "José")
    assert matches_text(["brien"], "Zoë O'Brien") and matches_text(["lukasz"], "Łukasz")
    assert snippet("Met Anja Strauß at the Großer Saal", ["strauss", "großer"]) == \
        "Met Anja [Strauß] at the [Großer] Saal"


def test_format_characters_are_not_part_of_a_word_and_a_zero_width_space_separates_two():
    from bscp_desktop.domain.search import fold

    assert fold("PLATY\u00adPUS") == "platypus"  # a soft hyphen, pasted from a document
    assert fold("safe\u2060guard\u200dING\u200c\ufeff") == "safeguarding"  # joiners, a byte order mark
    assert fold("\u200fwombat\u200bkangaroo") == "wombat kangaroo"  # a direction mark; a zero-width space
    assert search_terms("platy\u00adpus") == ["platypus"]
    assert matches_text(["platypus"], "Concerns about PLATY\u00adPUS") and not matches_text(["pus"], "PLATY\u00adPUS")
    assert matches_text(["kangaroo"], "WOMBAT\u200bKANGAROO")
    assert snippet("Concerns about PLATY\u00adPUS here", ["platypus"]) == "Concerns about [PLATY\u00adPUS] here"


@pytest.mark.parametrize("name", ["प्रिया शर्मा", "ગીતા પટેલ", "ஸ்ரீநிவாசன் ராமன்"])
def test_a_name_in_hindi_gujarati_or_tamil_is_words_not_letters(name):
    """"प्रिया" was cut into the letters प, र and य (its vowel signs and virama read as breaks)
    and found nothing, typed exactly as saved: a word's marks are part of it, and kept."""
    from bscp_desktop.domain.search import fold

    first, last = name.split(" ")
    assert search_terms(name) == [first, last] and fold(name) == name
    assert fts5_query(search_terms(first)) == f'"{first}"*'
    assert matches_text(search_terms(first), name) and matches_text(search_terms(last), name)
    assert matches_text(search_terms(first[:4]), name)  # the start of the word, as typed
    assert snippet(f"Met {name} today", search_terms(last)) == f"Met {first} [{last}] today"


def test_the_marks_of_an_indic_letter_stay_where_accents_on_latin_letters_fold_away():
    from bscp_desktop.domain.search import fold

    assert not matches_text(search_terms("पर"), "प्रिया")  # "pra" with a virama is not "para"
    assert not matches_text(search_terms("शरम"), "शर्मा")
    assert fold("José Łukasz Nguyễn") == "jose lukasz nguyen"
    assert matches_text(search_terms("प्र\u200dिया"), "प्रिया")  # a joiner inside a word is no break
    assert search_terms("ગી\u200cતા") == ["ગીતા"]


@pytest.mark.parametrize(("typed", "terms"), [
    ("BSCP-2022-01", ["bscp 2022 01"]),
    ("14/03/2024", ["14 03 2024"]),
    ("SCR_2023_01", ["scr 2023 01"]),
    ("ref 2023.01", ["ref", "2023 01"]),
    ("Executive Group, 21/03/2024.", ["executive", "group", "21 03 2024"]),
    ("North-West London", ["north west", "london"]),
    ("Child-A's review", ["child a", "review"]),
    ("A&E", ["a e"]),
])
def test_words_joined_with_no_space_are_one_phrase(typed, terms):
    """"BSCP-2022-01" was the words bscp, 2022 and 01, each found anywhere: the other cases of
    2022 came first. Words joined by -, /, _ or . with no space are looked for together, in order."""
    assert search_terms(typed) == terms
    written = typed.rstrip(".").split(" ")[-1]
    assert matches_text(search_terms(written), f"Notes on {written} here")


def test_a_joined_reference_or_date_does_not_find_another():
    assert not matches_text(search_terms("BSCP-2022-01"), "BSCP-2023-01 (2022, item 01)")
    assert not matches_text(search_terms("14/03/2024"), "Course 14 (21/03/2024)")
    assert matches_text(search_terms("14/03/2024"), "Forum held 14/03/2024")
    assert matches_text(search_terms("14/03/2024"), "Forum held 14.03.2024")


def test_a_lists_search_box_reads_what_was_typed_by_the_same_rule_as_every_search():
    from bscp_desktop.domain.search import finds_every_term, fold

    def found(typed: str, text: str) -> bool:
        return finds_every_term(typed)(fold(text))

    assert found("Child B", "BSCP-2023-01 Child B") and not found("Child B", "BSCP-2024-01 Child D")
    assert found("BSCP-2024-01", "bscp-2024-01 child d") and not found("BSCP-2024-01", "BSCP-2024-02 01/02/2024")
    assert found("A&E", "Northwick Park A&E") and not found("A&E", "St Mary's emergency department")
    assert found("14/03/2024", "Meeting 14/03/2024") and not found("14/03/2024", "Meeting 03/12/2024 item 14")
    assert found("Police Metropolitan", "Metropolitan Police") and found("Metro", "Metropolitan Police")
    assert not found("politan", "Metropolitan Police") and not found("B", "BSCP-2023-01 Child D")
    assert found("Jose", "José Łukasz") and found("LUKASZ jose", "José Łukasz") and found("Żółć", "Anna Zolc")
    assert found("प्रि", "प्रिया शर्मा") and not found("रिया", "प्रिया शर्मा")  # a mark is part of its word
    assert found("£", "Cost £120") and not found("£", "Cost 120") and found("", "anything")


@pytest.mark.timeout(30)  # read in 2**60 ways it would never end: the run stops with this test's stack
def test_a_long_run_of_combining_marks_is_read_at_once_typed_or_in_a_text():
    """Sixty accents pasted after a letter, or stress marks after a Hindi word in saved notes:
    each run of marks is read one way only."""
    from bscp_desktop.domain.search import finds_every_term

    typed = "e" + "\u0301" * 60
    assert len(search_terms(typed)) == 1
    assert search_terms(typed + " neglect")[-1] == "neglect"
    text = "notes: " + "\u0915" + "\u0951\u0952" * 30 + " kind neglect"
    assert finds_every_term("kind neglect")(text)
    assert not finds_every_term("kind a")(text)
    assert "neglect" in snippet(text, ["neglect"])
