"""A large tile: an icon, a bold title and a line or two of plain words, and one touch target.

It is a real ``QPushButton`` (focus, Enter/Space, the "button" role for screen readers) with labels
inside that let touches through to it, so the whole tile reacts, not only its text.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

ICONS_DIR = Path(__file__).resolve().parent / "icons"


def kiosk_icon(name: str) -> QIcon:
    """One of the kiosk's own SVG icons (a definition's ``icon``), "document" when unknown."""
    path = ICONS_DIR / f"{name}.svg"
    return QIcon(str(path if path.exists() else ICONS_DIR / "document.svg"))


class Tile(QPushButton):
    def __init__(self, icon_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("tile", True)
        self.setAutoDefault(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.icon_label = QLabel()
        self.icon_name = icon_name
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        for child in (self.icon_label, self.title, self.text_label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            child.setTextFormat(Qt.TextFormat.PlainText)
        words = QVBoxLayout()
        words.setSpacing(6)
        words.addStretch(1)
        words.addWidget(self.title)
        words.addWidget(self.text_label)
        words.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(words, 1)
        self.set_icon_size(64)

    def set_icon_size(self, size: int) -> None:
        self.icon_label.setPixmap(kiosk_icon(self.icon_name).pixmap(QSize(size, size)))
        self.icon_label.setFixedSize(size, size)

    def set_texts(self, title: str, text: str, title_px: int) -> None:
        self.title.setText(title)
        self.title.setStyleSheet(f"font-weight: bold; font-size: {title_px}px;")
        self.text_label.setText(text)
        self.text_label.setVisible(bool(text))
        self.setAccessibleName(title)
        self.setAccessibleDescription(text)
