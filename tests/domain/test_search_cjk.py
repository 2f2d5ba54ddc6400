"""Chinese and Japanese are written without spaces (and Korean joins its endings to a word): a
word inside a longer run ("高中" of "金斯伯里高中") was not found, as only the start of the
run was a word's start. Each character is now a word of its own where text is searched."""

from __future__ import annotations

import pytest

from bscp_desktop.domain import search
from bscp_desktop.domain.search import finds_every_term, fold, matches_text, search_terms, snippet

SCHOOL = "金斯伯里高中 Kingsbury High School"


def found_everywhere(typed: str, text: str) -> bool:
    """Whether what was typed finds the text by the rule of a database without the index, and
    of a list's own search box; they must agree."""
    by_words = matches_text(search_terms(typed), text)
    assert finds_every_term(typed)(fold(text)) is by_words, typed
    return by_words


@pytest.mark.parametrize("typed", ["高中", "金斯伯里", "斯伯", "里高中", "高", "高中 Kingsbury", "Kingsbury 高中"])
def test_a_word_of_chinese_is_found_anywhere_in_its_run(typed):
    assert found_everywhere(typed, SCHOOL)


@pytest.mark.parametrize("typed", ["中高", "高校", "伯金"])
def test_the_characters_are_found_only_in_the_order_typed(typed):
    assert not found_everywhere(typed, SCHOOL)


def test_several_characters_are_a_phrase_of_single_characters():
    assert search.searched_terms(search_terms("高中")) == ["高 中"]
    assert search.fts5_query(search.searched_terms(search_terms("金斯伯里 High"))) == \
        '"金" + "斯" + "伯" + "里" AND "high"*'
    assert search_terms("高中") == ["高中"]  # shown as typed
    assert search_terms("Kingsbury 高") == ["kingsbury", "高"]  # a character is a word, not a name's letter


def test_japanese_and_korean_are_found_inside_a_run():
    assert found_everywhere("がっこう", "私立がっこうです")  # kana with a voicing mark
    assert not found_everywhere("か", "が")  # ka is not ga
    assert found_everywhere("시에서", "서울시에서 만나요")
    assert not found_everywhere("서시", "서울시에서 만나요")


def test_the_passage_marks_the_run_holding_the_word_found():
    assert snippet(SCHOOL, search_terms("高中")) == "[金斯伯里高中] Kingsbury High School"
    assert snippet(SCHOOL, search_terms("高中 school")) == "[金斯伯里高中] Kingsbury High [School]"
    assert snippet("会议 about 高中 today", search_terms("高中")) == "会议 about [高中] today"


def test_other_scripts_are_left_as_they_are():
    for text in ("லியோன் பார்க் தொடக்கப் பள்ளி", "مؤسسة الرعاية (خدمة المراقبة)", "Société Générale", "प्रिया शर्मा"):
        assert search.apart(fold(text)) == fold(text)
    assert found_everywhere("பள்ளி", "லியோன் பார்க் தொடக்கப் பள்ளி")
    assert found_everywhere("خدمة", "مؤسسة الرعاية (خدمة المراقبة)")
    assert found_everywhere("Societe", "Société Générale")
