"""Run the benchmarks: `python -m benchmarks` runs every module named `bench_*` in this
folder (calling its `main()`); `python -m benchmarks meetings` runs only `bench_meetings`."""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path


def available() -> list[str]:
    folder = Path(__file__).resolve().parent
    return sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_"))


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    names = available()
    if argv:
        wanted = [a if a.startswith("bench_") else f"bench_{a}" for a in argv]
        unknown = [w for w in wanted if w not in names]
        if unknown:
            print(f"No benchmark called {', '.join(unknown)}; choose from {', '.join(names)}", file=sys.stderr)
            return 2
        names = wanted
    for name in names:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.{name}").main()
        print(f"== {name} finished in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
