"""Catalog management without programming: drafts edited field by field or as JSON, the preview that
validates like the devices, publishing an immutable new version that devices pull, import and export."""

from __future__ import annotations

import io
import json
import re

from shared.forms import demo_catalog_dir
from sync_server.ops.field_forms import from_form, parse_choices, to_form
from tests.sync_server.console.cases_support import pulled
from tests.sync_server.console.conftest import Console

SERVICE = "constancia-domiciliaria"


def _field_path(page: str, name: str) -> str:
    match = re.search(
        rf'id="field-([0-9.]+)">\s*<span><strong>[^<]*</strong> <span class="name">{name}<', page
    )
    assert match, f"no field {name} on the page"
    return match.group(1)


def test_an_admin_changes_a_form_and_publishes_version_2(console: Console) -> None:
    device = console.device()
    device.pull_all()
    admin = console.client("admin")
    assert admin.post(f"/web/catalog/{SERVICE}/edit").status_code == 302
    draft = admin.get(f"/web/catalog/{SERVICE}/draft").text
    assert "El borrador es válido" in draft
    added = admin.post(
        f"/web/catalog/{SERVICE}/fields/new",
        {
            "name": "edad",
            "type": "integer",
            "label_es": "Edad",
            "label_qu": "Watayki",
            "label_en": "Age",
            "required": "expr",
            "required_expr": "${finalidad} = 'trabajo'",
            "constraint": ". >= 18 and . <= 120",
            "constraint_message_es": "Debe ser mayor de edad.",
            "relevant": "${nada} = 1",
        },
    )
    assert added.status_code == 302
    page = admin.get(f"/web/catalog/{SERVICE}/draft").text
    assert "Problemas por resolver antes de publicar (1)" in page
    assert "nada" in page
    path = _field_path(page, "edad")
    refused = admin.post(f"/web/catalog/{SERVICE}/publish")
    assert refused.status_code == 422
    fixed = to_form(
        json.loads(admin.get(f"/web/catalog/{SERVICE}/draft.json").data)["form"]["fields"][int(path)]
    )
    fixed["relevant"] = "${finalidad} != 'banco'"
    assert admin.post(f"/web/catalog/{SERVICE}/fields/{path}", fixed).status_code == 302
    assert admin.post(f"/web/catalog/{SERVICE}/fields/{path}/move", {"step": "up"}).status_code == 302
    published = admin.post(f"/web/catalog/{SERVICE}/publish")
    assert published.status_code == 302
    assert "version=2" in published.headers["Location"]
    overview = admin.get("/web/catalog").text
    assert "Se publicó la versión 2" in admin.get(published.headers["Location"]).text
    assert "borrador" not in overview.split(SERVICE)[1].split("</tr>")[0]
    [change] = [c for c in pulled(device, "catalog") if c["service_id"] == SERVICE and c["form_version"] == 2]
    names = [f["name"] for f in change["definition"]["form"]["fields"]]
    assert "edad" in names
    assert names.index("edad") == int(path) - 1
    exported = json.loads(admin.get(f"/web/catalog/{SERVICE}/export.json").data)
    assert exported["form"]["version"] == 2
    assert json.loads(admin.get(f"/web/catalog/{SERVICE}/export.json?version=1").data)["form"]["version"] == 1


def test_a_new_service_with_choices_and_skip_logic_in_the_preview(console: Console) -> None:
    admin = console.client("admin")
    bad = admin.post(
        "/web/catalog/new", {"service_id": "Con Espacios", "title": "X", "unit": "registro-civil"}
    )
    assert bad.status_code == 422
    created = admin.post(
        "/web/catalog/new",
        {"service_id": "licencia-eventos", "title": "Licencia para eventos", "unit": "desarrollo-economico"},
    )
    assert created.status_code == 302
    taken = admin.post(
        "/web/catalog/new", {"service_id": "licencia-eventos", "title": "Y", "unit": "registro-civil"}
    )
    assert taken.status_code == 409
    admin.post(
        "/web/catalog/licencia-eventos/fields/new",
        {
            "name": "tipo_evento",
            "type": "select_one",
            "label_es": "Tipo de evento",
            "required": "yes",
            "appearance": "buttons",
            "choices": "fiesta | Fiesta patronal\nferia | Feria | Qhatu | Fair\notro | Otro",
        },
    )
    admin.post(
        "/web/catalog/licencia-eventos/fields/new",
        {
            "name": "detalle_otro",
            "type": "text",
            "label_es": "¿Qué evento?",
            "required": "yes",
            "relevant": "${tipo_evento} = 'otro'",
        },
    )
    preview = admin.get("/web/catalog/licencia-eventos/preview")
    assert preview.status_code == 200
    assert "Fiesta patronal" in preview.text
    tried = admin.post("/web/catalog/licencia-eventos/preview", {"tipo_evento": "feria", "dni": "123"})
    assert "problemas en las respuestas" in tried.text
    assert "DNI inválido" in tried.text
    assert "No se pregunta con las respuestas actuales" in tried.text  # detalle_otro is skipped
    other = admin.post(
        "/web/catalog/licencia-eventos/preview",
        {"tipo_evento": "otro", "dni": "12345678", "nombres": "Ana Quispe"},
    )
    assert "Este dato es obligatorio." in other.text  # now detalle_otro is asked, and required
    good = admin.post(
        "/web/catalog/licencia-eventos/preview",
        {"tipo_evento": "otro", "detalle_otro": "Aniversario", "dni": "12345678", "nombres": "Ana Quispe"},
    )
    assert "Las respuestas son válidas." in good.text
    assert admin.post("/web/catalog/licencia-eventos/publish").status_code == 302
    assert "licencia-eventos" in admin.get("/web/catalog").text


def test_the_service_information_form(console: Console) -> None:
    admin = console.client("admin")
    admin.post(f"/web/catalog/{SERVICE}/edit")
    info = {
        "title_es": "Constancia domiciliaria (nueva)",
        "title_en": "Certificate of residence",
        "unit": "registro-civil",
        "fee_kind": "fixed",
        "fee_amount": "12.50",
        "deadline_kind": "business_days",
        "deadline_days": "4",
        "calificacion_kind": "prior_evaluation",
        "silence": "positive",
        "audience": ["counter", "kiosk"],
        "requirements_es": "DNI vigente\nRecibo de luz",
    }
    assert admin.post(f"/web/catalog/{SERVICE}/info", info).status_code == 302
    definition = json.loads(admin.get(f"/web/catalog/{SERVICE}/draft.json").data)
    assert definition["fee"] == {"kind": "fixed", "amount": "12.50"}
    assert definition["deadline"] == {"kind": "business_days", "business_days": 4}
    assert definition["requirements"] == [{"es": "DNI vigente"}, {"es": "Recibo de luz"}]
    no_days = admin.post(f"/web/catalog/{SERVICE}/info", {**info, "deadline_days": "pronto"})
    assert no_days.status_code == 422
    assert 'value="Constancia domiciliaria (nueva)"' in no_days.text  # what was typed stays


def test_import_keeps_a_broken_definition_as_a_draft_and_refuses_to_publish_it(console: Console) -> None:
    admin = console.client("admin")
    not_json = admin.post(
        "/web/catalog/import",
        {"file": (io.BytesIO(b"{no es json"), "x.json")},
        content_type="multipart/form-data",
    )
    assert not_json.status_code == 422
    raw = json.loads((demo_catalog_dir() / "solicitud-general.json").read_text())
    raw["id"] = "solicitud-copia"
    raw["form"]["fields"][1]["relevant"] = "${no_existe} = 'x'"
    imported = admin.post(
        "/web/catalog/import",
        {"file": (io.BytesIO(json.dumps(raw).encode()), "copia.json")},
        content_type="multipart/form-data",
    )
    assert imported.status_code == 302
    page = admin.get("/web/catalog/solicitud-copia/draft").text
    assert "no_existe" in page
    assert admin.post("/web/catalog/solicitud-copia/publish").status_code == 422
    broken_text = admin.post("/web/catalog/solicitud-copia/json", {"json": '{"id": "solicitud-copia",'})
    assert broken_text.status_code == 422
    assert "{&#34;id&#34;: &#34;solicitud-copia&#34;," in broken_text.text  # the text typed is shown again
    raw["form"]["fields"][1].pop("relevant")
    assert admin.post("/web/catalog/solicitud-copia/json", {"json": json.dumps(raw)}).status_code == 302
    assert admin.post("/web/catalog/solicitud-copia/publish").status_code == 302
    assert admin.post("/web/catalog/solicitud-copia/discard").status_code == 302


def test_only_admins_edit_the_catalog(console: Console) -> None:
    assert console.client("rosa").post(f"/web/catalog/{SERVICE}/edit").status_code == 403
    assert console.client("auditor").get("/web/catalog").status_code == 403


def test_field_form_round_trip() -> None:
    field = {
        "name": "testigos",
        "type": "repeat",
        "label": {"es": "Testigos", "en": "Witnesses"},
        "min_repeat": 2,
        "max_repeat": 2,
        "fields": [{"name": "dni_testigo", "type": "dni", "label": {"es": "DNI"}}],
    }
    assert from_form(to_form(field), previous=field) == field
    choice_field = {
        "name": "color",
        "type": "select_one",
        "label": {"es": "Color"},
        "required": "${x} = 1",
        "choices": [{"value": "r", "label": {"es": "Rojo", "en": "Red"}}],
        "min": 1.5,
    }
    assert from_form(to_form(choice_field)) == choice_field
    assert parse_choices("a\n\nb | Be") == [
        {"value": "a", "label": {"es": "a"}},
        {"value": "b", "label": {"es": "Be"}},
    ]
