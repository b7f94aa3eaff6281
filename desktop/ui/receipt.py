"""The cargo de recepción: ReceiptData laid out for an 80 mm thermal roll or an A4 page.

One HTML template per layout feeds a ``QTextDocument`` (the QR code of the tracking code, made with
segno, is an in-memory image resource), so the screen preview, the printer and the PDF show the same
thing. The list of items follows the domain notes ("What the receipt shows"), numbered there 1-11.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import Literal

import segno
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from desktop.ops.api import ReceiptData

Layout = Literal["thermal", "a4"]
THERMAL_WIDTH_MM, THERMAL_HEIGHT_MM = 80.0, 297.0
SCREEN_DPI = 96
QR_URL = "tambo-qr://tracking-code"
OBSERVATION_WARNING = QT_TRANSLATE_NOOP(
    "receipt",
    "Tiene 2 días hábiles para completar lo observado; mientras tanto, el plazo queda suspendido. "
    "Si no lo completa, la solicitud se tendrá por no presentada (Ley 27444, art. 136).",
)


def qr_image(text: str, scale: int = 6) -> QImage:
    """A QR code of ``text`` (medium error correction, so a worn thermal print still scans)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2)
    image = QImage()
    image.loadFromData(buffer.getvalue(), "PNG")
    return image


def _date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def _datetime(value: datetime) -> str:
    return value.strftime("%d/%m/%Y %H:%M")


def receipt_items(data: ReceiptData) -> list[tuple[str, str]]:
    """(label, text) pairs in receipt order; plain data shared by both layouts and the tests."""
    items = [
        (QCoreApplication.translate("receipt", "N.º de registro"), data.tracking_code),
        (QCoreApplication.translate("receipt", "Fecha y hora de presentación"), _datetime(data.filed_at)),
    ]
    if data.official_date != data.filed_at.date():
        items.append(
            (
                QCoreApplication.translate("receipt", "Fecha oficial de presentación"),
                _date(data.official_date)
                + " "
                + QCoreApplication.translate("receipt", "(fuera de horario o día no hábil)"),
            )
        )
    tupa = QCoreApplication.translate("receipt", "TUPA")
    service = data.service_title + (f" — {tupa} {data.tupa_code}" if data.tupa_code else "")
    items += [
        (QCoreApplication.translate("receipt", "Trámite"), service),
        (QCoreApplication.translate("receipt", "Calificación"), data.calificacion),
        (QCoreApplication.translate("receipt", "Plazo máximo"), data.plazo),
        (QCoreApplication.translate("receipt", "Fecha de vencimiento"), _date(data.due_date)),
        (QCoreApplication.translate("receipt", "Solicitante"), data.applicant_name),
        (
            QCoreApplication.translate("receipt", "Documento"),
            f"{data.applicant_id_type} {data.applicant_id_number}".strip(),
        ),
        (
            QCoreApplication.translate("receipt", "Contacto para notificaciones"),
            data.applicant_contact or "—",
        ),
        (QCoreApplication.translate("receipt", "Folios"), str(data.pages) if data.pages is not None else "—"),
        (
            QCoreApplication.translate("receipt", "Documentos adjuntos"),
            "; ".join(data.attachments) or QCoreApplication.translate("receipt", "Ninguno"),
        ),
        (QCoreApplication.translate("receipt", "Derecho de trámite"), data.fee),
    ]
    if data.payment_receipt:
        items.append((QCoreApplication.translate("receipt", "Recibo de pago N.º"), data.payment_receipt))
    observations = data.observations.strip()
    if observations:
        if "2 días hábiles" not in observations:
            observations += "\n" + QCoreApplication.translate("receipt", OBSERVATION_WARNING)
    else:
        observations = QCoreApplication.translate("receipt", "Sin observaciones")
    items += [
        (QCoreApplication.translate("receipt", "Observaciones"), observations),
        (QCoreApplication.translate("receipt", "Recibido por"), data.received_by),
    ]
    return items


def receipt_html(data: ReceiptData, layout: Layout = "thermal") -> str:
    """The receipt as HTML for ``QTextDocument`` (the QR is the resource :data:`QR_URL`)."""
    thermal = layout == "thermal"
    size = {"base": 8 if thermal else 10, "title": 11 if thermal else 15, "code": 13 if thermal else 18}
    qr = 110 if thermal else 130
    label_width = "38%" if thermal else "30%"
    rows = "".join(
        f"<tr><td valign='top' width='{label_width}' style='padding-right:6px'><b>{escape(label)}:</b></td>"
        f"<td>{escape(text).replace(chr(10), '<br>')}</td></tr>"
        for label, text in receipt_items(data)[1:]
    )
    pending = QCoreApplication.translate("receipt", "Registrado sin conexión: pendiente de sincronización.")
    heading = QCoreApplication.translate("receipt", "CARGO DE RECEPCIÓN")
    number = QCoreApplication.translate("receipt", "N.º de registro")
    integrity = QCoreApplication.translate("receipt", "Código de integridad")
    consult = QCoreApplication.translate(
        "receipt", "Consulte el estado de su trámite con su número de registro."
    )
    sync = f"<p><b>{escape(pending)}</b></p>" if data.pending_sync else ""
    return (
        f"<div style='font-size:{size['base']}pt'>"
        f"<p align='center' style='font-size:{size['title']}pt'><b>{escape(data.institution_name)}</b><br>"
        f"{escape(data.office)}</p>"
        f"<p align='center'><b>{escape(heading)}</b></p>"
        f"<p align='center'>{escape(number)}<br>"
        f"<span style='font-size:{size['code']}pt; font-family:monospace'>"
        f"<b>{escape(data.tracking_code)}</b></span><br>"
        f"<img src='{QR_URL}' width='{qr}' height='{qr}'></p>"
        f"<table cellspacing='0' cellpadding='1' width='100%'>{rows}</table>"
        f"{sync}"
        f"<p style='font-size:{size['base'] - 1}pt'>{escape(data.data_protection_notice)}</p>"
        f"<p style='font-size:{size['base'] - 1}pt'>{escape(integrity)}: "
        f"<span style='font-family:monospace'>{escape(data.integrity_code)}</span></p>"
        f"<p align='center'>{escape(consult)}</p>"
        "</div>"
    )


def receipt_document(data: ReceiptData, layout: Layout = "thermal") -> QTextDocument:
    document = QTextDocument()
    document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(QR_URL), qr_image(data.tracking_code))
    document.setDocumentMargin(4)
    document.setHtml(receipt_html(data, layout))
    return document


def page_layout(layout: Layout) -> QPageLayout:
    """80 mm roll (a long page the printer cuts) or A4, with margins a thermal head can reach."""
    if layout == "thermal":
        page = QPageSize(QSizeF(THERMAL_WIDTH_MM, THERMAL_HEIGHT_MM), QPageSize.Unit.Millimeter, "80mm")
        margins = QMarginsF(3, 3, 3, 3)
    else:
        page = QPageSize(QPageSize.PageSizeId.A4)
        margins = QMarginsF(20, 15, 20, 15)
    return QPageLayout(page, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def print_receipt(data: ReceiptData, printer: QPrinter, layout: Layout = "thermal") -> None:
    """Print through Qt's print support, to a real printer or to whatever ``printer`` is set to."""
    printer.setPageLayout(page_layout(layout))
    receipt_document(data, layout).print_(printer)


def write_pdf(data: ReceiptData, path: Path, layout: Layout = "a4") -> Path:
    """Write the receipt as a PDF file (QPrinter in PdfFormat); returns ``path``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(f"Cargo {data.tracking_code}")
    print_receipt(data, printer, layout)
    return path


def render_image(data: ReceiptData, layout: Layout = "thermal", scale: float = 2.0) -> QImage:
    """The first page as an image, laid out like the printout (for previews and screenshots)."""
    pages = page_layout(layout)
    paint = pages.paintRect(QPageLayout.Unit.Inch)
    full = pages.fullRect(QPageLayout.Unit.Inch)
    document = receipt_document(data, layout)
    document.setTextWidth(paint.width() * SCREEN_DPI)
    height_in = full.height() if layout == "a4" else document.size().height() / SCREEN_DPI + 0.5
    image = QImage(
        int(full.width() * SCREEN_DPI * scale),
        int(height_in * SCREEN_DPI * scale),
        QImage.Format.Format_RGB32,
    )
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(paint.left() * SCREEN_DPI, paint.top() * SCREEN_DPI)
    document.drawContents(painter)
    painter.end()
    return image
