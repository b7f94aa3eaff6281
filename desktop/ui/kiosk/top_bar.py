"""The bar on every screen: language, large text, high contrast, and "Terminar" during a session.

Languages are named in their own words (never flags); the chosen one, and each toggle that is on,
shows a "✓" and a thicker border besides its colour, and is a checked button for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from desktop.ui.kiosk.widgets import button, describe, label
from shared.i18n import LANGUAGE_NAMES, SUPPORTED_LANGUAGES

CHECK = "✓ "


class TopBar(QWidget):
    language_was_chosen = Signal(str)
    large_text_was_toggled = Signal(bool)
    contrast_was_toggled = Signal(bool)
    end_was_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.brand = label(wrap=False)
        self.language_buttons: dict[str, QPushButton] = {}
        self.language_group = QButtonGroup(self)
        self.language_group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(10)
        layout.addWidget(self.brand)
        layout.addStretch(1)
        for lang in SUPPORTED_LANGUAGES:
            choice = button(checkable=True)
            choice.setProperty("lang", lang)
            choice.clicked.connect(lambda _checked=False, code=lang: self.language_was_chosen.emit(code))
            self.language_group.addButton(choice)
            self.language_buttons[lang] = choice
            layout.addWidget(choice)
        layout.addSpacing(16)
        self.large_text = button(checkable=True)
        self.contrast = button(checkable=True)
        self.large_text.toggled.connect(self.large_text_was_toggled)
        self.contrast.toggled.connect(self.contrast_was_toggled)
        self.end_button = button()
        self.end_button.clicked.connect(self.end_was_requested)
        for widget in (self.large_text, self.contrast, self.end_button):
            layout.addWidget(widget)
        self.large_text.toggled.connect(lambda _on: self.retranslate())
        self.contrast.toggled.connect(lambda _on: self.retranslate())
        self.retranslate()

    def set_state(self, lang: str, large_text: bool, high_contrast: bool) -> None:
        """Show the state without emitting the toggles' signals (the window already applied it)."""
        for code, choice in self.language_buttons.items():
            choice.setChecked(code == lang)
        for toggle, on in ((self.large_text, large_text), (self.contrast, high_contrast)):
            toggle.blockSignals(True)
            toggle.setChecked(on)
            toggle.blockSignals(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.brand.setText(self.tr("Tambo · Quiosco"))
        for code, choice in self.language_buttons.items():
            name = LANGUAGE_NAMES[code]
            describe(choice, (CHECK if choice.isChecked() else "") + name, self.tr("Idioma de la pantalla"))
        large_on, contrast_on = self.large_text.isChecked(), self.contrast.isChecked()
        describe(
            self.large_text,
            (CHECK if large_on else "") + self.tr("A+ Letra grande"),
            name=self.tr("Letra grande"),
        )
        describe(
            self.contrast,
            (CHECK if contrast_on else "") + self.tr("◐ Contraste"),
            name=self.tr("Alto contraste"),
        )
        describe(self.end_button, self.tr("✕ Terminar"), self.tr("Terminar y borrar todo lo escrito"))
