"""Asking the staff passphrase that unlocks the encrypted store (or sets it, on first use).

Opening the store runs the passphrase KDF, which takes a noticeable fraction of a second by design, so
it runs off the UI thread; a wrong passphrase shows the stable Spanish message and lets the clerk try
again, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.form.rows import ERROR_STYLE
from desktop.ui.tasks import run_op, user_message

MIN_PASSPHRASE_LENGTH = 8


class UnlockDialog(QDialog):
    """``opener(passphrase)`` returns the backend or raises; ``backend`` holds it once accepted."""

    def __init__(self, opener: Callable[[str], Any], first_use: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opener, self.first_use = opener, first_use
        self.backend: Any = None
        self.setWindowTitle(self.tr("Tambo — Abrir datos cifrados"))
        intro = QLabel(
            self.tr(
                "Primer uso: elija la clave del personal (mínimo {0} caracteres). Guárdela en lugar seguro."
            ).format(MIN_PASSPHRASE_LENGTH)
            if first_use
            else self.tr("Escriba la clave del personal para abrir los datos de este equipo.")
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Clave del personal"))
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName(self.tr("Repita la clave"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Clave:"), self.passphrase)
        if first_use:
            form.addRow(self.tr("Repita la clave:"), self.confirm)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_open)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def show_error(self, message: str) -> None:
        self.error.setText("⚠ " + message)
        self.error.show()
        self.setEnabled(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def try_open(self) -> None:
        passphrase = self.passphrase.text()
        if self.first_use:
            if len(passphrase) < MIN_PASSPHRASE_LENGTH:
                self.show_error(
                    self.tr("La clave debe tener al menos {0} caracteres.").format(MIN_PASSPHRASE_LENGTH)
                )
                return
            if passphrase != self.confirm.text():
                self.show_error(self.tr("Las dos claves no coinciden."))
                return
        self.setEnabled(False)
        run_op(
            self,
            lambda: self.opener(passphrase),
            self._opened,
            lambda exc: self.show_error(user_message(exc)),
            progress_label=self.tr("Abriendo los datos cifrados…"),
        )

    def _opened(self, backend: Any) -> None:
        self.backend = backend
        self.accept()
