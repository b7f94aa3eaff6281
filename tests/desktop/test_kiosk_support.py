"""Helpers for the kiosk tests: opening the kiosk, touching, typing on the on-screen keyboard,
and reading every text the widgets hold (visible or not). No tests here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.i18n import translations
from desktop.ui.kiosk import KioskSettings, KioskWindow
from desktop.ui.kiosk.staff_pin import PinStore
from desktop.ui.kiosk.theme import MIN_TARGET_PX
from desktop.ui.tasks import ops_in_flight
from tests.desktop.test_ui_support import make_backend

KIOSK_PIN = "2468"
SIZES = {"1366": (1366, 768), "1920": (1920, 1080)}


def kiosk_backend(tmp_path: Path) -> Iterator[Any]:
    """The backend for a kiosk test (use as ``backend = pytest.fixture(kiosk_backend, name="backend")``).

    The translators are application-wide, so it also puts Spanish back after the test.
    """
    yield make_backend(tmp_path)
    if QApplication.instance() is not None:
        translations().set_language("es")


def settle(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: ops_in_flight() == 0, timeout=20_000)
    QApplication.processEvents()


def open_kiosk(
    qtbot: Any, backend: Any, size: tuple[int, int] = SIZES["1366"], settings: KioskSettings | None = None
) -> KioskWindow:
    """The kiosk as staff leave it: a PIN set, the welcome screen on."""
    store = PinStore(backend)
    if not store.load():
        store.save(KIOSK_PIN)
    window = KioskWindow(backend, settings or KioskSettings(printer="none", media_roots=()))
    show_kiosk(qtbot, window, size)
    qtbot.waitUntil(lambda: window.ready, timeout=20_000)
    settle(qtbot)
    return window


def show_kiosk(qtbot: Any, window: KioskWindow, size: tuple[int, int] = SIZES["1366"]) -> None:
    """Shown; closed for good after the test (a kiosk ignores a plain close)."""
    qtbot.addWidget(window, before_close_func=lambda kiosk: setattr(kiosk, "exit_allowed", True))
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)


def touch(qtbot: Any, widget: QWidget) -> None:
    """A finger on a control: it must be on screen, enabled and at least 48x48 px."""
    assert widget.isVisible(), f"{widget.accessibleName() or widget} is not on screen"
    assert widget.isEnabled(), f"{widget.accessibleName() or widget} is disabled"
    size = f"{widget.accessibleName()!r} is {widget.width()}x{widget.height()} px"
    assert widget.width() >= MIN_TARGET_PX, size
    assert widget.height() >= MIN_TARGET_PX, size
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    settle(qtbot)


def type_on_screen(qtbot: Any, window: KioskWindow, text: str) -> None:
    """Type ``text`` by touching the on-screen keyboard or keypad (whichever the focused field shows)."""
    dock = window.dock
    assert dock.isVisible(), "no on-screen keyboard for the focused field"
    for char in text:
        if dock.currentWidget() is dock.keypad:
            keys = [*dock.keypad.digit_keys, dock.keypad.point]
            key = next(k for k in keys if k.text() == char)
            touch(qtbot, key)
            continue
        keyboard = dock.keyboard
        if char == " ":
            touch(qtbot, keyboard.space)
            continue
        if char != char.lower():
            touch(qtbot, keyboard.shift_key)
        key = next(k for c, k in keyboard.char_keys if c == char.lower())
        touch(qtbot, key)


def wait_for_focus(qtbot: Any, window: KioskWindow, widget: QWidget) -> None:
    """Wait until ``widget`` has the window's keyboard focus (a screen may set it after it appears)."""

    def focused() -> None:
        assert window.focusWidget() is widget, (
            f"the focus is on {describe_widget(window.focusWidget())}, not on {describe_widget(widget)}"
        )

    qtbot.waitUntil(focused, timeout=10_000)


def describe_widget(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    return repr(widget.accessibleName() or widget.objectName() or widget.metaObject().className())


def type_into_list(qtbot: Any, combo: QComboBox, text: str) -> None:
    """Type ``text`` into the focused drop-down as a hardware keyboard does, and check it was chosen.

    A drop-down searches its items as keys arrive, joining them into one search only while each comes
    within the keyboard input interval (400 ms): on a busy test machine "P" then "u" could arrive
    later and search "u" alone (Ucayali, not Puno). The interval is stretched while typing, so what
    is tested is the choice by keyboard, not the speed of the machine.
    """
    interval = QApplication.keyboardInputInterval()
    QApplication.setKeyboardInputInterval(600_000)
    try:
        qtbot.keyClicks(combo, text)
    finally:
        QApplication.setKeyboardInputInterval(interval)
    assert combo.currentText() == text, f"typed {text!r}, chose {combo.currentText()!r}"


def purge_deleted() -> None:
    """Run the deferred deletions, so destroyed widgets are really gone."""
    for _ in range(3):
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def widget_texts(widget: QWidget) -> list[str]:
    """Everything a widget can show or say: text, placeholder, content, items, accessible texts."""
    texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip(), widget.windowTitle()]
    if isinstance(widget, (QLabel, QAbstractButton)):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        texts.append(widget.toPlainText())
    if isinstance(widget, QAbstractSpinBox):
        texts.append(widget.text())
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())] + [widget.currentText()]
    if isinstance(widget, QListWidget):
        texts += [widget.item(i).text() for i in range(widget.count())]
    return [t for t in texts if t]


def all_texts() -> str:
    """The texts of every widget that exists in the application, shown or hidden."""
    return "\n".join(text for widget in QApplication.allWidgets() for text in widget_texts(widget))


def shot(window: KioskWindow, artifacts_dir: Path, name: str) -> Path:
    """Save ``kiosk-<lang>-<width>-<name>.png`` after the layout settled."""
    QApplication.processEvents()
    path = artifacts_dir / f"kiosk-{window.context.lang}-{window.width()}-{name}.png"
    window.grab().save(str(path))
    return path


def tappable_controls(root: QWidget) -> list[QWidget]:
    """Visible buttons, fields and choices under ``root`` (what a finger may need to touch)."""
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox)
    return [w for w in root.findChildren(QWidget) if isinstance(w, kinds) and w.isVisibleTo(root)]
