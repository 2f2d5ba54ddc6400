"""A smaller ICU data library for the Linux bundle: used by bscp_desktop.spec.

Qt's Linux build links ICU, whose data library (libicudata.so.73) is 32 MB of locale data:
the names of currencies, units, languages, regions and time zones in some 800 locales,
transliteration and number-spelling rules. Qt uses ICU for collation (the file dialog's
sorting), locale-aware case mapping and text codecs; the program's text is English. The bundle
keeps every item that is not tied to a locale (character set converters, collation root,
normalisation, break rules and dictionaries, time zone rules) and the locale items of root,
en, en_001, en_150 and en_GB: about 10 MB. Needs ICU's `icupkg` and a C compiler at build
time; without them the bundle keeps Qt's own library unchanged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

KEPT_LOCALES = {"root", "en", "en_001", "en_150", "en_GB", "pool", "res_index"}
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
DROPPED_TREES = {"translit", "rbnf"}  # transliteration and rule-based number spelling: Qt uses neither


def removable(item: str) -> bool:
    """True for an item of the ICU data package (as `icupkg -l` names it) the bundle leaves out."""
    parts = item.split("/")
    stem, _, ext = parts[-1].rpartition(".")
    if len(parts) > 1 and parts[0] in DROPPED_TREES:
        return True
    return ext == "res" and bool(LOCALE.match(stem)) and stem not in KEPT_LOCALES


def _data_of(library: Path, symbol: str) -> bytes:
    """The bytes of `symbol` (the ICU common data package) inside the shared library."""
    table = subprocess.run(["objdump", "-T", str(library)], capture_output=True, text=True, check=True).stdout
    for line in table.splitlines():
        fields = line.split()
        if fields and fields[-1] == symbol and ".rodata" in line:
            address, size = int(fields[0], 16), int(fields[-2], 16)
            break
    else:
        raise ValueError(f"{symbol} not found in {library}")
    sections = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            break
    else:
        raise ValueError(f"no .rodata in {library}")
    with open(library, "rb") as handle:
        handle.seek(section_offset + address - section_address)
        return handle.read(size)


def trimmed_icu_data(library: Path, workdir: Path) -> Path | None:
    """A copy of Qt's libicudata.so.NN without the locale data above, or None if it can't be built."""
    match = re.match(r"libicudata\.so\.(\d+)$", library.name)
    if not match or not all(shutil.which(tool) for tool in ("icupkg", "gcc", "objdump", "readelf")):
        return None
    version = match.group(1)
    package = f"icudt{version}l"
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / "full" / f"{package}.dat"
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(_data_of(library, f"icudt{version}_dat"))
    items = subprocess.run(["icupkg", "-l", str(source)], capture_output=True, text=True, check=True).stdout.split()
    remove = {item for item in items if removable(item)}
    target = workdir / "small" / f"{package}.dat"
    target.parent.mkdir(exist_ok=True)
    for _ in range(5):  # keep whatever a kept item depends on, then try again
        listing = workdir / "remove.txt"
        listing.write_text("".join(f"{item}\n" for item in sorted(remove)), encoding="utf-8")
        target.unlink(missing_ok=True)
        run = subprocess.run(["icupkg", "-r", str(listing), str(source), str(target)], capture_output=True, text=True)
        needed = set(re.findall(r"depends on missing item (\S+)", run.stdout + run.stderr))
        if run.returncode == 0 and target.exists() and not needed:
            break
        if not needed:
            return None
        remove -= needed
    else:
        return None
    assembly = workdir / "icudata.S"
    assembly.write_text(
        ".section .rodata\n.balign 16\n"
        f".globl icudt{version}_dat\n.type icudt{version}_dat, @object\n"
        f'icudt{version}_dat:\n.incbin "{target}"\n'
        f".size icudt{version}_dat, .-icudt{version}_dat\n"
        '.section .note.GNU-stack,"",@progbits\n',
        encoding="utf-8",
    )
    output = workdir / library.name
    subprocess.run(
        ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", str(output), str(assembly)],
        check=True,
    )
    return output
