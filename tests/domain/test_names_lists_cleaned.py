"""Lists of names typed in settings (case review and audit themes, course topics) and audit
questions are cleaned as a name on one line is (`validation.one_line`): invisible characters
alone are blank, control characters and direction overrides go, letters are composed (NFC), and
two spellings that then differ only in case are one name."""

from __future__ import annotations

import unicodedata

from bscp_desktop.domain.section11 import clean_questions
from bscp_desktop.domain.validation import clean_names

NFC = unicodedata.normalize("NFC", "Négligence")
NFD = unicodedata.normalize("NFD", "Négligence")


def test_invisible_only_names_are_blank_and_dropped():
    assert clean_names(["\u200b", "\u200f", " \ufeff ", "Neglect", "\u2060"]) == ["Neglect"]


def test_control_characters_and_overrides_are_removed():
    assert clean_names(["Ne\x00glect", "\u202eabc", "Online\u200b harm"]) == ["Neglect", "abc", "Online harm"]


def test_composed_and_decomposed_spellings_are_one_name():
    assert NFC != NFD
    assert clean_names([NFD, NFC, "NÉGLIGENCE"]) == [NFC]


def test_names_still_fold_spaces_and_case_as_before():
    assert clean_names([" Neglect ", "neglect", "", "Domestic  abuse"]) == ["Neglect", "Domestic abuse"]


def test_questions_are_cleaned_as_names_are():
    assert clean_questions(("Q\x00?", "\u200b", "\u202eWho?", f"• {NFD}?")) == ("Q?", "Who?", f"{NFC}?")
    assert clean_questions("- one\n\u200f\n  two  \n• \u200bthree") == ("one", "two", "three")
