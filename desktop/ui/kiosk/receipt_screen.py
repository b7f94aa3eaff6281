"""After saving: the cargo on screen (as printed, with its QR code) and the printed copy.

The cargo prints at once, in Spanish (it is the document the office reads); the screen repeats what
matters to the citizen in their language: the number, the due date, and what to do with the paper. If
the printer fails, the number is shown large with a request to write it down, and "Imprimir otra vez"
stays available.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop.i18n import source_language
from desktop.ops.api import SubmissionDetail
from desktop.ui.kiosk.context import KioskContext, KioskScreen
from desktop.ui.kiosk.printing import KioskPrinter, PrintResult
from desktop.ui.kiosk.service_text import date_text
from desktop.ui.kiosk.widgets import PagedArea, button, describe, label
from desktop.ui.receipt import render_image
from shared.i18n import pick


class ReceiptScreen(KioskScreen):
    finish_was_requested = Signal()
    print_did_finish = Signal(object)  # PrintResult

    def __init__(self, context: KioskContext, printer: KioskPrinter, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.printer = printer
        self.detail: SubmissionDetail | None = None
        self.last_print: PrintResult | None = None
        self.title = label("title")
        self.code_caption = label()
        self.code = label("big-code")
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.due = label()
        self.advice = label()
        self.print_status = label("warning")
        self.print_status.hide()
        self.image = label(wrap=False)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.paper = PagedArea(self.image)
        self.reprint_button = button()
        self.finish_button = button(primary=True)
        self.reprint_button.clicked.connect(self.print_now)
        self.finish_button.clicked.connect(self.finish_was_requested)
        facts = QVBoxLayout()
        facts.setSpacing(14)
        for widget in (self.title, self.code_caption, self.code, self.due, self.advice, self.print_status):
            facts.addWidget(widget)
        facts.addStretch(1)
        facts.addWidget(self.reprint_button)
        facts.addWidget(self.finish_button)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 12, 32, 12)
        layout.setSpacing(32)
        layout.addLayout(facts, 3)
        layout.addWidget(self.paper, 2)
        QWidget.setTabOrder(self.finish_button, self.reprint_button)
        self.retranslate()

    def show_detail(self, detail: SubmissionDetail) -> None:
        self.detail = detail
        with source_language():
            image = render_image(detail.receipt, "thermal", scale=max(1.0, self.context.theme.chrome_px / 17))
        self.image.setPixmap(QPixmap.fromImage(image))
        self.paper.setMaximumWidth(image.width() + self.paper.down_button.sizeHint().width() + 24)
        self.image.setAccessibleName(self.tr("Su cargo de recepción, como se imprime"))
        self.retranslate()
        if self.printer.enabled:
            QTimer.singleShot(0, self.print_now)  # the screen shows first, then the printer starts

    def print_now(self) -> None:
        if self.detail is None:
            return
        self.last_print = self.printer.print_receipt(self.detail.receipt)
        self._show_print_status()
        self.print_did_finish.emit(self.last_print)

    def _show_print_status(self) -> None:
        result = self.last_print
        if result is None:
            self.print_status.hide()
            return
        if result.ok:
            self.print_status.setText(self.tr("Retire su cargo impreso de la ranura de la impresora."))
        else:
            self.print_status.setText(
                self.tr(
                    "No se pudo imprimir el cargo. Anote su número de registro "
                    "o tome una foto de la pantalla."
                )
            )
        self.print_status.show()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Su solicitud fue registrada"))
        self.code_caption.setText(self.tr("Su número de registro es:"))
        detail = self.detail
        self.code.setText(detail.row.tracking_code if detail else "")
        self.code.setAccessibleName(
            self.tr("Número de registro: {0}").format(" ".join(detail.row.tracking_code)) if detail else ""
        )
        if detail is not None:
            service = pick(detail.service.title, self.lang)
            due = (
                self.tr("Trámite: {0}. Fecha límite de respuesta: {1}.").format(
                    service, date_text(detail.row.due_date)
                )
                if detail.row.due_date
                else self.tr("Trámite: {0}.").format(service)
            )
            self.due.setText(due)
        self.advice.setText(
            self.tr(
                "Guarde su cargo. Con el número de registro puede consultar su trámite en este quiosco "
                "o en mesa de partes."
            )
        )
        describe(self.reprint_button, self.tr("Imprimir otra vez"), self.tr("Imprimir el cargo otra vez"))
        describe(
            self.finish_button, self.tr("Terminar"), self.tr("Terminar y borrar mis datos de la pantalla")
        )
        self.reprint_button.setVisible(self.printer.enabled)
        self.paper.retranslate()
        self._show_print_status()

    def focus_first(self) -> None:
        self.finish_button.setFocus()
