"""The data-protection notice (Ley 29733 and its reglamento, D.S. 016-2024-JUS), accepted before saving.

Nothing the citizen typed is stored before this screen: the kiosk keeps no drafts, so a person who
does not accept leaves nothing behind. The notice names the controller (the institution), the purpose,
the data bank, who sees the data and how to exercise the ARCO rights, in plain words.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.widgets import PagedArea, button, describe, label, touch_anywhere


class ConsentScreen(KioskScreen):
    save_was_requested = Signal()
    has_back = True
    refusal_did_end = Signal()

    def __init__(self, context: KioskContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.title = label("title")
        self.notice = label()
        self.accept_box = QCheckBox()
        self.accept_box.toggled.connect(self._accepted)
        touch_anywhere(self.accept_box)
        self.refusal = label("warning")
        self.refusal.hide()
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.addWidget(self.notice)
        inner.addStretch(1)
        self.area = PagedArea(content)
        self.status = label()
        self.back_button = button()
        self.refuse_button = button()
        self.save_button = button(primary=True)
        self.back_button.clicked.connect(self.back_was_requested)
        self.refuse_button.clicked.connect(self.refuse)
        self.save_button.clicked.connect(self._save)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.refuse_button)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 8, 32, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.accept_box)
        layout.addWidget(self.refusal)
        layout.addLayout(bottom)
        QWidget.setTabOrder(self.accept_box, self.save_button)
        QWidget.setTabOrder(self.save_button, self.back_button)
        QWidget.setTabOrder(self.back_button, self.refuse_button)
        self.saving = False
        self.retranslate()
        self._accepted(False)

    def retranslate(self) -> None:
        device = self.context.device
        institution = (
            device.institution_name if device and device.institution_name else self.tr("La municipalidad")
        )
        self.title.setText(self.tr("Protección de sus datos personales"))
        self.notice.setText(
            self.tr(
                "{0} es responsable de los datos que usted escribió. Los usará solo para atender esta "
                "solicitud y para comunicarse con usted sobre ella.\n\n"
                "Se guardan cifrados en el banco de datos de solicitudes y trámites de la institución. "
                "Solo los ve el personal que atiende su solicitud.\n\n"
                "Puede pedir en cualquier momento ver sus datos, corregirlos, cancelarlos u oponerse a su "
                "uso (derechos ARCO) en mesa de partes.\n\n"
                "Ley N.º 29733, Ley de Protección de Datos Personales, y su reglamento."
            ).format(institution)
        )
        self.notice.setAccessibleName(self.title.text())
        describe(self.accept_box, self.tr("He leído este aviso y acepto"), self.title.text())
        self.refusal.setText(
            self.tr(
                "Sin su aceptación no podemos registrar la solicitud en este quiosco, y no hemos guardado "
                "nada de lo que escribió. Puede presentarla en mesa de partes."
            )
        )
        describe(self.back_button, self.tr("◀ Atrás"), self.tr("Volver a la revisión"))
        describe(self.refuse_button, self.tr("No acepto"), self.tr("No acepto: terminar sin guardar"))
        self._describe_save()
        self.area.retranslate()

    def _describe_save(self) -> None:
        """What "Enviar" does, or, while it is disabled, what has to happen first."""
        describe(
            self.save_button,
            self.tr("Enviar mi solicitud"),
            self.tr("Guardar la solicitud y recibir el cargo")
            if self.accept_box.isChecked()
            else self.tr("Primero marque «He leído este aviso y acepto»."),
        )

    def _accepted(self, accepted: bool) -> None:
        self.save_button.setEnabled(accepted and not self.saving)
        self._describe_save()
        if accepted:
            self.refusal.hide()

    def refuse(self) -> None:
        """Say why nothing can be filed here without consent; a second touch ends the session."""
        if self.refusal.isVisible():
            self.refusal_did_end.emit()
            return
        self.accept_box.setChecked(False)
        self.refusal.show()
        describe(self.refuse_button, self.tr("Terminar"), self.tr("Terminar sin guardar y volver al inicio"))
        self.refuse_button.setFocus()

    def _save(self) -> None:
        if self.accept_box.isChecked() and not self.saving:
            self.save_was_requested.emit()

    def set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.status.setText(self.tr("Guardando su solicitud…") if saving else "")
        self.back_button.setEnabled(not saving)
        self.refuse_button.setEnabled(not saving)
        self.accept_box.setEnabled(not saving)
        self._accepted(self.accept_box.isChecked())

    def focus_first(self) -> None:
        self.accept_box.setFocus()

    def go_back(self) -> bool:
        if not self.saving:
            self.back_was_requested.emit()
        return True
