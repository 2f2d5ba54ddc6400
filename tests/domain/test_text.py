from bscp_desktop.domain.text import counted, first_line


def test_first_line_is_the_first_with_words():
    assert first_line("\n  \n  Agreed the plan  \nsecond line") == "Agreed the plan"


def test_first_line_cut_to_the_limit_says_it_goes_on():
    line = first_line("x" * 100, 80)
    assert len(line) == 80 and line.endswith("…")
    assert first_line("x" * 80, 80) == "x" * 80


def test_no_text_is_named_empty():
    assert first_line(None) == "" and first_line("  \n ") == ""


def test_a_number_of_things_in_words():
    assert counted(1, "session") == "1 session"
    assert counted(2, "session") == "2 sessions"
    assert counted(None, "booking") == "0 bookings"
    assert counted(1230, "delegate") == "1,230 delegates"
    assert counted(2, "delegate booked", "delegates booked") == "2 delegates booked"
