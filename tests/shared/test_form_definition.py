"""Loading service definitions: the schema, the semantic checks, and the JSON paths of problems."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from shared import errors
from shared.forms import DefinitionError, load_service, load_services
from tests.shared.form_samples import SAMPLE, field_named, sample


def problems_of(data) -> list[tuple[str, str]]:
    with pytest.raises(DefinitionError) as caught:
        load_service(data)
    return [(p.path, p.code) for p in caught.value.problems]


def test_sample_loads_into_typed_model():
    service = load_service(SAMPLE)
    assert service.key == ("prueba-completa", 3)
    assert service.fee.amount_in_soles() == Decimal("8.31")  # 5500 * 0.1511 % = 8.3105
    assert service.deadline.business_days == 10
    assert service.calificacion.silence == "negative"
    assert service.form.field("partida").path == "$.form.fields[15].fields[0]"
    assert service.form.repeat_of["testigo_edad"] == ("testigos",)
    assert service.form.applicant_field("id_number").name == "dni"
    assert service.is_translation_unverified("qu")
    assert not service.is_translation_unverified("en")


def test_missing_top_level_property_names_it():
    data = sample()
    del data["fee"]
    [(path, code)] = problems_of(data)
    assert (path, code) == ("$", errors.DEFINITION_SCHEMA)


def test_wrong_field_type_names_the_field_path():
    data = sample()
    field_named(data, "edad")["type"] = "numero"
    with pytest.raises(DefinitionError) as caught:
        load_service(data)
    problem = caught.value.problems[0]
    assert problem.path == "$.form.fields[5].type"
    assert "numero" in problem.message
    assert "$.form.fields[5].type" in problem.message


def test_fee_branch_error_points_inside_the_matching_branch():
    data = sample(fee={"kind": "fixed"})
    with pytest.raises(DefinitionError) as caught:
        load_service(data)
    assert caught.value.problems[0].path == "$.fee"
    assert "amount" in caught.value.problems[0].message


def test_select_without_choices_is_refused():
    data = sample()
    del field_named(data, "tipo_doc")["choices"]
    assert problems_of(data)[0][0] == "$.form.fields[0]"


def test_spanish_label_is_mandatory():
    data = sample()
    field_named(data, "nombres")["label"] = {"en": "Names"}
    assert problems_of(data) == [("$.form.fields[4].label", errors.DEFINITION_SCHEMA)]


def test_every_problem_is_reported_at_once():
    data = sample()
    field_named(data, "edad")["relevant"] = "${no_existe} > 1"
    field_named(data, "area")["constraint"] = ". >"
    field_named(data, "fecha")["name"] = "edad"
    found = problems_of(data)
    assert ("$.form.fields[5].relevant", errors.DEFINITION_UNKNOWN_REFERENCE) in found
    assert ("$.form.fields[6].constraint", errors.DEFINITION_BAD_EXPRESSION) in found
    assert ("$.form.fields[7].name", errors.DEFINITION_DUPLICATE_NAME) in found


def test_duplicate_name_inside_a_repeat_is_found():
    data = sample()
    field_named(data, "testigo_nombre")["name"] = "nombres"
    assert ("$.form.fields[16].fields[0].name", errors.DEFINITION_DUPLICATE_NAME) in problems_of(data)


def test_calculation_cycle_is_found():
    data = sample()
    field_named(data, "edad")["calculation"] = "${area} + 1"
    field_named(data, "area")["calculation"] = "${edad} * 2"
    found = problems_of(data)
    assert found[0][1] == errors.DEFINITION_CYCLE


def test_min_greater_than_max_is_refused():
    data = sample()
    field_named(data, "edad")["min"] = 200
    assert ("$.form.fields[5].min", errors.DEFINITION_SCHEMA) in problems_of(data)


def test_a_deadline_may_declare_one_extension_announced_within_its_term():
    assert load_service(SAMPLE).deadline.extendable  # 10 business days, notice within 2
    assert not load_service(
        sample(deadline={"kind": "business_days", "business_days": 10})
    ).deadline.extendable
    assert not load_service(sample(deadline={"kind": "same_day"})).deadline.extendable
    late = sample(deadline={"kind": "business_days", "business_days": 5, "notice_business_days": 5})
    assert problems_of(late) == [("$.deadline.notice_business_days", errors.DEFINITION_SCHEMA)]
    no_term = sample(deadline={"kind": "none", "notice_business_days": 2})
    assert problems_of(no_term)[0][0] == "$.deadline"


def test_repeated_choice_value_is_refused():
    data = sample()
    field_named(data, "documentos")["choices"].append({"value": "dni", "label": {"es": "Otra vez"}})
    assert ("$.form.fields[8].choices[3].value", errors.DEFINITION_SCHEMA) in problems_of(data)


def test_note_cannot_be_required():
    data = sample()
    field_named(data, "aviso")["required"] = True
    assert problems_of(data)[0][0] == "$.form.fields[14]"


def test_not_json_reports_line_and_column():
    with pytest.raises(DefinitionError) as caught:
        load_service('{"id": "x",\n  "title": }')
    assert caught.value.code == errors.DEFINITION_NOT_JSON
    assert "línea 2" in caught.value.message()


def test_load_services_names_the_bad_file(tmp_path: Path):
    (tmp_path / "bueno.json").write_text(json.dumps(SAMPLE), encoding="utf-8")
    bad = sample(id="malo")
    bad["deadline"] = {"kind": "business_days", "business_days": 0}
    (tmp_path / "malo.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_services(tmp_path)
    assert caught.value.problems[0].path.startswith("malo.json:$.deadline")


@pytest.mark.parametrize("cli", ["desktop.cli", "sync_server.cli"])
def test_catalog_check_prints_the_json_path(tmp_path: Path, cli: str):
    bad = sample()
    field_named(bad, "edad")["type"] = "numero"
    path = tmp_path / "malo.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    good = tmp_path / "bueno.json"
    good.write_text(json.dumps(SAMPLE), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", cli, "catalog", "check", str(good), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "$.form.fields[5].type" in result.stderr
    assert "válido (prueba-completa, versión 3)" in result.stdout
