"""Which collected files the bundle keeps: used by bscp_desktop.spec, tested on its own.

PyInstaller's Qt hooks collect every plugin of each kind a used Qt module may load, and every
library those plugins link to. The program needs far fewer (it is a widgets program), so the
spec drops the rest, then the libraries that only the dropped files needed.
"""

from __future__ import annotations

import os

# Shared libraries of unused Qt modules, in case a kept library names them.
UNUSED_BINARIES = (
    "libQt6Quick", "libQt6Qml", "libQt6Pdf", "libQt6WebEngine", "libQt6Multimedia",
    "libQt6Designer", "libQt63D", "libQt6Charts", "libQt6VirtualKeyboard", "libQt6Lottie",
    "libQt6ShaderTools", "libQt6Labs", "libQt6Sql", "libQt6Test", "libQt6Positioning",
    "Qt6Quick", "Qt6Qml", "Qt6Pdf", "Qt6WebEngine", "Qt6Multimedia", "Qt6Designer",
    "Qt63D", "Qt6Charts", "Qt6VirtualKeyboard", "Qt6Lottie", "Qt6ShaderTools", "Qt6Labs",
    "Qt6Sql", "Qt6Test", "Qt6Positioning",
    "opengl32sw",  # Windows software OpenGL (20 MB): widgets draw without OpenGL
)
# Libraries every Linux desktop has, taken from the user's system rather than the build machine:
# systemd's client library (libdbus links it) and what only it links to (2.5 MB in all).
SYSTEM_LIBRARIES = ("libsystemd.so", "libgcrypt.so", "libgpg-error.so", "liblz4.so", "libcap.so")
# Qt plugins: which kinds the program needs, and which files of those kinds.
PLUGINS_KEPT = {
    # desktop sessions (X11, Wayland, Windows, macOS), plus offscreen/minimal for --smoke and CI
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"),
    "imageformats": ("qico", "qjpeg", "qgif", "qsvg"),
    "iconengines": None,
    "platforminputcontexts": None,  # compose key and input methods for accented names
    "platformthemes": ("qxdgdesktopportal",),  # not qgtk3: it drags in the whole GTK stack
    "styles": None,
    "xcbglintegrations": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "wayland-shell-integration": None,
}


# The time-zone database (the tzdata package, which Windows needs for zoneinfo): the program
# names only Europe/London (calendar files), and a team database's server gives its own zone,
# in the UK Europe/London, GMT or UTC. The rest of the world's zones (2 MB) are left out; the
# database's own index files stay.
ZONES_KEPT = ("Europe", "Etc", "GB", "GB-Eire", "GMT", "GMT+0", "GMT-0", "GMT0", "Greenwich", "UCT", "UTC",
              "Universal", "Zulu", "__init__.py", "iso3166.tab", "leapseconds", "tzdata.zi", "zone.tab",
              "zone1970.tab", "zonenow.tab")


def zone_wanted(parts) -> bool:
    at = parts.index("zoneinfo")
    return len(parts) < at + 2 or parts[at + 1] in ZONES_KEPT


def plugin_wanted(parts) -> bool:
    at = parts.index("plugins")
    if len(parts) < at + 3:
        return True
    kind, name = parts[at + 1], parts[-1]
    if kind not in PLUGINS_KEPT:
        return False
    keep = PLUGINS_KEPT[kind]
    stem = name.split(".")[0].removeprefix("lib")
    return keep is None or any(stem == k or stem.startswith(k + "-") for k in keep)


def wanted(entry) -> bool:
    parts = entry[0].replace("\\", "/").split("/")
    name = parts[-1]
    if any(name.startswith(prefix) for prefix in UNUSED_BINARIES + SYSTEM_LIBRARIES):
        return False
    if parts[0] == "PySide6" and "plugins" in parts:  # PySide6/Qt/plugins (Linux), PySide6/plugins (Windows)
        return plugin_wanted(parts)
    if parts[0] == "tzdata" and "zoneinfo" in parts:
        return zone_wanted(parts)
    # Qt's own translations: keep English only (the program's text is English).
    if "translations" in parts and name.endswith(".qm") and not name.endswith("_en.qm"):
        return False
    return True


def without_orphans(kept, removed):
    """Drop the libraries that only removed plugins needed, directly or through each other.

    A kept file that no collected binary links to (an extension module, a plugin, a library
    loaded with ctypes) is needed; so is everything a needed file links to; the rest goes.
    """
    from PyInstaller.depend import bindepend

    def key(path):
        return os.path.normcase(os.path.basename(path))

    links = {}
    referenced = set()
    for dest, src, kind in kept + removed:
        if kind not in {"BINARY", "EXTENSION"} or not os.path.isfile(src):
            continue
        targets = {key(full or name) for name, full in bindepend.get_imports(src)}
        links[key(dest)] = targets
        referenced |= targets
    needed = set()
    todo = [key(dest) for dest, _, _ in kept if key(dest) not in referenced]
    while todo:
        item = todo.pop()
        if item not in needed:
            needed.add(item)
            todo.extend(links.get(item, ()))
    return [entry for entry in kept if key(entry[0]) in needed]


def without_dangling_links(datas, binaries):
    """Drop the symbolic links (Linux library aliases) whose target was left out."""
    present = {os.path.normpath(dest) for dest, _, kind in binaries + datas if kind != "SYMLINK"}
    return [
        (dest, src, kind)
        for dest, src, kind in datas
        if kind != "SYMLINK" or os.path.normpath(os.path.join(os.path.dirname(dest), src)) in present
    ]
