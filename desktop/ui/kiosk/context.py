"""What every kiosk screen may read: the backend, settings, language, theme, device; and their base class."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.ops.api import DeviceInfo
from desktop.ui.kiosk.settings import KioskSettings
from desktop.ui.kiosk.theme import Theme
from shared.forms import ServiceDefinition

SURVEY_SERVICE_ID = "encuesta-satisfaccion"


@dataclass
class KioskContext:
    """Shared by the window and the citizen flows; only the window changes it."""

    backend: Any  # DesktopBackend
    settings: KioskSettings
    lang: str = "es"
    theme: Theme = field(default_factory=Theme)
    device: DeviceInfo | None = None
    services: list[ServiceDefinition] = field(default_factory=list)
    unverified_ui: frozenset[str] = frozenset()

    def service(self, service_id: str) -> ServiceDefinition | None:
        return next((s for s in self.services if s.id == service_id), None)

    @property
    def filing_services(self) -> list[ServiceDefinition]:
        """The tiles: every kiosk service but the survey, which is offered after the receipt."""
        return [s for s in self.services if s.id != SURVEY_SERVICE_ID]

    @property
    def survey(self) -> ServiceDefinition | None:
        return self.service(SURVEY_SERVICE_ID)

    def received_by(self) -> str:
        name = self.settings.kiosk_name or (self.device.device_name if self.device else "")
        return f"Quiosco {name}".strip()

    def unverified(self, service: ServiceDefinition | None = None) -> bool:
        """Whether what is on screen uses a translation no native speaker has checked."""
        if self.lang in self.unverified_ui:
            return True
        return service is not None and service.is_translation_unverified(self.lang)


class KioskScreen(QWidget):
    """One screen. ``retranslate()`` sets every visible and accessible text; it runs again after a
    language switch, so a screen keeps what the citizen typed and only changes words.

    ``service``: the procedure the screen is about (its translation may be unverified). Screens with
    a way back set ``has_back``; Esc and their "◀" button emit ``back_was_requested``.
    """

    back_was_requested = Signal()
    has_back = False

    def __init__(
        self, context: KioskContext, parent: QWidget | None = None, service: ServiceDefinition | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.service = service

    @property
    def lang(self) -> str:
        return self.context.lang

    def retranslate(self) -> None:
        """Set the texts in the current language (subclasses)."""

    def set_language(self, lang: str) -> None:
        """The window already installed the translators; content from definitions may need rebuilding."""
        self.retranslate()

    def apply_theme(self) -> None:
        """Sizes that the stylesheet cannot set (icons, inline styles of shared widgets)."""

    def focus_first(self) -> None:
        """Where the keyboard focus goes when the screen appears."""
        self.focusNextChild()

    def go_back(self) -> bool:
        """Esc: step back if the screen has a way back; True when handled."""
        if self.has_back:
            self.back_was_requested.emit()
        return self.has_back

    def unverified(self) -> bool:
        return self.context.unverified(self.service)
