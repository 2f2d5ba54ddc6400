"""A number written after Hebrew or Arabic text prints where a reader of that text expects
it: "שלום 123" shows the number on the left of the word, as the Unicode bidirectional
algorithm lays out a left-to-right line (`rtl.visual_text`)."""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import unicodedata

import pytest

from bscp_desktop.reports.rtl import visual_line, visual_text

# logical text -> what is drawn, left to right (Arabic compared without its letter forms)
CASES = {
    "שלום 123": "123 םולש",
    "مدرسة 5": "5 ةسردم",
    "Case 12 عمران 34": "Case 12 34 نارمع",
    "סניף 2 ברנט": "טנרב 2 ףינס",
    "שלום 123 abc": "123 םולש abc",
    "Room 4 שלום 5, next": "Room 4 5 םולש, next",
    "(שלום 7)": "(7 םולש)",
    "שלום 12:30.": "12:30 םולש.",
    "שלום 12/03/2024": "12/03/2024 םולש",
    "שלום 2024-03-14": "2024-03-14 םולש",
    "שלום £5": "£5 םולש",
    "שלום 5%": "5% םולש",
    "مدرسة 5%": "5 ةسردم%",  # digits after Arabic letters are Arabic numbers: the sign stays apart
    "دار 12-3 x": "3-12 راد x",
    "abc 12 שלום": "abc 12 םולש",
    "Flat 3, دار 1 Road 2": "Flat 3, 1 راد Road 2",
    "דוד 12 abc 34 גג": "12 דוד abc 34 גג",
    "עד 2024 שנה": "הנש 2024 דע",
    # A sign beside Hebrew digits reads with the number, on the side it was typed (rule W5).
    "סכום $100 ו #3 מ": "מ #3 ו $100 םוכס",
    "מחיר 5,000 £ בלבד": "דבלב £ 5,000 ריחמ",
    # Digits after Arabic letters are Arabic numbers (rule W2), which W5 leaves alone: the
    # sign takes the direction of the Arabic text and is read before the number, as typed.
    "المبلغ £5,000": "5,000£ غلبملا",
    "المبلغ 50% من": "نم %50 غلبملا",
}


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00a0", " ")


@pytest.mark.parametrize(("logical", "shown"), CASES.items())
def test_a_number_after_right_to_left_text_is_drawn_with_it(logical, shown):
    assert _plain(visual_text(logical)) == shown


def test_latin_text_and_numbers_are_left_as_they_are():
    assert visual_text("Case 12, page 3") == "Case 12, page 3"
    assert visual_text("Mr שלום Smith") == "Mr םולש Smith"


def test_a_currency_or_percent_sign_stays_beside_its_number_in_hebrew():
    """Rule W5: "£5,000", "50%", "$100" and "#3" each print as one left-to-right unit."""
    for right_to_left in (False, True):
        shown = _plain(visual_line("שלום £5,000 ו 50% ו $100 ב #3", right_to_left))
        assert shown == "#3 ב $100 ו 50% ו £5,000 םולש"


def test_a_sign_after_arabic_letters_reads_before_its_number_as_typed():
    """Digits after Arabic letters are Arabic numbers; the sign is read first, on their right."""
    for right_to_left in (False, True):
        assert _plain(visual_line("المبلغ £5,000", right_to_left)) == "5,000£ غلبملا"
        assert _plain(visual_line("المبلغ 50% من", right_to_left)) == "نم %50 غلبملا"


def _fribidi():
    name = ctypes.util.find_library("fribidi")
    try:
        return ctypes.CDLL(name or "libfribidi.so.0")
    except OSError:
        return None


def test_the_same_order_as_the_reference_implementation():
    """GNU FriBidi, where this computer has it, lays out every case the same way."""
    lib = _fribidi()
    if lib is None:
        pytest.skip("GNU FriBidi is not on this computer")
    for logical, shown in CASES.items():
        size = len(logical)
        text = (ctypes.c_uint32 * size)(*map(ord, logical))
        out = (ctypes.c_uint32 * (size + 1))()
        left_to_right = ctypes.c_uint32(0x110)  # FRIBIDI_PAR_LTR
        lib.fribidi_log2vis(text, size, ctypes.byref(left_to_right), out, None, None, None)
        assert _plain("".join(chr(out[i]) for i in range(size))) == shown, logical


# A line of a right-to-left paragraph (one that starts in Hebrew or Arabic): logical -> drawn
CASES_RIGHT_TO_LEFT = {
    "שלום 123": "123 םולש",
    "اجتماع NSPCC في لندن": "ندنل يف NSPCC عامتجا",
    "שלום English words 12 here עוד": "דוע English words 12 here םולש",
    "שלום (abc) סוף.": ".ףוס (abc) םולש",
    "مدرسة 12/03/2024.": ".12/03/2024 ةسردم",
    "שלום [x] y (z": "y (z [x] םולש",  # an unmatched bracket between Latin words reads with them
    "דוד 12 abc 34 גג": "גג abc 34 12 דוד",
    "שלום £5,000 ו 50% מ": "מ 50% ו £5,000 םולש",
    "مبلغ $100 و €20": "20€ و 100$ غلبم",
    "في #3 من": "نم 3# يف",
    "رقم +44 20 7946 0000": "0000 7946 20 44+ مقر",
}


@pytest.mark.parametrize(("logical", "shown"), CASES_RIGHT_TO_LEFT.items())
def test_a_line_of_a_right_to_left_paragraph_reads_right_to_left(logical, shown):
    assert _plain(visual_line(logical, True)) == shown


def test_a_right_to_left_line_in_the_same_order_as_the_reference_implementation():
    """GNU FriBidi lays out each case, and lines mixing every kind of character, the same way."""
    lib = _fribidi()
    if lib is None:
        pytest.skip("GNU FriBidi is not on this computer")
    pieces = ["שלום", "ء", "abc", "12", "3.4", "12:30", "5-3", "٣", ",", ".", "(", ")", "[", "]", "%", "£", "/", "$", "€", "#", "+"]
    generator = random.Random(11)
    lines = list(CASES_RIGHT_TO_LEFT)
    lines += [generator.choice(["א", "ء"]) + " ".join(generator.choices(pieces, k=generator.randint(1, 12)))
              for _ in range(500)]
    for logical in lines:
        size = len(logical)
        text = (ctypes.c_uint32 * size)(*map(ord, logical))
        out = (ctypes.c_uint32 * (size + 1))()
        right_to_left = ctypes.c_uint32(0x111)  # FRIBIDI_PAR_RTL
        lib.fribidi_log2vis(text, size, ctypes.byref(right_to_left), out, None, None, None)
        assert _plain(visual_line(logical, True)) == _plain("".join(chr(out[i]) for i in range(size))), logical
