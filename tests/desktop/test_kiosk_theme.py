"""The kiosk's colours and sizes meet the accessibility rules they were chosen for: text contrast of
WCAG AA in the normal look and AAA in high contrast, focus rings and borders that stand out from what
is around them (WCAG 1.4.11), touch targets of 48 px or more, and a large-text mode that is larger."""

from __future__ import annotations

import pytest

from desktop.ui.kiosk.theme import HIGH_CONTRAST, MIN_TARGET_PX, NORMAL, Palette, Theme
from desktop.ui.kiosk.widgets import describe, spoken


def luminance(color: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour (WCAG 2.x definition)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_the_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def text_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Every (text colour, background) the stylesheet puts together."""
    return {
        "text on background": (p.text, p.background),
        "text on cards and fields": (p.text, p.surface),
        "hints on background": (p.muted, p.background),
        "hints on fields": (p.muted, p.surface),
        "button text": (p.accent, p.surface),
        "primary button text": (p.accent_text, p.accent),
        "chosen option": (p.checked_text, p.checked),
        "errors on background": (p.error, p.background),
        "errors on cards": (p.error, p.surface),
        "notes": (p.text, p.note_background),
        "warnings": (p.text, p.warning_background),
    }


def indicator_pairs(p: Palette) -> dict[str, tuple[str, str]]:
    """Lines that tell where things are and which one has the focus."""
    return {
        "focus ring on background": (p.focus, p.background),
        "focus ring on fields": (p.focus, p.surface),
        "borders on background": (p.border, p.background),
        "borders on fields": (p.border, p.surface),
        "progress bar": (p.accent, p.surface),
    }


@pytest.mark.parametrize(
    ("palette", "minimum"), [(NORMAL, 4.5), (HIGH_CONTRAST, 7.0)], ids=["normal", "high"]
)
def test_every_text_colour_is_readable_on_its_background(palette, minimum):
    low = {
        name: round(contrast(*pair), 2)
        for name, pair in text_pairs(palette).items()
        if contrast(*pair) < minimum
    }
    assert not low, f"below {minimum}:1: {low}"


@pytest.mark.parametrize("palette", [NORMAL, HIGH_CONTRAST], ids=["normal", "high"])
def test_focus_rings_and_borders_stand_out(palette):
    low = {
        name: round(contrast(*pair), 2)
        for name, pair in indicator_pairs(palette).items()
        if contrast(*pair) < 3.0
    }
    assert not low, f"below 3:1: {low}"


@pytest.mark.parametrize("height", [600, 768, 1080, 2160])
def test_targets_are_touch_sized_and_large_text_is_larger(height):
    normal, large = Theme(height), Theme(height, large_text=True)
    assert normal.target_px >= MIN_TARGET_PX
    assert normal.key_px >= MIN_TARGET_PX
    assert large.base_px >= round(normal.base_px * 1.3) - 1
    assert large.chrome_px == normal.chrome_px  # the bar and the keys keep their size
    assert Theme(height, high_contrast=True).palette is HIGH_CONTRAST


def test_a_control_is_named_by_its_visible_words_and_described_by_what_it_does(qapp):
    from PySide6.QtWidgets import QPushButton

    back, erase, change = QPushButton(), QPushButton(), QPushButton()
    describe(back, "◀ Atrás", "Volver a la pregunta anterior")
    assert back.text() == "◀ Atrás"
    assert back.accessibleName() == "Atrás"
    assert back.accessibleDescription() == "Volver a la pregunta anterior"
    describe(erase, "⌫", "Borrar la letra anterior")  # only a symbol: the explanation is the name
    assert erase.accessibleName() == "Borrar la letra anterior"
    assert erase.accessibleDescription() == ""
    describe(change, "Cambiar", name="Cambiar: Nombres")  # one of many "Cambiar" on the review
    assert change.accessibleName() == "Cambiar: Nombres"
    assert spoken("✓ Runasimi") == "Runasimi"
    assert spoken("Adjuntar archivo…") == "Adjuntar archivo"
