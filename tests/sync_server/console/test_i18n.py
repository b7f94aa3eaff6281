"""Every interface text of the console has its English translation, and pages switch language whole."""

from __future__ import annotations

import re
from pathlib import Path

import sync_server.web
from sync_server.web.i18n import translate
from sync_server.web.i18n_en import EN
from tests.sync_server.console.conftest import Console

WEB = Path(sync_server.web.__file__).parent
_CALL = re.compile(r"""_\(\s*(["'])((?:(?!\1).)*)\1""", re.S)
_TABLES = re.compile(r"(?:NOTICES|ROLE_LABELS|CHANNELS) = \{(.*?)(?:\n\}|\}\n)", re.S)
_VALUE = re.compile(r':\s*"((?:[^"\\]|\\.)*)"')


def interface_texts() -> set[str]:
    """The Spanish texts passed to ``_()`` in templates and views, and the notice tables they translate."""
    found: set[str] = set()
    for path in [*WEB.glob("*.py"), *WEB.glob("templates/*.html")]:
        if path.name.startswith("i18n"):
            continue
        source = path.read_text(encoding="utf-8")
        found.update(match.group(2) for match in _CALL.finditer(source))
        for block in _TABLES.findall(source):
            found.update(match.group(1) for match in _VALUE.finditer(block))
    return found


def test_every_text_has_an_english_translation() -> None:
    texts = interface_texts()
    assert len(texts) > 150
    missing = sorted(texts - EN.keys())
    assert missing == [], f"untranslated console texts: {missing}"


def test_no_translation_is_left_over_or_drops_a_placeholder() -> None:
    texts = interface_texts()
    assert sorted(EN.keys() - texts) == []
    for spanish, english in EN.items():
        assert set(re.findall(r"\{(\w+)\}", spanish)) == set(re.findall(r"\{(\w+)\}", english)), spanish


def test_translate_falls_back_to_spanish_and_fills_parameters() -> None:
    assert translate("Bandeja", "en") == "Inbox"
    assert translate("Bandeja", "es") == "Bandeja"
    assert translate("Texto nuevo", "en") == "Texto nuevo"
    assert translate("{n} solicitudes", "en", n=3) == "3 requests"
    assert translate("{n} solicitudes", "en") == "{n} requests"


def test_a_whole_page_in_english(console: Console) -> None:
    client = console.client("admin")
    client.get("/web/lang/en")
    for path in ("/web/inbox", "/web/dashboard", "/web/devices", "/web/users", "/web/account"):
        html = client.get(path).text
        assert '<html lang="en">' in html
        for spanish in ("Bandeja", "Estadísticas", "Equipos", "Usuarios", "Salir"):
            assert f">{spanish}<" not in html, (path, spanish)
