"""Names Windows keeps for devices beyond CON and COM1 (`jobs.safe_file_name`): the ports
numbered in superscript digits and the console's input and output. A file offered under one of
them could not be saved on Windows."""

from __future__ import annotations

import pytest

from bscp_desktop.jobs import safe_file_name


@pytest.mark.parametrize("text,offered", [
    ("COM¹.pdf", "COM¹ file.pdf"),
    ("com².xlsx", "com² file.xlsx"),
    ("LPT³.ics", "LPT³ file.ics"),
    ("LPT¹.tar.gz", "LPT¹ file.tar.gz"),  # whatever follows the first dot
    ("CONIN$.pdf", "CONIN$ file.pdf"),
    ("conout$", "conout$ file"),
    ("CONOUT$", "CONOUT$ file"),
    ("LPT³ .ics", "LPT³ file.ics"),  # spaces and dots before the extension are dropped by Windows
    ("CONIN$  . .pdf", "CONIN$ file.pdf"),
    ("COM² . x.pdf", "COM² file. x.pdf"),
])
def test_every_name_windows_keeps_for_a_device_is_renamed(text, offered):
    assert safe_file_name(text) == offered


@pytest.mark.parametrize("text", [
    "LPT³ series.ics",  # Windows reads the name up to the first dot: "LPT³ series" is no device
    "COM1 series.ics",
    "COM⁴.pdf",  # only ¹, ² and ³ are read as a port's number
    "CONINS.pdf",
    "Console output.pdf",
])
def test_names_that_only_begin_like_a_device_are_kept(text):
    assert safe_file_name(text) == text
