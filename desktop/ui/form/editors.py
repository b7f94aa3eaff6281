"""One editor widget per field type; each gives back the raw JSON answer ``validate_answers`` reads.

Editors do not validate: they only turn what the clerk typed or chose into the answer's JSON shape
(strings for typed text, lists for multiple choices, booleans for yes/no). The one rule book lives in
``shared.forms.validate_answers``, so the desktop, the kiosk and the server agree on every error.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QDate, QEvent, QObject, QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shared.forms import Field
from shared.i18n import pick

#: select_one fields with at most this many choices are shown as radio buttons.
MAX_RADIO_CHOICES = 4
EMPTY_DATE = QDate(1900, 1, 1)


class FieldEditor(QWidget):
    """Base class: ``value()`` is the raw answer (None when empty), ``set_value()`` restores one."""

    value_did_change = Signal()
    editing_did_finish = Signal()

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field, self.lang = field, lang

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def controls(self) -> list[QWidget]:
        """The focusable controls, in tab order."""
        return [self]

    def set_accessible(self, name: str, description: str) -> None:
        for index, control in enumerate(self.controls()):
            suffix = "" if len(self.controls()) == 1 else f" — {_control_text(control) or index + 1}"
            control.setAccessibleName(name + suffix)
            control.setAccessibleDescription(description)

    def set_read_only(self, read_only: bool) -> None:
        for control in self.controls():
            control.setEnabled(not read_only)


def _control_text(control: QWidget) -> str:
    return control.text() if isinstance(control, QAbstractButton) else ""


class _EnterMovesOn(QObject):
    """Enter in a one-line input moves to the next control, as clerks expect from paper-like forms."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        is_enter = isinstance(event, QKeyEvent) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.type() == QEvent.Type.KeyPress and is_enter and isinstance(watched, QWidget):
            watched.focusNextChild()
            return True
        return False


ENTER_MOVES_ON = _EnterMovesOn()


class LineEditor(FieldEditor):
    """text, email, phone, dni, ruc, ce, integer, decimal: a one-line input (with hints per type)."""

    _PATTERNS: ClassVar[dict[str, str]] = {
        "dni": r"[0-9]{0,8}([ -]?[0-9A-Za-z])?",
        "ruc": r"[0-9 ]{0,13}",
        "integer": r"-?[0-9 ]{0,15}",
        "decimal": r"-?[0-9 ]{0,15}([.,][0-9]{0,6})?",
        "phone": r"[+0-9 ()-]{0,20}",
    }
    _INPUT_HINTS: ClassVar[dict[str, Qt.InputMethodHint]] = {
        "dni": Qt.InputMethodHint.ImhDigitsOnly,
        "ruc": Qt.InputMethodHint.ImhDigitsOnly,
        "integer": Qt.InputMethodHint.ImhDigitsOnly,
        "decimal": Qt.InputMethodHint.ImhFormattedNumbersOnly,
        "phone": Qt.InputMethodHint.ImhDialableCharactersOnly,
        "email": Qt.InputMethodHint.ImhEmailCharactersOnly,
    }

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.edit = QLineEdit()
        pattern = self._PATTERNS.get(field.type)
        if pattern:
            self.edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self.edit))
        if field.type in self._INPUT_HINTS:
            self.edit.setInputMethodHints(self._INPUT_HINTS[field.type])
        if field.max_length:
            self.edit.setMaxLength(field.max_length)
        if field.type == "dni":
            self.edit.setPlaceholderText(self.tr("8 dígitos"))
            self.edit.setMaximumWidth(160)
        elif field.type in ("ruc", "ce", "integer", "decimal", "phone"):
            self.edit.setMaximumWidth(220)
        self.edit.installEventFilter(ENTER_MOVES_ON)
        self.edit.textChanged.connect(self.value_did_change)
        self.edit.editingFinished.connect(self.editing_did_finish)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        if self.edit.maximumWidth() < 1000:
            layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.text() or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def controls(self) -> list[QWidget]:
        return [self.edit]


class TextAreaEditor(FieldEditor):
    """long_text: Tab leaves the box (keyboard-only use), Enter makes a new line."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.edit = QPlainTextEdit()
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(90)
        self.edit.setMaximumHeight(160)
        self.edit.textChanged.connect(self.value_did_change)
        self.edit.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.editing_did_finish.emit()
        return False

    def value(self) -> Any:
        return self.edit.toPlainText() or None

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))

    def controls(self) -> list[QWidget]:
        return [self.edit]


class DateEditor(FieldEditor):
    """A QDateEdit with a calendar popup; the minimum date stands for "no date yet"."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("dd/MM/yyyy")
        self.edit.setMinimumDate(EMPTY_DATE)
        self.edit.setSpecialValueText(self.tr("dd/mm/aaaa"))
        self.edit.setDate(EMPTY_DATE)
        self.edit.setMaximumWidth(160)
        self.edit.installEventFilter(ENTER_MOVES_ON)
        self.edit.dateChanged.connect(self.value_did_change)
        self.edit.editingFinished.connect(self.editing_did_finish)
        self.today_button = QPushButton(self.tr("Hoy"))
        self.today_button.clicked.connect(self._set_today)
        self.clear_button = QPushButton(self.tr("Borrar"))
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.today_button)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)

    def _set_today(self) -> None:
        self.edit.setDate(QDate.currentDate())
        self.editing_did_finish.emit()

    def value(self) -> Any:
        current = self.edit.date()
        return None if current == EMPTY_DATE else current.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        parsed = QDate.fromString(str(value), "yyyy-MM-dd") if value else EMPTY_DATE
        self.edit.setDate(parsed if parsed.isValid() else EMPTY_DATE)

    def controls(self) -> list[QWidget]:
        return [self.edit, self.today_button, self.clear_button]

    def set_accessible(self, name: str, description: str) -> None:
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(description)
        self.today_button.setAccessibleName(self.tr("{0}: poner la fecha de hoy").format(name))
        self.clear_button.setAccessibleName(self.tr("{0}: borrar la fecha").format(name))


def check_value(group: QButtonGroup, buttons: list[tuple[Any, Any]], value: Any) -> None:
    """Check the button whose value is ``value``, or none (an exclusive group must be opened for that)."""
    for candidate, button in buttons:
        if candidate == value:
            button.setChecked(True)
            return
    group.setExclusive(False)
    for _, button in buttons:
        button.setChecked(False)
    group.setExclusive(True)


class ChoiceButtonsEditor(FieldEditor):
    """select_one as radio buttons, and yes_no (Sí / No); arrow keys move within the group."""

    def __init__(
        self, field: Field, lang: str, parent: QWidget | None = None, columns: int | None = None
    ) -> None:
        super().__init__(field, lang, parent)
        if field.type == "yes_no":
            options: list[tuple[Any, str]] = [(True, self.tr("Sí")), (False, self.tr("No"))]
        else:
            options = [(c.value, pick(c.label, lang)) for c in field.choices]
        self.group = QButtonGroup(self)
        self.buttons: list[tuple[Any, QRadioButton]] = []
        # ``columns`` (touch screens): a grid, so many choices stay large without scrolling
        grid = QGridLayout(self) if columns and len(options) > MAX_RADIO_CHOICES else None
        layout = grid or (QHBoxLayout(self) if len(options) <= MAX_RADIO_CHOICES else QVBoxLayout(self))
        layout.setContentsMargins(0, 0, 0, 0)
        for index, (value, text) in enumerate(options):
            button = QRadioButton(text)
            self.group.addButton(button)
            self.buttons.append((value, button))
            if grid is not None and columns:
                grid.addWidget(button, index // columns, index % columns)
            else:
                layout.addWidget(button)
            button.installEventFilter(ENTER_MOVES_ON)
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)
        self.group.buttonToggled.connect(self._toggled)
        if self.buttons:
            self.setFocusProxy(self.buttons[0][1])

    def _toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.value_did_change.emit()
            self.editing_did_finish.emit()

    def value(self) -> Any:
        return next((value for value, button in self.buttons if button.isChecked()), None)

    def set_value(self, value: Any) -> None:
        if isinstance(value, str) and self.field.type == "yes_no":
            value = value.strip().lower() in ("yes", "si", "sí", "true", "1")
        check_value(self.group, self.buttons, value)

    def controls(self) -> list[QWidget]:
        return [button for _, button in self.buttons]


class ComboEditor(FieldEditor):
    """select_one as a drop-down, for long lists or ``appearance: dropdown``."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("— Elija una opción —"), None)
        for choice in field.choices:
            self.combo.addItem(pick(choice.label, lang), choice.value)
        self.combo.setMinimumWidth(280)
        self.combo.currentIndexChanged.connect(self._changed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        self.setFocusProxy(self.combo)

    def _changed(self) -> None:
        self.value_did_change.emit()
        self.editing_did_finish.emit()

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))

    def controls(self) -> list[QWidget]:
        return [self.combo]


class CheckboxesEditor(FieldEditor):
    """select_multiple: one checkbox per choice; the answer is the list of checked values."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.boxes: list[tuple[str, QCheckBox]] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for choice in field.choices:
            box = QCheckBox(pick(choice.label, lang))
            box.toggled.connect(self._changed)
            self.boxes.append((choice.value, box))
            layout.addWidget(box)
        if self.boxes:
            self.setFocusProxy(self.boxes[0][1])

    def _changed(self) -> None:
        self.value_did_change.emit()
        self.editing_did_finish.emit()

    def value(self) -> Any:
        return [value for value, box in self.boxes if box.isChecked()] or None

    def set_value(self, value: Any) -> None:
        chosen = set(value.split() if isinstance(value, str) else value or [])
        for candidate, box in self.boxes:
            box.setChecked(candidate in chosen)

    def controls(self) -> list[QWidget]:
        return [box for _, box in self.boxes]


class CalculatedEditor(FieldEditor):
    """A calculated field: shown read-only; its value comes from the validator, never from typing."""

    def __init__(self, field: Field, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(field, lang, parent)
        self.edit = QLineEdit()
        self.edit.setReadOnly(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def controls(self) -> list[QWidget]:
        return [self.edit]
