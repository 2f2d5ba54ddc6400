"""Text that needs no cleaning (most cells of an import, most names typed) is passed on as it
is: each quick path gives exactly what the full cleaning gives, so a name, an address or a note
is saved and matched the same whichever way it went."""

from __future__ import annotations

import random
import sys
import unicodedata

import pytest

from bscp_desktop.domain import validation
from bscp_desktop.domain.validation import clean_email, clean_text, email_problem, one_line, shows_nothing, without_invisible

#: Characters a pasted or exported cell may hold: letters with and without accents, separate
#: accents, scripts that need joiners, spaces of every kind, controls, invisible characters,
#: direction marks and overrides, Hangul fillers, noncharacters and emoji.
POOL = ("aZ9 .,'-@" "éëñøßİı" "\u0301\u0308\u0323\u0300" "ọ" "\u1100\u1161\uac00" "金斯" "محمد" "שרה" "प्रि"
        "\u00a0\u2007\u3000\t\n\r\x0b\x0c\x85\u2028\u2029" "\x00\x07\x1f\x7f\x9f"
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202e\u2066\u2069"
        "\u3164\u115f\u1160\uffa0\u2800" "\ufdd0\ufffe\uffff" "\U0001f600\U000e0100")

SAMPLES = [
    "", " ", "Ann Lee", "  Ann Lee  ", "Person 12 Adébáyọ̀", "Zoë", "Zoe\u0308", " Zoë ", "\u3164", " \u3164 ",
    "\u0301", "\u0301e", "a\u200db", "\u200dx", "Ali \u2067محمد\u2069 Khan", "金斯伯里高中", "प्रिया",
    "Brent Coun\u200bcil", "Ann\u00a0Lee", "Ann Lee\u00a0", "e\x00\u0301", "\U0001f600 party", "Line one\nLine two",
    "\ufeffName", "x\ufffe", "\u2800", "1st", "½ day", "Ⅻ", "ǅemal", "ʰ",
]


def _random_texts(count: int) -> list[str]:
    pick = random.Random(20250407)
    return ["".join(pick.choice(POOL) for _ in range(pick.randint(0, 8))) for _ in range(count)]


@pytest.mark.parametrize("text", SAMPLES)
def test_each_sample_is_cleaned_as_every_step_would_clean_it(text):
    assert clean_text(text) == validation._cleaned(text)


def test_text_of_any_characters_is_cleaned_as_every_step_would_clean_it():
    for text in _random_texts(20_000):
        assert clean_text(text) == validation._cleaned(text), ascii(text)


def test_a_letter_or_digit_first_always_shows():
    """`shows_nothing` answers at once for text starting with a letter or a digit: no such
    character is one that prints as nothing (the Hangul fillers, letters drawn blank, aside)."""
    for point in range(sys.maxunicode + 1):
        character = chr(point)
        if character.isalnum() and character not in validation._BLANK_LETTERS:
            assert unicodedata.category(character) not in validation._NOTHING_SHOWN, hex(point)
    assert shows_nothing("\u3164") and shows_nothing("\u3164\u3164") and not shows_nothing("\u3164x")
    assert shows_nothing("\u0301") and not shows_nothing("Zoë")


def test_text_that_prints_whole_holds_nothing_the_cleaning_takes_out():
    """What the quick paths rely on: every white space but the plain space, every invisible
    character a name drops, and every character the cleaning drops does not print."""
    for point in range(sys.maxunicode + 1):
        character = chr(point)
        if not character.isprintable():
            continue
        assert not character.isspace() or character == " ", hex(point)
        assert unicodedata.category(character) != "Cf", hex(point)
        assert validation._CONTROL.match(character) is None, hex(point)
    assert not any(chr(point).isascii() or chr(point).isprintable() for point in validation._NOTHING_IN_A_NAME)


def test_names_on_one_line_are_cleaned_as_before():
    for text in [*SAMPLES, *_random_texts(5_000)]:
        expected = " ".join(validation._cleaned(text.translate(validation._NOTHING_IN_A_NAME)).split())
        assert without_invisible(text) == text.translate(validation._NOTHING_IN_A_NAME)
        assert one_line(text) == expected, ascii(text)


def test_an_address_holding_an_invisible_character_or_an_odd_space_is_still_named():
    assert "invisible character (U+200B" in email_problem("pat\u200b.lee@brent.gov.uk")
    assert "holds a space (U+00A0 no-break space)" in email_problem("pat\u00a0lee@brent.gov.uk")
    assert "holds a space (U+2007" in email_problem("pat\u2007lee@brent.gov.uk")
    assert email_problem("pat.lee@brent.gov.uk") == ""
    assert email_problem(clean_email(" mailto:Pat.Lee@Brent.gov.uk ")) == ""
    assert email_problem("pat lee@brent.gov.uk") == ("Email 'pat lee@brent.gov.uk' is not a valid email address "
                                                     "(for example name@brent.gov.uk)")
