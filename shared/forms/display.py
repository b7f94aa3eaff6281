"""Answers as people read them (choice labels, Sí/No, dd/mm/aaaa, place names, file names), in a
language picked by code, for places without Qt: the officials' console and its exports.

The desktop's review screen does the same through Qt's translator (``desktop/ui/form/review.py``);
both follow the same rules so a clerk and an official read an answer the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from shared.forms.model import Field
from shared.peru import ubigeo

_WORDS = {
    "es": {"yes": "Sí", "no": "No"},
    "en": {"yes": "Yes", "no": "No"},
    "qu": {"yes": "Arí", "no": "Manam"},
}
EMPTY = "—"


def human_size(size: int) -> str:
    """1023 bytes, 12 KB, 3.4 MB."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"


def is_yes(value: Any) -> bool:
    return value is True or str(value).lower() in ("yes", "si", "sí", "true", "1")


def display_value(
    field: Field,
    value: Any,
    lang: str = "es",
    *,
    yes_no: tuple[str, str] | None = None,
    place_codes: bool = True,
) -> str:
    """One answer as text: ``EMPTY`` for no answer; never raises on a value it did not expect.
    ``yes_no`` replaces the built-in words for a yes/no answer (the desktop passes Qt's translations);
    ``place_codes=False`` shows a place by its names only (citizens and clerks read names; officials
    also get the INEI code, which their registers use)."""
    if value is None or value == "" or value == []:
        return EMPTY
    built_in = _WORDS.get(lang, _WORDS["es"])
    words = dict(zip(("yes", "no"), yes_no, strict=True)) if yes_no else built_in
    kind = field.type
    if kind == "select_one":
        return field.choice_label(str(value), lang)
    if kind == "select_multiple":
        items = value if isinstance(value, list) else [value]
        return ", ".join(field.choice_label(str(item), lang) for item in items)
    if kind == "yes_no":
        return words["yes"] if is_yes(value) else words["no"]
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
        except ValueError:
            return str(value)
    if kind == "ubigeo":
        try:
            names = ubigeo.describe(str(value))
        except ubigeo.UbigeoError:
            return str(value)
        return f"{names} ({value})" if place_codes else names or str(value)
    if kind == "attachment":
        items = value if isinstance(value, list) else [value]
        return "; ".join(
            f"{item.get('name') or '?'} ({human_size(int(item.get('size', 0)))})"
            for item in items
            if isinstance(item, dict)
        )
    if kind == "decimal" and isinstance(value, float):
        return f"{value:g}"
    return str(value)
