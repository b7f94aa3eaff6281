"""Multilingual text as it appears in form definitions and messages.

Definitions carry their own labels in several languages (``{"es": ..., "qu": ..., "en": ...}``);
Spanish is always present and is the fallback, because a citizen must never see an empty label
just because a translation is missing.
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_LANGUAGE = "es"
#: Languages the product ships user-interface translations for (Spanish first).
SUPPORTED_LANGUAGES = ("es", "qu", "en")
LANGUAGE_NAMES = {"es": "Español", "qu": "Runasimi", "en": "English", "ay": "Aymar aru"}

LocalizedText = Mapping[str, str]


def pick(text: LocalizedText | str | None, lang: str = DEFAULT_LANGUAGE) -> str:
    """Return ``text`` in ``lang``, falling back to Spanish, then to any language present."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for candidate in (lang, DEFAULT_LANGUAGE):
        value = text.get(candidate)
        if value:
            return value
    return next((value for value in text.values() if value), "")
