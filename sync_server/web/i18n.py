"""The console's interface texts: written in Spanish in the templates and views (``_("Bandeja")``),
translated here into English. A test finds every ``_("...")`` in the console and fails when one has no
English entry, so a new text cannot ship half translated.

A plain dictionary rather than gettext catalogs: the console has a few hundred short texts, one
second language and no plural rules worth a toolchain; a missing entry falls back to Spanish.
"""

from __future__ import annotations

from typing import Any

from sync_server.web.i18n_en import EN

LANGS = ("es", "en")
LANG_NAMES = {"es": "Español", "en": "English"}


def translate(text: str, lang: str, /, **params: Any) -> str:
    template = EN.get(text, text) if lang == "en" else text
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
