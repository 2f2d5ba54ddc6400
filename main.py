"""Double-click entry point: starts BSCP Desktop."""

from bscp_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
