"""The first screen: who we are, and the three things a citizen can do here.

A keyboard-wedge QR reader "types" a tracking code followed by Enter; typed on this screen, the
characters open the status lookup with the code already in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.tile import Tile
from desktop.ui.kiosk.widgets import label


class WelcomeScreen(KioskScreen):
    filing_was_requested = Signal()
    status_was_requested = Signal(str)  # what a scanner already typed ("" when touched)
    survey_was_requested = Signal()

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.institution = label("subtitle")
        self.institution.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = label("title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.question = label()
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.file_tile = Tile("document")
        self.status_tile = Tile("search")
        self.survey_tile = Tile("star")
        self.file_tile.clicked.connect(self.filing_was_requested)
        self.status_tile.clicked.connect(lambda: self.status_was_requested.emit(""))
        self.survey_tile.clicked.connect(self.survey_was_requested)
        self.help = label("muted")
        self.help.setAlignment(Qt.AlignmentFlag.AlignCenter)
        tiles = QGridLayout()
        tiles.setSpacing(24)
        tiles.addWidget(self.file_tile, 0, 0)
        tiles.addWidget(self.status_tile, 0, 1)
        tiles.addWidget(self.survey_tile, 1, 0, 1, 2)
        tiles.setRowStretch(0, 3)
        tiles.setRowStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(12)
        layout.addWidget(self.institution)
        layout.addWidget(self.title)
        layout.addWidget(self.question)
        layout.addLayout(tiles, 1)
        layout.addWidget(self.help)
        QWidget.setTabOrder(self.file_tile, self.status_tile)
        QWidget.setTabOrder(self.status_tile, self.survey_tile)
        self.retranslate()

    def retranslate(self) -> None:
        theme = self.context.theme
        device = self.context.device
        self.institution.setText(device.institution_name if device else "")
        self.institution.setVisible(bool(device and device.institution_name))
        self.title.setText(self.tr("Bienvenida, bienvenido"))
        self.question.setText(self.tr("¿Qué desea hacer?"))
        self.file_tile.set_texts(
            self.tr("Presentar una solicitud"),
            self.tr("Llene su trámite aquí y reciba su cargo con un número de registro."),
            theme.px(1.4),
        )
        self.status_tile.set_texts(
            self.tr("Consultar mi trámite"),
            self.tr("Con el número de registro de su cargo: vea cómo va su trámite."),
            theme.px(1.4),
        )
        self.survey_tile.set_texts(
            self.tr("Calificar la atención"),
            self.tr("Una pregunta rápida y anónima sobre cómo le atendimos."),
            theme.px(1.15),
        )
        self.help.setText(
            self.tr("Toque una opción. Puede cambiar el idioma y el tamaño de la letra arriba.")
        )

    def apply_theme(self) -> None:
        size = self.context.theme.icon_px
        for tile in (self.file_tile, self.status_tile):
            tile.set_icon_size(size)
        self.survey_tile.set_icon_size(round(size * 0.75))
        self.retranslate()

    def focus_first(self) -> None:
        self.file_tile.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        """Letters or digits typed here come from a QR reader (or a person): start a status lookup."""
        text = event.text()
        if text and text.isalnum() and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.status_was_requested.emit(text)
            return
        super().keyPressEvent(event)
