"""How typed and imported text is cleaned before it is checked and saved."""

from __future__ import annotations

from bscp_desktop.domain.validation import Checker, clean_text


def test_white_space_and_invisible_characters_are_trimmed_at_either_end_only():
    assert clean_text("\u200b") == ""
    assert clean_text(" \u200b x \ufeff\n") == "x"
    assert clean_text("\ufeff\u2060 Zoë \u200b ") == "Zoë"
    assert clean_text("a\u200bb") == "a\u200bb"  # inside a word it is kept
    assert clean_text(None) == ""
    assert clean_text("Line one\n\tLine two\x07") == "Line one\n\tLine two"


def test_a_long_run_of_spaces_inside_pasted_text_is_kept_as_typed():
    """Pasted minutes can hold long runs of spaces; each stays inside, only the ends trim
    (text of 200,000 characters is cleaned at once, not in time growing with the run squared)."""
    text = "Item" + " " * 200_000 + "agreed"
    assert clean_text(f"  {text}\u200b ") == text


def test_direction_overrides_are_dropped_and_lone_direction_marks_trimmed():
    """An override pasted into a name shows it reversed ("\u202eSmith" reads "htimS") in the
    window, workbooks and PDFs: it is dropped wherever it stands. Arabic and Hebrew letters, and a
    direction mark between words, are kept; a name of only direction marks is blank."""
    assert clean_text("\u202eSmith\u202c") == "Smith"
    assert clean_text("Ali \u2067محمد\u2069 Khan") == "Ali محمد Khan"
    assert clean_text("\u202a\u202b\u202d x") == "x"
    assert clean_text("\u200f\u200e\u061c") == ""
    assert clean_text("\u200fשרה\u200e כהן") == "שרה\u200e כהן"


def test_letters_are_kept_composed_so_one_name_is_stored_one_way():
    """"Zoë" pasted with ë as e and a combining diaeresis (as some files and Mac keyboards
    give it) looks the same as "Zoë" typed here; it is stored as the typed one."""
    assert clean_text("Zoe\u0308 Nguye\u0302\u0303n") == "Zoë Nguyễn"
    assert clean_text("Zoe\u0308") == clean_text("Zoë")
    assert clean_text("\u1100\u1161") == "\uac00"  # Hangul jamo composed into one syllable


def test_an_email_loses_the_invisible_characters_pasted_inside_it():
    from bscp_desktop.domain.validation import clean_email

    assert clean_email(" zw\u200b@exam\u2060ple.org\ufeff ") == "zw@example.org"
    assert clean_email("Zoë@example.org") == "Zoë@example.org"


def test_a_meeting_link_is_a_web_address():
    from bscp_desktop.domain.validation import Checker

    good = ["https://teams.microsoft.com/l/meetup-join/19%3a", "teams.microsoft.com/l/x", "HTTPS://zoom.us/j/123", ""]
    for text in good:
        c = Checker()
        assert c.web_address("online_link", f" {text} ", "Online link") == text and not c.errors, text
    for text in (" not a url ", "zoom", "ftp://files.example.org/x", "https://teams", "javascript:alert(1)"):
        c = Checker()
        c.web_address("online_link", text, "Online link")
        assert c.errors["online_link"].startswith(f"Online link '{text.strip()}' is not a web address"), text


def test_words_parted_by_words_manual_line_break_stay_apart():
    # Word's Shift+Enter pastes as a vertical tab; dropped as a control character it joined the words
    assert clean_text("Line one\x0bpasted") == "Line one\npasted"
    assert clean_text("Probation\u2028Service") == "Probation\nService"
    assert Checker().name("name", "Probation\x0bService", "Name") == "Probation Service"
