"""A "next line" character (U+0085, from a mainframe's or an old Mac's export) parts words as a new
line does, as the vertical tab and the line separator already do; the other C1 control characters
mean nothing in any text typed or exported and go, as the C0 ones do. Before, U+0085 was kept,
then dropped by the PDF and Word writers, running two words into one."""

from __future__ import annotations

from bscp_desktop.domain.validation import clean_text, long_text_as_saved, one_line


def test_next_line_is_a_new_line_and_other_c1_controls_go():
    assert long_text_as_saved("Item one\x85Item two") == "Item one\nItem two"
    assert one_line("Brent\x85Council") == "Brent Council"
    assert clean_text("Zo\x80\x9dë\x9f") == "Zoë"
    assert clean_text("\x85\x85") == ""
