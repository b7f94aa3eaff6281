"""Printing the cargo at the kiosk: straight to the kiosk's printer, with no dialog to answer.

``TAMBO_KIOSK_PRINTER`` names the printer (empty: the system default), ``none`` turns printing off
(the receipt is only shown), and ``pdf:FOLDER`` writes each cargo as a PDF there (demos, tests, a
kiosk whose printer is a shared network queue fed by files). The cargo is a legal document that the
office reads, so it is always printed in Spanish, whatever language the citizen chose on screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from desktop.i18n import source_language
from desktop.ops.api import ReceiptData
from desktop.ui.receipt import print_receipt, write_pdf


@dataclass(frozen=True, slots=True)
class PrintResult:
    ok: bool
    #: where it went (printer name or PDF path), or why it did not
    detail: str


class KioskPrinter:
    def __init__(self, target: str | None = None) -> None:
        self.target = (target or "").strip()

    @property
    def enabled(self) -> bool:
        return self.target.lower() != "none"

    def print_receipt(self, receipt: ReceiptData) -> PrintResult:
        """Print on the UI thread (QTextDocument painting belongs there); it only feeds the spooler."""
        if not self.enabled:
            return PrintResult(False, "disabled")
        with source_language():
            if self.target.lower().startswith("pdf:"):
                folder = Path(self.target[4:]).expanduser()
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"cargo-{receipt.tracking_code}.pdf"
                write_pdf(receipt, path, "thermal")
                return PrintResult(True, str(path))
            info = QPrinterInfo.printerInfo(self.target) if self.target else QPrinterInfo.defaultPrinter()
            if info.isNull():
                return PrintResult(
                    False,
                    QCoreApplication.translate("KioskPrinter", "No se encontró la impresora del quiosco."),
                )
            printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
            printer.setDocName(f"Cargo {receipt.tracking_code}")
            print_receipt(receipt, printer, "thermal")
            return PrintResult(True, info.printerName())
