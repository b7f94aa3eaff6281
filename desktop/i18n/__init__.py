"""Qt translations of the desktop app (Spanish source strings; Quechua and English .ts files).

See :mod:`desktop.i18n.catalog` for the files and tools, :mod:`desktop.i18n.runtime` for switching the
language of the running app, and :mod:`desktop.i18n.error_text` for error messages in the UI language.
"""

from desktop.i18n.catalog import (
    SOURCE_LANGUAGE,
    TRANSLATED_LANGUAGES,
    compile_translations,
    read_messages,
    ts_path,
    unverified_languages,
    update_sources,
)
from desktop.i18n.runtime import Translations, install_for_app, source_language, translations

__all__ = [
    "SOURCE_LANGUAGE",
    "TRANSLATED_LANGUAGES",
    "Translations",
    "compile_translations",
    "install_for_app",
    "read_messages",
    "source_language",
    "translations",
    "ts_path",
    "unverified_languages",
    "update_sources",
]
