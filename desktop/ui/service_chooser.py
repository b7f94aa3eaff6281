"""Choosing the procedure: a searchable list with what the clerk must tell the citizen first.

Requirements, fee, plazo and calificación are shown before the form opens, because at the counter the
first question is "what do I need to bring and how long will it take?". Saved drafts are offered here
too, so a capture interrupted by a power cut is one click away.
"""

from __future__ import annotations

import unicodedata
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import Draft
from shared.forms import ServiceDefinition
from shared.i18n import pick


def fold(text: str) -> str:
    """Lower case without accents, so "informacion" finds "Información"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def service_text(service: ServiceDefinition, lang: str) -> str:
    parts = [
        pick(service.title, lang),
        pick(service.description, lang),
        pick(service.unit.name, lang),
        service.id,
    ]
    parts += [pick(r, lang) for r in service.requirements]
    return fold(" ".join(parts))


def service_html(service: ServiceDefinition, lang: str, labels: dict[str, str]) -> str:
    requirements = "".join(f"<li>{escape(pick(r, lang))}</li>" for r in service.requirements)
    tupa = f" ({escape(labels['tupa'])} {escape(service.tupa_code)})" if service.tupa_code else ""
    return (
        f"<h2>{escape(pick(service.title, lang))}{tupa}</h2>"
        f"<p>{escape(pick(service.description, lang))}</p>"
        f"<p><b>{labels['fee']}:</b> {escape(service.fee.describe(lang))}<br>"
        f"<b>{labels['plazo']}:</b> {escape(service.deadline.describe(lang))}<br>"
        f"<b>{labels['calificacion']}:</b> {escape(service.calificacion.describe(lang))}<br>"
        f"<b>{labels['unit']}:</b> {escape(pick(service.unit.name, lang))}</p>"
        f"<h3>{labels['requirements']}</h3><ul>{requirements}</ul>"
    )


class ServiceChooser(QWidget):
    """Search box, list of services, details; emits ``service_was_chosen`` or ``draft_was_chosen``."""

    service_was_chosen = Signal(object)  # ServiceDefinition
    draft_was_chosen = Signal(object)  # Draft
    draft_was_discarded = Signal(object)  # Draft

    def __init__(self, lang: str = "es", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.services: list[ServiceDefinition] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Buscar trámite (nombre, oficina o requisito)"))
        self.search.setAccessibleName(self.tr("Buscar trámite"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Lista de trámites"))
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Requisitos, costo y plazo del trámite"))
        self.start_button = QPushButton(self.tr("Iniciar trámite"))
        self.start_button.setAccessibleName(self.tr("Iniciar el trámite elegido"))
        self.start_button.setDefault(True)
        self.drafts_label = QLabel(self.tr("Borradores guardados (se recuperan tras un corte de luz):"))
        self.drafts = QListWidget()
        self.drafts.setAccessibleName(self.tr("Borradores guardados"))
        self.drafts.setMaximumHeight(110)
        self.resume_button = QPushButton(self.tr("Continuar borrador"))
        self.discard_button = QPushButton(self.tr("Descartar borrador"))
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Trámite:")))
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        left.addWidget(self.drafts_label)
        left.addWidget(self.drafts)
        draft_buttons = QHBoxLayout()
        draft_buttons.addWidget(self.resume_button)
        draft_buttons.addWidget(self.discard_button)
        left.addLayout(draft_buttons)
        right = QVBoxLayout()
        right.addWidget(self.details, 1)
        start_row = QHBoxLayout()
        start_row.addStretch(1)
        start_row.addWidget(self.start_button)
        right.addLayout(start_row)
        left_widget, right_widget = QWidget(), QWidget()
        left_widget.setLayout(left)
        right_widget.setLayout(right)
        splitter = QSplitter()
        splitter.addWidget(left_widget)
        splitter.addWidget(right_widget)
        splitter.setSizes([360, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.search.textChanged.connect(self.filter)
        self.search.returnPressed.connect(self._search_entered)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda _item: self.start())
        self.start_button.clicked.connect(self.start)
        self.resume_button.clicked.connect(self._resume)
        self.discard_button.clicked.connect(self._discard)
        self.drafts.itemActivated.connect(lambda _item: self._resume())
        self.set_drafts([])
        QWidget.setTabOrder(self.search, self.list)
        QWidget.setTabOrder(self.list, self.start_button)

    def labels(self) -> dict[str, str]:
        return {
            "fee": self.tr("Costo"),
            "plazo": self.tr("Plazo"),
            "calificacion": self.tr("Calificación"),
            "unit": self.tr("Unidad"),
            "requirements": self.tr("Requisitos"),
            "tupa": self.tr("TUPA"),
        }

    def set_services(self, services: list[ServiceDefinition]) -> None:
        self.services = sorted(services, key=lambda s: fold(pick(s.title, self.lang)))
        self.list.clear()
        for service in self.services:
            item = QListWidgetItem(pick(service.title, self.lang))
            item.setData(Qt.ItemDataRole.UserRole, service)
            item.setData(Qt.ItemDataRole.UserRole + 1, service_text(service, self.lang))
            item.setToolTip(f"{service.fee.describe(self.lang)} · {service.deadline.describe(self.lang)}")
            self.list.addItem(item)
        self.filter(self.search.text())

    def filter(self, text: str) -> None:
        words = fold(text).split()
        first_visible = None
        for index in range(self.list.count()):
            item = self.list.item(index)
            haystack = item.data(Qt.ItemDataRole.UserRole + 1)
            hidden = not all(word in haystack for word in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = item
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentItem(first_visible)
        if first_visible is None:
            self.details.setHtml(f"<p>{escape(self.tr('Ningún trámite coincide con la búsqueda.'))}</p>")
        self.start_button.setEnabled(first_visible is not None)

    def _search_entered(self) -> None:
        if self.list.currentItem() is not None:
            self.list.setFocus()

    def _show_current(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.details.setHtml(service_html(item.data(Qt.ItemDataRole.UserRole), self.lang, self.labels()))

    def current_service(self) -> ServiceDefinition | None:
        item = self.list.currentItem()
        return None if item is None or item.isHidden() else item.data(Qt.ItemDataRole.UserRole)

    def select(self, service_id: str) -> None:
        for index in range(self.list.count()):
            item = self.list.item(index)
            if item.data(Qt.ItemDataRole.UserRole).id == service_id:
                self.list.setCurrentItem(item)
                return

    def start(self) -> None:
        service = self.current_service()
        if service is not None:
            self.service_was_chosen.emit(service)

    # --- drafts ------------------------------------------------------------------------------------
    def set_drafts(self, drafts: list[Draft]) -> None:
        titles = {s.id: pick(s.title, self.lang) for s in self.services}
        self.drafts.clear()
        for draft in drafts:
            when = draft.updated_at.astimezone().strftime("%d/%m/%Y %H:%M")
            item = QListWidgetItem(f"{titles.get(draft.service_id, draft.service_id)} — {when}")
            item.setData(Qt.ItemDataRole.UserRole, draft)
            self.drafts.addItem(item)
        for widget in (self.drafts_label, self.drafts, self.resume_button, self.discard_button):
            widget.setVisible(bool(drafts))
        if drafts:
            self.drafts.setCurrentRow(0)

    def _current_draft(self) -> Draft | None:
        item = self.drafts.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _resume(self) -> None:
        if (draft := self._current_draft()) is not None:
            self.draft_was_chosen.emit(draft)

    def _discard(self) -> None:
        if (draft := self._current_draft()) is not None:
            self.drafts.takeItem(self.drafts.currentRow())
            self.draft_was_discarded.emit(draft)
            if self.drafts.count() == 0:
                self.set_drafts([])
