"""The Qt translations of the desktop app: the .ts files follow the code (lupdate finds nothing new),
every string is translated with its placeholders intact, Quechua stays marked unverified, the files
compile and load, and the kiosk switches language live."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.i18n import (
    TRANSLATED_LANGUAGES,
    compile_translations,
    read_messages,
    ts_path,
    unverified_languages,
)
from desktop.i18n.catalog import run_lupdate
from desktop.i18n.error_text import TRANSLATED_ERRORS, error_text
from shared import errors
from tests.desktop.test_kiosk_support import kiosk_backend, open_kiosk, touch

backend = pytest.fixture(kiosk_backend, name="backend")
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}|%n")
FIX = "run `python -m desktop.i18n update`, then translate the new entries (Qt Linguist or by hand)"


def test_every_ts_file_is_up_to_date_with_the_source_strings(tmp_path: Path):
    """lupdate, run on the code as it is now, finds nothing new and nothing gone."""
    for lang in TRANSLATED_LANGUAGES:
        before = {m.key for m in read_messages(ts_path(lang)) if m.current}
        copy = shutil.copy(ts_path(lang), tmp_path / ts_path(lang).name)
        run_lupdate([Path(copy)])
        after = {m.key for m in read_messages(Path(copy)) if m.current}
        new, gone = sorted(after - before), sorted(before - after)
        assert not new, f"{lang}: strings missing from {ts_path(lang).name} ({FIX}): {new[:10]}"
        assert not gone, f"{lang}: strings no longer in the code ({FIX}): {gone[:10]}"


@pytest.mark.parametrize("lang", sorted(TRANSLATED_LANGUAGES))
def test_every_string_is_translated_and_keeps_its_placeholders(lang):
    messages = [m for m in read_messages(ts_path(lang)) if m.current]
    assert len(messages) > 300  # the whole app: kiosk and clerk
    untranslated = [m.source for m in messages if not m.translation.strip()]
    assert not untranslated, f"{lang}: {len(untranslated)} without translation, e.g. {untranslated[:5]}"
    broken = [
        (m.source, m.translation)
        for m in messages
        if sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation))
    ]
    assert not broken, broken[:5]


def test_quechua_is_marked_unverified_and_english_is_finished():
    quechua = [m for m in read_messages(ts_path("qu")) if m.current]
    english = [m for m in read_messages(ts_path("en")) if m.current]
    assert any(m.state == "unfinished" for m in quechua)  # until a native speaker checks them all
    assert all(m.state == "" for m in english)
    assert unverified_languages() == frozenset({"qu"})


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
