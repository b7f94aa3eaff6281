"""The Qt translations of the desktop app: every string a citizen reads is in the .ts files and
translated with its placeholders intact, Quechua stays marked unverified, the files compile (also from
a clean checkout, where no .qm exists) and load, and the kiosk switches language live."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.i18n import (
    TRANSLATED_LANGUAGES,
    Translations,
    compile_translations,
    read_messages,
    ts_path,
    unverified_languages,
)
from desktop.i18n import catalog as i18n_catalog
from desktop.i18n.catalog import Message, citizen_source_files, is_unverified, strings_in_code
from desktop.i18n.error_text import TRANSLATED_ERRORS, error_text
from shared import errors
from tests.desktop.test_kiosk_support import kiosk_backend, open_kiosk, touch

backend = pytest.fixture(kiosk_backend, name="backend")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n")
FIX = "run `python -m desktop.i18n update`, then translate the new entries (Qt Linguist or by hand)"


@pytest.fixture(scope="module")
def citizen_strings() -> set[tuple[str, str, str]]:
    """What lupdate finds in the modules a citizen reads (the kiosk, the form renderer, errors)."""
    return strings_in_code(citizen_source_files())


def test_the_citizen_facing_sources_are_the_kiosk_the_form_and_the_errors():
    names = {path.relative_to(i18n_catalog.DESKTOP_DIR).as_posix() for path in citizen_source_files()}
    assert {"ui/kiosk/welcome.py", "ui/form/editors.py", "i18n/error_text.py", "ui/tasks.py"} <= names
    assert not any(name.startswith(("ui/clerk_window", "store/", "sync/")) for name in names)


@pytest.mark.parametrize("lang", sorted(TRANSLATED_LANGUAGES))
def test_every_string_a_citizen_reads_is_translated(lang, citizen_strings):
    """lupdate, run on the kiosk's code as it is now, finds nothing that the .ts lacks or leaves empty.

    Strings of the staff-only screens (clerk window, sync panel) may arrive untranslated and show in
    Spanish until translated; ``python -m desktop.i18n status`` counts them.
    """
    assert len(citizen_strings) > 250
    translated = {m.key for m in read_messages(ts_path(lang)) if m.current and m.translation.strip()}
    missing = sorted(citizen_strings - translated)
    assert not missing, f"{lang}: {len(missing)} strings without translation ({FIX}): {missing[:10]}"


@pytest.mark.parametrize("lang", sorted(TRANSLATED_LANGUAGES))
def test_every_translation_keeps_its_placeholders(lang):
    messages = [m for m in read_messages(ts_path(lang)) if m.current and m.translation.strip()]
    assert len(messages) > 300  # the whole app: kiosk and clerk
    broken = [
        (m.source, m.translation)
        for m in messages
        if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation))
    ]
    assert not broken, broken[:5]


def test_the_ts_files_hold_no_kiosk_string_the_code_no_longer_has(citizen_strings):
    """A string changed in the kiosk leaves no stale entry behind (it would cost a translator work
    for nothing). Staff-only screens are left to ``python -m desktop.i18n status``."""
    in_code = strings_in_code()
    citizen_contexts = {context for context, _, _ in citizen_strings}
    for lang in TRANSLATED_LANGUAGES:
        kept = {m.key for m in read_messages(ts_path(lang)) if m.current and m.context in citizen_contexts}
        gone = sorted(kept - in_code)
        assert not gone, f"{lang}: strings no longer in the code ({FIX}): {gone[:10]}"


def test_quechua_is_marked_unverified_and_english_is_finished(citizen_strings):
    quechua = {m.key: m for m in read_messages(ts_path("qu")) if m.current}
    english = [m for m in read_messages(ts_path("en")) if m.current and m.translation.strip()]
    # until a native speaker has checked them, every Quechua string a citizen reads is unfinished
    assert all(is_unverified(quechua[key]) for key in citizen_strings)
    assert not any(is_unverified(m) for m in english)
    assert unverified_languages() == frozenset({"qu"})


def test_an_untranslated_entry_is_not_an_unverified_translation():
    """Empty and unfinished: Qt shows the Spanish source, so there is nothing for a native to review."""
    assert not is_unverified(Message("ClerkWindow", "Sincronizar", "", "", "unfinished"))
    assert is_unverified(Message("ClerkWindow", "Sincronizar", "", "Tinkuchiy", "unfinished"))
    assert not is_unverified(Message("ClerkWindow", "Sincronizar", "", "Sync", ""))
    assert not is_unverified(Message("ClerkWindow", "Viejo", "", "Mawk'a", "vanished"))


def test_a_clean_checkout_compiles_its_translations_when_first_needed(tmp_path: Path, qapp, monkeypatch):
    """The .qm files are not in git: the app compiles them itself the first time, and again when a .ts
    is newer than its .qm (a translator's correction), so a fresh clone speaks Quechua at once."""
    qm_dir = tmp_path / "qm"
    monkeypatch.setattr(i18n_catalog, "PACKAGE_QM_DIR", qm_dir)
    assert not qm_dir.exists()
    runtime = Translations()
    try:
        assert runtime.set_language("qu") == "qu"
        assert QCoreApplication.translate("WelcomeScreen", "Bienvenida, bienvenido") == "Allin hamusqayki"
        assert sorted(p.name for p in qm_dir.iterdir()) == ["tambo_en.qm", "tambo_qu.qm"]  # no leftovers

        stale = qm_dir / "tambo_qu.qm"
        old = ts_path("qu").stat().st_mtime - 3600
        os.utime(stale, (old, old))
        compiled = compile_translations()
        assert compiled["qu"] == stale
        assert stale.stat().st_mtime > old  # compiled again from the newer .ts
    finally:
        runtime.uninstall()


def test_the_ts_files_compile_and_load(tmp_path: Path, qapp):
    compiled = compile_translations(tmp_path, force=True)
    assert set(compiled) == set(TRANSLATED_LANGUAGES)
    for lang, expected in (("en", "Welcome"), ("qu", "Allin hamusqayki")):
        translator = QTranslator()
        assert translator.load(str(compiled[lang]))
        assert translator.translate("WelcomeScreen", "Bienvenida, bienvenido") == expected


def test_error_messages_follow_shared_errors_and_are_translated(qapp):
    """The Qt copies of the citizen-facing messages are exactly shared/errors.py's Spanish ones."""
    for code, spanish in TRANSLATED_ERRORS.items():
        assert errors.spec(code).es == spanish, code
    wanted = {c for c in errors.all_codes() if c.startswith(("field.", "tracking.", "lookup."))}
    assert wanted <= set(TRANSLATED_ERRORS), sorted(wanted - set(TRANSLATED_ERRORS))
    english = {m.source: m.translation for m in read_messages(ts_path("en")) if m.context == "errors"}
    for code, spanish in TRANSLATED_ERRORS.items():
        assert english.get(spanish), code
    assert (
        error_text(errors.FIELD_TOO_LONG, {"max": 80})
        == "El texto es demasiado largo (máximo 80 caracteres)."
    )


def test_the_citizen_switches_language_on_any_screen(qtbot, backend):
    window = open_kiosk(qtbot, backend)
    assert window.welcome.title.text() == "Bienvenida, bienvenido"
    touch(qtbot, window.top_bar.language_buttons["en"])
    assert window.welcome.title.text() == "Welcome"
    assert window.top_bar.large_text.text() == "A+ Large text"
    assert window.staff_button.text() == "Staff"
    assert window.footer_note.text() == ""
    assert QCoreApplication.translate("errors", "Este dato es obligatorio.") == "This field is required."

    touch(qtbot, window.welcome.file_tile)
    services = window.flow.services
    assert services.title.text() == "Which request would you like to file?"
    touch(qtbot, window.top_bar.language_buttons["qu"])
    assert services.title.text() == "Ima trámitetataq haykuchiyta munanki?"
    tile = services.tile("constancia-domiciliaria")
    assert tile.title.text() == "Tiyasqayki wasimanta certificado"  # from the definition
    assert "Kay tikrayta manaraqmi" in window.footer_note.text()  # unverified, said in Quechua
    assert window.top_bar.language_buttons["qu"].text().startswith("✓")
    assert window.top_bar.language_buttons["qu"].isChecked()
    touch(qtbot, tile)
    assert window.flow.info.requirements_title.text() == "Imakunatam necesitanki"
    touch(qtbot, window.top_bar.language_buttons["es"])
    assert window.flow.info.requirements_title.text() == "Qué necesita"
    assert window.footer_note.text() == ""
