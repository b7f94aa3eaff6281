"""A first window: the catalog of services, with what a clerk needs to tell a citizen.

Capture, the encrypted store and sync arrive with the clerk-mode issue; this window already shows the
requirements, fee and plazo of every service from the shared definitions.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from shared.forms import ServiceDefinition
from shared.i18n import pick


class CatalogWindow(QMainWindow):
    def __init__(self, services: list[ServiceDefinition], server_url: str | None, lang: str = "es") -> None:
        super().__init__()
        self.lang = lang
        self.setWindowTitle("Tambo — Catálogo de trámites")
        self.resize(960, 600)
        self.services = services
        self.service_list = QListWidget()
        self.service_list.setAccessibleName("Lista de trámites")
        for service in services:
            item = QListWidgetItem(pick(service.title, lang))
            item.setData(Qt.ItemDataRole.UserRole, service.id)
            self.service_list.addItem(item)
        self.details = QTextBrowser()
        self.details.setAccessibleName("Detalle del trámite")
        splitter = QSplitter()
        splitter.addWidget(self.service_list)
        splitter.addWidget(self.details)
        splitter.setSizes([320, 640])
        status = QLabel(f"Servidor: {server_url}" if server_url else "Sin servidor configurado")
        layout = QVBoxLayout()
        layout.addWidget(splitter)
        layout.addWidget(status)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.service_list.currentRowChanged.connect(self.show_service)
        if services:
            self.service_list.setCurrentRow(0)

    def show_service(self, row: int) -> None:
        service = self.services[row]
        lang = self.lang
        requirements = "".join(f"<li>{escape(pick(r, lang))}</li>" for r in service.requirements)
        self.details.setHtml(
            f"<h2>{escape(pick(service.title, lang))}</h2>"
            f"<p>{escape(pick(service.description, lang))}</p>"
            f"<p><b>Costo:</b> {service.fee.describe(lang)}<br>"
            f"<b>Plazo:</b> {service.deadline.describe(lang)}<br>"
            f"<b>Calificación:</b> {service.calificacion.describe(lang)}<br>"
            f"<b>Unidad:</b> {escape(pick(service.unit.name, lang))}</p>"
            f"<h3>Requisitos</h3><ul>{requirements}</ul>"
        )
