"""`make screenshots`: a PNG of every tab (and each section of a tab) of the demo database, of
the yearly report and partner engagement windows, and of every dialog (`dialogs/`, opened as
`ui/dialog_catalogue.py` lists them), on a 1280 x 800 screen.

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
    """Let pages that read in the background (the change log), parts made a turn at a time (the
    finance summary) and charts drawn in a worker finish before the picture."""
    import time

    def still_loading() -> bool:
        waiting = [w for w in (widget, *widget.findChildren(object)) if callable(getattr(w, "loading", None))]
        return any(w.loading() for w in waiting if getattr(w, "isVisible", lambda: True)())

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        if not still_loading():
            widget.repaint()  # what is in view painted now: a chart in view starts its drawing
            app.processEvents()
            if not still_loading():
                break
        time.sleep(0.01)
    app.processEvents()


def write_screenshots(out_dir: Path, size: tuple[int, int] = (1280, 800)) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":  # a laptop's screen, not 800 pixels
            from bscp_desktop.ui.dialog_catalogue import offscreen_platform

            os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(tmp), os.environ.get("QT_SCALE_FACTOR", "1"))
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
            _settle(app, tab)  # a first page that reads in the background (the finance summary)
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
        written += write_dialog_screenshots(app, db, out_dir / "dialogs")
        db.close()
        return written


def write_dialog_screenshots(app, db, out_dir: Path) -> list[Path]:
    """A PNG of every dialog, as it opens on the demo database."""
    from bscp_desktop.ui.dialog_catalogue import Demo, catalogue, finish_background_work, settle

    out_dir.mkdir(parents=True, exist_ok=True)
    demo = Demo(db)
    written = []
    for n, entry in enumerate(catalogue(), start=1):
        dialog = entry.open(demo)
        dialog.show()
        settle(dialog)
        _settle(app, dialog, 2.0)
        target = out_dir / f"{n:02d}-{_slug(entry.name)}.png"
        dialog.grab().save(str(target))
        written.append(target)
        finish_background_work()
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    return written



def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else Path("build/screenshots")
    for path in write_screenshots(out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
