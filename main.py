"""Double-click entry point: starts BSCP Desktop."""

from bscp_desktop.cli import main

if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()
    raise SystemExit(main())
