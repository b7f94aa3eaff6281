"""Definitions used by the form tests: one field of every type, skip logic, repeats, calculations."""

from __future__ import annotations

import copy
from typing import Any


def text(es: str) -> dict[str, str]:
    return {"es": es, "en": es}


SAMPLE: dict[str, Any] = {
    "schema_version": 1,
    "id": "prueba-completa",
    "title": {"es": "Trámite de prueba", "qu": "Prueba", "en": "Test procedure"},
    "description": text("Un trámite con un campo de cada tipo."),
    "audience": ["counter", "kiosk"],
    "unit": {"code": "tramite-documentario", "name": text("Trámite Documentario")},
    "requirements": [text("DNI"), text("Recibo de pago")],
    "fee": {"kind": "uit_percent", "percent": "0.1511"},
    "deadline": {"kind": "business_days", "business_days": 10, "notice_business_days": 2},
    "calificacion": {"kind": "prior_evaluation", "silence": "negative"},
    "unverified_translations": ["qu"],
    "form": {
        "version": 3,
        "pages_field": True,
        "fields": [
            {
                "name": "tipo_doc",
                "type": "select_one",
                "label": text("Tipo de documento"),
                "required": True,
                "applicant": "id_type",
                "choices": [
                    {"value": "dni", "label": text("DNI")},
                    {"value": "ce", "label": text("Carné")},
                    {"value": "ruc", "label": text("RUC")},
                ],
            },
            {
                "name": "dni",
                "type": "dni",
                "label": text("DNI"),
                "required": True,
                "applicant": "id_number",
                "relevant": "${tipo_doc} = 'dni'",
            },
            {
                "name": "ce",
                "type": "ce",
                "label": text("Carné"),
                "required": True,
                "relevant": "${tipo_doc} = 'ce'",
            },
            {
                "name": "ruc",
                "type": "ruc",
                "label": text("RUC"),
                "required": True,
                "relevant": "${tipo_doc} = 'ruc'",
            },
            {
                "name": "nombres",
                "type": "text",
                "label": text("Nombres"),
                "required": True,
                "applicant": "name",
                "max_length": 60,
            },
            {
                "name": "edad",
                "type": "integer",
                "label": text("Edad"),
                "min": 0,
                "max": 120,
                "constraint": ". >= 18",
                "constraint_message": {"es": "Debe ser mayor de edad.", "en": "Must be an adult."},
            },
            {"name": "area", "type": "decimal", "label": text("Área (m²)")},
            {"name": "fecha", "type": "date", "label": text("Fecha del hecho"), "constraint": ". <= today()"},
            {
                "name": "documentos",
                "type": "select_multiple",
                "label": text("Documentos"),
                "choices": [
                    {"value": "dni", "label": text("DNI")},
                    {"value": "recibo", "label": text("Recibo")},
                    {"value": "plano", "label": text("Plano")},
                ],
            },
            {
                "name": "acepta",
                "type": "yes_no",
                "label": text("Acepta"),
                "required": True,
                "constraint": ". = true()",
            },
            {"name": "correo", "type": "email", "label": text("Correo"), "applicant": "email"},
            {
                "name": "celular",
                "type": "phone",
                "label": text("Celular"),
                "applicant": "phone",
                "required": "${correo} = ''",
            },
            {"name": "distrito", "type": "ubigeo", "label": text("Distrito"), "level": "district"},
            {"name": "detalle", "type": "long_text", "label": text("Detalle"), "min_length": 5},
            {"name": "aviso", "type": "note", "label": text("Lea con atención.")},
            {
                "name": "datos_extra",
                "type": "group",
                "label": text("Datos adicionales"),
                "relevant": "selected(${documentos}, 'plano')",
                "fields": [
                    {
                        "name": "partida",
                        "type": "text",
                        "label": text("Partida registral"),
                        "required": True,
                        "constraint": "regex(., '^[0-9]{8}$')",
                    },
                ],
            },
            {
                "name": "testigos",
                "type": "repeat",
                "label": text("Testigos"),
                "min_repeat": 0,
                "max_repeat": 3,
                "fields": [
                    {
                        "name": "testigo_nombre",
                        "type": "text",
                        "label": text("Nombre del testigo"),
                        "required": True,
                    },
                    {
                        "name": "testigo_edad",
                        "type": "integer",
                        "label": text("Edad del testigo"),
                        "constraint": ". >= 18",
                    },
                    {
                        "name": "testigo_mayor",
                        "type": "yes_no",
                        "label": text("¿Mayor?"),
                        "calculation": "${testigo_edad} >= 18",
                    },
                ],
            },
            {
                "name": "total_testigos",
                "type": "integer",
                "label": text("Total"),
                "calculation": "count(${testigo_nombre})",
            },
            {
                "name": "adjuntos",
                "type": "attachment",
                "label": text("Adjuntos"),
                "accept": ["application/pdf", "image/jpeg"],
                "max_size_mb": 1,
                "max_files": 2,
            },
        ],
    },
}


def sample(**changes: Any) -> dict[str, Any]:
    """A deep copy of SAMPLE, with top-level keys replaced."""
    data = copy.deepcopy(SAMPLE)
    data.update(changes)
    return data


def field_named(data: dict[str, Any], name: str) -> dict[str, Any]:
    def walk(fields: list[dict[str, Any]]):
        for f in fields:
            yield f
            yield from walk(f.get("fields", []))

    return next(f for f in walk(data["form"]["fields"]) if f["name"] == name)


VALID_DNI = "12345678"  # the 8 digits alone carry no check character, so any 8 digits are a valid DNI
PDF = {"sha256": "a" * 64, "size": 1000, "media_type": "application/pdf", "name": "solicitud.pdf"}


def good_answers() -> dict[str, Any]:
    return {
        "tipo_doc": "dni",
        "dni": VALID_DNI,
        "nombres": "  Rosa   Mamani Quispe ",
        "edad": "34",
        "area": "12,5",
        "fecha": "2026-01-15",
        "documentos": ["dni", "recibo"],
        "acepta": True,
        "celular": "987 654 321",
        "distrito": "210101",
        "detalle": "Solicito copia del acta.",
        "testigos": [{"testigo_nombre": "Juan", "testigo_edad": 40}],
        "adjuntos": [PDF],
    }
