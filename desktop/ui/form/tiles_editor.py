"""``appearance: tiles`` on touch screens: one large tile per choice; a 1-5 rating gets faces.

A rating is read from the face's shape and from its words ("4 – Bueno"), never from colour alone, and
each tile is a real button (Tab, Space, arrow keys) with the choice label as its accessible name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QSizePolicy, QToolButton, QWidget

from desktop.ui.form.editors import FieldEditor, check_value
from shared.forms import Field
from shared.i18n import pick

RATING_VALUES = ("1", "2", "3", "4", "5")
CHECK_MARK = "✓ "


def face_pixmap(rating: int, size: int = 96) -> QPixmap:
    """A face from very sad (1) to very happy (5): the mouth's curve carries the meaning, not the colour."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    stroke = max(2.0, size / 24)
    painter.setPen(QPen(QColor("#1a1a1a"), stroke))
    painter.setBrush(QColor("#ffe08a"))
    margin = stroke
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(QColor("#1a1a1a"))
    eye = size / 14
    for x in (0.35, 0.65):
        painter.drawEllipse(QPointF(size * x, size * 0.38), eye, eye)
    curve = (rating - 3) / 2  # -1 very sad .. +1 very happy
    left, right, y = QPointF(size * 0.3, size * 0.68), QPointF(size * 0.7, size * 0.68), size * 0.68
    mouth = QPainterPath(left)
    mouth.quadTo(QPointF(size / 2, y + curve * size * 0.2), right)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
    painter.end()
    return pixmap


class TilesEditor(FieldEditor):
    """select_one as a row of big checkable tiles (exclusive); arrows and Space work as in a radio group."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        values = tuple(choice.value for choice in field.choices)
        self.is_rating = values == RATING_VALUES
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[tuple[Any, QToolButton]] = []
        self.labels: dict[int, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for choice in field.choices:
            label = pick(choice.label, lang)
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setAccessibleName(label)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            button.setProperty("tile", True)
            if self.is_rating:
                button.setIcon(QIcon(face_pixmap(int(choice.value))))
                button.setIconSize(QSize(72, 72))
            self.group.addButton(button)
            self.labels[id(button)] = label
            self.buttons.append((choice.value, button))
            layout.addWidget(button)
        self.group.buttonToggled.connect(self._toggled)
        if self.buttons:
            self.setFocusProxy(self.buttons[0][1])

    def set_icon_size(self, size: int) -> None:
        """Kiosk text sizes change the faces with them."""
        for _, button in self.buttons:
            button.setIconSize(QSize(size, size))

    def _toggled(self, button: QToolButton, checked: bool) -> None:
        label = self.labels[id(button)]
        button.setText(CHECK_MARK + label if checked else label)
        if checked:
            self.value_did_change.emit()
            self.editing_did_finish.emit()

    def value(self) -> Any:
        return next((value for value, button in self.buttons if button.isChecked()), None)

    def set_value(self, value: Any) -> None:
        check_value(self.group, self.buttons, None if value is None else str(value))

    def controls(self) -> list[QWidget]:
        return [button for _, button in self.buttons]

    def set_accessible(self, name: str, description: str) -> None:
        for _, button in self.buttons:
            button.setAccessibleName(f"{name} — {self.labels[id(button)]}")
            button.setAccessibleDescription(description)
