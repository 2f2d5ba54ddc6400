"""The Windows installer script, its build script and the Linux desktop entry, read as files."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
ISS = PACKAGING / "windows" / "installer.iss"
BUILD_PS1 = PACKAGING / "windows" / "build.ps1"
DESKTOP = PACKAGING / "linux" / "bscp-desktop.desktop"
INSTALL_SH = PACKAGING / "linux" / "install.sh"
SPEC = PACKAGING / "bscp_desktop.spec"


def spec_name() -> str:
    match = re.search(r'^NAME = "([^"]+)"', SPEC.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, "the spec names the program with NAME = \"...\""
    return match.group(1)


# --------------------------------------------------------------------------- Inno Setup


def read_iss() -> tuple[dict[str, str], dict[str, list[dict[str, str]]], dict[str, str]]:
    """([Setup] directives, entries of the other sections as {Param: value}, #defines)."""
    setup: dict[str, str] = {}
    sections: dict[str, list[dict[str, str]]] = {}
    defines: dict[str, str] = {}
    current = None
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("#"):
            match = re.match(r'#define\s+(\w+)\s+"([^"]*)"', line)
            if match:
                defines[match.group(1)] = match.group(2)
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].lower()
            sections.setdefault(current, [])
            continue
        if current == "setup":
            key, _, value = line.partition("=")
            setup[key.strip().lower()] = value.strip()
        elif current in {"messages", "custommessages"}:
            key, _, value = line.partition("=")
            sections[current].append({"name": key.strip(), "value": value.strip()})
        else:
            entry = {}
            for part in re.split(r';\s+(?=\w+:)', line):
                key, _, value = part.partition(":")
                entry[key.strip().lower()] = value.strip().strip('"')
            sections[current].append(entry)
    return setup, sections, defines


def expand(value: str, defines: dict[str, str]) -> str:
    return re.sub(r"\{#(\w+)\}", lambda m: defines.get(m.group(1), m.group(0)), value)


def test_installer_is_per_user_with_lowest_privileges():
    setup, _, _ = read_iss()
    assert setup["privilegesrequired"].lower() == "lowest"
    # never offer a machine-wide (admin) install from the command line
    assert setup.get("privilegesrequiredoverridesallowed", "dialog").lower() == "dialog"
    assert PureWindowsPath(setup["defaultdirname"]).parts[:2] == ("{localappdata}", "Programs")
    assert setup["defaultdirname"].lower() == r"{localappdata}\programs\bscp desktop"


def test_uninstall_and_upgrade_never_delete_the_users_data():
    setup, sections, defines = read_iss()
    for section in ("installdelete", "uninstalldelete"):
        for entry in sections.get(section, []):
            target = expand(entry["name"], defines)
            assert target.lower().startswith("{app}\\"), f"[{section}] deletes {target}"
            assert ".." not in target
    assert "code" not in sections, "a [Code] section could delete files: review it and extend this test"
    text = ISS.read_text(encoding="utf-8").lower()
    data_folder = r"{localappdata}\bscp desktop"
    assert data_folder not in text  # the data folder is never named, so never removed
    for directive in ("uninstallfilesdir",):
        assert directive not in setup or setup[directive].lower().startswith("{app}")


def test_installer_installs_the_bundle_make_package_builds():
    setup, sections, defines = read_iss()
    bundle = (ISS.parent / PureWindowsPath(defines["BundleDir"]).as_posix()).resolve()
    assert bundle == REPO / "dist" / spec_name()  # `make package` writes dist/bscp-desktop
    assert defines["AppExe"] == f"{spec_name()}.exe"
    sources = [expand(e["source"], defines) for e in sections["files"]]
    assert any(s.startswith(defines["BundleDir"]) for s in sources)
    icon = (ISS.parent / PureWindowsPath(setup["setupiconfile"]).as_posix()).resolve()
    assert icon.is_file() and icon.suffix == ".ico"
    assert setup["appversion"] == "{#AppVersion}"
    assert "{#AppVersion}" in setup["outputbasefilename"]
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["appid"])


def test_installer_shortcuts_start_menu_and_optional_desktop():
    _, sections, defines = read_iss()
    icons = sections["icons"]
    start_menu = [i for i in icons if i["name"].startswith("{autoprograms}")]
    desktop = [i for i in icons if i["name"].startswith("{autodesktop}")]
    assert start_menu and "tasks" not in start_menu[0]
    assert desktop and desktop[0]["tasks"] == "desktopicon"
    task = next(t for t in sections["tasks"] if t["name"] == "desktopicon")
    assert "unchecked" in task["flags"]
    for icon in icons:
        assert expand(icon["filename"], defines) == r"{app}\bscp-desktop.exe"


def test_build_script_bundles_then_compiles_with_the_package_version():
    text = BUILD_PS1.read_text(encoding="utf-8")
    assert '".[package]"' in text
    assert r"packaging\bscp_desktop.spec" in text
    assert "bscp_desktop.__version__" in text
    assert '"/DAppVersion=$Version"' in text
    assert r"packaging\windows\installer.iss" in text
    assert "--smoke" in text
    assert "$LASTEXITCODE" in text


@pytest.mark.skipif(shutil.which("pwsh") is None, reason="PowerShell (pwsh) is not installed")
def test_build_script_parses_in_powershell():
    command = (
        "$errors = $null; [System.Management.Automation.Language.Parser]::ParseFile("
        f"'{BUILD_PS1}', [ref]$null, [ref]$errors) | Out-Null; exit $errors.Count"
    )
    result = subprocess.run(["pwsh", "-NoProfile", "-Command", command], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- Linux


def read_desktop(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry():
    entry = read_desktop(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "BSCP Desktop"
    assert entry["Exec"].split()[0] == spec_name()
    assert entry["Icon"] == "bscp-desktop"
    assert (REPO / "resources" / "icons" / f"{entry['Icon']}.png").is_file()
    categories = entry["Categories"]
    assert categories.endswith(";") and "Office" in categories.split(";")
    assert entry["Terminal"] == "false"


def test_icons_exist_in_every_size_the_installers_use():
    icons = REPO / "resources" / "icons"
    ico = (icons / "bscp-desktop.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00" and int.from_bytes(ico[4:6], "little") >= 5
    for size in (16, 32, 48, 64, 128, 256):
        png = (icons / f"bscp-desktop-{size}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert int.from_bytes(png[16:20], "big") == size  # IHDR width


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("bash") is None, reason="needs bash")
def test_linux_install_script_installs_for_the_user_and_uninstall_keeps_data(tmp_path):
    dist = tmp_path / "dist" / "bscp-desktop"
    (dist / "_internal").mkdir(parents=True)
    program = dist / "bscp-desktop"
    program.write_text("#!/bin/sh\necho BSCP Desktop\n")
    program.chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}

    result = subprocess.run(["bash", str(INSTALL_SH), str(dist)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    installed = home / ".local" / "opt" / "bscp-desktop" / "bscp-desktop"
    assert installed.is_file()
    assert (home / ".local" / "bin" / "bscp-desktop").resolve() == installed
    entry = read_desktop(home / ".local" / "share" / "applications" / "bscp-desktop.desktop")
    assert entry["Exec"] == f'"{installed}"'
    assert entry["Icon"] == "bscp-desktop"
    for size in (16, 48, 256):
        assert (home / f".local/share/icons/hicolor/{size}x{size}/apps/bscp-desktop.png").is_file()

    data = home / ".local" / "share" / "BSCP Desktop"
    (data / "backups").mkdir(parents=True)
    (data / "bscp.sqlite3").write_bytes(b"records")
    result = subprocess.run(["bash", str(INSTALL_SH), "--uninstall"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert not installed.exists()
    assert not (home / ".local" / "bin" / "bscp-desktop").exists()
    assert not (home / ".local" / "share" / "applications" / "bscp-desktop.desktop").exists()
    assert (data / "bscp.sqlite3").read_bytes() == b"records"


def test_linux_install_script_refuses_a_missing_bundle(tmp_path):
    if sys.platform == "win32" or shutil.which("bash") is None:
        pytest.skip("needs bash")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(tmp_path)}
    result = subprocess.run(["bash", str(INSTALL_SH), str(tmp_path / "nothing")], env=env,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "make package" in result.stderr
    assert not (tmp_path / ".local").exists()


# --------------------------------------------------------------------------- spec


def test_spec_bundles_what_is_loaded_at_run_time():
    text = SPEC.read_text(encoding="utf-8")
    assert spec_name() == "bscp-desktop"
    assert '(str(ROOT / "resources"), "resources")' in text
    assert "migration_files()" in text
    assert 'collect_submodules(\n    "bscp_desktop"' in text
    assert 'collect_submodules("holidays")' in text
    assert "console=not WINDOWS" in text
    assert "__version__" in text
    for unused in ("QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtQml", "QtQuick", "tkinter"):
        assert f'"{unused}"' in text


# --------------------------------------------------------------------------- bundle contents


def load_bundle_filter():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bundle_filter", PACKAGING / "bundle_filter.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        # Windows wheels keep plugins and translations directly under PySide6
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qoffscreen.dll", True),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6\\plugins\\imageformats\\qtiff.dll", False),
        ("PySide6\\plugins\\tls\\qschannelbackend.dll", False),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\Qt6Qml.dll", False),
        ("PySide6\\Qt6Gui.dll", True),
        ("PySide6\\translations\\qtbase_fr.qm", False),
        # nothing else is touched
        ("resources/fonts/DejaVuSans.ttf", True),
        ("bscp_desktop/db/migrations/versions/0001_foundation.py", True),
    ],
)
def test_bundle_keeps_what_a_widgets_program_needs(dest, kept):
    assert load_bundle_filter().wanted((dest, "/src", "BINARY")) is kept


def test_libraries_only_dropped_plugins_needed_are_dropped(tmp_path, monkeypatch):
    pytest.importorskip("PyInstaller")
    from PyInstaller.depend import bindepend

    links = {
        "libqxcb.so": {"libQt6XcbQpa.so.6", "libQt6Gui.so.6"},
        "libQt6XcbQpa.so.6": {"libQt6Gui.so.6"},
        "libqeglfs.so": {"libQt6EglFS.so.6", "libQt6Gui.so.6"},
        "libQt6EglFS.so.6": {"libQt6EglKms.so.6"},  # a cycle only the dropped plugin reaches
        "libQt6EglKms.so.6": {"libQt6EglFS.so.6"},
    }
    files = {}
    for name in [*links, "libQt6Gui.so.6", "libloaded_by_ctypes.so"]:
        files[name] = tmp_path / name
        files[name].write_bytes(b"\x7fELF")
    monkeypatch.setattr(
        bindepend, "get_imports",
        lambda src, search_paths=None: {(n, str(files[n])) for n in links.get(os.path.basename(src), ())},
    )
    entry = lambda name: (f"lib/{name}", str(files[name]), "BINARY")  # noqa: E731
    kept = [entry(n) for n in ("libqxcb.so", "libQt6XcbQpa.so.6", "libQt6Gui.so.6",
                               "libQt6EglFS.so.6", "libQt6EglKms.so.6", "libloaded_by_ctypes.so")]
    removed = [entry("libqeglfs.so")]
    bundle_filter = load_bundle_filter()
    result = [dest for dest, _, _ in bundle_filter.without_orphans(kept, removed)]
    assert result == ["lib/libqxcb.so", "lib/libQt6XcbQpa.so.6", "lib/libQt6Gui.so.6", "lib/libloaded_by_ctypes.so"]

    datas = [("libQt6Gui.so.6", "lib/libQt6Gui.so.6", "SYMLINK"),
             ("libQt6EglFS.so.6", "lib/libQt6EglFS.so.6", "SYMLINK"),
             ("resources/x.ttf", "/src/x.ttf", "DATA")]
    binaries = [(d, s, k) for d, s, k in kept if d in result]
    assert bundle_filter.without_dangling_links(datas, binaries) == [datas[0], datas[2]]
