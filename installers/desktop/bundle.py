"""What the frozen desktop app contains: entry script, data files, hidden imports and exclusions.

Plain Python without PyInstaller, so that ``tambo.spec`` and the fast consistency test
(``tests/installers/test_desktop_bundle.py``) read the same lists. The data files come from
``[tool.setuptools.package-data]`` in ``pyproject.toml``, the list a pip install already relies on, so
a new schema or catalog file cannot be forgotten by the installer alone.

Hidden imports are only the modules nobody imports by name: PyInstaller follows every ``import``
statement (also inside functions), but not ``importlib.import_module`` or a registry that loads a
module from a string, as ``holidays`` does for each country.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_NAME = "tambo"
#: The console twin on Windows, where the window app has no console for the headless commands.
CLI_NAME = "tambo-cli"
ENTRY_SCRIPT = ROOT / "installers" / "desktop" / "tambo_main.py"
ICON_SVG = ROOT / "installers" / "assets" / "tambo.svg"
#: The packages of ours the desktop app is made of (the server stays out of the bundle).
DESKTOP_PACKAGES = ("shared", "desktop")

HIDDEN_IMPORTS = (
    # shared/business_days.py: holidays.country_holidays("PE") imports the country module by name
    "holidays.countries.peru",
    # zoneinfo reads the tzdata package by name when the OS has no zone files (Windows; PYTHONTZPATH)
    "tzdata",
)
#: (package, glob inside it) of third-party data files that no hook collects.
THIRD_PARTY_DATA = (
    # Peru's holiday names (Spanish, English); holidays reads them with gettext
    ("holidays", "locale/*/LC_MESSAGES/PE.mo"),
)
#: Modules the code imports on purpose inside ``try``, and works without (see the comment of each).
OPTIONAL_IMPORTS = (
    # desktop/ui/kiosk/speech.py: read-aloud in the kiosk; PySide6-Essentials has no QtTextToSpeech
    "PySide6.QtTextToSpeech",
)
#: Never bundled: the server, test tools, and what the desktop does not use.
EXCLUDES = (
    "sync_server",
    "tests",
    "flask",
    "werkzeug",
    "sqlalchemy",
    "alembic",
    "waitress",
    "gunicorn",
    "psycopg",
    "pytest",
    "hypothesis",
    "tkinter",
    "IPython",
)


#: Qt plugins left out of the bundle (paths end with these), and why: qgtk3 would bring a private copy
#: of GTK 3 (about 20 MB) that then meets the system's GTK themes and modules of another version; Qt's
#: own Fusion style and the XDG portal theme need none of it.
DROPPED_QT_PLUGINS = ("platformthemes/libqgtk3.so",)

Binary = tuple[str, str, str]  # PyInstaller's TOC entry: (name inside the bundle, source path, type)


def drop_plugins(binaries: list[Binary], needed: Callable[[str], Iterable[str]]) -> list[Binary]:
    """``binaries`` without :data:`DROPPED_QT_PLUGINS` and the shared libraries only they need.

    ``needed(source)`` names the libraries a binary links to (PyInstaller's ``bindepend``). PyInstaller
    does not record why a library at the top of the bundle is there, so a top-level library is dropped
    only when a dropped plugin needs it and nothing that stays (an extension module, another plugin or
    Qt library, a library nothing dropped needs) does.
    """

    def is_dropped(entry: Binary) -> bool:
        return entry[0].replace("\\", "/").endswith(DROPPED_QT_PLUGINS)

    removed = [entry for entry in binaries if is_dropped(entry)]
    if not removed:
        return binaries
    top_level = {entry[0]: entry for entry in binaries if "/" not in entry[0].replace("\\", "/")}

    def reachable(roots: Iterable[Binary]) -> set[str]:
        seen: set[str] = set()
        stack = [entry[1] for entry in roots]
        while stack:
            for name in needed(stack.pop()):
                base = Path(name).name
                if base in top_level and base not in seen:
                    seen.add(base)
                    stack.append(top_level[base][1])
        return seen

    suspects = reachable(removed)
    roots = [entry for entry in binaries if not is_dropped(entry) and entry[0] not in suspects]
    still_needed = reachable(roots)
    return [
        entry
        for entry in binaries
        if not is_dropped(entry) and not (entry[0] in suspects and entry[0] not in still_needed)
    ]


def package_data_patterns(root: Path = ROOT) -> dict[str, list[str]]:
    """``[tool.setuptools.package-data]`` of pyproject.toml, for the desktop's packages."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    declared = config["tool"]["setuptools"]["package-data"]
    return {package: list(declared.get(package, [])) for package in DESKTOP_PACKAGES}


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(source file, folder inside the bundle)`` for every data file of ours the desktop reads.

    Raises FileNotFoundError when a declared pattern matches nothing or a compiled translation is
    missing: a build without them would start, and then fail in front of a clerk.
    """
    found: list[tuple[str, str]] = []
    for package, patterns in package_data_patterns(root).items():
        for pattern in patterns:
            matches = sorted(path for path in (root / package).glob(pattern) if path.is_file())
            if not matches:
                raise FileNotFoundError(f"{package}/{pattern} matches no file")
            found += [(str(path), path.parent.relative_to(root).as_posix()) for path in matches]
    for name in compiled_translations():
        path = root / name
        if not path.is_file():
            raise FileNotFoundError(f"{name} is missing: run `python -m desktop.i18n compile` first")
        found.append((str(path), path.parent.relative_to(root).as_posix()))
    return found


def compiled_translations() -> list[str]:
    """The .qm files the app loads (``python -m desktop.i18n compile`` makes them before the build)."""
    from desktop.i18n.catalog import TRANSLATED_LANGUAGES, qm_name

    return [f"desktop/i18n/qm/{qm_name(lang)}" for lang in TRANSLATED_LANGUAGES]


def third_party_data_files() -> list[tuple[str, str]]:
    """``(source file, folder inside the bundle)`` for :data:`THIRD_PARTY_DATA`, from the installed copy."""
    import importlib.util

    found: list[tuple[str, str]] = []
    for package, pattern in THIRD_PARTY_DATA:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(f"package {package} is not installed")
        base = Path(next(iter(spec.submodule_search_locations)))
        matches = sorted(base.glob(pattern))
        if not matches:
            raise FileNotFoundError(f"{package}/{pattern} matches no file")
        site = base.parent
        found += [(str(path), path.parent.relative_to(site).as_posix()) for path in matches]
    return found


def windows() -> bool:
    return sys.platform == "win32"
