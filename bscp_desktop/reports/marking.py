"""Whether the file being written is OFFICIAL-SENSITIVE.

Decided in one place: the job that writes the file (`jobs/__init__.py`), from its area's
sensitivity in the area registry unless the job says otherwise. The job runs its builders
inside `marking(sensitive)`; `WorkbookBuilder` and `DocumentBuilder` read `is_marked()` when
they are not told. A builder given `sensitive=True` or `False` explicitly keeps it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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
