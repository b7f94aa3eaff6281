"""Reading a question aloud, where the platform can (Qt TextToSpeech and a voice for the language).

PySide6-Essentials does not ship the QtTextToSpeech module; the full PySide6 (Addons) does. Nothing
here fails without it: :func:`speech_available` says no and the kiosk hides its "read aloud" button.
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtCore import QLocale, QObject

_LOCALES = {"es": "es_PE", "qu": "qu_PE", "en": "en_US"}


def _module() -> Any | None:
    try:
        return importlib.import_module("PySide6.QtTextToSpeech")
    except ImportError:
        return None


def speech_available() -> bool:
    return _module() is not None


class Speaker(QObject):
    """Speaks in the citizen's language when the engine has a voice for it (else says it cannot)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        module = _module()
        self.engine = module.QTextToSpeech(self) if module is not None else None

    def can_speak(self, lang: str) -> bool:
        if self.engine is None:
            return False
        wanted = QLocale(_LOCALES.get(lang, lang))
        return any(locale.language() == wanted.language() for locale in self.engine.availableLocales())

    def say(self, text: str, lang: str) -> bool:
        if not self.can_speak(lang):
            return False
        assert self.engine is not None
        self.engine.setLocale(QLocale(_LOCALES.get(lang, lang)))
        self.engine.say(text)
        return True

    def stop(self) -> None:
        if self.engine is not None:
            self.engine.stop()
