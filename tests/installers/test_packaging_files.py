"""Linux and Windows packaging files: the Linux install script run for real under a temporary root, the
.desktop entries as a desktop reads them, and the Inno Setup script checked against the build it packs
(Windows itself is not available here: docs/installing-desktop.md says what is left to a Windows run).
"""

from __future__ import annotations

import configparser
import pwd
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImageReader

from desktop import __version__
from desktop.cli import build_parser
from installers.desktop import bundle
from installers.make_icons import make_icons

ROOT = bundle.ROOT
LINUX = ROOT / "installers" / "linux"
WINDOWS = ROOT / "installers" / "windows"


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def fake_build(folder: Path, marker: str) -> Path:
    """A one-folder build's shape: the ``tambo`` program and its ``_internal`` folder."""
    (folder / "_internal").mkdir(parents=True)
    (folder / "_internal" / "marker.txt").write_text(marker)
    program = folder / "tambo"
    program.write_text('#!/bin/sh\necho tambo "$@"\n')
    program.chmod(0o755)
    return folder


def install(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINUX / "install-linux.sh"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_desktop_entries_open_the_app_and_the_kiosk() -> None:
    app, kiosk = desktop_entry(LINUX / "tambo.desktop"), desktop_entry(LINUX / "tambo-kiosk.desktop")
    for entry in (app, kiosk):
        assert entry["Type"] == "Application"
        assert entry["Icon"] == "tambo"
        assert entry["Terminal"] == "false"
        assert entry["Exec"].split()[0] == "@PREFIX@/tambo"
        assert build_parser().parse_args(entry["Exec"].split()[1:]) is not None  # flags tambo knows
    assert entry["Exec"].split()[1:] == ["--kiosk"]
    assert kiosk["X-GNOME-Autostart-enabled"] == "true"
    assert kiosk["NoDisplay"] == "true"


def test_install_linux_puts_everything_in_place_and_takes_it_away(tmp_path: Path) -> None:
    root = tmp_path / "raiz"
    user = pwd.getpwnam("root")  # any account in the passwd database; files go under --root anyway
    first = install(
        "--root", str(root), "--kiosk-user", user.pw_name, str(fake_build(tmp_path / "v1", "uno"))
    )
    assert first.returncode == 0, first.stderr
    app = root / "opt" / "tambo"
    assert (
        subprocess.run([app / "tambo", "--version"], capture_output=True, text=True).stdout
        == "tambo --version\n"
    )
    assert (root / "usr/local/bin/tambo").readlink() == Path("/opt/tambo/tambo")
    assert (
        root / "usr/share/icons/hicolor/scalable/apps/tambo.svg"
    ).read_bytes() == bundle.ICON_SVG.read_bytes()
    menu = desktop_entry(root / "usr/share/applications/tambo.desktop")
    assert menu["Exec"] == "/opt/tambo/tambo"
    autostart = root / user.pw_dir.lstrip("/") / ".config" / "autostart" / "tambo-kiosk.desktop"
    assert desktop_entry(autostart)["Exec"] == "/opt/tambo/tambo --kiosk"
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(
            ["desktop-file-validate", str(autostart), str(root / "usr/share/applications/tambo.desktop")]
        )
        assert checked.returncode == 0

    again = install("--root", str(root), str(fake_build(tmp_path / "v2", "dos")))  # an upgrade
    assert again.returncode == 0, again.stderr
    assert (app / "_internal" / "marker.txt").read_text() == "dos"
    assert sorted(p.name for p in app.parent.iterdir()) == ["tambo"]  # no staging or old copy left

    removed = install("--root", str(root), "--kiosk-user", user.pw_name, "--uninstall")
    assert removed.returncode == 0, removed.stderr
    assert not app.exists()
    assert not (root / "usr/local/bin/tambo").is_symlink()
    assert not autostart.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "falta la carpeta de la compilación"),
        (("{tmp}/nada",), "no es una compilación de una carpeta"),
        (("--prefix", "opt/tambo", "{tmp}/v1"), "ruta absoluta"),
        (("--kiosk-user", "no-existe-este-usuario", "{tmp}/v1"), "no existe el usuario"),
        (("--bogus",), "opción desconocida"),
    ],
)
def test_install_linux_refuses_bad_input_with_a_reason(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    fake_build(tmp_path / "v1", "uno")
    (tmp_path / "nada").mkdir()
    done = install("--root", str(tmp_path / "raiz"), *(a.format(tmp=tmp_path) for a in args))
    assert done.returncode == 2
    assert message in done.stderr
    assert not (tmp_path / "raiz").exists()  # nothing was installed


def iss_defines(text: str) -> dict[str, str]:
    return dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', text, re.M))


def test_the_inno_setup_script_packs_what_the_spec_builds() -> None:
    iss = (WINDOWS / "tambo.iss").read_text(encoding="utf-8")
    defines = iss_defines(iss)
    assert defines["AppVersion"] == __version__
    assert defines["AppExe"] == f"{bundle.APP_NAME}.exe"
    assert defines["CliExe"] == f"{bundle.CLI_NAME}.exe"
    build_dir = (WINDOWS / defines["BuildDir"].replace("\\", "/")).resolve()
    assert build_dir == ROOT / "dist" / "desktop" / bundle.APP_NAME  # where build-desktop and the .ps1 put it
    assert (
        WINDOWS / defines["IconFile"].replace("\\", "/")
    ).resolve() == ROOT / "build" / "icons" / "tambo.ico"
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$", iss, re.M)
    kiosk = re.search(r'^Name: "\{commonstartup\}.*Parameters: "([^"]*)"; Tasks: kiosk$', iss, re.M)
    assert kiosk is not None
    assert build_parser().parse_args(kiosk.group(1).split()).kiosk

    ps1 = (WINDOWS / "build-windows.ps1").read_text(encoding="utf-8")
    assert "installers\\make_icons.py build\\icons" in ps1
    assert "installers\\desktop\\tambo.spec -- --icon build\\icons\\tambo.ico" in ps1
    assert f"dist\\desktop\\{bundle.APP_NAME}\\{bundle.CLI_NAME}.exe" in ps1
    assert "/DAppVersion=$version" in ps1
    spec = (ROOT / "installers" / "desktop" / "tambo.spec").read_text(encoding="utf-8")
    assert 'add_argument("--icon"' in spec


def test_the_icons_are_rendered_from_the_svg(tmp_path: Path, qapp: object) -> None:
    ico, png = make_icons(tmp_path)
    for path, kind in ((ico, b"ico"), (png, b"png")):
        reader = QImageReader(str(path))
        assert reader.format() == kind
        image = reader.read()
        assert (image.width(), image.height()) == (256, 256)
        assert image.pixelColor(128, 20).alpha() > 0  # the drawing, not a transparent square
