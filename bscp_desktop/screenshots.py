"""`make screenshots`: a PNG of every tab (and each Memberships section) of the demo database,
and of the yearly report and partner engagement windows.

    python -m bscp_desktop.screenshots OUT_DIR
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")


def _settle(app, widget, seconds: float = 10.0) -> None:
    """Let pages that read in the background (the change log) finish before the picture."""
    import time

    waiting = [w for w in (widget, *widget.findChildren(object)) if callable(getattr(w, "loading", None))]
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if not any(w.loading() for w in waiting if w.isVisible()):
            break
        time.sleep(0.01)
    app.processEvents()


def write_screenshots(out_dir: Path, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BSCP_DATA_DIR"] = tmp
        from bscp_desktop.app import make_application, open_database
        from bscp_desktop.demo import build_demo
        from bscp_desktop.ui.main_window import MainWindow

        app = make_application()
        db_path = build_demo(Path(tmp) / "demo.sqlite3")
        db = open_database(db_path, create=False)
        window = MainWindow(db, open_database)
        window.resize(*size)
        window.show()
        written = []
        for i in range(window.tabs.count()):
            window.tabs.setCurrentIndex(i)
            tab = window.tabs.widget(i)
            sections = getattr(tab, "sections", None)
            app.processEvents()
            name = _slug(window.tabs.tabText(i))
            target = out_dir / f"{i + 1:02d}-{name}.png"
            window.grab().save(str(target))
            written.append(target)
            if sections is not None:
                for j in range(1, sections.count()):
                    sections.setCurrentIndex(j)
                    _settle(app, sections.widget(j))
                    target = out_dir / f"{i + 1:02d}-{name}-{_slug(sections.tabText(j))}.png"
                    window.grab().save(str(target))
                    written.append(target)
                sections.setCurrentIndex(0)
        windows = (("yearly-report", window.open_yearly_report), ("partner-engagement", window.open_engagement))
        for n, (name, opened) in enumerate(windows, start=window.tabs.count() + 1):
            extra = opened()
            extra.resize(*size)
            _settle(app, extra)
            target = out_dir / f"{n:02d}-{name}.png"
            extra.grab().save(str(target))
            written.append(target)
            extra.close()
        window.close()
        db.close()
        return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path("build/screenshots")
    for path in write_screenshots(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
