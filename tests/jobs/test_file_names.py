"""The file names the window offers from record text (`jobs.safe_file_name`)."""

from __future__ import annotations

from bscp_desktop.jobs import safe_file_name


def test_names_from_titles_are_names_windows_accepts():
    assert safe_file_name('Exec: Group / Sub-group 14/03/2024 "draft"?*<>|') == "Exec Group Sub-group 14 03 2024 draft"
    assert safe_file_name("") == safe_file_name(" / : ") == "output"


def test_no_name_windows_keeps_for_a_device_hidden_names_or_trailing_dots():
    """"CON", "nul.pdf", "Com1" name devices on Windows (the file could not be saved); a
    leading dot hid the file elsewhere; Windows drops a trailing dot or space."""
    assert safe_file_name("CON") == "CON file"
    assert safe_file_name("nul.pdf") == "nul file.pdf"
    assert safe_file_name("Com1 ") == "Com1 file"
    assert safe_file_name("Console") == "Console"
    assert safe_file_name("..hidden") == "hidden"
    assert safe_file_name("Yearly report 2023/24.") == "Yearly report 2023-24"


def test_control_characters_and_direction_marks_are_left_out():
    """A right-to-left override made "Minutes \\u202efdp.exe" show as a PDF named ...exe.pdf."""
    assert safe_file_name("a\x7fb\x85c \u202efdp.exe\u202c") == "a b c fdp.exe"
    assert safe_file_name("مريم عبد الله Zoë") == "مريم عبد الله Zoë"


def test_long_titles_leave_room_for_the_folder_and_suffix():
    """120 emoji were 480 bytes, past the 255 a file name may have on most file systems."""
    name = safe_file_name("😀" * 130)
    assert len(name) <= 120 and len(name.encode("utf-8")) <= 200
    assert safe_file_name("Long title " + "word " * 2000) == ("Long title " + "word " * 30)[:120].strip()


def test_a_long_name_keeps_its_extension():
    """The name was cut with its extension: "….p" and ".pdf" again, or, for a name in Arabic
    or Chinese (three bytes a character), no ".pdf" at all."""
    assert safe_file_name("a" * 130 + ".pdf") == "a" * 120 + ".pdf"
    chinese = safe_file_name("会议纪要" * 100 + ".pdf")
    assert chinese == ("会议纪要" * 100)[:66] + ".pdf"  # 198 bytes before ".pdf"
    arabic = safe_file_name("مجلس حماية الطفل " * 30 + ".xlsx")
    assert arabic.endswith(".xlsx") and len(arabic.removesuffix(".xlsx").encode("utf-8")) <= 200
    assert safe_file_name("Exec Group 14.03.2024 " + "x" * 200 + ".pdf").endswith("x.pdf")


def test_a_name_cut_short_keeps_each_letter_whole_and_is_cut_once():
    """A letter is not parted from its accent; a name offered again (the window names a file,
    then the save dialog makes it safe) comes back as it was."""
    accented = safe_file_name("e\u0301" * 61 + ".pdf")  # 122 characters before ".pdf"
    assert accented == "e\u0301" * 60 + ".pdf"
    for text in ("a" * 130 + ".pdf", "会议纪要" * 100 + ".docx", "Yearly report 2023/24", "nul.pdf", "😀" * 130):
        once = safe_file_name(text)
        assert safe_file_name(once) == once
        assert safe_file_name(safe_file_name(text.removesuffix(".pdf")) + ".pdf").endswith(".pdf")


def test_a_dotted_date_or_number_is_not_taken_for_an_extension():
    assert safe_file_name("Yearly report 2023.24") == "Yearly report 2023.24"
    assert safe_file_name("Minutes 7.11.2022") == "Minutes 7.11.2022"
    assert safe_file_name(".pdf") == "output.pdf"
