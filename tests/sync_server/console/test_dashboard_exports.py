"""The dashboard's numbers and charts, its CSVs, and the streamed CSV / XLSX exports of the inbox."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import openpyxl

from sync_server.ops.dashboard import build_dashboard
from sync_server.ops.exports import csv_cell, stream_csv
from sync_server.ops.xlsx import column_name, stream_xlsx
from sync_server.storage.users import get_user
from tests.sync_server.console.cases_support import file_cases, file_general
from tests.sync_server.console.conftest import INSTITUTION, Console
from tests.sync_server.console.seed import seed_cases, seed_device


def _survey(servicio: str, rating: str) -> dict:
    return {"servicio": servicio, "calificacion": rating, "atendido_en_su_idioma": True}


def test_the_dashboard_counts_what_happened(console: Console) -> None:
    db = console.server.db
    today = date.today()
    device = seed_device(db, INSTITUTION)
    rows = seed_cases(db, INSTITUTION, device, 40, first_day=today - timedelta(days=9))
    real = console.device()
    file_cases(
        real,
        _survey("solicitud-general", "5"),
        _survey("solicitud-general", "3"),
        _survey("constancia-domiciliaria", "4"),
        service_id="encuesta-satisfaccion",
    )
    with db.read() as conn:
        admin = get_user(conn, INSTITUTION, "admin")
        rosa = get_user(conn, INSTITUTION, "rosa")
    board = build_dashboard(console.server, admin, days=30, now=datetime.now(UTC))
    in_period = [r for r in rows if r["official_date"] <= today]
    assert board.total.received == len(in_period) + 3
    assert sum(n for _, n in board.per_day) == board.total.received
    assert board.total.closed == sum(1 for r in in_period if r["closed_at"] is not None)
    assert dict(board.ratings) == {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1}
    assert board.rating_average == 4.0
    assert ("Solicitud general (mesa de partes)", 4.0, 2) in board.ratings_by_service
    share = board.total.on_time_share
    assert share is not None
    assert 0 <= share <= 1
    mine = build_dashboard(console.server, rosa, days=30)
    assert mine.total.received == sum(1 for r in in_period if r["unit_code"] == "tramite-documentario")


def test_the_dashboard_page_draws_accessible_charts_and_offers_csv(console: Console) -> None:
    db = console.server.db
    seed_cases(db, INSTITUTION, seed_device(db, INSTITUTION), 12, first_day=date.today() - timedelta(days=3))
    client = console.client("admin")
    page = client.get("/web/dashboard?days=7")
    assert page.status_code == 200
    assert page.text.count('role="img"') == 3
    assert '<title id="chart-t' in page.text
    per_day = client.get("/web/dashboard/por-dia.csv?days=7")
    assert per_day.headers["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(per_day.data.decode("utf-8-sig"))))
    assert table[0] == ["fecha", "solicitudes"]
    assert len(table) == 8
    assert sum(int(n) for _, n in table[1:]) == 12
    assert client.get("/web/dashboard/nada.csv").status_code == 404


def test_csv_export_has_one_column_per_field_and_defuses_formulas(console: Console) -> None:
    device = console.device()
    file_general(device, 3, asunto='=HYPERLINK("http://x")')
    client = console.client("rosa")
    response = client.get("/web/export.csv?service=solicitud-general")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.is_streamed
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:])))
    header, body = table[0], table[1:]
    assert len(body) == 3
    assert {"codigo_seguimiento", "estado", "dni", "nombres", "asunto", "oficina_destino"} <= set(header)
    row = dict(zip(header, body[0], strict=True))
    assert row["asunto"].startswith("'=HYPERLINK")
    assert row["nombres"] == "Rosa"
    assert row["estado"] == "Recibido"
    assert row["tipo_documento"] == "DNI"  # the choice's label, not its code


def test_xlsx_export_flattens_repeats_and_opens_in_openpyxl(console: Console) -> None:
    device = console.device()
    file_general(device, 2)
    marriage = {
        "c1_dni": "12345678",
        "c1_nombres": "Ana",
        "c1_apellidos": "Quispe",
        "c1_domicilio": "Jr. Lima 1",
        "c1_fecha_certificado_medico": date.today().isoformat(),
        "c1_declaracion_solteria": True,
        "c2_dni": "87654321",
        "c2_nombres": "Luis",
        "c2_apellidos": "Mamani",
        "c2_domicilio": "Jr. Lima 1",
        "c2_fecha_certificado_medico": date.today().isoformat(),
        "c2_declaracion_solteria": True,
        "celular": "987654321",
        "testigos": [
            {"testigo_dni": "11111111", "testigo_nombres": "Carmen"},
            {"testigo_dni": "22222222", "testigo_nombres": "Raúl"},
        ],
        "fecha_matrimonio": (date.today() + timedelta(days=40)).isoformat(),
    }
    sealed = device.seal(marriage, service_id="matrimonio-civil")
    assert device.push([sealed.envelope]).json()["results"][0]["status"] in ("accepted", "rejected")
    response = console.client("admin").get("/web/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.data), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    header = rows[0]
    assert "testigos[1].testigo_dni" in header
    assert "testigos[2].testigo_nombres" in header
    assert header.index("testigos[1].testigo_nombres") == header.index("testigos[1].testigo_dni") + 1
    assert len(rows) - 1 == len([r for r in rows[1:] if r[0]])


def test_auditors_do_not_export_restricted_services(console: Console) -> None:
    device = console.device()
    demuna = {
        "denunciante_nombres": "Vecina",
        "parentesco": "familiar",
        "nna_nombres": "Niña Ejemplo",
        "nna_edad": 9,
        "nna_sexo": "f",
        "materia": ["alimentos"],
        "situacion": "Descripción reservada de la situación.",
        "urgencia": "media",
        "riesgo_inminente": False,
    }
    [case_id] = file_cases(device, demuna, service_id="demuna-caso")
    file_general(device)
    auditor = console.client("auditor").get("/web/export.csv").data.decode("utf-8")
    assert "Niña Ejemplo" not in auditor
    assert case_id not in auditor
    luis = console.client("luis").get("/web/export.csv?service=demuna-caso").data.decode("utf-8")
    assert "Niña Ejemplo" in luis
    page = console.client("auditor").get("/web/inbox").text
    assert case_id not in page


def test_the_writers_on_their_own() -> None:
    assert [column_name(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert csv_cell("-5") == "'-5"
    assert csv_cell(-5) == -5
    assert csv_cell("Rosa") == "Rosa"
    chunks = list(stream_csv(["a"], ([i] for i in range(1000)), flush_rows=100))
    assert len(chunks) > 5  # streamed in pieces, not built whole
    pieces = list(stream_xlsx(["a", "b"], ([i, "x" * 50] for i in range(20000)), flush_bytes=16384))
    assert len(pieces) > 5
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(pieces)), read_only=True).active
    assert sum(1 for _ in sheet.iter_rows()) == 20001


def test_exports_are_audited(console: Console) -> None:
    from sqlalchemy import select

    from sync_server.storage.schema import audit_log

    console.client("rosa").get("/web/export.csv?q=Mamani&status=received")
    with console.server.db.read() as conn:
        details = conn.execute(
            select(audit_log.c.details).where(audit_log.c.action == "console.export")
        ).scalar_one()
    assert '"search":true' in details
    assert "Mamani" not in details
    assert re.search(r'"status":"received"', details)


def test_weighted_median_and_business_days() -> None:
    from collections import Counter

    from shared.business_days import BusinessCalendar
    from sync_server.ops.dashboard import BusinessDays, weighted_median

    assert weighted_median(Counter()) is None
    assert weighted_median(Counter({3: 1})) == 3
    assert weighted_median(Counter({1: 2, 10: 2})) == 5.5
    assert weighted_median(Counter({1: 1, 2: 5, 9: 1})) == 2
    calendar = BusinessCalendar()
    counter = BusinessDays(calendar, date(2026, 7, 1), date(2026, 8, 31))
    for start, end in [
        (date(2026, 7, 24), date(2026, 8, 3)),
        (date(2026, 7, 1), date(2026, 7, 1)),
        (date(2026, 8, 20), date(2026, 9, 10)),
    ]:
        assert counter.between(start, end) == calendar.business_days_between(start, end)
