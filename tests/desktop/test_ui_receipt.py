"""The cargo de recepción: every item the domain notes require, a QR code, 80 mm and A4 PDFs."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
import segno

from desktop.ops.api import ReceiptData
from desktop.ui.receipt import page_layout, qr_image, receipt_html, receipt_items, render_image, write_pdf
from desktop.ui.receipt_view import ReceiptPreviewDialog

LIMA = timezone(timedelta(hours=-5))


@pytest.fixture
def receipt() -> ReceiptData:
    return ReceiptData(
        institution_name="Municipalidad Distrital de San Jerónimo",
        office="Mesa de partes — Sede central",
        tracking_code="7K3Q-00042-M",
        filed_at=datetime(2026, 11, 21, 18, 40, tzinfo=LIMA),  # a Saturday evening
        official_date=date(2026, 11, 23),
        service_title="Acceso a la información pública",
        tupa_code="SG-01",
        calificacion="Evaluación previa, silencio administrativo negativo",
        plazo="10 días hábiles",
        due_date=date(2026, 12, 7),
        applicant_name="Rosa Quispe Mamani",
        applicant_id_type="DNI",
        applicant_id_number="45781236",
        applicant_contact="987 654 321",
        pages=4,
        attachments=("solicitud.pdf", "dni.jpg"),
        fee="Solo el costo de reproducción",
        payment_receipt="B001-000123",
        observations="",
        received_by="Ana Torres",
        data_protection_notice="Sus datos se tratan según la Ley 29733; derechos ARCO en mesa de partes.",
        pending_sync=True,
        integrity_code="3F9A-C2D1",
    )


def test_receipt_lists_every_required_item(receipt):
    items = dict(receipt_items(receipt))
    assert items["N.º de registro"] == "7K3Q-00042-M"
    assert items["Fecha y hora de presentación"] == "21/11/2026 18:40"
    assert items["Fecha oficial de presentación"].startswith("23/11/2026")
    assert items["Trámite"] == "Acceso a la información pública — TUPA SG-01"
    assert items["Calificación"].startswith("Evaluación previa")
    assert items["Plazo máximo"] == "10 días hábiles"
    assert items["Fecha de vencimiento"] == "07/12/2026"
    assert items["Solicitante"] == "Rosa Quispe Mamani"
    assert items["Documento"] == "DNI 45781236"
    assert items["Contacto para notificaciones"] == "987 654 321"
    assert items["Folios"] == "4"
    assert items["Documentos adjuntos"] == "solicitud.pdf; dni.jpg"
    assert items["Derecho de trámite"] == "Solo el costo de reproducción"
    assert items["Recibo de pago N.º"] == "B001-000123"
    assert items["Observaciones"] == "Sin observaciones"
    assert items["Recibido por"] == "Ana Torres"
    html = receipt_html(receipt)
    for text in ("San Jerónimo", "Mesa de partes", "Ley 29733", "pendiente de sincronización", "3F9A-C2D1"):
        assert text in html


def test_observations_carry_the_two_day_warning_and_in_hours_filing_has_no_official_date(receipt):
    observed = replace(
        receipt,
        observations="Falta: copia del DNI",
        filed_at=datetime(2026, 11, 23, 10, 0, tzinfo=LIMA),
        official_date=date(2026, 11, 23),
        payment_receipt=None,
        pending_sync=False,
    )
    items = dict(receipt_items(observed))
    assert items["Observaciones"].startswith("Falta: copia del DNI\n")
    assert "2 días hábiles" in items["Observaciones"]
    assert "no presentada" in items["Observaciones"]
    assert "Fecha oficial de presentación" not in items
    assert "Recibo de pago N.º" not in items
    assert "pendiente de sincronización" not in receipt_html(observed)


def test_qr_code_is_the_tracking_code(receipt):
    image = qr_image(receipt.tracking_code, scale=6)
    width, height = segno.make(receipt.tracking_code, error="m").symbol_size(scale=6, border=2)
    assert (image.width(), image.height()) == (width, height)
    assert image.pixelColor(0, 0).lightness() == 255  # quiet zone
    assert image.pixelColor(2 * 6, 2 * 6).lightness() == 0  # the finder pattern's corner


@pytest.mark.parametrize(
    ("layout", "width_pt", "height_pt"), [("thermal", 226.77, 841.89), ("a4", 595.0, 842.0)]
)
def test_pdf_is_written_with_the_page_size_of_the_layout(
    qapp, receipt, tmp_path, artifacts_dir, layout, width_pt, height_pt
):
    path = write_pdf(receipt, tmp_path / f"cargo-{layout}.pdf", layout)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert box is not None
    assert float(box.group(1)) == pytest.approx(width_pt, abs=1.5)
    assert float(box.group(2)) == pytest.approx(height_pt, abs=1.5)
    (artifacts_dir / f"receipt-{layout}.pdf").write_bytes(data)
    render_image(receipt, layout).save(str(artifacts_dir / f"receipt-{layout}.png"))


def test_thermal_layout_fits_an_80mm_roll():
    paint = page_layout("thermal").paintRectPoints()
    assert paint.width() <= 80 / 25.4 * 72


def test_preview_dialog_shows_the_receipt_and_saves_a_pdf(qtbot, receipt, tmp_path):
    dialog = ReceiptPreviewDialog(receipt)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "7K3Q-00042-M" in dialog.windowTitle()
    assert not dialog.view.image.pixmap().isNull()
    assert dialog.view.save_pdf(tmp_path / "reimpresion.pdf").read_bytes().startswith(b"%PDF")
