"""PyInstaller runtime hook: let the windowed Windows build print on the command line.

The Windows bundle is built without a console (double-clicking it must not open a black
window), so Python starts with no stdout or stderr and `bscp-desktop.exe --version` or
`--smoke` would print nothing. When the program was given arguments and has no stdout,
attach to the console of the command prompt that started it, if there is one. Without
arguments (a double-click) nothing changes. On other systems this does nothing.
"""

import sys


def _attach_parent_console() -> None:
    if sys.platform != "win32" or len(sys.argv) < 2:
        return
    if sys.stdout is not None and sys.stderr is not None:
        return
    try:
        import ctypes

        attach_parent_process = -1
        if not ctypes.windll.kernel32.AttachConsole(attach_parent_process):
            return  # started from Explorer or a shortcut: there is no console to print to
        if sys.stdout is None:
            sys.stdout = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
        if sys.stderr is None:
            sys.stderr = open("CONOUT$", "w", encoding="utf-8", errors="replace", buffering=1)  # noqa: SIM115
    except Exception:  # noqa: BLE001 - printing is a convenience; never stop the program
        pass


_attach_parent_console()
