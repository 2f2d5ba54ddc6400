"""Modules a newcomer can hold in their head: none in the program over 600 lines
(docs/ARCHITECTURE.md, Services). Split a module that grows by subject, as
services/case_review_dtos.py and domain/case_review_clocks.py were split from case reviews,
or services/attendance_monitoring.py from the registers."""

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "bscp_desktop"
LIMIT = 600


def test_no_module_is_over_600_lines():
    sizes = {
        path.relative_to(PACKAGE.parent).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    assert len(sizes) > 100  # the whole package was read
    too_long = {name: lines for name, lines in sizes.items() if lines > LIMIT}
    assert too_long == {}, f"Split these by subject (over {LIMIT} lines): {too_long}"
