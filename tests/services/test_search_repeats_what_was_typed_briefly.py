"""A search that finds nothing repeats what was typed, in the window and on the command line
alike: each word kept short and, of a pasted run of thousands, the first twenty words. Before,
the command line echoed the whole of a 20,000-word query."""

from __future__ import annotations

from bscp_desktop.services import search as finder


def test_a_long_run_typed_is_repeated_in_its_first_words(db):
    result = finder.search(db, " ".join(f"word{n}" for n in range(20_000)))
    assert result.hits == ()
    assert result.typed == " ".join(f"word{n}" for n in range(20)) + " …"


def test_a_short_search_is_repeated_as_typed_each_word_kept_short(db):
    result = finder.search(db, "Neglect  21/3/2024 " + "a" * 100)
    assert result.typed == "Neglect 21/3/2024 " + "a" * 39 + "…"
