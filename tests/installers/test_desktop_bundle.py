"""The PyInstaller build's description (installers/desktop/bundle.py) agrees with the code it freezes.

The real build takes about a minute and runs outside the suite (``installers/build-desktop --smoke``);
these checks catch in seconds what would make that build start and then fail in front of a clerk: a
data file not collected, a module imported by name, a server package the desktop starts to need.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
from pathlib import Path

import pytest

from desktop.i18n.catalog import TRANSLATED_LANGUAGES, compile_translations
from installers.desktop import bundle

ROOT = bundle.ROOT


def python_files(*packages: str) -> list[Path]:
    return sorted(
        path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "__pycache__" not in path.parts
    )


def imported_modules(path: Path) -> set[str]:
    """Every module an ``import`` statement of ``path`` names (also inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_every_declared_data_file_and_each_translation_is_collected() -> None:
    compile_translations()  # what build-desktop does first; the .qm files are not in git
    collected = {Path(source).relative_to(ROOT).as_posix(): folder for source, folder in bundle.data_files()}
    for package, patterns in bundle.package_data_patterns().items():
        for pattern in patterns:
            on_disk = [p for p in (ROOT / package).glob(pattern) if p.is_file()]
            assert on_disk, f"{package}/{pattern}"
            for path in on_disk:
                relative = path.relative_to(ROOT).as_posix()
                assert collected[relative] == path.parent.relative_to(ROOT).as_posix()
    for lang in TRANSLATED_LANGUAGES:
        assert f"desktop/i18n/qm/tambo_{lang}.qm" in collected
    assert any(name.startswith("shared/demo_catalog/") for name in collected)
    assert "shared/schemas/service.schema.json" in collected
    assert any(name.startswith("desktop/ui/kiosk/icons/") for name in collected)


def test_a_missing_translation_or_an_empty_pattern_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools.package-data]\nshared = ["schemas/*.json"]\ndesktop = ["i18n/*.ts"]\n'
    )
    (tmp_path / "shared" / "schemas").mkdir(parents=True)
    (tmp_path / "shared" / "schemas" / "service.schema.json").write_text("{}")
    (tmp_path / "desktop" / "i18n").mkdir(parents=True)
    with pytest.raises(FileNotFoundError, match=r"desktop/i18n/\*\.ts matches no file"):
        bundle.data_files(tmp_path)
    shutil.copy(ROOT / "desktop" / "i18n" / "tambo_en.ts", tmp_path / "desktop" / "i18n")
    with pytest.raises(FileNotFoundError, match=r"python -m desktop.i18n compile"):
        bundle.data_files(tmp_path)


def test_modules_imported_by_name_are_hidden_imports_and_exist() -> None:
    dynamic = set()
    for path in python_files("shared", "desktop"):
        dynamic.update(re.findall(r"import_module\(\s*[\"']([\w.]+)[\"']", path.read_text(encoding="utf-8")))
    assert dynamic, "the scan found nothing: has speech.py moved?"
    for name in dynamic:
        assert name in bundle.HIDDEN_IMPORTS or name in bundle.OPTIONAL_IMPORTS, name
    for name in bundle.HIDDEN_IMPORTS:
        assert importlib.util.find_spec(name) is not None, name
    assert any(folder.startswith("holidays/locale/") for _, folder in bundle.third_party_data_files())


def test_the_desktop_never_imports_what_the_bundle_leaves_out() -> None:
    excluded = set(bundle.EXCLUDES)
    for path in python_files("shared", "desktop"):
        for module in imported_modules(path):
            assert module.split(".")[0] not in excluded, f"{path.relative_to(ROOT)} imports {module}"


def test_the_spec_and_the_entry_point_are_what_bundle_names() -> None:
    spec = (ROOT / "installers" / "desktop" / "tambo.spec").read_text(encoding="utf-8")
    for used in ("bundle.data_files()", "bundle.HIDDEN_IMPORTS", "bundle.EXCLUDES", "bundle.drop_plugins"):
        assert used in spec
    assert bundle.ENTRY_SCRIPT.is_file()
    assert "desktop.cli" in imported_modules(bundle.ENTRY_SCRIPT)
    assert bundle.ICON_SVG.is_file()


def test_dropping_the_gtk_theme_drops_only_what_nothing_else_needs() -> None:
    links = {
        "/qt/libqgtk3.so": ["libgtk-3.so.0", "libglib-2.0.so.0", "libc.so.6"],
        "/lib/libgtk-3.so.0": ["libcairo.so.2", "libglib-2.0.so.0"],
        "/lib/libcairo.so.2": [],
        "/lib/libglib-2.0.so.0": [],
        "/qt/libqxcb.so": ["libX11.so.6"],
        "/lib/libX11.so.6": [],
        "/py/_ssl.so": ["libglib-2.0.so.0"],
        "/lib/libsqlite3.so.0": [],  # put there by a hook, needed by nobody we can see
    }
    binaries = [
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/qt/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/lib/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/lib/libcairo.so.2", "BINARY"),
        ("libglib-2.0.so.0", "/lib/libglib-2.0.so.0", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/qt/libqxcb.so", "BINARY"),
        ("libX11.so.6", "/lib/libX11.so.6", "BINARY"),
        ("lib-dynload/_ssl.so", "/py/_ssl.so", "EXTENSION"),
        ("libsqlite3.so.0", "/lib/libsqlite3.so.0", "BINARY"),
    ]
    kept = {name for name, _source, _kind in bundle.drop_plugins(binaries, lambda source: links[source])}
    assert kept == {
        "libglib-2.0.so.0",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "libX11.so.6",
        "lib-dynload/_ssl.so",
        "libsqlite3.so.0",
    }
    untouched = [entry for entry in binaries if "gtk" not in entry[0]]
    assert bundle.drop_plugins(untouched, lambda source: links[source]) == untouched


def test_an_installed_build_uses_its_own_translations_as_they_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/opt/tambo or Program Files: a read-only folder, fresh file times, no lrelease to run."""
    from desktop.i18n import catalog

    bundled = tmp_path / "_internal" / "desktop" / "i18n" / "qm"
    bundled.mkdir(parents=True)
    for lang in TRANSLATED_LANGUAGES:
        (bundled / catalog.qm_name(lang)).write_bytes(b"qm")
    monkeypatch.setattr(catalog, "PACKAGE_QM_DIR", bundled)
    monkeypatch.setattr(catalog.sys, "frozen", True, raising=False)
    monkeypatch.setattr(catalog, "default_qm_dir", lambda: pytest.fail("looked for a writable folder"))
    monkeypatch.setattr(catalog, "_tool", lambda name: pytest.fail(f"ran {name}"))
    found = catalog.compile_translations()
    assert found == {lang: bundled / catalog.qm_name(lang) for lang in TRANSLATED_LANGUAGES}
    (bundled / catalog.qm_name("qu")).unlink()
    assert set(catalog.compile_translations()) == set(TRANSLATED_LANGUAGES) - {"qu"}  # Spanish for qu
