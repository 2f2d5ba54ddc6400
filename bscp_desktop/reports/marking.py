"""Whether the file being written is OFFICIAL-SENSITIVE.

Decided in one place: the job that writes the file (`jobs/__init__.py`), from its area's
sensitivity in the area registry unless the job says otherwise. The job runs its builders
inside `marking(sensitive)`; `WorkbookBuilder` and `DocumentBuilder` read `is_marked()` when
they are not told. A builder given `sensitive=True` or `False` explicitly keeps it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"

_marked: ContextVar[bool] = ContextVar("bscp_official_sensitive", default=False)


@contextmanager
def marking(sensitive: bool) -> Iterator[None]:
    token = _marked.set(bool(sensitive))
    try:
        yield
    finally:
        _marked.reset(token)


def is_marked() -> bool:
    """True while a sensitive job is writing its file."""
    return _marked.get()


def file_is_marked(path: Path) -> bool:
    """Whether a file the program wrote is marked OFFICIAL-SENSITIVE, as its properties say (a
    workbook's or Word file's keywords, a PDF's): for saying so once it is saved, where the
    marking followed what the file holds (a meeting's papers)."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".docx"):
            with zipfile.ZipFile(path) as z:
                return OFFICIAL_SENSITIVE.encode() in z.read("docProps/core.xml")
        if suffix == ".pdf":
            return b"/Keywords (" + OFFICIAL_SENSITIVE.encode() in path.read_bytes()
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return False
