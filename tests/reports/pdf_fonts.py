"""Which fonts a PDF names without carrying them (a checker of accessible PDFs refuses those)."""

from __future__ import annotations

from pathlib import Path

import pypdf


def unembedded_fonts(path: Path) -> list[str]:
    """Every font named on a page of `path`, or in a drawing on it, whose file is not embedded."""
    missing: set[str] = set()

    def look(resources, seen: set[int]) -> None:
        if resources is None:
            return
        resources = resources.get_object()
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            parts = [font, *(d.get_object() for d in font.get("/DescendantFonts", []))]
            descriptors = [p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p]
            if not any(key in d for d in descriptors for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.add(str(font["/BaseFont"]))
        for ref in (resources.get("/XObject") or {}).values():
            drawing = ref.get_object()
            if id(drawing) not in seen:
                seen.add(id(drawing))
                look(drawing.get("/Resources"), seen)

    for page in pypdf.PdfReader(str(path)).pages:
        look(page.get("/Resources"), set())
    return sorted(missing)
