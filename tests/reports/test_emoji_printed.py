"""Emoji in what people write (minutes pasted from Teams, a course title) print in outline from the
shipped Symbola font, in PDFs and in charts alike, instead of as empty boxes: a PDF carries no colour
emoji. The program's fonts come with their licences."""

from __future__ import annotations

from bscp_desktop import paths
from bscp_desktop.reports.pdf.escaping import escape_text, font_runs
from bscp_desktop.reports.pdf.fonts import FONT


def test_an_emoji_no_other_font_has_is_set_in_symbola():
    assert escape_text("Thanks all 🙂") == 'Thanks all <font name="Symbola">🙂</font>'
    runs = font_runs("Neglect 👍🏾 toolkit 🎉", FONT)
    assert [(f.spec.name if f else None, text) for f, text in runs] == [
        (None, "Neglect "), ("Symbola", "👍🏾 "), (None, "toolkit "), ("Symbola", "🎉")]


def test_letters_still_go_to_their_own_fonts_first():
    assert escape_text("Zoë Łukasz ❤") == "Zoë Łukasz ❤"  # DejaVu Sans has these
    assert escape_text("王芳 🙂") == '<font name="DroidSansFallback">王芳 </font><font name="Symbola">🙂</font>'


def test_every_shipped_font_has_its_licence_beside_it():
    fonts = paths.resource("fonts")
    assert (fonts / "Symbola.ttf").is_file()
    assert "free for any use" in (fonts / "LICENSE-Symbola.txt").read_text(encoding="utf-8")
