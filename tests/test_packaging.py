"""The packaging files, checked without running PyInstaller (that is packaging/build.py's
job, and packaging/smoke_test.sh tests what it builds)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import os
import shutil
import struct
import subprocess
from pathlib import Path
from types import ModuleType
from xml.etree import ElementTree

import pytest

from timeline_app import APP_NAME, __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
DESKTOP = ROOT / "resources" / "conflict-timeline.desktop"
MIME_XML = ROOT / "resources" / "conflict-timeline-mime.xml"
MIME_TYPE = "application/x-conflict-timeline+json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def load_script(name: str) -> ModuleType:
    """A script from packaging/ as a module (they are not part of the package)."""
    spec = importlib.util.spec_from_file_location(f"_packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


# --- spec and build script --------------------------------------------------------------


def test_spec_is_python_and_names_the_bundle() -> None:
    text = (PACKAGING / "conflict_timeline.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    called = {n.func.id for n in ast.walk(tree)
              if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert {"Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"} <= called
    assert 'EXE_NAME = "ConflictTimeline"' in text
    assert "org.conflict-timeline.ConflictTimeline" in text
    assert "SPECPATH" in text


@pytest.mark.parametrize(
    "path",
    [
        "packaging/conflict_timeline.spec", "packaging/build.py", "packaging/make_icons.py",
        "packaging/install-linux.sh", "packaging/smoke_test.sh", "bench/bench_startup.py",
        "resources/conflict-timeline.desktop", "docs/packaging.md",
    ],
)
def test_no_machine_paths(path: str) -> None:
    text = (ROOT / path).read_text(encoding="utf-8")
    # the home folders of this kind of build machine and of users
    for prefix in ("/" + "work/", "/" + "root/", "/" + "home/"):
        assert prefix not in text, f"{path} names {prefix}"


def test_build_reads_the_package_version() -> None:
    assert load_script("build").package_version() == __version__


def test_spec_reads_the_same_name_and_version() -> None:
    """The spec's own parser of timeline_app/__init__.py, run on its own."""
    text = (PACKAGING / "conflict_timeline.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    func = next(n for n in tree.body
                if isinstance(n, ast.FunctionDef) and n.name == "_package_constants")
    namespace: dict[str, object] = {"ast": ast, "ROOT": ROOT}
    exec(compile(ast.Module(body=[func], type_ignores=[]), "spec", "exec"), namespace)
    assert namespace["_package_constants"]() == (__version__, APP_NAME)  # type: ignore[operator]


def spec_excluded_modules() -> list[str]:
    tree = ast.parse((PACKAGING / "conflict_timeline.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if (isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
                and node.targets[0].id == "EXCLUDED_MODULES"):
            return list(ast.literal_eval(node.value))
    raise AssertionError("the spec has no EXCLUDED_MODULES list")


def test_the_app_uses_no_module_the_bundle_leaves_out() -> None:
    """A module the spec excludes is missing from the bundle even if the app imports it.

    If this fails, take the module out of EXCLUDED_MODULES in packaging/conflict_timeline.spec.
    """
    excluded = spec_excluded_modules()
    assert "numpy" not in excluded and "PySide6.QtWidgets" not in excluded

    def is_excluded(name: str) -> bool:
        return any(name == m or name.startswith(m + ".") for m in excluded)

    used: list[str] = []
    for path in sorted((ROOT / "timeline_app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                  and node.value.id in ("np", "numpy")):
                names = [f"numpy.{node.attr}"]
            used += [f"{path.relative_to(ROOT)}: {n}" for n in names if is_excluded(n)]
    assert used == []


# --- icons ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_exists_in_every_size(size: int) -> None:
    data = (ICONS / f"conflict-timeline-{size}.png").read_bytes()
    assert png_size(data) == (size, size)


def test_svg_source_is_there() -> None:
    text = (ICONS / "conflict-timeline.svg").read_text(encoding="utf-8")
    assert "<svg" in text and 'viewBox="0 0 256 256"' in text


def test_ico_header_and_entries() -> None:
    data = (ICONS / "conflict-timeline.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    assert count >= 5
    sizes = set()
    for i in range(count):
        w, h, colours, res, planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i)
        size = w or 256
        assert (w, colours, res, planes, bits) == (h, 0, 0, 1, 32)
        assert offset + length <= len(data)
        assert png_size(data[offset:offset + length]) == (size, size)
        sizes.add(size)
    assert {16, 32, 48, 256} <= sizes


def test_icns_header_and_entries() -> None:
    data = (ICONS / "conflict-timeline.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    entries: dict[bytes, tuple[int, int]] = {}
    at = 8
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack(">I", data[at + 4:at + 8])[0]
        assert length > 8 and at + length <= len(data)
        entries[kind] = png_size(data[at + 8:at + length])
        at += length
    assert at == len(data)
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    for kind, size in expected.items():
        assert entries[kind] == (size, size)


def test_container_writers_on_fake_images() -> None:
    make_icons = load_script("make_icons")
    blobs = {16: PNG_SIGNATURE + b"a" * 10, 256: PNG_SIGNATURE + b"b" * 20}
    ico = make_icons.ico_bytes(blobs)
    assert struct.unpack_from("<HHH", ico) == (0, 1, 2)
    assert ico[6 + 16] == 0  # 256 px is written as 0
    assert ico.endswith(blobs[256])
    pngs = {size: PNG_SIGNATURE + bytes([size % 251]) for _, size in make_icons.ICNS_TYPES}
    icns = make_icons.icns_bytes(pngs)
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)


def test_make_icons_check_passes() -> None:
    assert load_script("make_icons").check() == 0


# --- desktop integration ----------------------------------------------------------------


def read_desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_has_the_required_keys() -> None:
    entry = read_desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Exec"] == "ConflictTimeline %f"
    assert entry["Icon"] == "conflict-timeline"
    # Only the application's own type: not every JSON file on the desktop.
    assert [m for m in entry["MimeType"].split(";") if m] == [MIME_TYPE]
    assert [c for c in entry["Categories"].split(";") if c] == ["Office"]  # one main category
    assert entry["Terminal"] == "false"
    # Qt puts QCoreApplication.applicationName() in the class part of WM_CLASS.
    assert entry["StartupWMClass"] == APP_NAME


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (./dev installs "
                           "desktop-file-utils)")
def test_desktop_file_validates_without_a_word() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_the_mime_type_is_registered_with_a_glob_and_the_writer_s_first_key() -> None:
    root = ElementTree.parse(MIME_XML).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    (mime,) = root.findall("m:mime-type", ns)
    assert mime.get("type") == MIME_TYPE
    assert mime.find("m:sub-class-of", ns).get("type") == "application/json"
    globs = [g.get("pattern") for g in mime.findall("m:glob", ns)]
    assert globs and "*.json" not in globs
    magic = mime.find("m:magic/m:match", ns).get("value")
    assert magic in (ROOT / "events.json").read_text(encoding="utf-8")[:64]


def test_desktop_file_name_matches_the_application() -> None:
    """Wayland and GNOME find the entry by the name QGuiApplication.setDesktopFileName gives."""
    source = (ROOT / "timeline_app" / "gui" / "window" / "app.py").read_text(encoding="utf-8")
    assert f'setDesktopFileName("{DESKTOP.stem}")' in source


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("script", ["install-linux.sh", "smoke_test.sh"])
def test_shell_scripts_parse(script: str) -> None:
    path = PACKAGING / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    subprocess.run(["bash", "-n", str(path)], check=True)


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_install_and_uninstall_in_a_fake_home(tmp_path: Path) -> None:
    """install-linux.sh on a stand-in bundle whose path has a space in it."""
    bundle = tmp_path / "un packed" / "ConflictTimeline"
    (bundle / "_internal" / "resources" / "icons").mkdir(parents=True)
    program = bundle / "ConflictTimeline"
    program.write_text("#!/bin/sh\necho stand-in\n")
    program.chmod(0o755)
    shutil.copy2(PACKAGING / "install-linux.sh", bundle / "install-linux.sh")
    shutil.copy2(DESKTOP, bundle / "_internal" / "resources" / DESKTOP.name)
    shutil.copy2(MIME_XML, bundle / "_internal" / "resources" / MIME_XML.name)
    for icon in ICONS.glob("conflict-timeline*"):
        shutil.copy2(icon, bundle / "_internal" / "resources" / "icons" / icon.name)
    home = tmp_path / "my home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}

    def run(*args: str) -> None:
        subprocess.run(["bash", str(bundle / "install-linux.sh"), *args], env=env, check=True,
                       capture_output=True)

    run()
    run()  # a second time updates in place
    data = home / ".local" / "share"
    installed = data / "conflict-timeline" / "ConflictTimeline"
    assert os.access(installed, os.X_OK)
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(data / "applications" / "conflict-timeline.desktop", encoding="utf-8")
    assert parser["Desktop Entry"]["Exec"] == f'"{installed}" %f'
    assert parser["Desktop Entry"]["TryExec"] == str(installed)
    for size in PNG_SIZES:
        assert (data / "icons" / "hicolor" / f"{size}x{size}" / "apps"
                / "conflict-timeline.png").is_file()
    assert (home / ".local" / "bin" / "conflict-timeline").resolve() == installed.resolve()
    assert (data / "mime" / "packages" / MIME_XML.name.replace("-mime", "")).is_file()
    if shutil.which("update-mime-database"):
        globs = (data / "mime" / "globs2").read_text(encoding="utf-8")
        assert f"{MIME_TYPE}:*.timeline.json" in globs

    run("--uninstall")
    left = [p for p in home.rglob("*")
            if (p.is_file() or p.is_symlink())
            and p.name not in ("mimeinfo.cache", "icon-theme.cache")]
    assert left == []
    assert program.is_file(), "uninstalling must not touch the bundle it came from"


def test_third_party_notices_cover_the_bundled_libraries() -> None:
    text = (PACKAGING / "THIRD_PARTY_LICENSES.md").read_text(encoding="utf-8")
    for needle in ("PySide6", "LGPL-3.0", "python-dateutil", "Apache-2.0", "NumPy",
                   "BSD-3-Clause"):
        assert needle in text
