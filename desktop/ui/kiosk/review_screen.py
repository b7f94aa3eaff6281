"""Review: every answer as the citizen reads it, screen by screen, each with a "Cambiar" button."""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.ui.form.review import review_lines
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.question_screen import kiosk_pages
from desktop.ui.kiosk.widgets import PagedArea, button, card, describe, label
from shared.forms import ServiceDefinition


class ReviewScreen(KioskScreen):
    has_back = True
    change_was_requested = Signal(str)  # the top-level field to change
    confirm_was_requested = Signal()

    def __init__(
        self, context: KioskContext, service: ServiceDefinition, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, parent, service)
        self.service: ServiceDefinition = service
        self.cleaned: dict[str, Any] = {}
        self.change_buttons: list[tuple[str, QPushButton]] = []
        self.title = label("title")
        self.intro = label()
        self.area = PagedArea()
        self.back_button = button()
        self.confirm_button = button(primary=True)
        self.back_button.clicked.connect(self.back_was_requested)
        self.confirm_button.clicked.connect(self.confirm_was_requested)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.confirm_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addWidget(self.area, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def show_answers(self, cleaned: dict[str, Any]) -> None:
        self.cleaned = cleaned
        self._build()

    def _build(self) -> None:
        """One card per screen of the form that has answers, in the order they were asked."""
        content = QWidget()
        column = QVBoxLayout(content)
        column.setSpacing(12)
        self.change_buttons = []
        form = self.service.form
        for names in kiosk_pages(form):
            fields = tuple(form.field(name) for name in names)
            lines = review_lines(replace(form, fields=fields), self.cleaned, self.lang)
            if not lines:
                continue
            box = card()
            grid = QGridLayout(box)
            grid.setContentsMargins(16, 10, 16, 10)
            grid.setHorizontalSpacing(16)
            for row, line in enumerate(lines):
                name = label("subtitle" if line.heading else "")
                name.setText(line.label if line.heading else f"{line.label}:")
                name.setStyleSheet("font-weight: bold;")
                grid.addWidget(name, row, 0, 1, 2 if line.heading else 1)
                if not line.heading:
                    value = label()
                    value.setText(line.text)
                    value.setAccessibleName(f"{line.label}: {line.text}")
                    grid.addWidget(value, row, 1)
            grid.setColumnStretch(0, 2)  # the same label column in every card, so answers line up
            grid.setColumnStretch(1, 3)
            change = button()
            target = next(n for n in names if form.field(n).type != "note")
            describe(change, self.tr("Cambiar"), name=self.tr("Cambiar: {0}").format(lines[0].label))
            change.clicked.connect(lambda _checked=False, t=target: self.change_was_requested.emit(t))
            grid.addWidget(change, 0, 2, max(1, len(lines)), 1)
            self.change_buttons.append((target, change))
            column.addWidget(box)
        column.addStretch(1)
        self.area.set_content(content)
        chain = [b for _, b in self.change_buttons] + [self.confirm_button, self.back_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def text(self) -> str:
        """Everything the review shows, as plain text (for tests and for reading aloud)."""
        content = self.area.area.widget()
        if content is None:
            return ""
        return "\n".join(w.text() for w in content.findChildren(type(self.title)))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Revise sus respuestas"))
        self.intro.setText(
            self.tr("Si algo no está bien, toque «Cambiar». Cuando todo esté correcto, toque «Continuar».")
        )
        describe(self.back_button, self.tr("◀ Atrás"), self.tr("Volver a la última pregunta"))
        describe(self.confirm_button, self.tr("Continuar ▶"), self.tr("Las respuestas están bien: continuar"))
        self.area.retranslate()
        if self.cleaned:
            self._build()

    def focus_first(self) -> None:
        self.confirm_button.setFocus()
