"""Showing a receipt on screen and sending it to a printer or a PDF file (also used for reprints)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.ops.api import ReceiptData
from desktop.ui.receipt import Layout, print_receipt, render_image, write_pdf


class ReceiptView(QWidget):
    """The receipt as it will print (80 mm layout), with print, preview and PDF buttons."""

    def __init__(self, data: ReceiptData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: ReceiptData | None = None
        self.last_pdf: Path | None = None
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName(self.tr("Vista del cargo de recepción"))
        scroll = QScrollArea()
        scroll.setWidget(self.image)
        scroll.setWidgetResizable(True)
        self.print_thermal_button = QPushButton(self.tr("Imprimir ticket (80 mm)"))
        self.print_a4_button = QPushButton(self.tr("Imprimir en A4"))
        self.preview_button = QPushButton(self.tr("Vista previa de impresión…"))
        self.pdf_button = QPushButton(self.tr("Guardar PDF…"))
        self.print_thermal_button.clicked.connect(lambda: self.print_with_dialog("thermal"))
        self.print_a4_button.clicked.connect(lambda: self.print_with_dialog("a4"))
        self.preview_button.clicked.connect(self.preview)
        self.pdf_button.clicked.connect(self.choose_pdf)
        buttons = QHBoxLayout()
        for button in (self.print_thermal_button, self.print_a4_button, self.preview_button, self.pdf_button):
            button.setAccessibleName(button.text().rstrip("…"))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(scroll, 1)
        if data is not None:
            self.set_receipt(data)

    def set_receipt(self, data: ReceiptData) -> None:
        self.data = data
        self.image.setPixmap(QPixmap.fromImage(render_image(data, "thermal", scale=1.25)))

    def print_with_dialog(self, layout: Layout) -> None:
        if self.data is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Imprimir cargo"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_receipt(self.data, printer, layout)

    def preview(self, layout: Layout = "a4") -> None:
        if self.data is None:
            return
        data = self.data
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("Vista previa del cargo"))
        dialog.paintRequested.connect(lambda target: print_receipt(data, target, layout))
        dialog.exec()

    def choose_pdf(self) -> None:
        if self.data is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Guardar cargo en PDF"), f"cargo-{self.data.tracking_code}.pdf", "PDF (*.pdf)"
        )
        if name:
            self.save_pdf(Path(name), "a4")

    def save_pdf(self, path: Path, layout: Layout = "a4") -> Path:
        if self.data is None:
            raise ValueError("no receipt to save")
        self.last_pdf = write_pdf(self.data, path, layout)
        return self.last_pdf


class ReceiptPreviewDialog(QDialog):
    """A window with one receipt, for reprints from the list."""

    def __init__(self, data: ReceiptData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cargo de recepción {0}").format(data.tracking_code))
        self.view = ReceiptView(data)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(close)
        self.resize(640, 800)
