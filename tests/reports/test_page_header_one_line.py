"""The running header of a PDF page holds the document's title on one line, cut with an
ellipsis: a long Chinese or Korean title, drawn in its fallback font, is measured in that font,
so it never wraps onto a second line that rises into the top margin."""

from __future__ import annotations

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from bscp_desktop.reports.marking import OFFICIAL_SENSITIVE
from bscp_desktop.reports.pdf.escaping import paragraph
from bscp_desktop.reports.pdf.fonts import FONT_BOLD
from bscp_desktop.reports.pdf.furniture import _fit
from bscp_desktop.reports.pdf.styles import MARGIN_X, PAGE_WIDTH, paragraph_styles

TITLES = {
    "Chinese": "布伦特安全保障儿童合作伙伴关系执行小组多机构案例审查与学习委员会",
    "Korean": "브렌트 아동 보호 파트너십 집행 그룹 다기관 사례 검토 및 학습 위원회",
    "English": "Brent Safeguarding Children Partnership Executive Group ",
}


@pytest.mark.parametrize("language", TITLES)
def test_a_long_title_beside_the_official_sensitive_marking_is_cut_to_one_line(language):
    chrome = paragraph_styles()["chrome"]
    # the room an OFFICIAL-SENSITIVE page leaves the title, at the left of the centred marking
    room = (PAGE_WIDTH - 2 * MARGIN_X) / 2 - pdfmetrics.stringWidth(OFFICIAL_SENSITIVE, FONT_BOLD, 9) / 2 - 6
    for length in (10, 25, 40, 80, 200):
        title = "Minutes: " + (TITLES[language] * 6)[:length]
        cut = _fit(title, room, chrome.fontSize, chrome.fontName)
        _width, height = paragraph(cut, chrome).wrap(room, 20 * mm)
        assert height == chrome.leading, (language, length, cut)  # one line
    assert cut.endswith("…") and len(cut) > 12  # as much of the title as fits
