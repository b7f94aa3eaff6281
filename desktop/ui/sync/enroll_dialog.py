"""The settings screen that joins this device to an institution: the server's address and the one-time
code (needs the network), or an enrollment file from a USB stick (works offline).

The request runs off the UI thread; a refusal (a code already used, expired, mistyped; an address that
is not a server) is shown under the fields in Spanish and nothing changes on the device.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import DeviceInfo
from desktop.ui.tasks import run_op, user_message


class EnrollDialog(QDialog):
    device_was_enrolled = Signal(object)  # DeviceInfo

    def __init__(self, service, server_url: str | None = None, parent: QWidget | None = None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.service = service
        self.setWindowTitle(QCoreApplication.translate("sync", "Registrar este equipo"))
        self.resize(560, 300)
        intro = QLabel(
            QCoreApplication.translate(
                "sync",
                "Escriba la dirección del servidor y el código de registro que le dio su coordinador "
                "(tambo-server device add). El código sirve una sola vez.",
            )
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(server_url or "")
        self.server.setPlaceholderText("https://tambo.muni.gob.pe")
        self.server.setAccessibleName(QCoreApplication.translate("sync", "Dirección del servidor"))
        self.code = QLineEdit()
        self.code.setPlaceholderText("K7M2-9QXA-4HTR")
        self.code.setAccessibleName(QCoreApplication.translate("sync", "Código de registro"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(QCoreApplication.translate("sync", "p. ej. Mesa de partes 1"))
        self.name.setAccessibleName(QCoreApplication.translate("sync", "Nombre de este equipo"))
        self.office = QLineEdit()
        self.office.setAccessibleName(
            QCoreApplication.translate("sync", "Oficina o sede que se imprime en los cargos")
        )
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("sync", "&Servidor:"), self.server)
        form.addRow(QCoreApplication.translate("sync", "&Código:"), self.code)
        form.addRow(QCoreApplication.translate("sync", "&Nombre del equipo:"), self.name)
        form.addRow(QCoreApplication.translate("sync", "&Oficina:"), self.office)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b71c1c;")
        self.enroll_button = QPushButton(QCoreApplication.translate("sync", "Registrar"))
        self.enroll_button.setDefault(True)
        self.file_button = QPushButton(QCoreApplication.translate("sync", "Usar archivo de registro…"))
        self.cancel_button = QPushButton(QCoreApplication.translate("sync", "Cancelar"))
        self.enroll_button.clicked.connect(self.enroll)
        self.file_button.clicked.connect(self.choose_file)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.file_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.enroll_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        (self.code if server_url else self.server).setFocus()

    def _busy(self, busy: bool) -> None:
        for widget in (self.enroll_button, self.file_button, self.server, self.code, self.name, self.office):
            widget.setEnabled(not busy)

    def enroll(self) -> None:
        server, code = self.server.text().strip(), self.code.text().strip()
        if not server or not code:
            self.message.setText(
                QCoreApplication.translate(
                    "sync", "Escriba la dirección del servidor y el código de registro."
                )
            )
            (self.server if not server else self.code).setFocus()
            return
        self._busy(True)
        self.message.setStyleSheet("color: #37474f;")
        self.message.setText(QCoreApplication.translate("sync", "Registrando…"))
        name, office = self.name.text().strip(), self.office.text().strip()
        run_op(
            self,
            lambda: self.service.enroll_with_code(server, code, name or None, office or None),
            self._enrolled,
            self._failed,
        )

    def enroll_from_file(self, path: Path) -> None:
        self._busy(True)
        office = self.office.text().strip()
        run_op(
            self, lambda: self.service.enroll_with_ticket(path, office or None), self._enrolled, self._failed
        )

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("sync", "Archivo de registro"),
            "",
            QCoreApplication.translate("sync", "Registro de Tambo (*.json)"),
        )
        if path:
            self.enroll_from_file(Path(path))

    def _enrolled(self, info: DeviceInfo) -> None:
        self._busy(False)
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(
            QCoreApplication.translate("sync", "Equipo registrado en {0}.").format(info.institution_name)
        )
        self.device_was_enrolled.emit(info)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.message.setStyleSheet("color: #b71c1c;")
        self.message.setText(user_message(exc))
        self.code.setFocus()
