"""Double-click entry point: starts BSCP Desktop."""

from bscp_desktop.cli import main

if __name__ == "__main__":
    import sys

    if getattr(sys, "frozen", False):  # a bundle's output processes start here too
        import multiprocessing

        multiprocessing.freeze_support()
    raise SystemExit(main())
