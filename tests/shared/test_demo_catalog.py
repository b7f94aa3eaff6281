"""The demo catalog shipped in ``shared/demo_catalog``: every file must honour the published schema and
the rules the schema cannot express (ODK-style unique names, resolvable references, Quechua on the kiosk).

These definitions are what a fresh installation shows to clerks and citizens, so a broken one is a broken
first impression; the checks here are written from the domain rules, not from the files' contents.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG_DIR = ROOT / "shared" / "demo_catalog"
SCHEMA_PATH = ROOT / "shared" / "schemas" / "service.schema.json"
CATALOG_FILES = sorted(CATALOG_DIR.glob("*.json"))
KIOSK_FILES = [
    p for p in CATALOG_FILES if "kiosk" in json.loads(p.read_text(encoding="utf-8")).get("audience", [])
]
EXPRESSION_KEYS = ("relevant", "constraint", "calculation", "required")
TEXT_KEYS_OF_FIELD = ("label", "hint", "required_message", "constraint_message")
REFERENCE = re.compile(r"\$\{([^}]*)\}")
FUNCTION_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)\s*\(")
# The functions docs/forms.md promises; anything else may not evaluate on a device.
KNOWN_FUNCTIONS = {
    "if",
    "selected",
    "count-selected",
    "selected-at",
    "string-length",
    "concat",
    "contains",
    "starts-with",
    "ends-with",
    "substr",
    "substring-before",
    "substring-after",
    "normalize-space",
    "string",
    "number",
    "int",
    "boolean",
    "round",
    "floor",
    "ceiling",
    "abs",
    "min",
    "max",
    "sum",
    "count",
    "regex",
    "today",
    "now",
    "date",
    "format-date",
    "not",
    "true",
    "false",
    "coalesce",
}
OPERATOR_WORDS = {"and", "or", "div", "mod"}
# The procedures of the domain's "Demo procedures" table, by the ids other parts of Tambo use.
DEMO_PROCEDURES = {
    "solicitud-general",
    "acceso-informacion-publica",
    "constancia-domiciliaria",
    "licencia-funcionamiento",
    "parametros-urbanisticos",
    "matrimonio-civil",
    "libro-reclamaciones",
    "demuna-caso",
    "encuesta-satisfaccion",
}


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def walk_fields(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every field in document order, descending into groups and repeats."""
    for field in fields:
        yield field
        yield from walk_fields(field.get("fields", []))


def texts(service: dict[str, Any]) -> Iterator[tuple[str, dict[str, str]]]:
    """Every multilingual text of a definition, with a readable location for failure messages."""
    yield "title", service["title"]
    if "description" in service:
        yield "description", service["description"]
    yield "unit.name", service["unit"]["name"]
    for index, requirement in enumerate(service.get("requirements", [])):
        yield f"requirements[{index}]", requirement
    if "note" in service["fee"]:
        yield "fee.note", service["fee"]["note"]
    for field in walk_fields(service["form"]["fields"]):
        for key in TEXT_KEYS_OF_FIELD:
            if key in field:
                yield f"{field['name']}.{key}", field[key]
        for choice in field.get("choices", []):
            yield f"{field['name']}.choices[{choice['value']}]", choice["label"]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load(SCHEMA_PATH)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def catalog() -> dict[str, dict[str, Any]]:
    return {path.stem: load(path) for path in CATALOG_FILES}


def test_catalog_holds_every_demo_procedure():
    missing = DEMO_PROCEDURES - {p.stem for p in CATALOG_FILES}
    assert missing == set()


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
class TestEachDefinition:
    def test_is_valid_against_the_published_schema(self, path, validator):
        problems = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(load(path))]
        assert problems == []

    def test_is_pretty_printed_utf8_without_escapes(self, path):
        text = path.read_text(encoding="utf-8")
        assert "\\u" not in text
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"

    def test_id_equals_file_name(self, path):
        assert load(path)["id"] == path.stem

    def test_field_names_are_unique_across_the_whole_form(self, path):
        names = [f["name"] for f in walk_fields(load(path)["form"]["fields"])]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        assert duplicates == []

    def test_expressions_refer_to_fields_of_the_same_form(self, path):
        fields = list(walk_fields(load(path)["form"]["fields"]))
        names = {f["name"] for f in fields}
        unknown = [
            (field["name"], key, ref)
            for field in fields
            for key in EXPRESSION_KEYS
            if isinstance(field.get(key), str)
            for ref in REFERENCE.findall(field[key])
            if ref not in names
        ]
        assert unknown == []

    def test_expressions_use_only_known_functions(self, path):
        unknown = [
            (field["name"], key, function)
            for field in walk_fields(load(path)["form"]["fields"])
            for key in EXPRESSION_KEYS
            if isinstance(field.get(key), str)
            for function in FUNCTION_CALL.findall(field[key])
            if function not in KNOWN_FUNCTIONS | OPERATOR_WORDS
        ]
        assert unknown == []

    def test_every_constraint_explains_itself(self, path):
        silent = [
            f["name"]
            for f in walk_fields(load(path)["form"]["fields"])
            if "constraint" in f and {"es", "en"} - set(f.get("constraint_message", {}))
        ]
        assert silent == []

    def test_yes_no_answers_are_compared_with_true_or_false(self, path):
        """A yes/no answer is a boolean: comparing it with 'sí' or 'true' as text is silently never true."""
        fields = list(walk_fields(load(path)["form"]["fields"]))
        booleans = [f["name"] for f in fields if f["type"] == "yes_no"]
        as_text = [
            (field["name"], key)
            for field in fields
            for key in EXPRESSION_KEYS
            if isinstance(field.get(key), str)
            for target in [
                *(f"${{{name}}}" for name in booleans),
                *(["."] if field["type"] == "yes_no" else []),
            ]
            if re.search(re.escape(target) + r"\s*!?=\s*['\"0-9]", field[key])
        ]
        assert as_text == []

    def test_each_applicant_role_is_marked_at_most_once(self, path):
        roles = [f["applicant"] for f in walk_fields(load(path)["form"]["fields"]) if "applicant" in f]
        assert sorted({r for r in roles if roles.count(r) > 1}) == []

    def test_choice_values_are_unique_within_a_field(self, path):
        repeated = [
            f["name"]
            for f in walk_fields(load(path)["form"]["fields"])
            if len({c["value"] for c in f.get("choices", [])}) != len(f.get("choices", []))
        ]
        assert repeated == []

    def test_every_text_has_english(self, path):
        missing = [where for where, text in texts(load(path)) if not text.get("en")]
        assert missing == []

    def test_quechua_is_flagged_as_unverified(self, path):
        service = load(path)
        if any("qu" in text for _, text in texts(service)):
            assert "qu" in service.get("unverified_translations", [])


@pytest.mark.parametrize("path", KIOSK_FILES, ids=lambda p: p.stem)
def test_kiosk_services_speak_quechua(path):
    """Citizens use the kiosk alone, in their own language (Ley 29735); at the counter a clerk interprets."""
    service = load(path)
    assert "description" in service, "a kiosk tile needs a description the citizen can read"
    missing = [where for where, text in texts(service) if not text.get("qu")]
    assert missing == []


def test_ids_are_unique(catalog):
    ids = [service["id"] for service in catalog.values()]
    assert len(ids) == len(set(ids))


def test_kiosk_offers_the_core_citizen_services(catalog):
    kiosk = {sid for sid, s in catalog.items() if "kiosk" in s.get("audience", [])}
    assert {"solicitud-general", "acceso-informacion-publica", "libro-reclamaciones"} <= kiosk


def test_public_information_follows_ley_27806(catalog):
    service = catalog["acceso-informacion-publica"]
    assert service["deadline"] == {"kind": "business_days", "business_days": 10, "notice_business_days": 2}
    assert service["fee"]["kind"] == "reproduction_cost"
    assert service["calificacion"] == {"kind": "prior_evaluation", "silence": "negative"}


def test_public_information_requires_email_only_for_email_delivery(catalog):
    fields = {f["name"]: f for f in walk_fields(catalog["acceso-informacion-publica"]["form"]["fields"])}
    email = next(f for f in fields.values() if f["type"] == "email")
    formats = next(
        f
        for f in fields.values()
        if f["type"] == "select_one" and "correo" in {c["value"] for c in f.get("choices", [])}
    )
    assert isinstance(email["required"], str)
    assert f"${{{formats['name']}}}" in email["required"]


def test_complaints_book_follows_ds_007_2020_pcm(catalog):
    service = catalog["libro-reclamaciones"]
    assert service["deadline"] == {"kind": "business_days", "business_days": 30}
    assert service["fee"]["kind"] == "free"
    fields = list(walk_fields(service["form"]["fields"]))
    attachments = [f for f in fields if f["type"] == "attachment"]
    assert attachments
    assert all(f["max_size_mb"] <= 20 for f in attachments)
    assert any(f["type"] == "date" and f.get("constraint") == ". <= today()" for f in fields)


def test_demuna_case_is_restricted_and_the_child_data_sensitive(catalog):
    service = catalog["demuna-caso"]
    assert service["restricted"] is True
    assert "kiosk" not in service["audience"]
    groups = [
        f for f in walk_fields(service["form"]["fields"]) if f["type"] == "group" and f.get("sensitive")
    ]
    assert groups, "the child's data must sit in a sensitive group"
    for group in groups:
        assert all(f.get("sensitive") is True for f in walk_fields(group["fields"]))


def test_civil_marriage_has_exactly_two_witnesses(catalog):
    repeats = [f for f in walk_fields(catalog["matrimonio-civil"]["form"]["fields"]) if f["type"] == "repeat"]
    assert [(r["min_repeat"], r["max_repeat"]) for r in repeats] == [(2, 2)]


def test_survey_lists_every_other_service_by_its_title(catalog):
    survey = catalog["encuesta-satisfaccion"]
    question = next(
        f
        for f in survey["form"]["fields"]
        if f.get("choices") and {c["value"] for c in f["choices"]} & set(catalog)
    )
    offered = {c["value"]: c["label"] for c in question["choices"]}
    assert set(offered) == set(catalog) - {"encuesta-satisfaccion"}
    for sid, label in offered.items():
        title = catalog[sid]["title"]
        assert {lang: label[lang] for lang in title} == title, sid


def test_survey_rating_runs_from_one_to_five_as_tiles(catalog):
    ratings = [
        f for f in catalog["encuesta-satisfaccion"]["form"]["fields"] if f.get("appearance") == "tiles"
    ]
    assert len(ratings) == 1
    assert [c["value"] for c in ratings[0]["choices"]] == ["1", "2", "3", "4", "5"]


def test_general_request_counts_pages_and_is_forwarded_the_same_day(catalog):
    """The receipt shows the folios, and mesa de partes forwards each filing the same day (art. 143)."""
    service = catalog["solicitud-general"]
    assert service["form"].get("pages_field") is True
    assert service["deadline"] == {"kind": "same_day"}


def test_the_shared_loader_loads_the_whole_catalog():
    """The desktop app and the server read the catalog through this loader; it must accept every file."""
    from shared.forms.definition import demo_catalog_dir, load_services

    services = load_services(demo_catalog_dir())
    assert [s.id for s in services] == sorted(p.stem for p in CATALOG_FILES)


@pytest.mark.parametrize("path", CATALOG_FILES, ids=lambda p: p.stem)
def test_the_shared_loader_accepts_each_definition(path):
    """Per file, so a failure names the definition at fault."""
    from shared.forms.definition import load_service

    assert load_service(path).id == path.stem
