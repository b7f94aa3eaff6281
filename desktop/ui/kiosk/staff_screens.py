"""Screens for the staff, inside the kiosk: unlocking the store after boot, the PIN, the exit menu.

Nothing here is reachable without the staff PIN except the unlock screen, which appears only when the
store has no OS-keystore slot (a kiosk that cannot start unattended) and asks the staff passphrase
once after boot, with the on-screen keyboard (a kiosk may have no keyboard attached).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.i18n.error_text import exception_text
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.staff_pin import PIN_MAX_LENGTH, PIN_MIN_LENGTH, AttemptLimiter, PinStore, is_valid_pin
from desktop.ui.kiosk.widgets import button, describe, label
from desktop.ui.tasks import run_op
from desktop.ui.unlock_dialog import MIN_PASSPHRASE_LENGTH


def _secret_field(digits: bool) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if digits:
        field.setMaxLength(PIN_MAX_LENGTH)
        field.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), field))
        field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
    else:
        field.setProperty("kiosk_keyboard", "text")
        field.setInputMethodHints(
            Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
        )
    return field


class PinScreen(KioskScreen):
    """``check``: ask the PIN (emits ``pin_did_match``); ``set``: choose one twice (``pin_did_change``)."""

    pin_did_match = Signal()
    pin_did_change = Signal()
    cancel_was_requested = Signal()

    def __init__(
        self,
        context: KioskContext,
        store: PinStore,
        limiter: AttemptLimiter,
        mode: str = "check",
        can_cancel: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.store, self.limiter, self.mode = store, limiter, mode
        self.busy = False
        self.title = label("title")
        self.intro = label()
        self.pin_label = label("subtitle")
        self.pin = _secret_field(digits=True)
        self.confirm_label = label("subtitle")
        self.confirm = _secret_field(digits=True)
        self.pin_label.setBuddy(self.pin)
        self.confirm_label.setBuddy(self.confirm)
        self.error = label("error")
        self.ok_button = button(primary=True)
        self.cancel_button = button()
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel_was_requested)
        self.cancel_button.setVisible(can_cancel)
        self.pin.returnPressed.connect(self.confirm.setFocus if mode == "set" else self.submit)
        self.confirm.returnPressed.connect(self.submit)
        for widget in (self.confirm_label, self.confirm):
            widget.setVisible(mode == "set")
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        for widget in (
            self.title,
            self.intro,
            self.pin_label,
            self.pin,
            self.confirm_label,
            self.confirm,
            self.error,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.retranslate()

    def retranslate(self) -> None:
        if self.mode == "set":
            self.title.setText(self.tr("Personal: PIN del quiosco"))
            self.intro.setText(
                self.tr(
                    "Elija el PIN que el personal usará para salir del modo quiosco ({0} a {1} dígitos). "
                    "No lo comparta con el público."
                ).format(PIN_MIN_LENGTH, PIN_MAX_LENGTH)
            )
        else:
            self.title.setText(self.tr("Acceso del personal"))
            self.intro.setText(self.tr("Escriba el PIN del personal."))
        self.pin_label.setText(self.tr("PIN"))
        self.pin.setAccessibleName(self.tr("PIN del personal"))
        self.confirm_label.setText(self.tr("Repita el PIN"))
        self.confirm.setAccessibleName(self.tr("Repita el PIN"))
        describe(self.ok_button, self.tr("Aceptar"))
        describe(self.cancel_button, self.tr("Cancelar"), self.tr("Cancelar y volver al quiosco"))

    def focus_first(self) -> None:
        self.pin.setFocus()

    def go_back(self) -> bool:
        if self.cancel_button.isVisible():
            self.cancel_was_requested.emit()
        return True

    def _fail(self, message: str) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.error.setText("⚠ " + message)
        self.pin.clear()
        self.confirm.clear()
        self.pin.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        pin = self.pin.text()
        if self.mode == "set":
            if not is_valid_pin(pin):
                self._fail(
                    self.tr("El PIN debe tener de {0} a {1} dígitos.").format(PIN_MIN_LENGTH, PIN_MAX_LENGTH)
                )
            elif pin != self.confirm.text():
                self._fail(self.tr("Los dos PIN no coinciden."))
            else:
                self._start(lambda: self.store.save(pin), lambda _none: self.pin_did_change.emit())
            return
        wait = self.limiter.seconds_to_wait()
        if wait:
            self._fail(self.tr("Demasiados intentos. Espere {0} segundos.").format(wait))
            return
        self._start(lambda: self.store.check(pin), self._checked)

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.busy = True
        self.ok_button.setEnabled(False)
        self.error.setText(self.tr("Un momento…"))
        run_op(
            self, work, lambda result: self._finish(done, result), lambda exc: self._fail(exception_text(exc))
        )

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.error.clear()
        done(result)

    def _checked(self, ok: bool) -> None:
        self.limiter.record(ok)
        if ok:
            self.pin.clear()
            self.pin_did_match.emit()
        else:
            self._fail(self.tr("PIN incorrecto."))


class StaffMenuScreen(KioskScreen):
    exit_was_requested = Signal()
    change_pin_was_requested = Signal()
    has_back = True

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = label("title")
        self.exit_button = button(primary=True)
        self.change_button = button()
        self.back_button = button()
        self.exit_button.clicked.connect(self.exit_was_requested)
        self.change_button.clicked.connect(self.change_pin_was_requested)
        self.back_button.clicked.connect(self.back_was_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.addWidget(self.title)
        for widget in (self.back_button, self.change_button, self.exit_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Personal"))
        describe(self.exit_button, self.tr("Salir del modo quiosco"))
        describe(self.change_button, self.tr("Cambiar el PIN del personal"))
        describe(self.back_button, self.tr("Volver al quiosco"))

    def focus_first(self) -> None:
        self.back_button.setFocus()


class UnlockScreen(KioskScreen):
    """The staff passphrase, once after boot; ``opener(passphrase)`` returns the backend or raises."""

    backend_did_open = Signal(object)

    def __init__(
        self,
        context: KioskContext,
        opener: Callable[[str], Any],
        first_use: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, parent)
        self.opener, self.first_use = opener, first_use
        self.title = label("title")
        self.intro = label()
        self.secret = _secret_field(digits=False)
        self.again = _secret_field(digits=False)
        self.again.setVisible(first_use)
        self.error = label("error")
        self.open_button = button(primary=True)
        self.open_button.clicked.connect(self.submit)
        self.secret.returnPressed.connect(self.again.setFocus if first_use else self.submit)
        self.again.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        for widget in (self.title, self.intro, self.secret, self.again, self.error, self.open_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Quiosco bloqueado"))
        self.intro.setText(
            self.tr(
                "Primer uso: el personal elige la clave de los datos cifrados (mínimo {0} caracteres)."
            ).format(MIN_PASSPHRASE_LENGTH)
            if self.first_use
            else self.tr("Personal: escriba la clave del personal para abrir los datos de este quiosco.")
        )
        self.secret.setAccessibleName(self.tr("Clave del personal"))
        self.secret.setPlaceholderText(self.tr("Clave del personal"))
        self.again.setAccessibleName(self.tr("Repita la clave"))
        self.again.setPlaceholderText(self.tr("Repita la clave"))
        describe(self.open_button, self.tr("Abrir"), self.tr("Abrir los datos del quiosco"))

    def focus_first(self) -> None:
        self.secret.setFocus()

    def submit(self) -> None:
        secret = self.secret.text()
        if self.first_use:
            if len(secret) < MIN_PASSPHRASE_LENGTH:
                self._fail(
                    self.tr("La clave debe tener al menos {0} caracteres.").format(MIN_PASSPHRASE_LENGTH)
                )
                return
            if secret != self.again.text():
                self._fail(self.tr("Las dos claves no coinciden."))
                return
        self.open_button.setEnabled(False)
        self.error.setText(self.tr("Abriendo los datos cifrados…"))
        run_op(self, lambda: self.opener(secret), self._opened, lambda exc: self._fail(exception_text(exc)))

    def _opened(self, backend: Any) -> None:
        self.secret.clear()
        self.again.clear()
        self.error.clear()
        self.backend_did_open.emit(backend)

    def _fail(self, message: str) -> None:
        self.open_button.setEnabled(True)
        self.error.setText("⚠ " + message)
        self.secret.selectAll()
        self.secret.setFocus()
