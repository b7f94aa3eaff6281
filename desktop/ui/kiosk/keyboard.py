"""The on-screen keyboard (Spanish layout with Ñ, accents and the apostrophe Quechua needs) and keypad.

The dock follows the keyboard focus: a text field brings up the keyboard, a DNI, phone or number
field (Qt input hints: digits, dialable, formatted numbers) the numeric keypad, anything else hides
both. Keys never take the focus; each press is delivered to the focused field as an ordinary key event,
so validators, Enter-moves-on and undo behave exactly as with a hardware keyboard, which keeps
working everywhere (a keyboard-wedge QR reader "types" a tracking code followed by Enter).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.kiosk.widgets import describe, fit_to_current

LETTER_ROWS = ("1234567890", "qwertyuiop'", "asdfghjklñ@", "zxcvbnm,.-")
ACCENTS = "áéíóúü"
_DIGIT_HINTS = (
    Qt.InputMethodHint.ImhDigitsOnly
    | Qt.InputMethodHint.ImhFormattedNumbersOnly
    | Qt.InputMethodHint.ImhDialableCharactersOnly
    | Qt.InputMethodHint.ImhPreferNumbers
)


def input_kind(widget: QWidget | None) -> str | None:
    """ "text", "digits" or None (not something one types into)."""
    if widget is None:
        return None
    forced = widget.property("kiosk_keyboard")
    if forced in ("text", "digits"):
        return str(forced)
    if isinstance(widget, QLineEdit) and not widget.isReadOnly():
        return "digits" if widget.inputMethodHints() & _DIGIT_HINTS else "text"
    if isinstance(widget, (QPlainTextEdit, QTextEdit)) and not widget.isReadOnly():
        return "text"
    if isinstance(widget, QAbstractSpinBox) and not widget.isReadOnly():
        return "digits"
    return None


def send_key(target: QWidget | None, key: int, text: str = "") -> None:
    """Deliver a key press and release to ``target`` (the focused field), as a hardware keyboard would."""
    if target is None:
        return
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def key_code(char: str) -> int:
    """Qt key codes of Latin-1 characters are their upper-case code points (Key_Ntilde is 0xD1)."""
    code = ord(char.upper())
    return code if code < 256 else int(Qt.Key.Key_unknown)


def _key(text: str = "") -> QPushButton:
    key = QPushButton(text)
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the focus stays in the field being typed into
    key.setAutoRepeat(True)
    key.setProperty("key", True)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return key


class _Keys(QWidget):
    """Keys type into the focused widget of the window they are in (its focus, even if the OS has not
    made the window active yet: a kiosk has only one window)."""

    def target(self) -> QWidget | None:
        return self.window().focusWidget()

    def send(self, key: int, text: str = "") -> None:
        send_key(self.target(), key, text)


class OnScreenKeyboard(_Keys):
    """Letters, digits, Ñ, accented vowels, apostrophe, @; a one-shot shift for capitals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shift = False
        self.char_keys: list[tuple[str, QPushButton]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(6)
        self.backspace = _key()
        self.backspace.clicked.connect(lambda: self.send(Qt.Key.Key_Backspace))
        self.shift_key = _key()
        self.shift_key.setAutoRepeat(False)
        self.shift_key.setCheckable(True)
        self.shift_key.toggled.connect(self._set_shift)
        self.space = _key()
        self.space.clicked.connect(lambda: self.send(Qt.Key.Key_Space, " "))
        self.left = _key("←")
        self.left.clicked.connect(lambda: self.send(Qt.Key.Key_Left))
        self.right = _key("→")
        self.right.clicked.connect(lambda: self.send(Qt.Key.Key_Right))
        self.enter = _key()
        self.enter.setAutoRepeat(False)
        self.enter.clicked.connect(lambda: self.send(Qt.Key.Key_Return, "\r"))
        for index, chars in enumerate(LETTER_ROWS):
            row = QHBoxLayout()
            row.setSpacing(6)
            if index == 3:
                row.addWidget(self.shift_key, 2)
            for char in chars:
                row.addWidget(self._char_key(char), 1)
            if index == 0:
                row.addWidget(self.backspace, 2)
            layout.addLayout(row)
        last = QHBoxLayout()
        last.setSpacing(6)
        for char in ACCENTS:
            last.addWidget(self._char_key(char), 1)
        last.addWidget(self.space, 5)
        last.addWidget(self.left, 1)
        last.addWidget(self.right, 1)
        last.addWidget(self.enter, 2)
        layout.addLayout(last)
        self.retranslate()

    def _char_key(self, char: str) -> QPushButton:
        key = _key(char)
        key.clicked.connect(lambda: self.press(char))
        self.char_keys.append((char, key))
        return key

    def press(self, char: str) -> None:
        text = char.upper() if self.shift else char
        self.send(key_code(char), text)
        if self.shift:
            self.shift_key.setChecked(False)

    def _set_shift(self, on: bool) -> None:
        self.shift = on
        for char, key in self.char_keys:
            key.setText(char.upper() if on else char)
            key.setAccessibleName(key.text())

    def retranslate(self) -> None:
        describe(self.backspace, "⌫", self.tr("Borrar la letra anterior"))
        describe(self.shift_key, self.tr("⇧ Mayús"), self.tr("Mayúscula para la siguiente letra"))
        describe(self.space, self.tr("Espacio"))
        describe(self.left, "←", self.tr("Mover a la izquierda"))
        describe(self.right, "→", self.tr("Mover a la derecha"))
        describe(self.enter, self.tr("Listo ↵"), self.tr("Listo: pasar al siguiente dato"))
        for char, key in self.char_keys:
            key.setAccessibleName(key.text() or char)

    def reset(self) -> None:
        self.shift_key.setChecked(False)


class NumericKeypad(_Keys):
    """Digits for DNI, phone and amounts (with a decimal point); "ABC" switches to the full keyboard
    (a carné de extranjería, a DNI's check letter). :meth:`adapt_to` hides what a field cannot take."""

    letters_were_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout()
        grid.setSpacing(8)
        self.digit_keys: list[QPushButton] = []
        for index, digit in enumerate("123456789"):
            key = _key(digit)
            key.clicked.connect(lambda _checked=False, d=digit: self.send(key_code(d), d))
            grid.addWidget(key, index // 3, index % 3)
            self.digit_keys.append(key)
        self.backspace = _key()
        self.backspace.clicked.connect(lambda: self.send(Qt.Key.Key_Backspace))
        zero = _key("0")
        zero.clicked.connect(lambda: self.send(key_code("0"), "0"))
        self.digit_keys.append(zero)
        self.enter = _key()
        self.enter.setAutoRepeat(False)
        self.enter.clicked.connect(lambda: self.send(Qt.Key.Key_Return, "\r"))
        grid.addWidget(self.backspace, 3, 0)
        grid.addWidget(zero, 3, 1)
        grid.addWidget(self.enter, 3, 2)
        self.point = _key(".")
        self.point.clicked.connect(lambda: self.send(Qt.Key.Key_Period, "."))
        grid.addWidget(self.point, 2, 3)
        self.letters = _key()
        self.letters.setAutoRepeat(False)
        self.letters.clicked.connect(self.letters_were_requested)
        grid.addWidget(self.letters, 3, 3)
        holder = QHBoxLayout(self)
        holder.setContentsMargins(8, 6, 8, 6)
        holder.addStretch(1)
        holder.addLayout(grid, 3)
        holder.addStretch(1)
        self.retranslate()

    def adapt_to(self, field: QWidget | None) -> None:
        """Only the keys the field can take: "." for amounts, no "ABC" for a PIN (Qt input hints)."""
        hints = field.inputMethodHints() if field is not None else Qt.InputMethodHint.ImhNone
        self.point.setVisible(bool(hints & Qt.InputMethodHint.ImhFormattedNumbersOnly))
        self.letters.setVisible(not hints & Qt.InputMethodHint.ImhSensitiveData)

    def retranslate(self) -> None:
        describe(self.backspace, "⌫", self.tr("Borrar el número anterior"))
        describe(self.enter, self.tr("Listo ↵"), self.tr("Listo: pasar al siguiente dato"))
        describe(self.letters, self.tr("ABC"), self.tr("Mostrar el teclado con letras"))
        describe(self.point, ".", self.tr("Punto decimal"))
        for key in self.digit_keys:
            key.setAccessibleName(key.text())


class KeyboardDock(QStackedWidget):
    """Shows the keyboard or the keypad for the focused field inside ``scope``, or nothing."""

    kind_did_change = Signal(object)  # "text", "digits" or None

    def __init__(self, scope: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope = scope
        self.keyboard = OnScreenKeyboard()
        self.keypad = NumericKeypad()
        self.addWidget(self.keyboard)
        self.addWidget(self.keypad)
        fit_to_current(self)
        self.kind: str | None = None
        self.letters_forced = False
        self._forced_for: QWidget | None = None
        self.keypad.letters_were_requested.connect(self._show_letters)
        self.setAccessibleName(self.tr("Teclado en pantalla"))
        self.hide()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
            app.installEventFilter(self)  # a touch on the field that already has the focus

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """A touch on a field shows its keys, also when it already had the focus."""
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(watched, QWidget)
            and input_kind(watched) is not None
            and shiboken6.isValid(self)
            and self.scope.isAncestorOf(watched)
        ):
            QTimer.singleShot(0, self.sync)  # after the press moved the focus there
        return False

    def sync(self) -> None:
        """Follow the window's focus as it is now (a screen just appeared with a field focused)."""
        if shiboken6.isValid(self) and shiboken6.isValid(self.scope):
            self._focus_changed(None, self.scope.focusWidget())

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Teclado en pantalla"))
        self.keyboard.retranslate()
        self.keypad.retranslate()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not all(shiboken6.isValid(w) for w in (self, self.scope, self.keyboard.shift_key)):
            return  # the application is closing
        if new is None:  # the window lost the OS focus: what counts is its own focused field
            new = self.scope.focusWidget()
        inside = new is not None and self.scope.isAncestorOf(new)
        if inside and self.letters_forced and new is self._forced_for:
            return  # "ABC" was chosen for this field
        self.letters_forced = False
        kind = input_kind(new) if inside else None
        if kind == "digits":
            self.keypad.adapt_to(new)
        self.show_for(kind)

    def _show_letters(self) -> None:
        self.letters_forced = True
        self._forced_for = self.scope.focusWidget()
        self.show_for("text")

    def show_for(self, kind: str | None) -> None:
        if kind is None:
            self.hide()
            self.keyboard.reset()
        else:
            self.setCurrentWidget(self.keyboard if kind == "text" else self.keypad)
            self.show()
        if kind != self.kind:
            self.kind = kind
            self.kind_did_change.emit(kind)
