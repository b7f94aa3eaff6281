"""Small building blocks shared by the kiosk screens: buttons, labels with a role, a paged area.

Long content never gets a thin scroll bar: :class:`PagedArea` shows "▲ / ▼" buttons that move a whole
page, and also follows a finger (QScroller) and the keyboard focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QScroller,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

#: Overlap kept between two pages of a PagedArea, so the reader does not lose the line.
PAGE_OVERLAP = 0.15


def set_role(widget: QWidget, role: str) -> None:
    """Style hook read by the theme's stylesheet (``QLabel[role="title"]``...)."""
    widget.setProperty("role", role)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def label(role: str = "", wrap: bool = True) -> QLabel:
    widget = QLabel()
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        set_role(widget, role)
    return widget


def button(primary: bool = False, checkable: bool = False) -> QPushButton:
    """A touch-sized button; Enter and Space press it (no double-click or hover anywhere)."""
    widget = QPushButton()
    widget.setAutoDefault(True)
    widget.setCheckable(checkable)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if primary:
        widget.setProperty("primary", True)
    return widget


#: Marks that decorate a visible text but are not words; a screen reader does not read them out.
DECORATIONS = frozenset("▶◀▲▼✓✕↵⇧◐⌫←→⚠…")


def spoken(text: str) -> str:
    """``text`` without its decorations ("◀ Atrás" -> "Atrás"), as a screen reader should say it."""
    return " ".join("".join(" " if char in DECORATIONS else char for char in text).split())


def describe(widget: QWidget, text: str, explanation: str = "", *, name: str | None = None) -> None:
    """Set the visible ``text`` and what a screen reader says about the control.

    The accessible name is the visible words (so that someone who drives the kiosk by voice can say
    what they see, WCAG 2.5.3), or ``name`` when the words alone would be ambiguous ("Cambiar" on every
    line of the review); it must contain the visible words. ``explanation`` (what a touch does) is the
    accessible description. A text made only of symbols ("⌫", "▲") takes the explanation as its name.
    """
    if isinstance(widget, (QAbstractButton, QLabel)):
        widget.setText(text)
    said = name or spoken(text)
    if not any(char.isalnum() for char in said):
        said, explanation = explanation, ""
    widget.setAccessibleName(said.replace("&", ""))
    widget.setAccessibleDescription("" if explanation == said else explanation)


class _WholeButtonTouch(QObject):
    """A check box or radio button reacts to a touch anywhere on its (large, bordered) box, not only
    on the small indicator and the text, which is all Qt counts as the button by default."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QAbstractButton)
            and isinstance(event, QMouseEvent)
            and watched.isEnabled()
            and watched.rect().contains(event.position().toPoint())
            and not watched.hitButton(event.position().toPoint())
        ):
            watched.click()
            return True
        return False


WHOLE_BUTTON_TOUCH = _WholeButtonTouch()


def touch_anywhere(root: QWidget) -> None:
    """Check boxes and radio buttons under ``root`` (and ``root`` itself) take touches on their whole box."""
    buttons = [root] if isinstance(root, (QCheckBox, QRadioButton)) else []
    for button_widget in [*buttons, *root.findChildren(QCheckBox), *root.findChildren(QRadioButton)]:
        button_widget.removeEventFilter(WHOLE_BUTTON_TOUCH)
        button_widget.installEventFilter(WHOLE_BUTTON_TOUCH)


def fit_to_current(stack: QStackedWidget) -> None:
    """Size a stack by its current page only (Qt sizes it by the largest page, hidden ones too), so a
    long screen elsewhere in the session cannot push the keyboard off a 768-line display."""

    def update(_index: int = 0) -> None:
        current = stack.currentWidget()
        for index in range(stack.count()):
            page = stack.widget(index)
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        stack.updateGeometry()

    stack.currentChanged.connect(update)
    update()


def card() -> QFrame:
    frame = QFrame()
    frame.setProperty("role", "card")
    return frame


class PagedArea(QWidget):
    """A scroll area turned by "▲" / "▼" page buttons (and by touch), for content that may not fit."""

    page_did_turn = Signal()

    def __init__(self, content: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
        self.up_button = button()
        self.down_button = button()
        for page_button in (self.up_button, self.down_button):
            page_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.up_button.clicked.connect(lambda: self.turn(-1))
        self.down_button.clicked.connect(lambda: self.turn(1))
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        layout.addLayout(side)
        bar = self.area.verticalScrollBar()
        bar.rangeChanged.connect(self._update_buttons)
        bar.valueChanged.connect(self._update_buttons)
        if content is not None:
            self.set_content(content)
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        describe(self.up_button, "▲", self.tr("Ver la parte anterior"))
        describe(self.down_button, "▼", self.tr("Ver más abajo"))

    def set_content(self, content: QWidget) -> None:
        self.area.setWidget(content)
        self.area.verticalScrollBar().setValue(0)

    def turn(self, direction: int) -> None:
        bar = self.area.verticalScrollBar()
        step = max(1, int(self.area.viewport().height() * (1 - PAGE_OVERLAP)))
        bar.setValue(bar.value() + direction * step)
        self.page_did_turn.emit()

    def overflows(self) -> bool:
        return self.area.verticalScrollBar().maximum() > 0

    def _update_buttons(self) -> None:
        bar = self.area.verticalScrollBar()
        overflow = bar.maximum() > 0
        self.up_button.setVisible(overflow)
        self.down_button.setVisible(overflow)
        self.up_button.setEnabled(bar.value() > bar.minimum())
        self.down_button.setEnabled(bar.value() < bar.maximum())
