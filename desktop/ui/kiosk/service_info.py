"""Before starting: what the procedure is, what to bring, what it costs and how long it takes.

A citizen learns here, not after ten questions, that a requirement is missing or that there is a fee
to pay at the cashier. Everything comes from the definition, in the chosen language.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.service_text import calificacion_text, deadline_text, fee_text
from desktop.ui.kiosk.tile import kiosk_icon
from desktop.ui.kiosk.widgets import PagedArea, button, describe, label
from shared.forms import ServiceDefinition
from shared.i18n import pick


class ServiceInfoScreen(KioskScreen):
    start_was_requested = Signal()
    has_back = True

    def __init__(
        self, context: KioskContext, service: ServiceDefinition, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent, service)
        self.service: ServiceDefinition = service
        self.icon = label()
        self.title = label("title")
        self.description = label()
        self.requirements_title = label("subtitle")
        self.requirements = label()
        self.requirements.setTextFormat(Qt.TextFormat.RichText)
        self.facts = label()
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.attachments_note = label("note")
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setSpacing(14)
        for widget in (
            self.description,
            self.facts,
            self.requirements_title,
            self.requirements,
            self.attachments_note,
        ):
            inner.addWidget(widget)
        inner.addStretch(1)
        self.area = PagedArea(content)
        self.back_button = button()
        self.start_button = button(primary=True)
        self.back_button.clicked.connect(self.back_was_requested)
        self.start_button.clicked.connect(self.start_was_requested)
        heading = QHBoxLayout()
        heading.addWidget(self.icon)
        heading.addWidget(self.title, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.addLayout(heading)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.start_button, self.back_button)
        self.retranslate()

    def retranslate(self) -> None:
        service, lang = self.service, self.lang
        self.title.setText(pick(service.title, lang))
        self.description.setText(pick(service.description, lang))
        self.requirements_title.setText(self.tr("Qué necesita"))
        items = "".join(f"<li>{escape(pick(r, lang))}</li>" for r in service.requirements)
        self.requirements.setText(f"<ul style='margin-left: -20px'>{items}</ul>")
        self.requirements.setAccessibleName(self.tr("Qué necesita"))
        self.requirements.setAccessibleDescription(" ".join(pick(r, lang) for r in service.requirements))
        rows = [
            (self.tr("Costo"), fee_text(service.fee)),
            (self.tr("Plazo de respuesta"), deadline_text(service.deadline)),
            (self.tr("Cómo se decide"), calificacion_text(service.calificacion)),
            (self.tr("Oficina que lo atiende"), pick(service.unit.name, lang)),
        ]
        self.facts.setText("<br>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in rows))
        self.facts.setAccessibleName(". ".join(f"{k}: {v}" for k, v in rows))
        has_files = any(f.type == "attachment" for f in service.form.walk())
        self.attachments_note.setText(
            self.tr(
                "Si tiene documentos escaneados en una memoria USB, podrá adjuntarlos. "
                "También puede entregarlos después en mesa de partes con su número de registro."
            )
        )
        self.attachments_note.setVisible(has_files)
        describe(self.back_button, self.tr("◀ Volver"), self.tr("Volver a la lista de trámites"))
        describe(self.start_button, self.tr("Empezar ▶"), self.tr("Empezar a llenar la solicitud"))
        self.area.retranslate()

    def apply_theme(self) -> None:
        size = self.context.theme.icon_px
        self.icon.setPixmap(kiosk_icon(self.service.icon).pixmap(size, size))

    def focus_first(self) -> None:
        self.start_button.setFocus()
