"""Installing the compiled translations in the running application, and switching them live.

The clerk picks a language once (``TAMBO_LANG``); a citizen at the kiosk switches at any screen, so
the translators are swappable: :meth:`Translations.set_language` removes the installed ones and
installs the new language's, and widgets that stay on screen re-read their texts (the kiosk's screens
do so in ``retranslate()``). Qt's own strings (standard buttons, the calendar) come from Qt's
``qtbase_*.qm``; Quechua borrows Qt's Spanish ones, which every Quechua speaker at a Peruvian
municipality also reads, rather than falling back to English.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from desktop.i18n.catalog import SOURCE_LANGUAGE, TRANSLATED_LANGUAGES, compile_translations
from shared.i18n import SUPPORTED_LANGUAGES

log = logging.getLogger(__name__)

#: Which of Qt's own catalogues each language uses (Qt ships no Quechua).
_QT_CATALOGUE = {"es": "qtbase_es", "qu": "qtbase_es", "en": ""}
_LOCALE = {"es": "es_PE", "qu": "qu_PE", "en": "en_US"}


class Translations(QObject):
    """The translators installed in the application; one per application (see :func:`translations`)."""

    language_did_change = Signal(str)

    def __init__(self, qm_files: dict[str, Path] | None = None) -> None:
        super().__init__()
        self._qm_files = qm_files
        self._installed: list[QTranslator] = []
        self.language = SOURCE_LANGUAGE

    @property
    def qm_files(self) -> dict[str, Path]:
        if self._qm_files is None:  # compiled on first use, not on import
            self._qm_files = compile_translations()
        return self._qm_files

    def available(self, lang: str) -> bool:
        return lang == SOURCE_LANGUAGE or lang in self.qm_files

    def set_language(self, lang: str) -> str:
        """Install ``lang``'s translators (Spanish needs none but Qt's); returns the language now in use."""
        if lang not in SUPPORTED_LANGUAGES:
            log.warning("unsupported language %r, using %s", lang, SOURCE_LANGUAGE)
            lang = SOURCE_LANGUAGE
        translators = []
        if lang in TRANSLATED_LANGUAGES:
            own = QTranslator()
            qm = self.qm_files.get(lang)
            if qm is not None and own.load(str(qm)):
                translators.append(own)
            else:
                log.warning("no compiled translation for %s; showing Spanish", lang)
        qt_name = _QT_CATALOGUE.get(lang, "")
        if qt_name:
            qt = QTranslator()
            if qt.load(qt_name, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                translators.append(qt)
        self._remove_all()
        for translator in translators:
            QCoreApplication.installTranslator(translator)
        self._installed = translators
        QLocale.setDefault(QLocale(_LOCALE.get(lang, "es_PE")))
        changed = lang != self.language
        self.language = lang
        if changed:
            self.language_did_change.emit(lang)
        return lang

    def uninstall(self) -> None:
        """Remove every translator this object installed: the app speaks its Spanish source again."""
        self._remove_all()
        QLocale.setDefault(QLocale(_LOCALE.get(SOURCE_LANGUAGE, "es_PE")))  # dates and numbers too
        changed = self.language != SOURCE_LANGUAGE
        self.language = SOURCE_LANGUAGE
        if changed:
            self.language_did_change.emit(SOURCE_LANGUAGE)

    def _remove_all(self) -> None:
        for translator in self._installed:
            QCoreApplication.removeTranslator(translator)
        self._installed = []

    @contextmanager
    def suspended(self) -> Iterator[None]:
        """Spanish (the source language) for the duration: for documents that must be in Spanish."""
        installed = list(self._installed)
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
        try:
            yield
        finally:
            for translator in installed:
                QCoreApplication.installTranslator(translator)


_instance: Translations | None = None


def translations() -> Translations:
    """The application's translations (a QApplication must exist before any is installed)."""
    global _instance
    if _instance is None:
        _instance = Translations()
    return _instance


def install_for_app(lang: str | None = None) -> str:
    """Install ``lang`` or ``TAMBO_LANG`` (read now, not at import), Spanish by default; returns it."""
    wanted = lang or os.environ.get("TAMBO_LANG") or SOURCE_LANGUAGE
    return translations().set_language(wanted)


@contextmanager
def source_language() -> Iterator[None]:
    """Render something in Spanish whatever the interface language (the printed cargo, for instance)."""
    with translations().suspended():
        yield
