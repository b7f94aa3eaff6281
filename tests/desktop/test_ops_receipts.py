"""The receipt data: official date with cutoff and holidays, due dates in días hábiles, observations,
the Ley 29733 notice, the pending-sync flag and the integrity code; and a reprint that never drifts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from desktop.ops.applicant import applicant_of
from desktop.ops.receipts import due_date, integrity_code, observations_text, plazo_text
from desktop.store import outbox, settings
from shared.business_days import BusinessCalendar
from shared.forms import demo_catalog_dir, load_services
from tests.desktop.test_store_support import (
    backend,  # noqa: F401 - fixture
    institution,  # noqa: F401 - fixture
    save_complaint,
)

LIMA = timezone(timedelta(hours=-5))
SERVICES = {s.id: s for s in load_services(demo_catalog_dir())}
CALENDAR = BusinessCalendar()


def test_due_dates_follow_the_kind_of_plazo():
    monday_10 = datetime(2026, 11, 23, 10, 0, tzinfo=LIMA)
    acceso = SERVICES["acceso-informacion-publica"]  # 10 días hábiles
    assert due_date(acceso, CALENDAR, monday_10, observed=False) == date(2026, 12, 7)
    # + 2 días hábiles suspended: 8 and 9 December are holidays, so Thursday 10 and Friday 11
    assert due_date(acceso, CALENDAR, monday_10, observed=True) == date(2026, 12, 11)
    assert due_date(SERVICES["solicitud-general"], CALENDAR, monday_10, observed=False) == date(2026, 11, 23)
    assert due_date(SERVICES["matrimonio-civil"], CALENDAR, monday_10, observed=False) is None
    assert due_date(SERVICES["encuesta-satisfaccion"], CALENDAR, monday_10, observed=False) is None
    saturday_evening = datetime(2026, 11, 21, 18, 40, tzinfo=LIMA)
    assert due_date(SERVICES["solicitud-general"], CALENDAR, saturday_evening, observed=False) == date(
        2026, 11, 23
    )


def test_plazo_mentions_the_notice_period_when_the_law_gives_one():
    assert plazo_text(SERVICES["acceso-informacion-publica"]).startswith("10 días hábiles (")
    assert "2 días hábiles" in plazo_text(SERVICES["acceso-informacion-publica"])
    assert plazo_text(SERVICES["constancia-domiciliaria"]) == "3 días hábiles"


def test_observations_carry_the_two_day_warning_with_its_date():
    text = observations_text("Falta: copia del DNI", CALENDAR, date(2026, 11, 23))
    assert text.startswith("Falta: copia del DNI\n")
    assert "2 días hábiles (hasta el 25/11/2026)" in text
    assert "no presentada" in text
    assert observations_text("   ", CALENDAR, date(2026, 11, 23)) == ""


def test_integrity_code_is_a_readable_prefix_of_the_payload_hash():
    assert integrity_code("3f9ac2d17b04" + "0" * 52) == "3F9A-C2D1-7B04"


def test_applicant_from_the_id_type_chosen_the_name_and_the_contacts():
    form = SERVICES["solicitud-general"].form
    person = applicant_of(
        form,
        {
            "tipo_documento": "ce",
            "ce": "001234567",
            "nombres": "Ana",
            "apellidos": "Lindqvist",
            "correo": "ana@example.pe",
            "celular": "+51987654321",
        },
    )
    assert (person.name, person.id_type, person.id_number) == (
        "Ana Lindqvist",
        "Carné de extranjería",
        "001234567",
    )
    assert person.contact == "+51987654321 · ana@example.pe"
    company = applicant_of(form, {"tipo_documento": "ruc", "ruc": "20131312955", "razon_social": "Agro SAC"})
    assert (company.name, company.id_type, company.id_number) == ("Agro SAC", "RUC", "20131312955")
    passport = applicant_of(form, {"tipo_documento": "pasaporte", "pasaporte": "AB12345", "nombres": "Jo"})
    assert (passport.id_type, passport.id_number) == ("Pasaporte", "AB12345")
    wedding = applicant_of(
        SERVICES["matrimonio-civil"].form,
        {"c1_dni": "45781236", "c1_nombres": "Rosa", "c1_apellidos": "Quispe"},
    )
    assert (wedding.name, wedding.id_type) == ("Rosa Quispe", "DNI")


def test_a_saved_receipt_has_every_item(backend, institution):  # noqa: F811 - fixture
    # Saturday 21 Nov 2026, 18:40 in Lima: officially filed on Monday 23
    backend.clock = lambda: datetime(2026, 11, 21, 23, 40, tzinfo=UTC)
    detail = save_complaint(backend, observations="Falta: copia del DNI")
    receipt = detail.receipt
    assert receipt.institution_name == institution.name
    assert receipt.office == "Mesa de partes 1"
    assert receipt.filed_at.strftime("%d/%m/%Y %H:%M") == "21/11/2026 18:40"
    assert receipt.official_date == date(2026, 11, 23)
    assert receipt.service_title == "Libro de reclamaciones"
    assert receipt.calificacion == "No aplica"
    assert receipt.plazo == "30 días hábiles"
    assert receipt.due_date == CALENDAR.due_date(datetime(2026, 11, 21, 23, 40, tzinfo=UTC), 30, 2)
    assert (receipt.applicant_name, receipt.applicant_id_type, receipt.applicant_id_number) == (
        "Rosa Quispe Mamani",
        "DNI",
        "45781236",
    )
    assert receipt.applicant_contact == "+51987654321"
    assert receipt.fee == "Gratuito"
    assert receipt.payment_receipt is None
    assert "hasta el 25/11/2026" in receipt.observations
    assert receipt.received_by == "Ana Torres"
    assert "Ley 29733" in receipt.data_protection_notice
    assert institution.name in receipt.data_protection_notice
    assert receipt.pending_sync
    assert len(receipt.integrity_code) == 14


def test_a_reprint_shows_what_was_printed_even_after_the_calendar_changes(backend):  # noqa: F811 - fixture
    backend.clock = lambda: datetime(2026, 11, 23, 15, 0, tzinfo=UTC)
    detail = save_complaint(backend)
    backend.store.write(
        lambda db: settings.set_setting(
            db, settings.CALENDAR, {"non_working_days": ["2026-11-24", "2026-11-25"]}
        )
    )
    backend.store.write(lambda db: settings.set_setting(db, settings.DATA_PROTECTION_NOTICE, "Otro aviso."))
    reprint = backend.submission(detail.row.tracking_code).receipt
    assert reprint == detail.receipt
    backend.store.write(lambda db: outbox.mark_sent(db, detail.row.id, 7))
    assert not backend.submission(detail.row.tracking_code).receipt.pending_sync
    later = save_complaint(backend, "Beto", "40000009")
    assert later.receipt.data_protection_notice == "Otro aviso."
    assert later.receipt.due_date > detail.receipt.due_date  # two more institution days off


@pytest.mark.parametrize(
    ("utc", "official"),
    [
        (datetime(2026, 11, 24, 4, 59, tzinfo=UTC), date(2026, 11, 23)),  # Monday 23:59 in Lima
        (datetime(2026, 11, 24, 5, 0, tzinfo=UTC), date(2026, 11, 24)),  # Tuesday 00:00
        (datetime(2026, 12, 8, 15, 0, tzinfo=UTC), date(2026, 12, 10)),  # 8 and 9 December are holidays
    ],
)
def test_the_official_date_uses_the_cutoff_and_holidays(backend, utc, official):  # noqa: F811 - fixture
    backend.clock = lambda: utc
    assert save_complaint(backend).receipt.official_date == official
