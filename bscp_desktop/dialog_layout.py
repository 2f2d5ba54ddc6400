"""The layout check over every dialog, run in its own process so that it can be run at another
scaling (`QT_SCALE_FACTOR`), which Qt reads once when the application starts. See
`ui/dialog_catalogue.py` for what is checked; `tests/ui/test_dialog_layout.py` runs it at 100%
and 150%, and at 100% with a 14-point font.
"""

from __future__ import annotations

import json
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """`python -m bscp_desktop.dialog_layout DB [POINTS]`: the layout check as JSON on stdout
    ({"problems": {dialog: [...]}, "opened": [...], "classes": [...]}). Run it with
    QT_SCALE_FACTOR set to check another scaling, and with POINTS to check the application's
    font at that size (a large system font)."""
    import os
    import sys

    from bscp_desktop.app import make_application, open_database
    from bscp_desktop.ui.dialog_catalogue import check_every_dialog, dialog_classes

    argv = sys.argv[1:] if argv is None else argv
    app = make_application()
    if len(argv) > 1:
        font = app.font()
        font.setPointSizeF(float(argv[1]))
        app.setFont(font)
    db = open_database(Path(argv[0]), create=False)
    opened: set[str] = set()
    problems = check_every_dialog(db, opened=opened)
    classes = sorted(f"{c.__module__}.{c.__name__}" for c in dialog_classes())
    print(json.dumps({"problems": problems, "opened": sorted(opened), "classes": classes,
                      "scale": os.environ.get("QT_SCALE_FACTOR", "1"), "points": app.font().pointSizeF()}))
    sys.stdout.flush()
    app.processEvents()
    os._exit(0)  # dialogs' reading threads are not waited for


if __name__ == "__main__":
    raise SystemExit(main())
