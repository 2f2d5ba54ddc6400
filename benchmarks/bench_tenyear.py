"""The ten-year data set (benchmarks/tenyear.py): builds it under build/ if it is not there yet,
then prints where it is, how long it took to build and its row counts.

Run: `python -m benchmarks tenyear`.
"""

from __future__ import annotations

import sys

from benchmarks import tenyear


def main(argv: list[str] | None = None) -> None:
    tenyear.main(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
