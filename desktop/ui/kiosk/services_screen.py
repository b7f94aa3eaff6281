"""Choosing the procedure: large tiles with an icon, the name, plain words and the cost, paged."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.service_text import deadline_text, fee_text
from desktop.ui.kiosk.tile import Tile
from desktop.ui.kiosk.widgets import button, describe, label
from shared.forms import ServiceDefinition
from shared.i18n import pick

COLUMNS, ROWS = 2, 3


def first_sentence(text: str) -> str:
    """The definition's description up to its first full stop: a tile has room for one idea."""
    head, dot, _rest = text.partition(". ")
    return head + ("." if dot else "")


class ServicesScreen(KioskScreen):
    service_was_chosen = Signal(object)  # ServiceDefinition
    has_back = True

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.page = 0
        self.tiles: list[tuple[ServiceDefinition, Tile]] = []
        self.title = label("title")
        self.note = label("muted")
        self.grid = QGridLayout()
        self.grid.setSpacing(20)
        self.back_button = button()
        self.previous_button = button()
        self.next_button = button()
        self.page_label = label()
        self.back_button.clicked.connect(self.back_was_requested)
        self.previous_button.clicked.connect(lambda: self.show_page(self.page - 1))
        self.next_button.clicked.connect(lambda: self.show_page(self.page + 1))
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addStretch(1)
        bottom.addWidget(self.previous_button)
        bottom.addWidget(self.page_label)
        bottom.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self.grid, 1)
        layout.addLayout(bottom)
        for service in context.filing_services:
            tile = Tile(service.icon)
            tile.clicked.connect(lambda _checked=False, s=service: self.service_was_chosen.emit(s))
            self.tiles.append((service, tile))
        self.retranslate()
        self.show_page(0)

    @property
    def page_count(self) -> int:
        per_page = COLUMNS * ROWS
        return max(1, -(-len(self.tiles) // per_page))

    def show_page(self, page: int) -> None:
        self.page = max(0, min(page, self.page_count - 1))
        per_page = COLUMNS * ROWS
        while self.grid.count():
            self.grid.takeAt(0)
        for _, tile in self.tiles:
            tile.hide()
        shown = self.tiles[self.page * per_page : (self.page + 1) * per_page]
        for index, (_, tile) in enumerate(shown):
            self.grid.addWidget(tile, index // COLUMNS, index % COLUMNS)
            tile.show()
        for row in range(ROWS):
            self.grid.setRowStretch(row, 1)
        paged = self.page_count > 1
        for widget in (self.previous_button, self.next_button, self.page_label):
            widget.setVisible(paged)
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count - 1)
        self.page_label.setText(self.tr("Página {0} de {1}").format(self.page + 1, self.page_count))
        for first, second in itertools.pairwise(shown):
            QWidget.setTabOrder(first[1], second[1])

    def retranslate(self) -> None:
        theme = self.context.theme
        self.title.setText(self.tr("¿Qué trámite desea presentar?"))
        self.note.setText(
            self.tr("Toque el trámite. Antes de empezar verá qué necesita, el costo y el plazo.")
        )
        for service, tile in self.tiles:
            cost = self.tr("Costo: {0} · Plazo: {1}").format(
                fee_text(service.fee), deadline_text(service.deadline)
            )
            text = first_sentence(pick(service.description, self.lang))
            tile.set_texts(pick(service.title, self.lang), f"{text}\n{cost}".strip(), theme.px(1.2))
        describe(self.back_button, self.tr("◀ Inicio"), self.tr("Volver al inicio"))
        describe(self.previous_button, self.tr("◀ Anteriores"), self.tr("Ver los trámites anteriores"))
        describe(self.next_button, self.tr("Más trámites ▶"), self.tr("Ver más trámites"))
        self.show_page(self.page)

    def apply_theme(self) -> None:
        for _, tile in self.tiles:
            tile.set_icon_size(self.context.theme.icon_px)
        self.retranslate()

    def focus_first(self) -> None:
        visible = [tile for _, tile in self.tiles if tile.isVisibleTo(self)]
        if visible:
            visible[0].setFocus()

    def tile(self, service_id: str) -> Tile:
        return next(tile for service, tile in self.tiles if service.id == service_id)
