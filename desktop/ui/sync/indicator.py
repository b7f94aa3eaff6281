"""The sync indicator, always visible in the status bar: connection, pending count, last sync."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from desktop.sync.engine import SyncStatus
from desktop.ui.sync.texts import connection_color, indicator_text, tooltip_text


class SyncIndicator(QWidget):
    """A dot and one line of text; a click (or Enter on it) opens the sync panel."""

    panel_was_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dot = QLabel("●")
        self.button = QToolButton()
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.panel_was_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.dot)
        layout.addWidget(self.button)
        self.status = SyncStatus()
        self.show_status(self.status)

    @property
    def text(self) -> str:
        return self.button.text()

    def show_status(self, status: SyncStatus, now: datetime | None = None) -> None:
        self.status = status
        text = indicator_text(status, now)
        self.button.setText(text)
        self.dot.setStyleSheet(f"color: {connection_color(status)}; font-size: 14pt;")
        tooltip = tooltip_text(status, now)
        self.button.setToolTip(tooltip)
        self.setToolTip(tooltip)
        self.button.setAccessibleName(QCoreApplication.translate("sync", "Sincronización: {0}").format(text))
        self.button.setAccessibleDescription(tooltip)
